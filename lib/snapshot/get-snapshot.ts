import { demoSnapshot, DEMO_SNAPSHOT_ID } from "@/lib/demo/snapshot";
import { env } from "@/lib/env";
import type { Snapshot } from "./schema";
import { openSnapshotStore, type SnapshotListing, type SnapshotStore } from "./store";

/** The single read path for pages and route handlers: pages never call AWS. */
export function snapshotStore(): SnapshotStore {
  return openSnapshotStore(env().dataDir);
}

/**
 * A snapshot by id, or the newest stored one, or, when nothing has been scanned yet, the demo
 * account. Returns undefined only for an id that does not exist.
 */
export async function getSnapshot(id?: string): Promise<Snapshot | undefined> {
  if (id === DEMO_SNAPSHOT_ID) return demoSnapshot();
  const store = snapshotStore();
  if (id !== undefined) return store.get(id);
  const [newest] = await store.list();
  return (newest && (await store.get(newest.id))) ?? demoSnapshot();
}

export async function listSnapshots(): Promise<SnapshotListing[]> {
  return snapshotStore().list();
}

/** The stored snapshot of the same account that finished just before this one, if any. */
export async function previousSnapshot(snapshot: Snapshot): Promise<Snapshot | undefined> {
  if (snapshot.source === "demo") return undefined;
  const earlier = (await listSnapshots()).find(
    (s) => s.accountId === snapshot.account.id && s.source === snapshot.source && s.finishedAt < snapshot.finishedAt,
  );
  return earlier ? snapshotStore().get(earlier.id) : undefined;
}
