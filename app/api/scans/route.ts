import { authorize } from "@/lib/http/authorize";
import { guarded, NO_STORE, problem, readJsonBody } from "@/lib/http/route";
import { scanDetail } from "@/lib/read/audit";
import { crossSiteProblem, scanRequestSchema } from "@/lib/scan/request";
import { ScanBusyError } from "@/lib/scan/runner";
import { scanRunner } from "@/lib/scan/server-runner";
import { authorized, recordChange } from "../authorized";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const MAX_BODY_BYTES = 4096;

/** Starts a scan: 202 with its id, 409 while another runs, 400/403/413/415 for bad requests. */
export const POST = guarded("POST /api/scans", async (request: Request) => {
  const auth = await authorized(request, "operator", "scan.start");
  if ("refused" in auth) return auth.refused;
  const body = await readJsonBody(request, scanRequestSchema, MAX_BODY_BYTES, crossSiteProblem);
  if ("refused" in body) return body.refused;
  try {
    const id = scanRunner().start(body.data);
    await recordChange(request, auth.identity, "scan.start", { target: id, detail: scanDetail(body.data) });
    return Response.json({ id, status: `/api/scans/${id}` }, { status: 202, headers: NO_STORE });
  } catch (error) {
    if (error instanceof ScanBusyError) return problem(409, error.message, { running: error.runningId });
    throw error;
  }
});

/** The current (or last) scan's status, if any. */
export const GET = guarded("GET /api/scans", async (request: Request) => {
  const auth = await authorize(request, "viewer");
  if ("refused" in auth) return auth.refused;
  const status = scanRunner().status();
  if (!status) return problem(404, "No scan has run since the server started.");
  return Response.json(status, { headers: NO_STORE });
});
