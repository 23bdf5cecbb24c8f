import type { Snapshot } from "./schema";
import type { Sighting, SnapshotStore } from "./store";

const FAILING = new Set(["fail", "warn"]);

function addSightings(into: Map<string, Sighting>, snapshot: Snapshot, only?: ReadonlySet<string>): void {
  for (const control of snapshot.controls) {
    for (const result of control.results) {
      if (!FAILING.has(result.status) || (only && !only.has(result.findingId))) continue;
      const seen = into.get(result.findingId);
      const at = snapshot.finishedAt;
      if (!seen) into.set(result.findingId, { firstSeen: at, lastSeen: at });
      else
        into.set(result.findingId, {
          firstSeen: at < seen.firstSeen ? at : seen.firstSeen,
          lastSeen: at > seen.lastSeen ? at : seen.lastSeen,
        });
    }
  }
}

/**
 * Per finding id, the first and last time (snapshot `finishedAt`) it was failing (fail or warn) in
 * the stored history of `snapshot`'s account, up to and including `snapshot` itself. Snapshots that
 * cannot be read are left out: history only says what was seen. `findingIds` limits the answer to
 * those findings (a page about one control asks about its own).
 */
export async function findingHistory(
  store: SnapshotStore,
  snapshot: Snapshot,
  findingIds?: readonly string[],
): Promise<Map<string, Sighting>> {
  const only = findingIds ? new Set(findingIds) : undefined;
  let sightings: Map<string, Sighting>;
  if (store.failingSightings) {
    sightings = await store.failingSightings(snapshot.account.id, snapshot.source, snapshot.finishedAt, findingIds);
  } else {
    sightings = new Map();
    const earlier = (await store.list()).filter(
      (s) =>
        s.accountId === snapshot.account.id &&
        s.source === snapshot.source &&
        s.finishedAt <= snapshot.finishedAt &&
        s.id !== snapshot.id,
    );
    for (const entry of earlier) {
      const stored = await store.get(entry.id);
      if (stored) addSightings(sightings, stored, only);
    }
  }
  // The snapshot itself counts even when it is not stored (the demo account).
  addSightings(sightings, snapshot, only);
  return sightings;
}
