import { guarded, NO_STORE, problem, readJsonBody } from "@/lib/http/route";
import { orgScanDetail } from "@/lib/read/audit";
import { organizationScans } from "@/lib/queue/organization-scans";
import { OrganizationScanBusyError } from "@/lib/scan/org-runner";
import { crossSiteProblem, organizationScanRequestSchema } from "@/lib/scan/request";
import { authorized, recordChange } from "../authorized";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const MAX_BODY_BYTES = 32_768;

/**
 * Starts a scan of several accounts: `{ org: true }` (every ACTIVE account of the caller's
 * Organization) or `{ accounts: [...] }`, with optional `regions` and `services`. 202 with its id;
 * 409 while another runs (embedded mode); 503 when team mode's queue does not answer.
 */
export const POST = guarded("POST /api/org-scans", async (request: Request) => {
  const auth = await authorized(request, "operator", "org-scan.start");
  if ("refused" in auth) return auth.refused;
  const body = await readJsonBody(request, organizationScanRequestSchema, MAX_BODY_BYTES, crossSiteProblem);
  if ("refused" in body) return body.refused;
  const { org, accounts, regions, services } = body.data;
  const scans = organizationScans();
  try {
    const id = await scans.start({ selection: org ? { org: true } : { accounts: accounts! }, regions, services });
    await recordChange(request, auth.identity, "org-scan.start", { target: id, detail: orgScanDetail(body.data) });
    return Response.json({ id, status: `/api/org-scans/${id}`, mode: scans.mode }, { status: 202, headers: NO_STORE });
  } catch (error) {
    if (error instanceof OrganizationScanBusyError) return problem(409, error.message, { running: error.runningId });
    if (scans.mode === "team") return problem(503, "The scan queue is not answering; try again once it is back.");
    throw error;
  }
});
