import { RECOMMENDATIONS, type Recommendation } from "@/lib/controls/recommendations";
import { SEVERITIES, type Severity } from "@/lib/controls/types";
import type { Snapshot, SnapshotControl } from "@/lib/snapshot/schema";

export interface RecommendationGroup {
  recommendation: Recommendation;
  controls: SnapshotControl[];
}

const STATUS_ORDER = ["fail", "error", "warn", "pass", "not-applicable"] as const;
const SEVERITY_RANK = new Map<string, number>(SEVERITIES.map((s, i) => [s, i]));

/** Worst first: failing before erroring before warning; within a status, most severe first. */
export function compareControls(a: SnapshotControl, b: SnapshotControl): number {
  return (
    STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) ||
    (SEVERITY_RANK.get(a.severity) ?? 0) - (SEVERITY_RANK.get(b.severity) ?? 0) ||
    a.id.localeCompare(b.id)
  );
}

/** A service's controls under the seed recommendation each one checks, in the pages' order. */
export function groupByRecommendation(controls: readonly SnapshotControl[]): RecommendationGroup[] {
  return RECOMMENDATIONS.map((recommendation) => ({
    recommendation,
    controls: controls.filter((c) => c.recommendation === recommendation.id).sort(compareControls),
  })).filter((g) => g.controls.length > 0);
}

/**
 * Failing and warning controls per severity, one per control whatever its resources (the PDF summary
 * says so). The overview counts findings per resource instead: `openFindingsByResults` in open-findings.ts.
 */
export function openFindingsBySeverity(
  controls: readonly SnapshotControl[],
): Record<Severity, { fail: number; warn: number }> {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, { fail: 0, warn: 0 }])) as Record<
    Severity,
    { fail: number; warn: number }
  >;
  for (const c of controls) {
    if (c.status === "fail" || c.status === "warn") bySeverity[c.severity][c.status] += 1;
  }
  return bySeverity;
}

export function controlsOf(snapshot: Snapshot, service: string): SnapshotControl[] {
  return snapshot.controls.filter((c) => c.service === service);
}

/** Results with the given status, across all of a control's resources. */
export function countResults(control: SnapshotControl, status: SnapshotControl["status"]): number {
  return control.results.filter((r) => r.status === status).length;
}
