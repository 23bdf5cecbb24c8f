import { SERVICE_IDS, type ServiceId } from "@/lib/inventory/common";
import type { Snapshot } from "@/lib/snapshot/schema";
import { applyMutes } from "@/lib/posture/apply-mutes";
import { isActive, type Mute } from "@/lib/snapshot/mute";
import type { SnapshotStore } from "@/lib/snapshot/store";

/** What the account pages need from one snapshot: a few numbers instead of the whole record. */
export interface SnapshotDigest {
  id: string;
  source: Snapshot["source"];
  accountId: string;
  /** The account's (masked) name in its Organization; null when the snapshot does not record it. */
  name: string | null;
  /** The organizational unit or root the account sat in; null when not recorded. */
  ou: string | null;
  finishedAt: string;
  score: number | null;
  /** 0–100: share of the overall score's weight that could not be verified (0 when not recorded). */
  scoreUnverified: number;
  /** One per service id, in the catalog's order, present in the snapshot or not. */
  services: ServiceDigest[];
  /** Results of critical-severity controls: failing ones, and ones that could not be judged. */
  critical: { failing: number; unchecked: number };
}

export interface ServiceDigest {
  id: ServiceId;
  /** false: the service's controls were not part of the scan, or the snapshot has no entry for it. */
  evaluated: boolean;
  score: number | null;
  unverified: number;
}

export function digestOf(snapshot: Snapshot): SnapshotDigest {
  let failing = 0;
  let unchecked = 0;
  for (const control of snapshot.controls) {
    if (control.severity !== "critical") continue;
    for (const result of control.results) {
      // A muted failure is an accepted risk: not counted as an open critical finding.
      if (result.status === "fail" && result.mute === undefined) failing += 1;
      else if (result.status === "error") unchecked += 1;
    }
  }
  return {
    id: snapshot.id,
    source: snapshot.source,
    accountId: snapshot.account.id,
    name: snapshot.account.name ?? null,
    ou: snapshot.account.ou ?? null,
    finishedAt: snapshot.finishedAt,
    score: snapshot.score,
    scoreUnverified: snapshot.scoreUnverified ?? 0,
    services: SERVICE_IDS.map((id) => {
      const service = snapshot.services.find((s) => s.id === id);
      return service
        ? { id, evaluated: service.evaluated, score: service.score, unverified: service.unverified ?? 0 }
        : { id, evaluated: false, score: null, unverified: 0 };
    }),
    critical: { failing, unchecked },
  };
}

/**
 * Digests per store, by snapshot id. A stored snapshot never changes, so a digest never goes stale;
 * keeping digests (a few hundred bytes) rather than parsed snapshots (megabytes for a large account)
 * lets an organization of hundreds of accounts stay in memory. A pending read is shared, so a layout
 * and a page asking at once parse a record once. Unreadable records are not remembered: the store
 * already marks them, and a read that failed is tried again next time.
 */
const digests = new WeakMap<SnapshotStore, Map<string, Promise<SnapshotDigest | undefined>>>();
const MAX_DIGESTS_PER_STORE = 5_000;

/**
 * The digest of a snapshot as the team sees it: with the mutes in force at `now` applied (muted findings
 * leave the scores and the critical count). Kept per snapshot and set of mutes in force: a mute made,
 * changed, lifted or expired makes a new key, so no digest outlives the mutes it was made with.
 */
export async function readDigest(
  store: SnapshotStore,
  id: string,
  mutes: readonly Mute[] = [],
  now: Date = new Date(),
): Promise<SnapshotDigest | undefined> {
  let cache = digests.get(store);
  if (!cache) {
    cache = new Map();
    digests.set(store, cache);
  }
  const inForce = mutes.filter((m) => isActive(m, now));
  const key = inForce.length === 0 ? id : `${id} ${inForce.map((m) => `${m.id}@${m.updatedAt}`).join(",")}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const pending = store
    .get(id)
    .then((snapshot) => (snapshot ? digestOf(applyMutes(snapshot, inForce, now)) : undefined));
  cache.set(key, pending);
  if (cache.size > MAX_DIGESTS_PER_STORE) cache.delete(cache.keys().next().value as string);
  try {
    const digest = await pending;
    if (!digest) cache.delete(key);
    return digest;
  } catch (error) {
    cache.delete(key);
    throw error;
  }
}
