import Link from "next/link";
import { SeverityBadge } from "@/components/posture/severity-badge";
import { withParams } from "@/lib/findings-url";
import type { FindingGroup, FindingGroups, GroupBy } from "@/lib/snapshot/findings-groups";
import { NO_OWNER } from "@/lib/snapshot/findings-query";

/** `q` is at most this long (the findings query's limit): a longer ARN is searched by its end. */
const MAX_Q = 200;

/** What the grouping is called in headings. */
export function groupingName(by: GroupBy, ownerKey: string): string {
  if (by.kind === "tag") return `tag ${by.tagKey}`;
  if (by.kind === "owner") return `owner (tag ${ownerKey})`;
  return by.kind === "region" ? "Region" : by.kind;
}

/**
 * The findings view narrowed to one group: the same address (filters, order, snapshot) with the
 * group's filter set and `group` and `cursor` removed. Undefined when no filter says exactly that
 * alongside the filters already set: rows without a tag other than the owner's have no filter, and a
 * tag or search already set would be replaced, not narrowed (`tag=` and `q=` each take one "any of"
 * list). Narrowing an "any of" list to one of its values is exact, so those filters are replaced.
 */
export function groupHref(
  params: URLSearchParams,
  by: GroupBy,
  group: Pick<FindingGroup, "key">,
  ownerKey: string,
): string | undefined {
  const base = { group: undefined, cursor: undefined };
  const key = group.key;
  const has = (name: string) => (params.get(name) ?? "") !== "";
  const tagKey = by.kind === "owner" ? ownerKey : by.kind === "tag" ? by.tagKey : undefined;
  if (tagKey !== undefined) {
    if (tagKey === ownerKey) {
      if (key === null) return withParams(params, { ...base, owner: NO_OWNER });
      // `owner=` cannot name an empty value (empty means "not given") nor "-" (no owner): the tag filter can.
      if (key !== "" && key !== NO_OWNER) return withParams(params, { ...base, owner: key });
    }
    if (key === null || has("tag")) return undefined;
    return withParams(params, { ...base, tag: `${tagKey}:${key}` });
  }
  if (key === null) return undefined;
  switch (by.kind) {
    case "resource":
      // The search finds the ARN as a substring; the end of a long ARN still names the resource.
      return has("q") ? undefined : withParams(params, { ...base, q: key.length > MAX_Q ? key.slice(-MAX_Q) : key });
    case "control":
    case "region":
    case "account":
    case "service":
    case "severity":
      return withParams(params, { ...base, [by.kind]: key });
    default:
      return undefined;
  }
}

/**
 * The findings of the view counted per group (GET /api/findings/groups answers the same), worst
 * severity first; each group links to the rows it counts. Shown instead of the rows while grouped.
 */
export function GroupList(props: { groups: FindingGroups; by: GroupBy; params: URLSearchParams; ownerKey: string }) {
  const { groups, by, params, ownerKey } = props;
  const { total } = groups;
  const n = groups.groups.length;
  return (
    <section aria-labelledby="finding-groups">
      <h2 id="finding-groups" className="mb-2 text-sm text-slate-700">
        {total.toLocaleString("en-US")} finding{total === 1 ? "" : "s"} in{" "}
        {groups.more ? `more than ${n}` : n.toLocaleString("en-US")} group{n === 1 && !groups.more ? "" : "s"} by{" "}
        {groupingName(by, ownerKey)}
        {groups.more ? ` · the first ${n} shown, worst first: narrow the filters to see the rest` : ""}
        {" · "}
        <Link className="text-blue-700 hover:underline" href={withParams(params, { group: undefined })}>
          List the findings
        </Link>
      </h2>
      {n === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-5 text-sm text-slate-700">
          Nothing matches these filters.
        </p>
      ) : (
        <div
          className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white"
          tabIndex={0}
          aria-label="Groups table (scrolls sideways on small screens)"
        >
          <table
            className="w-full min-w-[40rem] text-left text-sm"
            aria-label={`Findings by ${groupingName(by, ownerKey)}`}
          >
            <thead className="bg-slate-50 text-xs uppercase text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2">
                  Group
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  Findings
                </th>
                <th scope="col" className="px-3 py-2">
                  Worst
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  Fail
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  Warning
                </th>
                <th scope="col" className="px-3 py-2 text-right" title="Could not be judged">
                  Error
                </th>
              </tr>
            </thead>
            <tbody>
              {groups.groups.map((g) => {
                const href = groupHref(params, by, g, ownerKey);
                return (
                  <tr
                    key={g.key ?? "\u0000none"}
                    data-group={g.key ?? ""}
                    className="border-t border-slate-100 align-top"
                  >
                    <th scope="row" className="max-w-md px-3 py-2 text-left font-normal">
                      {href ? (
                        <Link className="font-medium break-words text-blue-700 hover:underline" href={href}>
                          {g.label}
                        </Link>
                      ) : (
                        <span
                          className="font-medium break-words"
                          title="No filter shows exactly this group together with the filters set"
                        >
                          {g.label}
                        </span>
                      )}
                      {g.key !== null && g.key !== g.label && (
                        <div className="font-mono text-xs break-all text-slate-600">{g.key}</div>
                      )}
                    </th>
                    <td className="px-3 py-2 text-right tabular-nums">
                      {g.count.toLocaleString("en-US")}
                      {g.muted ? (
                        <div className="text-xs text-slate-600">{g.muted.toLocaleString("en-US")} muted</div>
                      ) : null}
                    </td>
                    <td className="px-3 py-2">
                      <SeverityBadge severity={g.worst} />
                    </td>
                    <td className="px-3 py-2 text-right tabular-nums">{g.fail.toLocaleString("en-US")}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{g.warn.toLocaleString("en-US")}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{g.error.toLocaleString("en-US")}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
