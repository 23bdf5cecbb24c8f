import path from "node:path";
import { log } from "@/lib/log";
import type { Snapshot } from "./schema";
import { SqliteSnapshotStore } from "./sqlite-store";

/** What the rest of Safekeep needs from snapshot storage; a server database can implement it too. */
export interface SnapshotStore {
  put(snapshot: Snapshot): Promise<void>;
  get(id: string): Promise<Snapshot | undefined>;
  /** Newest first. */
  list(): Promise<SnapshotListing[]>;
}

export interface SnapshotListing {
  id: string;
  source: Snapshot["source"];
  accountId: string;
  finishedAt: string;
  score: number | null;
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
