/**
 * What the compare page shows of a comparison, and what its exports hold: one parser of the query
 * string and one filter, so a file holds exactly the rows the page lists (without the page's cap).
 *
 * Rules:
 * - `change`: one kind of change, or `all`. Absent: every kind except "still failing", the page's
 *   default (it is "what changed"; still-failing findings are counted in their chip and one click
 *   away). The exports take the same default, so the page's links and a hand-typed URL agree.
 * - `service`: one service; its findings are those of the service's controls.
 * - `group`: `service` (the default: a section per service) or `change` (a section per kind).
 * - `all=1` lifts the cap of rows per section; without it each section lists SECTION_CAP rows.
 * Unknown values are refused with a message naming the parameter, never ignored.
 */
import { SERVICE_IDS, type ServiceId } from "@/lib/inventory/common";
import { CHANGES, type Change, type ComparedFinding, type Comparison } from "./compare";

export const SNAPSHOT_REF = /^[A-Za-z0-9-]{1,64}$/;
/** Rows listed per section before "show all". */
export const SECTION_CAP = 10;
/** A section opens by default when it has at most this many rows (and always when it is the only one). */
export const OPEN_MAX = 10;

export type ChangeFilter = Change | "all" | "changes";
export type Grouping = "service" | "change";

export interface CompareView {
  change: ChangeFilter;
  service?: ServiceId;
  group: Grouping;
  all: boolean;
}

export const DEFAULT_VIEW: CompareView = { change: "changes", group: "service", all: false };

export type ViewParse = { ok: true; view: CompareView } | { ok: false; message: string };

function one(params: URLSearchParams, key: string): string | undefined | null {
  const values = params.getAll(key);
  if (values.length > 1) return null;
  return values[0] === "" ? undefined : values[0];
}

/** The view's parameters (`change`, `service`, `group`, `all`); other keys are left to the caller. */
export function parseCompareView(params: URLSearchParams): ViewParse {
  const view: CompareView = { ...DEFAULT_VIEW };
  for (const key of ["change", "service", "group", "all"]) {
    if (one(params, key) === null) return { ok: false, message: `${key}: given more than once` };
  }
  const change = one(params, "change");
  if (change !== undefined) {
    if (change !== "all" && !(CHANGES as readonly string[]).includes(change ?? ""))
      return { ok: false, message: `change: must be all or one of ${CHANGES.join(", ")}` };
    view.change = change as ChangeFilter;
  }
  const service = one(params, "service");
  if (service !== undefined) {
    if (!(SERVICE_IDS as readonly string[]).includes(service ?? ""))
      return { ok: false, message: `service: must be one of ${SERVICE_IDS.join(", ")}` };
    view.service = service as ServiceId;
  }
  const group = one(params, "group");
  if (group !== undefined) {
    if (group !== "service" && group !== "change") return { ok: false, message: "group: must be service or change" };
    view.group = group;
  }
  const all = one(params, "all");
  if (all !== undefined) {
    if (all !== "1") return { ok: false, message: "all: must be 1 (or left out)" };
    view.all = true;
  }
  return { ok: true, view };
}

/** Whether a finding's change is one the view lists. */
export function changeMatches(filter: ChangeFilter, change: Change): boolean {
  return filter === "all" || (filter === "changes" ? change !== "stillFailing" : filter === change);
}

/** The findings the view lists, in the comparison's order (change, severity, control, resource). */
export function viewFindings(comparison: Comparison, view: Pick<CompareView, "change" | "service">): ComparedFinding[] {
  return comparison.findings.filter(
    (f) => changeMatches(view.change, f.change) && (!view.service || f.service === view.service),
  );
}

export interface ViewSection {
  /** A service id or a change, by the view's grouping. */
  key: ServiceId | Change;
  findings: ComparedFinding[];
}

/** The listed findings in sections: by service in the order services are defined, or by change. */
export function viewSections(findings: readonly ComparedFinding[], group: Grouping): ViewSection[] {
  const order: readonly (ServiceId | Change)[] = group === "service" ? SERVICE_IDS : CHANGES;
  const by = new Map<ServiceId | Change, ComparedFinding[]>();
  for (const f of findings) {
    const key = group === "service" ? f.service : f.change;
    by.set(key, [...(by.get(key) ?? []), f]);
  }
  return order.filter((k) => by.has(k)).map((key) => ({ key, findings: by.get(key)! }));
}

/** The query string of a view (defaults left out), with the snapshots and account given first. */
export function viewQuery(
  refs: { from: string; to: string; account?: string },
  view: Partial<CompareView>,
  extra: Record<string, string> = {},
): string {
  const params = new URLSearchParams({ from: refs.from, to: refs.to });
  if (refs.account) params.set("account", refs.account);
  if (view.change && view.change !== "changes") params.set("change", view.change);
  if (view.service) params.set("service", view.service);
  if (view.group && view.group !== "service") params.set("group", view.group);
  if (view.all) params.set("all", "1");
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return params.toString();
}
