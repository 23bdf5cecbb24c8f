import path from "node:path";
import { log } from "@/lib/log";
import type { Snapshot } from "./schema";
import type { SnapshotScope } from "./scope";
import { SqliteSnapshotStore } from "./sqlite-store";

/** What the rest of Safekeep needs from snapshot storage; a server database can implement it too. */
export interface SnapshotStore {
  put(snapshot: Snapshot): Promise<void>;
  get(id: string): Promise<Snapshot | undefined>;
  /** Newest first. */
  list(): Promise<SnapshotListing[]>;
  /**
   * Optional fast path for history: per finding id, the first and last `finishedAt` at which it was
   * failing (fail or warn) among the snapshots of this account and source finished at or before
   * `until`. Without it, `findingHistory` reads the snapshots one by one.
   */
  failingSightings?(
    accountId: string,
    source: Snapshot["source"],
    until: string,
    /** Only these findings (all of the account's when undefined). */
    findingIds?: readonly string[],
  ): Promise<Map<string, Sighting>>;
}

export interface Sighting {
  firstSeen: string;
  lastSeen: string;
}

export interface SnapshotListing {
  id: string;
  source: Snapshot["source"];
  accountId: string;
  finishedAt: string;
  score: number | null;
  /** What the scan covered, when the store knows it (for marking score changes that are not like for like). */
  scope?: SnapshotScope;
  /** True when the store already knows the stored record cannot be read. */
  unreadable?: boolean;
}

export function newSnapshotId(now: Date, random = Math.random): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  const suffix = Math.floor(random() * 36 ** 4)
    .toString(36)
    .padStart(4, "0");
  return `${stamp}-${suffix}`;
}

let opened: { dataDir: string; store: SqliteSnapshotStore } | undefined;

/** The store under a data directory; one connection per process, reused. */
export function openSnapshotStore(dataDir: string): SnapshotStore {
  if (opened?.dataDir !== dataDir) {
    opened?.store.close();
    opened = {
      dataDir,
      store: new SqliteSnapshotStore(path.join(dataDir, "safekeep.db"), (id, problem) =>
        log.warn("snapshot.skipped-corrupt", { snapshotId: id, problem }),
      ),
    };
  }
  return opened.store;
}
