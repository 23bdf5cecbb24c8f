/**
 * What the overview leads with, counted over results (one per resource, or per field where a control
 * gives several rows per resource), never over controls: a control failing on forty resources is forty
 * findings to fix, not one.
 *
 * Rules, decided once here:
 * - Open findings are failing and warning results that no mute in force covers. Muted ones are counted
 *   apart (they are accepted risks, not gone), and results that could not be judged (`error`) are counted
 *   apart too: they are neither open nor fixed, and a page must say they exist.
 * - The critical/high call-out counts failing (not warning) unmuted results of critical- and high-severity
 *   controls; the results of those controls that could not be judged are said beside it, so "none" is
 *   never claimed over data that was not read.
 * - Risky resources group unmuted failing and warning results by ARN across controls, and rank by
 *   critical fails, then high, medium, low and info fails, then warnings, most first.
 * Pure: a snapshot in, plain values out; links are built here so every page makes the same ones.
 */
import { SEVERITIES, type Severity, type Status } from "@/lib/controls/types";
import type { Snapshot, SnapshotControl, SnapshotResult } from "@/lib/snapshot/schema";

export interface SeverityFindingCounts {
  fail: number;
  warn: number;
  /** Failing or warning results a mute in force covers: left out of `fail`, `warn` and the score. */
  muted: number;
  /** Results that could not be judged (`error`): not findings to fix, not passes either. */
  error: number;
}

/** The longest search text the findings query takes (its `q` limit; a test holds the two together). */
const MAX_Q = 200;
/** What the overview lists at most, in the call-out and in the risky resources. */
export const TOP_N = 5;

const SEVERITY_RANK = new Map<Severity, number>(SEVERITIES.map((s, i) => [s, i]));
const CALL_OUT_SEVERITIES: ReadonlySet<Severity> = new Set(["critical", "high"]);

function isMuted(result: SnapshotResult): boolean {
  return result.mute !== undefined;
}

/** Text compared by code unit, not by locale: the same order on every machine and in every test. */
function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Open, muted and unjudged results per severity: what the overview's severity bars draw. */
export function openFindingsByResults(controls: readonly SnapshotControl[]): Record<Severity, SeverityFindingCounts> {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, { fail: 0, warn: 0, muted: 0, error: 0 }])) as Record<
    Severity,
    SeverityFindingCounts
  >;
  for (const control of controls) {
    const counts = bySeverity[control.severity];
    for (const result of control.results) {
      // An unjudged result is said as such even if something marked it muted: mutes never hide missing data.
      if (result.status === "error") counts.error += 1;
      else if (result.status !== "fail" && result.status !== "warn") continue;
      else if (isMuted(result)) counts.muted += 1;
      else counts[result.status] += 1;
    }
  }
  return bySeverity;
}

export interface FindingsLink {
  control?: string;
  /** A resource's ARN, searched for (the findings view's search covers ARNs). */
  arn?: string;
  severities?: readonly Severity[];
  statuses?: readonly Status[];
  /** false: only findings no mute covers (what the overview counts as open); true: only muted ones. */
  muted?: boolean;
}

/**
 * The findings view narrowed to one snapshot (the one the page shows, so the counts match) and the
 * filters given. The search is a substring match limited in length, so a longer ARN is searched by
 * its tail (the part that names the resource), which still finds it.
 */
export function findingsHref(snapshotId: string, link: FindingsLink = {}): string {
  const params = new URLSearchParams({ snapshot: snapshotId });
  if (link.statuses?.length) params.set("status", link.statuses.join(","));
  if (link.severities?.length) params.set("severity", link.severities.join(","));
  if (link.control) params.set("control", link.control);
  if (link.muted !== undefined) params.set("muted", String(link.muted));
  if (link.arn) params.set("q", link.arn.length > MAX_Q ? link.arn.slice(-MAX_Q) : link.arn);
  return `/findings?${params.toString()}`;
}

export interface CallOutItem {
  findingId: string;
  controlId: string;
  controlTitle: string;
  service: SnapshotControl["service"];
  severity: Severity;
  resourceArn: string;
  /** The resource's name, or its ARN when the snapshot records none. */
  name: string;
  region: string;
  reason: string;
  /** The findings view showing this finding. */
  href: string;
}

export interface CriticalHighCallOut {
  /** Failing, unmuted results of critical- and high-severity controls. */
  failing: number;
  critical: number;
  high: number;
  /** Distinct resources (ARNs) among them. */
  resources: number;
  /** The first `TOP_N`, most severe first, then by control id, then by resource name. */
  top: CallOutItem[];
  /** Results of critical- and high-severity controls that could not be judged. */
  unjudged: number;
  /** Failing results of those controls that a mute in force covers. */
  muted: number;
}

function nameOf(result: SnapshotResult): string {
  return result.name?.trim() ? result.name : result.resourceArn;
}

/** The call-out at the top of the overview: how many critical and high failures, and the first few. */
export function criticalHighCallOut(snapshot: Snapshot, limit: number = TOP_N): CriticalHighCallOut {
  const items: CallOutItem[] = [];
  const counts = { critical: 0, high: 0 };
  let unjudged = 0;
  let muted = 0;
  for (const control of snapshot.controls) {
    if (!CALL_OUT_SEVERITIES.has(control.severity)) continue;
    let errors = 0;
    for (const result of control.results) {
      if (result.status === "error") errors += 1;
      if (result.status !== "fail") continue;
      if (isMuted(result)) {
        muted += 1;
        continue;
      }
      counts[control.severity as "critical" | "high"] += 1;
      items.push({
        findingId: result.findingId,
        controlId: control.id,
        controlTitle: control.title,
        service: control.service,
        severity: control.severity,
        resourceArn: result.resourceArn,
        name: nameOf(result),
        region: result.region,
        reason: result.reason,
        // Made for the few shown only, after sorting.
        href: "",
      });
    }
    // A control in error with no result rows (a record written by hand, or by an older scan) still
    // could not be judged: it counts, so the call-out never reads "none" over it.
    unjudged += Math.max(errors, control.incomplete?.resources ?? 0, control.status === "error" ? 1 : 0);
  }
  items.sort(
    (a, b) =>
      (SEVERITY_RANK.get(a.severity) ?? 0) - (SEVERITY_RANK.get(b.severity) ?? 0) ||
      byText(a.controlId, b.controlId) ||
      byText(a.name, b.name) ||
      byText(a.findingId, b.findingId),
  );
  return {
    failing: items.length,
    critical: counts.critical,
    high: counts.high,
    resources: new Set(items.map((i) => i.resourceArn)).size,
    top: items.slice(0, limit).map((item) => ({
      ...item,
      href: findingsHref(snapshot.id, { control: item.controlId, arn: item.resourceArn }),
    })),
    unjudged,
    muted,
  };
}

export interface RiskyResource {
  resourceArn: string;
  /** The resource's name, or its ARN when the snapshot records none. */
  name: string;
  accountId: string;
  accountName: string | null;
  region: string;
  /** Unmuted failing results per severity of the control that gave them. */
  fails: Record<Severity, number>;
  /** Unmuted warning results, of any severity. */
  warns: number;
  /** The controls failing or warning on it, most severe first. */
  controls: { id: string; title: string; severity: Severity; status: "fail" | "warn" }[];
  /** The findings view searching for this resource. */
  href: string;
}

/** Most risky first: critical fails, then high, medium, low and info fails, then warnings. */
function compareRisk(a: RiskyResource, b: RiskyResource): number {
  for (const s of SEVERITIES) if (a.fails[s] !== b.fails[s]) return b.fails[s] - a.fails[s];
  return b.warns - a.warns || byText(a.name, b.name) || byText(a.resourceArn, b.resourceArn);
}

export interface RiskyResources {
  /** The first `limit` resources, most risky first. */
  top: RiskyResource[];
  /** Resources with at least one open (unmuted failing or warning) finding. */
  total: number;
}

/** The resources with the most severe open findings across all controls, most risky first. */
export function topRiskyResources(snapshot: Snapshot, limit: number = TOP_N): RiskyResources {
  const byArn = new Map<string, RiskyResource>();
  for (const control of snapshot.controls) {
    for (const result of control.results) {
      if ((result.status !== "fail" && result.status !== "warn") || isMuted(result)) continue;
      let entry = byArn.get(result.resourceArn);
      if (!entry) {
        entry = {
          resourceArn: result.resourceArn,
          name: nameOf(result),
          accountId: snapshot.account.id,
          accountName: snapshot.account.name ?? null,
          region: result.region,
          fails: { critical: 0, high: 0, medium: 0, low: 0, info: 0 },
          warns: 0,
          controls: [],
          // Made for the few shown only (below): building a link per resource costs more than the rest.
          href: "",
        };
        byArn.set(result.resourceArn, entry);
      } else if (entry.name === entry.resourceArn && result.name?.trim()) {
        // Some controls record the name and others do not: the name, once known, is what a person reads.
        entry.name = result.name;
      }
      if (result.status === "fail") entry.fails[control.severity] += 1;
      else entry.warns += 1;
      const listed = entry.controls.find((c) => c.id === control.id);
      if (!listed) {
        entry.controls.push({
          id: control.id,
          title: control.title,
          severity: control.severity,
          status: result.status,
        });
      } else if (result.status === "fail") {
        // Several rows of one control on one resource (one per field): the control fails if any row does.
        listed.status = "fail";
      }
    }
  }
  // The few riskiest in one pass: sorting every resource of a large account costs more than finding them.
  const top: RiskyResource[] = [];
  for (const entry of byArn.values()) {
    if (limit <= 0) break;
    if (top.length === limit && compareRisk(entry, top[top.length - 1]!) >= 0) continue;
    let at = top.length;
    while (at > 0 && compareRisk(entry, top[at - 1]!) < 0) at -= 1;
    top.splice(at, 0, entry);
    if (top.length > limit) top.pop();
  }
  for (const entry of top) entry.href = findingsHref(snapshot.id, { arn: entry.resourceArn });
  for (const entry of top)
    entry.controls.sort(
      (a, b) =>
        (SEVERITY_RANK.get(a.severity) ?? 0) - (SEVERITY_RANK.get(b.severity) ?? 0) ||
        (a.status === b.status ? 0 : a.status === "fail" ? -1 : 1) ||
        byText(a.id, b.id),
    );
  return { top, total: byArn.size };
}
