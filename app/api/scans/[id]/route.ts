import { authorize } from "@/lib/http/authorize";
import { guarded, NO_STORE, problem } from "@/lib/http/route";
import { isScanId } from "@/lib/scan/request";
import { scanRunner } from "@/lib/scan/server-runner";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = guarded(
  "GET /api/scans/[id]",
  async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
    const auth = await authorize(request, "viewer");
    if ("refused" in auth) return auth.refused;
    const { id } = await params;
    if (!isScanId(id)) return problem(400, "Malformed scan id.");
    const status = scanRunner().status(id);
    if (!status) return problem(404, `No scan with id ${id}.`);
    return Response.json(status, { headers: NO_STORE });
  },
);
