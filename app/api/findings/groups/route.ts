import { authorize } from "@/lib/http/authorize";
import { guarded, issuesMessage, NO_STORE, problem } from "@/lib/http/route";
import { readFindingGroups } from "@/lib/read/findings";
import { snapshotStore } from "@/lib/read/snapshot-to-show";
import { parseFindingGroupsQuery } from "@/lib/snapshot/findings-groups";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * GET /api/findings/groups?by=…: the findings that GET /api/findings's filters match, counted per
 * group, `{ groups: [{ key, label, count, worst, fail, warn, error, muted? }], total, more?, snapshots }`.
 * `by` is control, resource (keyed by ARN, labelled by name), region, account, service, severity,
 * owner (the value of the `SAFEKEEP_OWNER_TAG` tag) or `tag:<key>` (the value of that tag); resources
 * without the tag are one group whose key is null. Groups come worst severity first, then by count,
 * then by key; at most 200, with `more: true` when others were left out. `total` counts the matching
 * rows in all groups. The filters, the scope (`snapshot=`) and their 400/404 answers are those of
 * GET /api/findings; `sort`, `limit` and `cursor` do not apply and are refused.
 */
export const GET = guarded("GET /api/findings/groups", async (request: Request) => {
  const auth = await authorize(request, "viewer");
  if ("refused" in auth) return auth.refused;
  const parsed = parseFindingGroupsQuery(new URL(request.url).searchParams);
  if (!parsed.ok) return problem(400, issuesMessage(parsed.issues, "query"));
  const answer = await readFindingGroups(snapshotStore(), parsed.request, parsed.by);
  if (!answer.ok) return problem(answer.status, answer.message);
  const { groups, snapshots, notice } = answer;
  return Response.json(
    { groups: groups.groups, total: groups.total, ...(groups.more ? { more: true } : {}), snapshots },
    { headers: { ...NO_STORE, ...(notice ? { "X-Safekeep-Notice": notice } : {}) } },
  );
});
