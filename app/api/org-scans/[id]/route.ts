import { authorize } from "@/lib/http/authorize";
import { guarded, NO_STORE, problem } from "@/lib/http/route";
import { organizationScans } from "@/lib/queue/organization-scans";
import { isOrgScanId } from "@/lib/scan/request";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** An organization scan's state and each account's progress (queued / running / done / failed / skipped). */
export const GET = guarded(
  "GET /api/org-scans/[id]",
  async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
    const auth = await authorize(request, "viewer");
    if ("refused" in auth) return auth.refused;
    const { id } = await params;
    if (!isOrgScanId(id)) return problem(400, "Malformed organization scan id.");
    const scans = organizationScans();
    let status;
    try {
      status = await scans.status(id);
    } catch {
      return problem(503, "The scan queue is not answering; the scan's progress cannot be read now.");
    }
    if (!status) return problem(404, `No organization scan with id ${id}.`);
    return Response.json(status, { headers: NO_STORE });
  },
);
