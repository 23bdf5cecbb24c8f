import { authorize } from "@/lib/http/authorize";
import { guarded, issuesMessage, problem } from "@/lib/http/route";
import { exportQuerySchema, paperForLanguages } from "@/lib/report/export-request";
import { answerResponse, snapshotExport } from "@/lib/read/render-exports";
import { snapshotParamSchema } from "@/lib/snapshot/params";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * GET /api/snapshots/{id|latest}/export?format=pdf|csv|json|ocsf&scope=&service=&control=&status=&q=&paper=a4|letter
 * A PDF without `paper` is printed on the paper of the viewer's locale (Accept-Language).
 */
export const GET = guarded(
  "GET /api/snapshots/[id]/export",
  async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
    const auth = await authorize(request, "viewer");
    if ("refused" in auth) return auth.refused;
    const { id } = await params;
    if (!snapshotParamSchema.safeParse({ snapshot: id }).success) {
      return problem(400, "Snapshot id must be 1-64 letters, digits or dashes.");
    }
    const query = exportQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!query.success) return problem(400, issuesMessage(query.error.issues, "query"));
    const paper = query.data.paper ?? paperForLanguages(request.headers.get("accept-language"));
    // A PDF, or a large CSV/JSON/OCSF file, is made in the export worker pool (503 when it is full).
    return answerResponse(await snapshotExport(id, { ...query.data, paper }, new Date()));
  },
);
