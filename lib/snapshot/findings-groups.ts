/**
 * Findings grouped: the same filters as the findings query (findings-query.ts), the matching rows
 * counted per control, resource, Region, account, service, severity, tag value or owner. One model for
 * GET /api/findings/groups, for both stores (which answer it with one GROUP BY, findings-sql.ts) and for
 * the in-memory answer (the demo account, stores without an index), which is the reference the store
 * contract holds both stores to.
 *
 * Rules (the same everywhere):
 * - Every matching row is in exactly one group. A resource is keyed by its ARN and labelled by its
 *   name. A tag group is keyed by the tag's value; rows whose resource lacks the tag form one group
 *   keyed `null`. A resource with two values for one key (AWS forbids it; a damaged record may not)
 *   is counted under the least value, byte by byte, so counts still add up to the total.
 * - Order: the worst severity in the group first, then the larger count, then the key byte by byte
 *   (the `null` group after keyed groups that tie with it). At most `MAX_GROUPS` groups; `more` says
 *   when some were left out.
 * - `worst` is the most severe of the group's matching rows; `fail`, `warn` and `error` count them by
 *   status; `muted` (only when some are) counts the rows a mute in force covers.
 */
import { z } from "zod";
import { SEVERITIES, SEVERITY_LABELS, type Severity } from "@/lib/controls/types";
import { SERVICE_NAMES, type ServiceId } from "@/lib/inventory/common";
import {
  compareText,
  DEFAULT_OWNER_TAG,
  matches,
  parseFindingsQuery,
  SEVERITY_RANK,
  type FindingRow,
  type FindingsRequest,
  type FindingsStoreQuery,
} from "./findings-query";
import { muteFor } from "./mute";

/** Groups answered at most: beyond that a list is no longer a summary. */
export const MAX_GROUPS = 200;

export const GROUP_KINDS = ["control", "resource", "region", "account", "service", "severity", "owner"] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];
/** What rows are grouped by: one of `GROUP_KINDS`, or the value of one tag. */
export type GroupBy = { kind: GroupKind } | { kind: "tag"; tagKey: string };

export interface FindingGroup {
  /** What the group is: a control id, ARN, Region, account id, service id, severity or tag value; null: rows without the tag. */
  key: string | null;
  label: string;
  count: number;
  worst: Severity;
  fail: number;
  warn: number;
  error: number;
  /** Rows covered by a mute in force; present only when some are. */
  muted?: number;
}

export interface FindingGroups {
  groups: FindingGroup[];
  /** Rows matching the filters, in all groups (shown or not). */
  total: number;
  /** True when more than `MAX_GROUPS` groups matched (only the first ones are given). */
  more: boolean;
}

/** What a group query reads: the snapshots, the filters and the mutes in force (no order, no page). */
export type FindingsGroupQuery = Pick<FindingsStoreQuery, "snapshotIds" | "filters" | "mutes">;

/**
 * One group as a store counts it, before labels: `key` is the group's value as the store holds it
 * (a severity as its rank; a tag as its `key:value` pair), `label` the least name or title seen.
 */
export interface GroupCount {
  key: string | number | null;
  label: string | null;
  count: number;
  worstRank: number;
  fail: number;
  warn: number;
  error: number;
  muted: number;
}

/** The tag key a grouping reads (owner: the configured key), or undefined when it reads no tag. */
export function groupTagKey(by: GroupBy, ownerKey: string | undefined): string | undefined {
  if (by.kind === "tag") return by.tagKey;
  if (by.kind === "owner") return ownerKey ?? DEFAULT_OWNER_TAG;
  return undefined;
}

/** A row's group key and label candidate, as a store would read them (see `GroupCount`). */
function rowGroup(row: FindingRow, by: GroupBy, tagKey: string | undefined): Pick<GroupCount, "key" | "label"> {
  switch (by.kind) {
    case "control":
      return { key: row.controlId, label: row.controlTitle };
    case "resource":
      return { key: row.resourceArn, label: row.resourceName };
    case "region":
      return { key: row.region, label: null };
    case "account":
      return { key: row.accountId, label: row.accountName };
    case "service":
      return { key: row.service, label: null };
    case "severity":
      return { key: SEVERITY_RANK[row.severity], label: null };
    default: {
      const pairs = row.tags.filter((t) => t.key === tagKey).map((t) => `${t.key}:${t.value}`);
      return {
        key: pairs.reduce<string | null>((a, b) => (a === null || compareText(b, a) < 0 ? b : a), null),
        label: null,
      };
    }
  }
}

/** Store order of counted groups (the SQL's ORDER BY): worst first, larger count, then key with null last. */
export function compareGroupCounts(a: GroupCount, b: GroupCount): number {
  if (a.worstRank !== b.worstRank) return a.worstRank - b.worstRank;
  if (a.count !== b.count) return b.count - a.count;
  if (a.key === null || b.key === null) return (a.key === null ? 1 : 0) - (b.key === null ? 1 : 0);
  if (typeof a.key === "number" && typeof b.key === "number") return a.key - b.key;
  return compareText(String(a.key), String(b.key));
}

/**
 * The groups of rows in memory: the reference answer, and the answer for snapshots that are not
 * stored (the demo account) or stores without an index.
 */
export function groupRowsInMemory(rows: readonly FindingRow[], query: FindingsGroupQuery, by: GroupBy): FindingGroups {
  const scope = new Set(query.snapshotIds);
  const tagKey = groupTagKey(by, query.filters.ownerKey);
  const counted = new Map<string | number | null, GroupCount>();
  let total = 0;
  for (const row of rows) {
    if (!scope.has(row.snapshotId) || !matches(row, query.filters, query.mutes)) continue;
    total++;
    const { key, label } = rowGroup(row, by, tagKey);
    let group = counted.get(key);
    if (!group) {
      group = { key, label: null, count: 0, worstRank: SEVERITIES.length, fail: 0, warn: 0, error: 0, muted: 0 };
      counted.set(key, group);
    }
    group.count++;
    group.worstRank = Math.min(group.worstRank, SEVERITY_RANK[row.severity]);
    if (row.status === "fail" || row.status === "warn" || row.status === "error") group[row.status]++;
    if (muteFor(row, query.mutes)) group.muted++;
    // The least label, as SQL's MIN over the group gives it (nulls ignored).
    if (label !== null && (group.label === null || compareText(label, group.label) < 0)) group.label = label;
  }
  const ordered = [...counted.values()].sort(compareGroupCounts);
  return finishGroups(by, ordered.slice(0, MAX_GROUPS + 1), total, query.filters.ownerKey);
}

/**
 * A store's counted groups made the answer: `counted` holds up to `MAX_GROUPS + 1` groups in order
 * (one more than shown tells whether more follow); keys and labels are given their public form.
 */
export function finishGroups(
  by: GroupBy,
  counted: readonly GroupCount[],
  total: number,
  ownerKey: string | undefined,
): FindingGroups {
  const tagKey = groupTagKey(by, ownerKey);
  const groups = counted.slice(0, MAX_GROUPS).map((g): FindingGroup => {
    const { key, label } = publicKey(by, g, tagKey);
    return {
      key,
      label,
      count: g.count,
      worst: SEVERITIES[g.worstRank]!,
      fail: g.fail,
      warn: g.warn,
      error: g.error,
      ...(g.muted > 0 ? { muted: g.muted } : {}),
    };
  });
  return { groups, total, more: counted.length > MAX_GROUPS };
}

function publicKey(by: GroupBy, g: GroupCount, tagKey: string | undefined): { key: string | null; label: string } {
  switch (by.kind) {
    case "severity": {
      const severity = SEVERITIES[Number(g.key)]!;
      return { key: severity, label: SEVERITY_LABELS[severity] };
    }
    case "service":
      return { key: String(g.key), label: SERVICE_NAMES[g.key as ServiceId] ?? String(g.key) };
    case "control":
    case "resource":
    case "account":
      return { key: String(g.key), label: g.label ?? String(g.key) };
    case "region":
      return { key: String(g.key), label: String(g.key) };
    default: {
      if (g.key === null) return { key: null, label: `(no ${tagKey} tag)` };
      const value = String(g.key).slice(`${tagKey}:`.length);
      return { key: value, label: value === "" ? "(empty value)" : value };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The API's query string

/** An AWS tag key: 1 to 128 characters, none of them control characters. */
export const tagKeySchema = z
  .string()
  .min(1, "must name a tag key")
  .max(128, "a tag key is at most 128 characters")
  .regex(/^[^\u0000-\u001f\u007f]*$/, "must not hold control characters");

const BY_MESSAGE = `must be one of ${GROUP_KINDS.join(", ")} or tag:<key>`;

export type GroupByParse = { ok: true; by: GroupBy } | { ok: false; message: string };

/** `by=`: a grouping kind, or `tag:<key>` (the key exact: everything after the first ":"). */
export function parseGroupBy(text: string | null): GroupByParse {
  if (text === null || text === "") return { ok: false, message: `required; ${BY_MESSAGE}` };
  if ((GROUP_KINDS as readonly string[]).includes(text)) return { ok: true, by: { kind: text as GroupKind } };
  if (!text.startsWith("tag:")) return { ok: false, message: BY_MESSAGE };
  const key = tagKeySchema.safeParse(text.slice("tag:".length));
  if (!key.success) return { ok: false, message: `tag:<key>: ${key.error.issues[0]!.message}` };
  return { ok: true, by: { kind: "tag", tagKey: key.data } };
}

/** Parameters of the findings query that mean nothing for groups (order and page). */
const NOT_FOR_GROUPS = ["sort", "limit", "cursor"] as const;

export type FindingGroupsRequestParse =
  | { ok: true; by: GroupBy; request: FindingsRequest }
  | { ok: false; issues: { path: PropertyKey[]; message: string }[] };

/**
 * The query string of GET /api/findings/groups: `by`, and the filters of GET /api/findings checked by
 * the same parser (so the two never disagree on what a filter means). Order and paging parameters are
 * refused rather than ignored: a client that sends them expects something groups do not do.
 */
export function parseFindingGroupsQuery(params: URLSearchParams): FindingGroupsRequestParse {
  if (params.getAll("by").length > 1)
    return { ok: false, issues: [{ path: ["by"], message: "given more than once; give one grouping" }] };
  const by = parseGroupBy(params.get("by"));
  if (!by.ok) return { ok: false, issues: [{ path: ["by"], message: by.message }] };
  for (const key of NOT_FOR_GROUPS)
    if (params.getAll(key).some((v) => v !== ""))
      return {
        ok: false,
        issues: [{ path: [key], message: "does not apply to groups (ordered by worst severity, then count)" }],
      };
  const rest = new URLSearchParams(params);
  rest.delete("by");
  const parsed = parseFindingsQuery(rest);
  if (!parsed.ok) return parsed;
  return { ok: true, by: by.by, request: parsed.request };
}
