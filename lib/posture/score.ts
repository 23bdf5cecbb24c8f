import type { Severity, Status } from "@/lib/controls/types";

/**
 * Scoring, decided once here:
 * - a control counts by its severity weight; informational controls (AWS-side protections, reviews)
 *   carry no weight, so they cannot inflate a score;
 * - within a control, the credit is the share of its judged resources that comply: a pass counts 1,
 *   a warning half, a failure nothing. One bad cache out of twenty costs a twentieth, not the lot;
 * - a control whose status is `error` (some region could not be read) or `not-applicable` is left
 *   out entirely: it neither helps nor hurts, and the page says how many were left out;
 * - with nothing weighted left, the score is null ("no score"), never 0 or 100.
 */
export const SEVERITY_WEIGHTS: Record<Severity, number> = {
  critical: 10,
  high: 5,
  medium: 3,
  low: 1,
  info: 0,
};

const SCORED_STATUSES: ReadonlySet<Status> = new Set(["pass", "warn", "fail"]);

export interface ScoredControl {
  severity: Severity;
  status: Status;
  results: readonly { status: Status }[];
}

/** Share of a control's judged resources that comply (warnings count half); undefined: none judged. */
export function complianceShare(results: readonly { status: Status }[]): number | undefined {
  let judged = 0;
  let credit = 0;
  for (const { status } of results) {
    if (status === "pass") credit += 1;
    else if (status === "warn") credit += 0.5;
    else if (status !== "fail") continue;
    judged += 1;
  }
  return judged === 0 ? undefined : credit / judged;
}

export function score(controls: readonly ScoredControl[]): number | null {
  let earned = 0;
  let possible = 0;
  for (const { severity, status, results } of controls) {
    const weight = SEVERITY_WEIGHTS[severity];
    const share = complianceShare(results);
    if (!SCORED_STATUSES.has(status) || weight === 0 || share === undefined) continue;
    earned += share * weight;
    possible += weight;
  }
  return possible === 0 ? null : Math.round((earned / possible) * 100);
}

export const SCORE_LEVELS = [
  { min: 90, level: "good", label: "Good" },
  { min: 70, level: "fair", label: "Fair" },
  { min: 0, level: "poor", label: "Poor" },
] as const;
export type ScoreLevel = (typeof SCORE_LEVELS)[number]["level"] | "none";

export function scoreLevel(value: number | null): ScoreLevel {
  if (value === null) return "none";
  return SCORE_LEVELS.find((l) => value >= l.min)?.level ?? "poor";
}

export function scoreLabel(value: number | null): string {
  if (value === null) return "No score";
  return SCORE_LEVELS.find((l) => value >= l.min)?.label ?? "Poor";
}
