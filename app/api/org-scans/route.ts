import { guarded, issuesMessage, NO_STORE, problem, readTextWithin } from "@/lib/http/route";
import { organizationScans } from "@/lib/queue/organization-scans";
import { OrganizationScanBusyError } from "@/lib/scan/org-runner";
import { crossSiteProblem, organizationScanRequestSchema } from "@/lib/scan/request";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const MAX_BODY_BYTES = 32_768;

/**
 * Starts a scan of several accounts: `{ org: true }` (every ACTIVE account of the caller's
 * Organization) or `{ accounts: [...] }`, with optional `regions` and `services`. 202 with its id;
 * 409 while another runs (embedded mode); 503 when team mode's queue does not answer.
 */
export const POST = guarded("POST /api/org-scans", async (request: Request) => {
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
  const parsed = organizationScanRequestSchema.safeParse(body);
  if (!parsed.success) return problem(400, issuesMessage(parsed.error.issues, "body"));
  const { org, accounts, regions, services } = parsed.data;
  const scans = organizationScans();
  try {
    const id = await scans.start({ selection: org ? { org: true } : { accounts: accounts! }, regions, services });
    return Response.json({ id, status: `/api/org-scans/${id}`, mode: scans.mode }, { status: 202, headers: NO_STORE });
  } catch (error) {
    if (error instanceof OrganizationScanBusyError) return problem(409, error.message, { running: error.runningId });
    if (scans.mode === "team") return problem(503, "The scan queue is not answering; try again once it is back.");
    throw error;
  }
});
