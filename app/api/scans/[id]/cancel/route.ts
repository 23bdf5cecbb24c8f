import { crossSiteRefusal, guarded, NO_STORE, problem } from "@/lib/http/route";
import { crossSiteProblem, isScanId } from "@/lib/scan/request";
import { scanRunner } from "@/lib/scan/server-runner";
import { authorized, recordChange } from "../../../authorized";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * Cancels the running scan: no step starts and no AWS call is sent any more, the running steps end
 * with the calls in flight, and the scan ends as `cancelled` with nothing stored (lib/scan/runner.ts). 202 while it winds down; 404 for an unknown
 * scan; 409 once it no longer collects (finished, failed, cancelled, or storing its snapshot).
 */
export const POST = guarded(
  "POST /api/scans/[id]/cancel",
  async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
    const auth = await authorized(request, "operator", "scan.cancel");
    if ("refused" in auth) return auth.refused;
    const refused = crossSiteRefusal(request, crossSiteProblem);
    if (refused) return refused;
    const { id } = await params;
    if (!isScanId(id)) return problem(400, "Malformed scan id.");
    const runner = scanRunner();
    const outcome = runner.cancel(id);
    if (outcome === "unknown") return problem(404, `No scan with id ${id}.`);
    if (outcome === "ended") {
      const state = runner.status(id)?.state;
      return problem(
        409,
        state === "running"
          ? "The scan has finished collecting and is storing its snapshot; it can no longer be cancelled."
          : `The scan has already ended (${state}).`,
        { state },
      );
    }
    if (outcome === "cancelling") await recordChange(request, auth.identity, "scan.cancel", { target: id });
    return Response.json({ id, cancelling: true }, { status: 202, headers: NO_STORE });
  },
);
