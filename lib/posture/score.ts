import type { Severity, Status } from "@/lib/controls/types";

/**
 * Scoring, decided once here:
 * - a control counts by its severity weight; informational controls (AWS-side protections, reviews)
 *   carry no weight, so they cannot inflate a score;
 * - within a control judged completely, the credit is the share of its judged resources that comply:
 *   a pass counts 1, a warning half, a failure nothing. One bad cache out of twenty costs a
 *   twentieth, not the lot;
 * - a control that could not be judged completely (`error`, or any status marked incomplete) keeps
 *   its weight and earns nothing: what could not be verified earns no credit. That is what makes a
 *   score a floor that missing data can only lower, never raise (a partial share cannot be used: the
 *   resources that could not be listed may be the failing ones). Its weight is reported as the
 *   unverified share, so a page can say "62 — 12 % could not be verified";
 * - `not-applicable` controls are left out: nothing in scope;
 * - with nothing weighted left, or nothing judged at all (every weighted control `error`), the score
 *   is null ("no score"), never 0 or 100. A service with some judged results keeps a score, even 0.
 */
export const SEVERITY_WEIGHTS: Record<Severity, number> = {
  critical: 10,
  high: 5,
  medium: 3,
  low: 1,
  info: 0,
};

export interface ScoredControl {
  severity: Severity;
  status: Status;
  /** Set when part of the control could not be judged. */
  incomplete?: unknown;
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

export interface ScoreBreakdown {
  /** 0–100, or null when nothing carries weight. */
  score: number | null;
  /** 0–100: the share of the weight that could not be verified (0 when the score is null). */
  unverified: number;
}

function isUnverified(control: ScoredControl): boolean {
  return control.status === "error" || control.incomplete !== undefined;
}

export function scoreBreakdown(controls: readonly ScoredControl[]): ScoreBreakdown {
  let earned = 0;
  let possible = 0;
  let unverified = 0;
  let judgedAny = false;
  for (const control of controls) {
    const weight = SEVERITY_WEIGHTS[control.severity];
    if (weight === 0) continue;
    if (control.status !== "error" && control.status !== "not-applicable") judgedAny = true;
    if (isUnverified(control)) {
      possible += weight;
      unverified += weight;
      continue;
    }
    const share = complianceShare(control.results);
    if (control.status === "not-applicable" || share === undefined) continue;
    earned += share * weight;
    possible += weight;
  }
  if (possible === 0) return { score: null, unverified: 0 };
  // Nothing judged at all (every weighted control is `error`): no score rather than a 0 that would
  // read as a judged result. Anything judged, even only in part, keeps a score.
  if (!judgedAny) return { score: null, unverified: 100 };
  // Rounding is monotone, so a score that missing data lowered can never round to a higher number.
  return { score: Math.round((earned / possible) * 100), unverified: Math.round((unverified / possible) * 100) };
}

export function score(controls: readonly ScoredControl[]): number | null {
  return scoreBreakdown(controls).score;
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
