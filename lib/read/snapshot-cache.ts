/**
 * Snapshots as pages show them, with the mutes in force applied, kept per parsed record.
 *
 * Why: both stores already keep their few most recently read records parsed (parsing and validating a
 * large record costs most of a second), but applying the mutes walks every result of the record and
 * copies the controls it touches, and that ran again on every page view: at the bench's large size
 * (65,000 results) 0.2 to 0.9 s per view as soon as one mute is in force, with the parse cached.
 *
 * Rules:
 * - A stored snapshot never changes, and what `applyMutes` gives depends only on the record and on
 *   which mutes are in force (exactly: their content), apart from the `asOf` time. So the answer is
 *   kept beside the record it came from, under the in-force mutes' content, and `asOf` is set to the
 *   time asked: the same mutes are in force then, so the answer is the one computing it now would give.
 * - A mute made, edited, lifted or lapsing changes the in-force set, so the next read recomputes.
 * - Kept in a WeakMap keyed by the parsed record: one answer per record the store still holds, dropped
 *   with it. The store's own bound (its few parsed records) bounds this one; nothing is kept for a
 *   record no one holds any more.
 */
import { applyMutes } from "@/lib/posture/apply-mutes";
import type { Mute, MuteStore } from "@/lib/snapshot/mute";
import type { Snapshot } from "@/lib/snapshot/schema";
import { mutesInForce } from "./mutes";

const applied = new WeakMap<Snapshot, { key: string; snapshot: Snapshot }>();

/** The in-force mutes' whole content, in a fixed order: any change to any of them is a new key. */
function keyOf(mutes: readonly Mute[]): string {
  return JSON.stringify([...mutes].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
}

/** `snapshot` with the mutes in force at `now` applied, as `withMutes` gives it, computed once per record and set of mutes. */
export async function withMutesCached(store: Partial<MuteStore>, snapshot: Snapshot, now: Date): Promise<Snapshot> {
  const mutes = await mutesInForce(store, now);
  // Nothing in force: applyMutes answers the record itself, nothing to keep.
  if (mutes.length === 0) return snapshot;
  const key = keyOf(mutes);
  const kept = applied.get(snapshot);
  if (kept?.key === key) {
    const { mutes: summary } = kept.snapshot;
    return summary ? { ...kept.snapshot, mutes: { ...summary, asOf: now.toISOString() } } : kept.snapshot;
  }
  const result = applyMutes(snapshot, mutes, now);
  applied.set(snapshot, { key, snapshot: result });
  return result;
}
