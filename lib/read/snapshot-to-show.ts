import { demoSnapshot, DEMO_SNAPSHOT_ID } from "@/lib/demo/snapshot";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import type { Snapshot } from "@/lib/snapshot/schema";
import type { MuteStore } from "@/lib/snapshot/mute";
import type { ScheduleStore } from "@/lib/snapshot/schedule";
import { withMutesCached } from "./snapshot-cache";
import { openSnapshotStore, type SnapshotListing, type SnapshotStore } from "@/lib/snapshot/store";

/** The single read path for pages and route handlers: pages never call AWS. */
export function snapshotStore(): SnapshotStore & ScheduleStore & MuteStore {
  return openSnapshotStore(env().dataDir);
}

/** The id that names the newest readable snapshot in URLs, the API and the CLI. */
export const LATEST = "latest";

/** A stored snapshot that exists but could not be read (invalid JSON or schema). */
export interface UnreadableSnapshot {
  id: string;
  finishedAt: string;
}

export type SnapshotLookup =
  | {
      found: true;
      snapshot: Snapshot;
      /** Newer stored snapshots skipped because they could not be read (only when the newest was asked for). */
      skipped: UnreadableSnapshot[];
    }
  | { found: false; reason: "missing" | "unreadable"; skipped: UnreadableSnapshot[] };

/** Skips already logged, as "shown id:skipped ids". */
const reported = new Set<string>();

/**
 * The newest snapshot that can be read. A newer record that cannot be read is skipped (and named,
 * so the page can say so) rather than replaced by the demo account: the demo stands in only when
 * nothing was ever stored.
 */
async function newestReadable(store: SnapshotStore): Promise<SnapshotLookup> {
  const listed = await store.list();
  if (listed.length === 0) return { found: true, snapshot: demoSnapshot(), skipped: [] };
  const skipped: UnreadableSnapshot[] = [];
  for (const entry of listed) {
    const snapshot = entry.unreadable ? undefined : await store.get(entry.id);
    if (snapshot) {
      const key = `${snapshot.id}:${skipped.map((s) => s.id).join(",")}`;
      if (skipped.length > 0 && !reported.has(key)) {
        // Once per process and situation: every page view would otherwise repeat it.
        reported.add(key);
        log.warn("snapshot.newest-unreadable", {
          shown: snapshot.id,
          unreadable: skipped.map((s) => s.id),
          why: "the newer records do not parse or do not match the snapshot schema (see snapshot.skipped-corrupt)",
        });
      }
      return { found: true, snapshot, skipped };
    }
    skipped.push({ id: entry.id, finishedAt: entry.finishedAt });
  }
  log.error("snapshot.none-readable", { unreadable: skipped.map((s) => s.id) });
  return { found: false, reason: "unreadable", skipped };
}

/**
 * A snapshot by id; `latest` or no id: the newest readable one (the demo account only when nothing
 * was ever stored); `demo`: the demo account. Says whether an id is unknown or known but unreadable.
 */
export async function resolveSnapshot(store: SnapshotStore, id?: string): Promise<SnapshotLookup> {
  if (id === DEMO_SNAPSHOT_ID) return { found: true, snapshot: demoSnapshot(), skipped: [] };
  if (id === undefined || id === LATEST) return newestReadable(store);
  const snapshot = await store.get(id);
  if (snapshot) return { found: true, snapshot, skipped: [] };
  const known = (await store.list()).some((s) => s.id === id);
  return { found: false, reason: known ? "unreadable" : "missing", skipped: [] };
}

/**
 * What pages, the API and exports show: the snapshot with the mutes in force now applied (muted
 * findings marked and left out of the scores; the scan's own verdicts kept beside them).
 */
export async function findSnapshot(id?: string, now: Date = new Date()): Promise<SnapshotLookup> {
  return resolveWithMutes(snapshotStore(), id, now);
}

export async function resolveWithMutes(
  store: SnapshotStore & Partial<MuteStore>,
  id: string | undefined,
  now: Date,
): Promise<SnapshotLookup> {
  const lookup = await resolveSnapshot(store, id);
  return lookup.found ? { ...lookup, snapshot: await withMutesCached(store, lookup.snapshot, now) } : lookup;
}

/**
 * A snapshot by id (`latest`/undefined: the newest readable, `demo`: the demo account); undefined
 * when there is no such id or it cannot be read.
 */
export async function getSnapshot(id?: string): Promise<Snapshot | undefined> {
  const lookup = await findSnapshot(id);
  return lookup.found ? lookup.snapshot : undefined;
}

/** The sentence every surface shows when newer snapshots were skipped. */
export function skippedNotice(skipped: readonly UnreadableSnapshot[]): string | undefined {
  const unique = [...new Map(skipped.map((s) => [s.id, s])).values()];
  if (unique.length === 0) return undefined;
  const newest = unique[0]!;
  const more = unique.length > 1 ? ` and ${unique.length - 1} other newer snapshot(s)` : "";
  return `Snapshot ${newest.id} (finished ${newest.finishedAt})${more} could not be read; showing the newest readable snapshot instead (the log says why).`;
}

export async function listSnapshots(): Promise<SnapshotListing[]> {
  return snapshotStore().list();
}

/** The readable stored snapshot of the same account that finished just before this one, if any. */
export async function previousSnapshot(
  snapshot: Snapshot,
  store: SnapshotStore = snapshotStore(),
): Promise<Snapshot | undefined> {
  if (snapshot.source === "demo" && snapshot.id === DEMO_SNAPSHOT_ID) return undefined;
  const earlier = (await store.list()).filter(
    (s) =>
      s.accountId === snapshot.account.id &&
      s.source === snapshot.source &&
      s.finishedAt < snapshot.finishedAt &&
      !s.unreadable,
  );
  for (const entry of earlier) {
    const found = await store.get(entry.id);
    if (found) return found;
  }
  return undefined;
}
