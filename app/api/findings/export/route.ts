import { authorize } from "@/lib/http/authorize";
import { guarded, NO_STORE, problem } from "@/lib/http/route";
import { snapshotStore } from "@/lib/read/snapshot-to-show";
import { exportFindingsView } from "@/lib/read/findings-export";
import { answerResponse, renderExport } from "@/lib/read/render-exports";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * GET /api/findings/export?format=csv|json|pdf&<the query of GET /api/findings without limit and cursor>:
 * exactly the findings view (same filters, same order, same snapshots) as a file
 * `safekeep-findings-<yyyymmdd-hhmm>.<format>`. CSV and JSON hold every matching row, streamed a page
 * at a time; the PDF the first 500 and says so. 400 names the parameter at fault (`limit` and
 * `cursor` included: an export is the whole view); 404/500 as GET /api/findings. The rules, and what
 * happens when a newer scan changes the scope mid-stream: lib/report/findings-export.ts (the file)
 * and lib/read/findings-export.ts (the reading).
 */
export const GET = guarded("GET /api/findings/export", async (request: Request) => {
  const auth = await authorize(request, "viewer");
  if ("refused" in auth) return auth.refused;
  const params = new URL(request.url).searchParams;
  // The PDF is laid out in the export worker pool (503 when it is full); CSV and JSON stream from here.
  if (params.get("format") === "pdf") {
    return answerResponse(
      await renderExport({ kind: "findings", params: params.toString(), now: new Date().toISOString() }),
    );
  }
  const answer = await exportFindingsView(snapshotStore(), params);
  if (!answer.ok) return problem(answer.status, answer.message);
  const body = Buffer.isBuffer(answer.body) ? new Uint8Array(answer.body) : answer.body;
  return new Response(body, { headers: { ...NO_STORE, ...answer.headers } });
});
