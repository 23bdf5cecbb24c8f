/**
 * The findings query: which results of which snapshots, in what order, one page at a time. One model
 * for the API's query string, for both stores (which answer it from their index tables, see
 * findings-sql.ts) and for the in-memory answer used for the demo account and for stores without an
 * index. The in-memory answer is the reference: the store contract checks each store against it.
 *
 * Rules (the same everywhere):
 * - Filters: a comma list within one parameter is "any of"; different parameters must all hold.
 *   Statuses default to fail, warn and error (the findings a team works).
 * - `tag=K` matches a result with a tag whose key is K, or whose `key:value` is K. AWS tag keys and
 *   values may both contain ":" (`aws:cloudformation:stack-name`), so no split rule would be right;
 *   matching the whole pair avoids choosing one. Tags cannot contain "," in the services scanned, so a
 *   comma always separates two filters.
 * - `q` is a case-insensitive substring of the resource name, the ARN, the control id or title, or the
 *   reason. Case is folded for ASCII letters only, in both stores (SQLite's LIKE and PostgreSQL's
 *   ILIKE under the "C" collation both do exactly that): "é" does not find "É".
 * - Sorts compare text byte by byte (UTF-8), as both stores do; every sort ends with the finding id,
 *   then the snapshot and the row's position in it, so no two rows tie and keyset paging never skips
 *   or repeats a row. `-key` reverses a sort whole.
 * - First seen: the first time the finding was failing (fail or warn) in its account's stored history,
 *   up to the snapshot read; null when it never was (a result that passes or could not be judged).
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { SEVERITIES, STATUSES, type Severity, type Status } from "@/lib/controls/types";
import { REGION_NAME, SERVICE_IDS, type ServiceId } from "@/lib/inventory/common";
import { muteFor, muteMark, type Mute, type MuteMark } from "./mute";
import type { Snapshot } from "./schema";

export const DEFAULT_STATUSES: readonly Status[] = ["fail", "warn", "error"];
export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;
/** Values in one comma list at most: more is a mistake or an abuse, not a filter. */
const MAX_VALUES = 100;
const MAX_Q = 200;
/** The owner tag key when the caller names none; the setting `SAFEKEEP_OWNER_TAG` names another. */
export const DEFAULT_OWNER_TAG = "owner";
/** In `owner=`, the results whose resource has no owner tag at all (so "-" itself is never an owner value). */
export const NO_OWNER = "-";

export const FINDING_SORT_KEYS = [
  "severity",
  "status",
  "control",
  "resource",
  "region",
  "account",
  "firstSeen",
] as const;
export type FindingSortKey = (typeof FINDING_SORT_KEYS)[number];

export interface FindingSort {
  key: FindingSortKey;
  /** The whole order reversed (`sort=-key`). */
  reverse: boolean;
}

/** Most severe first. */
export const SEVERITY_RANK: Record<Severity, number> = Object.fromEntries(SEVERITIES.map((s, i) => [s, i])) as Record<
  Severity,
  number
>;
/** The order of the status sort: what needs work first (fail, warning, could not be judged), then the rest. */
export const STATUS_ORDER: readonly Status[] = ["fail", "warn", "error", "pass", "not-applicable"];
export const STATUS_RANK: Record<Status, number> = Object.fromEntries(STATUS_ORDER.map((s, i) => [s, i])) as Record<
  Status,
  number
>;

export interface FindingFilters {
  /** Never empty: the default statuses when none were asked for. */
  statuses: readonly Status[];
  severities?: readonly Severity[];
  services?: readonly ServiceId[];
  accounts?: readonly string[];
  regions?: readonly string[];
  controls?: readonly string[];
  tags?: readonly string[];
  q?: string;
  /** true: only results a mute in force covers; false: only the others; undefined: both. */
  muted?: boolean;
  /**
   * Owner tag values, "any of": a result whose resource has the tag `ownerKey` with exactly one of
   * these values; `NO_OWNER` stands for "no `ownerKey` tag at all".
   */
  owners?: readonly string[];
  /** The tag key the owner filter and grouping read (the setting, passed in by the caller); `DEFAULT_OWNER_TAG` when absent. */
  ownerKey?: string;
}

export interface FindingTag {
  key: string;
  value: string;
}

/** One result as the findings view lists it. */
export interface FindingItem {
  findingId: string;
  snapshotId: string;
  accountId: string;
  /** The account's name in its Organization as the snapshot records it; null when it does not. */
  accountName: string | null;
  service: ServiceId;
  controlId: string;
  controlTitle: string;
  severity: Severity;
  status: Status;
  region: string;
  resourceArn: string;
  resourceName: string | null;
  tags: FindingTag[];
  reason: string;
  /** ISO 8601; null when the finding was never failing up to this snapshot. */
  firstSeen: string | null;
  /** The mute in force over this result when it was read; null when none. */
  mute: MuteMark | null;
  /**
   * True when this result's control could not be judged completely in its snapshot (some of its
   * results are `error` while others were judged): other resources of the control may fail too.
   */
  controlIncomplete: boolean;
}

/** A result as the index holds it: the item without what depends on other snapshots, plus its position. */
export interface FindingRow extends Omit<FindingItem, "firstSeen" | "mute" | "controlIncomplete"> {
  /** Position of the result in its snapshot (controls in order, then their results): unique per snapshot. */
  ordinal: number;
}

/** What a store is asked: the snapshots to read (chosen by the caller), filters, order and one page. */
export interface FindingsStoreQuery {
  snapshotIds: readonly string[];
  filters: FindingFilters;
  sort: FindingSort;
  /** 1 to MAX_LIMIT. */
  limit: number;
  /** The sort key of the last row of the previous page (from its cursor). */
  after?: SortValues;
  /** The mutes in force: they mark the rows they cover, and `filters.muted` chooses by them. */
  mutes: readonly Mute[];
}

export interface FindingsPage {
  items: FindingItem[];
  /** Rows matching the filters, over all pages. */
  total: number;
  /** The next page's cursor; null on the last page. */
  nextCursor: string | null;
}

/** Every result of a snapshot, in the snapshot's order (the order `ordinal` numbers). */
export function findingRowsOf(snapshot: Snapshot): FindingRow[] {
  const rows: FindingRow[] = [];
  for (const control of snapshot.controls)
    for (const result of control.results)
      rows.push({
        findingId: result.findingId,
        snapshotId: snapshot.id,
        accountId: snapshot.account.id,
        accountName: snapshot.account.name ?? null,
        service: control.service,
        controlId: control.id,
        controlTitle: control.title,
        severity: control.severity,
        status: result.status,
        region: result.region,
        resourceArn: result.resourceArn,
        resourceName: result.name ?? null,
        tags: (result.tags ?? []).map(({ key, value }) => ({ key, value })),
        reason: result.reason,
        ordinal: rows.length,
      });
  return rows;
}

/** `key:value`, as a `tag=` filter names a pair. */
export function tagPair(tag: FindingTag): string {
  return `${tag.key}:${tag.value}`;
}

// ---------------------------------------------------------------------------------------------
// Order

/** What rows are compared on; the stores map each to a column or expression (findings-sql.ts). */
export type SortColumn =
  | "severityRank"
  | "statusRank"
  | "controlId"
  | "resourceSort"
  | "region"
  | "accountId"
  | "firstSeenKey"
  | "findingId"
  | "snapshotId"
  | "ordinal";
export type SortValues = (string | number)[];

const NUMERIC_COLUMNS = new Set<SortColumn>(["severityRank", "statusRank", "ordinal"]);
/** Unique per row across snapshots (a finding id appears once per snapshot; the position settles even a damaged record). */
const TIE_BREAK: SortColumn[] = ["findingId", "snapshotId", "ordinal"];
const THEN: SortColumn[] = ["severityRank", "controlId", "resourceSort"];

export const SORT_COLUMNS: Record<FindingSortKey, readonly SortColumn[]> = {
  severity: [...THEN, ...TIE_BREAK],
  status: ["statusRank", ...THEN, ...TIE_BREAK],
  control: ["controlId", "resourceSort", ...TIE_BREAK],
  resource: ["resourceSort", "controlId", ...TIE_BREAK],
  region: ["region", ...THEN, ...TIE_BREAK],
  account: ["accountId", ...THEN, ...TIE_BREAK],
  firstSeen: ["firstSeenKey", ...THEN, ...TIE_BREAK],
};

/**
 * First seen as a sort value: never-failing findings sort after every date (ISO dates start with a
 * digit, "~" is after every digit), so the oldest findings lead and nulls need no special case in SQL.
 */
export const NEVER_FAILING = "~";

/** The sort value of one column for a row; `resourceSort` is the name, or the ARN for unnamed resources. */
export function sortValue(row: FindingRow & { firstSeen: string | null }, column: SortColumn): string | number {
  switch (column) {
    case "severityRank":
      return SEVERITY_RANK[row.severity];
    case "statusRank":
      return STATUS_RANK[row.status];
    case "resourceSort":
      return row.resourceName ?? row.resourceArn;
    case "firstSeenKey":
      return row.firstSeen ?? NEVER_FAILING;
    default:
      return row[column];
  }
}

export function sortValues(row: FindingRow & { firstSeen: string | null }, sort: FindingSort): SortValues {
  return SORT_COLUMNS[sort.key].map((c) => sortValue(row, c));
}

/** Text compared as UTF-8 bytes (code points), as SQLite's BINARY and PostgreSQL's "C" collation compare it. */
export function compareText(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    // UTF-16 puts astral characters (surrogates, D800–DFFF) before E000–FFFF; UTF-8 puts them after.
    if (x >= 0xd800) x = x < 0xe000 ? x + 0x2000 : x - 0x800;
    if (y >= 0xd800) y = y < 0xe000 ? y + 0x2000 : y - 0x800;
    return x - y;
  }
  return a.length - b.length;
}

export function compareValues(a: SortValues, b: SortValues): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    const c = typeof x === "number" && typeof y === "number" ? x - y : compareText(String(x), String(y));
    if (c !== 0) return c;
  }
  return 0;
}

// ---------------------------------------------------------------------------------------------
// Matching (the in-memory reference; the stores say the same in SQL)

/** Lower case for A–Z only: the case folding both stores apply to `q`. */
export function asciiLower(text: string): string {
  return text.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

export function matches(row: FindingRow, filters: FindingFilters, mutes: readonly Mute[] = []): boolean {
  const { statuses, severities, services, accounts, regions, controls, tags, q, muted, owners } = filters;
  if (!statuses.includes(row.status)) return false;
  if (severities && !severities.includes(row.severity)) return false;
  if (services && !services.includes(row.service)) return false;
  if (accounts && !accounts.includes(row.accountId)) return false;
  if (regions && !regions.includes(row.region)) return false;
  if (controls && !controls.includes(row.controlId)) return false;
  if (tags && !row.tags.some((t) => tags.includes(t.key) || tags.includes(tagPair(t)))) return false;
  if (owners) {
    const ownerKey = filters.ownerKey ?? DEFAULT_OWNER_TAG;
    const own = row.tags.filter((t) => t.key === ownerKey);
    // Key and value compared apart: `key:value` alone is ambiguous when the key holds ":".
    const owned = own.some((t) => owners.includes(t.value)) || (own.length === 0 && owners.includes(NO_OWNER));
    if (!owned) return false;
  }
  if (q !== undefined) {
    const needle = asciiLower(q);
    const fields = [row.resourceName ?? "", row.resourceArn, row.controlId, row.controlTitle, row.reason];
    if (!fields.some((f) => asciiLower(f).includes(needle))) return false;
  }
  if (muted !== undefined && (muteFor(row, mutes) !== undefined) !== muted) return false;
  return true;
}

/**
 * The page a query gives over rows in memory: the reference answer, and the answer for snapshots
 * that are not stored (the demo account) or stores without an index. `firstSeen` per row is given.
 */
export function queryRowsInMemory(
  rows: readonly (FindingRow & { firstSeen: string | null })[],
  query: FindingsStoreQuery,
): FindingsPage {
  const scope = new Set(query.snapshotIds);
  const sign = query.sort.reverse ? -1 : 1;
  const keyed = rows
    .filter((r) => scope.has(r.snapshotId) && matches(r, query.filters, query.mutes))
    .map((row) => ({ row, key: sortValues(row, query.sort) }));
  const total = keyed.length;
  const after = query.after;
  const rest = after ? keyed.filter((k) => sign * compareValues(k.key, after) > 0) : keyed;
  rest.sort((a, b) => sign * compareValues(a.key, b.key));
  return finishPage(
    query,
    rest.slice(0, query.limit + 1).map((k) => k.row),
    total,
    incompleteControls(rows.filter((r) => scope.has(r.snapshotId))),
  );
}

/** `snapshotId controlId`: how incomplete controls are named for `finishPage`. */
export function controlKey(snapshotId: string, controlId: string): string {
  return `${snapshotId} ${controlId}`;
}

/** The controls (per snapshot) with results that could not be judged beside results that were. */
export function incompleteControls(
  rows: readonly Pick<FindingRow, "snapshotId" | "controlId" | "status">[],
): Set<string> {
  const seen = new Map<string, { error: boolean; judged: boolean }>();
  for (const row of rows) {
    const key = controlKey(row.snapshotId, row.controlId);
    const entry = seen.get(key) ?? { error: false, judged: false };
    if (row.status === "error") entry.error = true;
    else entry.judged = true;
    seen.set(key, entry);
  }
  return new Set([...seen].filter(([, e]) => e.error && e.judged).map(([key]) => key));
}

/**
 * A store's answer made a page: `fetched` holds up to `limit + 1` rows in order (one more than the
 * page tells whether another page follows); the cursor is the last shown row's sort key.
 */
export function finishPage(
  query: FindingsStoreQuery,
  fetched: readonly (FindingRow & { firstSeen: string | null })[],
  total: number,
  /** The incomplete controls among the page's rows (`controlKey`). */
  incomplete: ReadonlySet<string>,
): FindingsPage {
  const shown = fetched.slice(0, query.limit);
  const last = shown.at(-1);
  const nextCursor =
    fetched.length > query.limit && last
      ? encodeCursor({
          sort: query.sort,
          scope: scopeFingerprint(query.snapshotIds),
          after: sortValues(last, query.sort),
        })
      : null;
  return {
    items: shown.map(({ ordinal: _ordinal, ...item }) => {
      const mute = muteFor(item, query.mutes);
      return {
        ...item,
        mute: mute ? muteMark(mute) : null,
        controlIncomplete: incomplete.has(controlKey(item.snapshotId, item.controlId)),
      };
    }),
    total,
    nextCursor,
  };
}

// ---------------------------------------------------------------------------------------------
// Cursor: opaque to clients; says which order and which snapshots it continues, and after which row

/** A short digest of the snapshots a page read: a cursor only continues the same scope. */
export function scopeFingerprint(snapshotIds: readonly string[]): string {
  return createHash("sha256")
    .update([...new Set(snapshotIds)].sort().join("\n"))
    .digest("base64url")
    .slice(0, 16);
}

interface CursorContent {
  sort: FindingSort;
  scope: string;
  after: SortValues;
}

export function encodeCursor({ sort, scope, after }: CursorContent): string {
  return Buffer.from(JSON.stringify([1, sort.key, sort.reverse ? 1 : 0, scope, after])).toString("base64url");
}

export type CursorReading =
  | { ok: true; after: SortValues }
  /** 400: not a cursor, or one from another sort. 409: the snapshots in scope changed since (a newer scan). */
  | { ok: false; status: 400 | 409; message: string };

export function decodeCursor(cursor: string, sort: FindingSort, snapshotIds: readonly string[]): CursorReading {
  const bad = { ok: false, status: 400, message: "cursor: not a cursor this API gave" } as const;
  let content: unknown;
  try {
    content = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    return bad;
  }
  if (!Array.isArray(content) || content.length !== 5 || content[0] !== 1) return bad;
  const [, key, reverse, scope, after] = content as unknown[];
  const columns = (FINDING_SORT_KEYS as readonly unknown[]).includes(key)
    ? SORT_COLUMNS[key as FindingSortKey]
    : undefined;
  if (!columns || (reverse !== 0 && reverse !== 1) || typeof scope !== "string" || !Array.isArray(after)) return bad;
  if (after.length !== columns.length) return bad;
  const typed = after.every((v, i) =>
    NUMERIC_COLUMNS.has(columns[i]!) ? Number.isSafeInteger(v) : typeof v === "string" && v.length <= 4096,
  );
  if (!typed) return bad;
  if (key !== sort.key || (reverse === 1) !== sort.reverse)
    return { ok: false, status: 400, message: "cursor: it continues another sort; start again without a cursor" };
  if (scope !== scopeFingerprint(snapshotIds))
    return {
      ok: false,
      status: 409,
      message:
        "cursor: the snapshots it pages through are no longer the ones in scope (a newer scan was stored); start again without a cursor",
    };
  return { ok: true, after: after as SortValues };
}

// ---------------------------------------------------------------------------------------------
// The API's query string

/** Control characters are never part of a name, an ARN or a reason, and PostgreSQL refuses NUL in text. */
const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/;

function commaList<O extends string>(item: z.ZodType<O, string>, trim = true) {
  return z
    .string()
    .transform((s) => s.split(",").map((v) => (trim ? v.trim() : v)))
    .transform((values) => [...new Set(values.filter((v) => v !== ""))])
    .pipe(z.array(item).max(MAX_VALUES, `at most ${MAX_VALUES} values`));
}

/** The query string of GET /api/findings, one value per parameter (repeats are refused before this). */
export const findingsQuerySchema = z
  .object({
    snapshot: z
      .string()
      .regex(/^[A-Za-z0-9-]{1,64}$/, "must be a snapshot id")
      .optional(),
    status: commaList(z.enum(STATUSES)).optional(),
    severity: commaList(z.enum(SEVERITIES)).optional(),
    service: commaList(z.enum(SERVICE_IDS)).optional(),
    account: commaList(z.string().regex(/^\d{12}$/, "must be a 12-digit account id")).optional(),
    region: commaList(
      z.string().refine((r) => r === "global" || REGION_NAME.test(r), 'must be a Region name or "global"'),
    ).optional(),
    control: commaList(z.string().regex(/^[a-z]+\.[a-z0-9-]+$/, "must be a control id")).optional(),
    tag: commaList(
      z.string().max(400, "too long for a tag").regex(NO_CONTROL, "must not hold control characters"),
      false,
    ).optional(),
    // Tag values are exact (spaces are theirs) and at most 256 characters in AWS.
    owner: commaList(
      z.string().max(256, "too long for a tag value").regex(NO_CONTROL, "must not hold control characters"),
      false,
    ).optional(),
    q: z
      .string()
      .max(MAX_Q, `at most ${MAX_Q} characters`)
      .regex(NO_CONTROL, "must not hold control characters")
      .optional(),
    muted: z.enum(["true", "false"], 'must be "true" or "false"').optional(),
    sort: z
      .string()
      .refine(
        (s) => (FINDING_SORT_KEYS as readonly string[]).includes(s.replace(/^-/, "")),
        `must be one of ${FINDING_SORT_KEYS.join(", ")}, optionally preceded by "-"`,
      )
      .optional(),
    limit: z
      .string()
      .regex(/^\d{1,4}$/, `must be a whole number from 1 to ${MAX_LIMIT}`)
      .transform(Number)
      .pipe(
        z
          .number()
          .min(1, `must be a whole number from 1 to ${MAX_LIMIT}`)
          .max(MAX_LIMIT, `must be at most ${MAX_LIMIT}`),
      )
      .optional(),
    cursor: z
      .string()
      .max(8192, "not a cursor this API gave")
      .regex(/^[A-Za-z0-9_-]*$/, "not a cursor this API gave")
      .optional(),
  })
  .strict();

/** A findings request, checked: what to read, filters, order, page size and where to continue. */
export interface FindingsRequest {
  /** A stored snapshot id, or `demo`; undefined: the newest readable snapshot of every account. */
  snapshot?: string;
  filters: FindingFilters;
  sort: FindingSort;
  limit: number;
  cursor?: string;
}

export type FindingsRequestParse =
  | { ok: true; request: FindingsRequest }
  /** Each problem with the parameter it is about (`path[0]`). */
  | { ok: false; issues: { path: PropertyKey[]; message: string }[] };

/**
 * The query string checked against `findingsQuerySchema`; the message names the parameter at fault.
 * An empty value means "not given" (as a cleared filter sends it); a parameter given twice is refused
 * rather than one of the two silently winning.
 */
export function parseFindingsQuery(params: URLSearchParams): FindingsRequestParse {
  const seen = new Set<string>();
  for (const key of params.keys()) {
    if (seen.has(key))
      return { ok: false, issues: [{ path: [key], message: "given more than once; give one comma-separated list" }] };
    seen.add(key);
  }
  const given = Object.fromEntries([...params].filter(([, value]) => value !== ""));
  const parsed = findingsQuerySchema.safeParse(given);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues };
  const p = parsed.data;
  const some = <T>(values: T[] | undefined) => (values && values.length > 0 ? values : undefined);
  const sort = p.sort ?? "severity";
  return {
    ok: true,
    request: {
      ...(p.snapshot ? { snapshot: p.snapshot } : {}),
      filters: {
        statuses: some(p.status) ?? DEFAULT_STATUSES,
        ...(some(p.severity) ? { severities: p.severity } : {}),
        ...(some(p.service) ? { services: p.service } : {}),
        ...(some(p.account) ? { accounts: p.account } : {}),
        ...(some(p.region) ? { regions: p.region } : {}),
        ...(some(p.control) ? { controls: p.control } : {}),
        ...(some(p.tag) ? { tags: p.tag } : {}),
        ...(some(p.owner) ? { owners: p.owner } : {}),
        ...(p.q !== undefined ? { q: p.q } : {}),
        ...(p.muted !== undefined ? { muted: p.muted === "true" } : {}),
      },
      sort: { key: sort.replace(/^-/, "") as FindingSortKey, reverse: sort.startsWith("-") },
      limit: p.limit ?? DEFAULT_LIMIT,
      ...(p.cursor ? { cursor: p.cursor } : {}),
    },
  };
}
