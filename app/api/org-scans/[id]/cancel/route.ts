import { crossSiteRefusal, guarded, NO_STORE, problem } from "@/lib/http/route";
import { authorized, recordChange } from "../../../authorized";
import { organizationScans } from "@/lib/queue/organization-scans";
import { crossSiteProblem, isOrgScanId } from "@/lib/scan/request";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Cancels an organization scan: accounts already stored stay, no other account starts. */
export const POST = guarded(
  "POST /api/org-scans/[id]/cancel",
  async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
    const auth = await authorized(request, "operator", "org-scan.cancel");
    if ("refused" in auth) return auth.refused;
    const refused = crossSiteRefusal(request, crossSiteProblem);
    if (refused) return refused;
    const { id } = await params;
    if (!isOrgScanId(id)) return problem(400, "Malformed organization scan id.");
    let found;
    try {
      found = await organizationScans().cancel(id);
    } catch {
      return problem(503, "The scan queue is not answering; the scan could not be cancelled now.");
    }
    if (!found) return problem(404, `No organization scan with id ${id}.`);
    await recordChange(request, auth.identity, "org-scan.cancel", { target: id });
    return Response.json({ id, cancelled: true }, { status: 202, headers: NO_STORE });
  },
);
