import { guarded, issuesMessage, NO_STORE, problem, readTextWithin } from "@/lib/http/route";
import { crossSiteProblem, scanRequestSchema } from "@/lib/scan/request";
import { ScanBusyError } from "@/lib/scan/runner";
import { scanRunner } from "@/lib/scan/server-runner";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const MAX_BODY_BYTES = 4096;

/** Starts a scan: 202 with its id, 409 while another runs, 400/403/413/415 for bad requests. */
export const POST = guarded("POST /api/scans", async (request: Request) => {
  const refused = crossSiteProblem(request);
  if (refused) return problem(refused.startsWith("Send") ? 415 : 403, refused);
  const text = await readTextWithin(request, MAX_BODY_BYTES);
  if (text === undefined) return problem(413, "Request body too large.");
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    return problem(400, "Request body is not valid JSON.");
  }
  const parsed = scanRequestSchema.safeParse(body);
  if (!parsed.success) return problem(400, issuesMessage(parsed.error.issues, "body"));
  try {
    const id = scanRunner().start(parsed.data);
    return Response.json({ id, status: `/api/scans/${id}` }, { status: 202, headers: NO_STORE });
  } catch (error) {
    if (error instanceof ScanBusyError) return problem(409, error.message, { running: error.runningId });
    throw error;
  }
});

/** The current (or last) scan's status, if any. */
export const GET = guarded("GET /api/scans", () => {
  const status = scanRunner().status();
  if (!status) return problem(404, "No scan has run since the server started.");
  return Response.json(status, { headers: NO_STORE });
});
