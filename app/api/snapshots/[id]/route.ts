import { authorize } from "@/lib/http/authorize";
import { guarded, problem } from "@/lib/http/route";
import { findSnapshot, skippedNotice } from "@/lib/read/snapshot-to-show";
import { snapshotParamSchema } from "@/lib/snapshot/params";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * The whole snapshot as `schemaVersion: 1` JSON; `latest` names the newest readable one (an
 * `X-Safekeep-Notice` header says when newer ones could not be read).
 */
export const GET = guarded(
  "GET /api/snapshots/[id]",
  async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
    const auth = await authorize(request, "viewer");
    if ("refused" in auth) return auth.refused;
    const { id } = await params;
    const parsed = snapshotParamSchema.safeParse({ snapshot: id });
    if (!parsed.success) return problem(400, "Snapshot id must be 1-64 letters, digits or dashes.");
    const lookup = await findSnapshot(id);
    if (!lookup.found && lookup.reason === "missing") return problem(404, `No snapshot with id ${id}.`);
    if (!lookup.found) return problem(500, `Snapshot ${id} is stored but could not be read; the server log says why.`);
    const { snapshot } = lookup;
    const notice = skippedNotice(lookup.skipped);
    return new Response(JSON.stringify(snapshot, null, 2), {
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="safekeep-${snapshot.id}.json"`,
        "Cache-Control": "no-store",
        ...(notice ? { "X-Safekeep-Notice": notice } : {}),
      },
    });
  },
);
