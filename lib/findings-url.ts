/**
 * The address of a findings view: what the /findings page and each control page put in the URL and
 * read back from it. Everything a view shows (filters, order, page) is in the query string, in the
 * parameter names of GET /api/findings (`parseFindingsQuery` checks them), so a link or a reload
 * gives the same view and the API answers the same question.
 *
 * A control page reads the same parameters with three differences: the snapshot is the one the page
 * shows and the control is the page's own (neither is a filter there); statuses default to all of them
 * (a control page lists passing resources too); the default order is by status, worst first.
 */
import { parseFindingsQuery, STATUS_ORDER, type FindingsRequestParse } from "@/lib/snapshot/findings-query";

export type SearchParams = Record<string, string | string[] | undefined>;

/** The query string as the page was asked for it, one value per key (a repeated key is the parser's to refuse). */
export function paramsOf(searchParams: SearchParams): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(searchParams)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) params.append(key, v);
  }
  return params;
}

/** `path` with `params` changed: a value sets its key, an empty or undefined one removes it. */
export function withParams(
  params: URLSearchParams,
  changes: Record<string, string | undefined>,
  path = "/findings",
): string {
  const next = new URLSearchParams(params);
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined || value === "") next.delete(key);
    else next.set(key, value);
  }
  const query = next.toString();
  return query ? `${path}?${query}` : path;
}

/** A link (path and query, as a page builds them) with `changes` made to its query, as `withParams` makes them. */
export function hrefWith(href: string, changes: Record<string, string | undefined>): string {
  const at = href.indexOf("?");
  const path = at < 0 ? href : href.slice(0, at);
  return withParams(new URLSearchParams(at < 0 ? "" : href.slice(at + 1)), changes, path);
}

/** The parser's problems in one sentence, each with the parameter it is about. */
export function issuesText(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues.map((i) => `${String(i.path[0] ?? "query")}: ${i.message}`).join("; ");
}

/** The parameters a control page reads as its results view, in the names GET /api/findings takes. */
export const CONTROL_VIEW_KEYS = ["status", "region", "tag", "q", "muted", "sort", "limit", "cursor"] as const;
/** The dashboard's own parameters on every page: which snapshot and which account are shown. */
const PAGE_KEYS = new Set(["snapshot", "account"]);
/** Worst first: failing, warning and unjudged resources lead, passing ones follow. */
export const CONTROL_DEFAULT_SORT = "status";
/**
 * Every status: a control page shows what passes as well as what fails. Spelled as the findings
 * page's "Any status" choice spells it, so the same view opened there shows that choice.
 */
export const CONTROL_DEFAULT_STATUSES = STATUS_ORDER.join(",");

/**
 * The findings request of a control page's results: the view's parameters from the URL, checked as
 * GET /api/findings checks them, over the snapshot shown and the page's control. A parameter the page
 * does not read (another view's `service`, `control`, a typo) is refused by name, like the API does,
 * rather than silently ignored.
 */
export function parseControlView(
  params: URLSearchParams,
  scope: { snapshotId: string; controlId: string },
): FindingsRequestParse {
  const view = new URLSearchParams();
  for (const [key, value] of params) {
    if (PAGE_KEYS.has(key)) continue;
    if (!(CONTROL_VIEW_KEYS as readonly string[]).includes(key))
      return {
        ok: false,
        issues: [{ path: [key], message: `not a filter of this page (it reads ${CONTROL_VIEW_KEYS.join(", ")})` }],
      };
    // Appended, not set: a key given twice stays twice, for the parser to refuse.
    view.append(key, value);
  }
  if (!view.get("status")) view.set("status", CONTROL_DEFAULT_STATUSES);
  if (!view.get("sort")) view.set("sort", CONTROL_DEFAULT_SORT);
  view.set("snapshot", scope.snapshotId);
  view.set("control", scope.controlId);
  return parseFindingsQuery(view);
}

/**
 * The findings query of the same results, as /findings and its exports take it: the control page's
 * filters and order, its control and snapshot, and its statuses spelled out (the findings view's
 * default is the failing ones only). The cursor is left out: that view starts at its first page.
 */
export function findingsViewParams(
  params: URLSearchParams,
  scope: { snapshotId: string; controlId: string },
): URLSearchParams {
  const next = new URLSearchParams();
  for (const key of CONTROL_VIEW_KEYS) {
    const value = params.get(key);
    if (key !== "cursor" && value) next.set(key, value);
  }
  if (!next.get("status")) next.set("status", CONTROL_DEFAULT_STATUSES);
  if (!next.get("sort")) next.set("sort", CONTROL_DEFAULT_SORT);
  next.set("control", scope.controlId);
  next.set("snapshot", scope.snapshotId);
  return next;
}

/**
 * A link to /findings that keeps what a dashboard page shows: the snapshot when one is pinned in the
 * page's address (the newest of each account otherwise), the account picked, plus the filters given.
 */
export function findingsHref(
  keep: { snapshotId?: string; account?: string },
  filters: Record<string, string | undefined> = {},
): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  if (keep.snapshotId) params.set("snapshot", keep.snapshotId);
  if (keep.account) params.set("account", keep.account);
  return withParams(params, {});
}
