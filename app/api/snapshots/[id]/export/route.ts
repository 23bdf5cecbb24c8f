import { guarded, issuesMessage, problem } from "@/lib/http/route";
import { exportSnapshot } from "@/lib/report/export";
import { exportQuerySchema, paperForLanguages } from "@/lib/report/export-request";
import { mutesInForce } from "@/lib/read/mutes";
import { findSnapshot, previousSnapshot, skippedNotice, snapshotStore } from "@/lib/read/snapshot-to-show";
import { snapshotParamSchema } from "@/lib/snapshot/params";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * GET /api/snapshots/{id|latest}/export?format=pdf|csv|json|ocsf&scope=&service=&control=&status=&q=&paper=a4|letter
 * A PDF without `paper` is printed on the paper of the viewer's locale (Accept-Language).
 */
export const GET = guarded(
  "GET /api/snapshots/[id]/export",
  async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
    const { id } = await params;
    if (!snapshotParamSchema.safeParse({ snapshot: id }).success) {
      return problem(400, "Snapshot id must be 1-64 letters, digits or dashes.");
    }
    const query = exportQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!query.success) return problem(400, issuesMessage(query.error.issues, "query"));
    const now = new Date();
    const lookup = await findSnapshot(id, now);
    if (!lookup.found && lookup.reason === "missing") return problem(404, `No snapshot with id ${id}.`);
    if (!lookup.found) return problem(500, `Snapshot ${id} is stored but could not be read; the server log says why.`);
    const { snapshot } = lookup;
    const notice = skippedNotice(lookup.skipped);
    const store = snapshotStore();
    const pdf = query.data.format === "pdf";
    const file = await exportSnapshot(
      snapshot,
      { ...query.data, paper: query.data.paper ?? paperForLanguages(request.headers.get("accept-language")) },
      await previousSnapshot(snapshot, store),
      await mutesInForce(store, now),
      // The score trend: the account's stored snapshots (scoreTrend keeps this source's, up to this one).
      pdf ? (await store.list()).filter((s) => s.accountId === snapshot.account.id) : undefined,
    );
    return new Response(typeof file.body === "string" ? file.body : new Uint8Array(file.body), {
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": `attachment; filename="${file.fileName}"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
        ...(notice ? { "X-Safekeep-Notice": notice } : {}),
      },
    });
  },
);
