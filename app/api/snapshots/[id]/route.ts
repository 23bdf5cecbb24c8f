import { guarded, problem } from "@/lib/http/route";
import { getSnapshot } from "@/lib/snapshot/get-snapshot";
import { snapshotParamSchema } from "@/lib/snapshot/params";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The whole snapshot as `schemaVersion: 1` JSON; `latest` names the newest one. */
export const GET = guarded(
  "GET /api/snapshots/[id]",
  async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
    const { id } = await params;
    const parsed = snapshotParamSchema.safeParse({ snapshot: id });
    if (!parsed.success) return problem(400, "Snapshot id must be 1-64 letters, digits or dashes.");
    const snapshot = await getSnapshot(id === "latest" ? undefined : id);
    if (!snapshot) return problem(404, `No snapshot with id ${id}.`);
    return new Response(JSON.stringify(snapshot, null, 2), {
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="safekeep-${snapshot.id}.json"`,
        "Cache-Control": "no-store",
      },
    });
  },
);
