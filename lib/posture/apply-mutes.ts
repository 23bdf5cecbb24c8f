import { isActive, MUTABLE_STATUSES, muteFor, muteMark, type Mute } from "@/lib/snapshot/mute";
import type { Snapshot, SnapshotControl } from "@/lib/snapshot/schema";
import { countStatuses } from "./build-snapshot";
import { rollUp } from "./rollup";
import { scoreBreakdown } from "./score";

/** A control as the score sees it once mutes apply: muted results leave it. */
function scoredPart(control: SnapshotControl): SnapshotControl {
  return control.muted ? { ...control, results: control.results.filter((r) => r.mute === undefined) } : control;
}

/**
 * A snapshot as the team sees it at `now`: each failing or warning result covered by a mute in force
 * carries the mute's mark and leaves its control's verdict and the scores; the statuses the scan gave
 * stay beside them (`control.muted.statusBeforeMutes`, `mutes.scoreBeforeMutes`). Results that could
 * not be judged are never muted (see mute.ts), so a control's incompleteness and the unverified share
 * of a score stand as the scan found them. Unchanged (the same object) when no mute covers anything.
 */
export function applyMutes(snapshot: Snapshot, mutes: readonly Mute[], now: Date): Snapshot {
  const inForce = mutes.filter((m) => isActive(m, now));
  if (inForce.length === 0) return snapshot;
  // Indexed by what a mute names first (a finding, or a rule's control): a large snapshot has tens of
  // thousands of results and only the few a mute names are matched in full.
  const byFinding = new Map<string, Mute[]>();
  const byControl = new Map<string, Mute[]>();
  for (const mute of inForce) {
    const [index, key] =
      mute.target.kind === "finding" ? [byFinding, mute.target.findingId] : [byControl, mute.target.controlId];
    index.set(key, [...(index.get(key) ?? []), mute]);
  }
  let muted = 0;
  const controls = snapshot.controls.map((control): SnapshotControl => {
    const rules = byControl.get(control.id) ?? [];
    if (rules.length === 0 && byFinding.size === 0) return control;
    let here = 0;
    const results = control.results.map((result) => {
      if (!MUTABLE_STATUSES.includes(result.status)) return result;
      const candidates = [...(byFinding.get(result.findingId) ?? []), ...rules];
      if (candidates.length === 0) return result;
      const mute = muteFor(
        { ...result, accountId: snapshot.account.id, controlId: control.id, tags: result.tags ?? [] },
        candidates,
      );
      if (!mute) return result;
      here += 1;
      return { ...result, mute: muteMark(mute) };
    });
    if (here === 0) return control;
    muted += here;
    const status = rollUp(results.filter((r) => r.mute === undefined).map((r) => r.status));
    // Left with only results that could not be judged, the control is `error` (nothing judged is
    // left to mark incomplete); left with nothing at all, nothing in scope needs a verdict.
    const { incomplete, ...rest } = control;
    return {
      ...rest,
      status,
      ...(incomplete && status !== "error" ? { incomplete } : {}),
      muted: { results: here, statusBeforeMutes: control.status },
      results,
    };
  });
  if (muted === 0) return snapshot;
  const byService = new Map(snapshot.services.map((s) => [s.id, s]));
  const services = snapshot.services.map((service) => {
    if (!service.evaluated) return service;
    const mine = controls.filter((c) => c.service === service.id);
    const breakdown = scoreBreakdown(mine.map(scoredPart));
    return {
      ...byService.get(service.id)!,
      score: breakdown.score,
      unverified: breakdown.unverified,
      counts: countStatuses(mine.map((c) => c.status)),
    };
  });
  const overall = scoreBreakdown(controls.map(scoredPart));
  return {
    ...snapshot,
    controls,
    services,
    score: overall.score,
    scoreUnverified: overall.unverified,
    mutes: { asOf: now.toISOString(), muted, scoreBeforeMutes: snapshot.score },
  };
}
