import { authorize } from "@/lib/http/authorize";
import { guarded, issuesMessage, NO_STORE, problem } from "@/lib/http/route";
import { readFindings } from "@/lib/read/findings";
import { snapshotStore } from "@/lib/read/snapshot-to-show";
import { parseFindingsQuery } from "@/lib/snapshot/findings-query";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * GET /api/findings: one page of findings, `{ items, total, nextCursor, snapshots }`.
 * Reads the newest readable snapshot of every account, or `snapshot=<id>` (`demo`: the demo account;
 * nothing stored at all: the demo account too). Filters (comma lists, "any of"; different parameters
 * must all hold): `status` (default fail,warn,error), `severity`, `service`, `account`, `region`,
 * `control`, `tag` (a key, or `key:value`), `q` (case-insensitive for ASCII letters, over names,
 * ARNs, control ids and titles, reasons). `sort`: severity (default), status, control, resource,
 * region, account or firstSeen, `-` before it to reverse. `limit` 1–500 (default 50); `cursor`: the
 * previous page's `nextCursor`. Unknown or repeated parameters and bad values are answered 400 naming
 * the parameter; a cursor issued before a newer scan changed what is read, 409. An `X-Safekeep-Notice`
 * header says when unreadable records were passed over.
 */
export const GET = guarded("GET /api/findings", async (request: Request) => {
  const auth = await authorize(request, "viewer");
  if ("refused" in auth) return auth.refused;
  const parsed = parseFindingsQuery(new URL(request.url).searchParams);
  if (!parsed.ok) return problem(400, issuesMessage(parsed.issues, "query"));
  const answer = await readFindings(snapshotStore(), parsed.request);
  if (!answer.ok) return problem(answer.status, answer.message);
  const { page, snapshots, notice } = answer;
  return Response.json(
    { items: page.items, total: page.total, nextCursor: page.nextCursor, snapshots },
    { headers: { ...NO_STORE, ...(notice ? { "X-Safekeep-Notice": notice } : {}) } },
  );
});
