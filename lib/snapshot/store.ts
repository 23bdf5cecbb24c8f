import path from "node:path";
import { log } from "@/lib/log";
import type { FindingsPage, FindingsStoreQuery } from "./findings-query";
import type { FindingGroups, FindingsGroupQuery, GroupBy } from "./findings-groups";
import type { Snapshot } from "./schema";
import type { AuditStore } from "./audit";
import type { MuteStore } from "./mute";
import type { NotificationStore } from "./notification-store";
import type { ScheduleStore } from "./schedule";
import type { SnapshotScope } from "./scope";
import { describeDatabaseUrl, parseDatabaseUrl, PostgresSnapshotStore } from "./postgres-store";
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
  /**
   * Optional fast path for the findings view: one page of the results of the given snapshots,
   * filtered and ordered from the store's own index (see `findings-query.ts` for the rules). A
   * snapshot that cannot be read contributes nothing. Without it, the results are read snapshot by
   * snapshot and filtered in memory, with the same answer.
   */
  queryFindings?(query: FindingsStoreQuery): Promise<FindingsPage>;
  /**
   * Optional fast path for grouped findings: the rows a query's filters match, counted per group from
   * the store's index (see `findings-groups.ts`). Without it, the results are grouped in memory, with
   * the same answer.
   */
  groupFindings?(query: FindingsGroupQuery, by: GroupBy): Promise<FindingGroups>;
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

let opened: { key: string; store: SqliteSnapshotStore | PostgresSnapshotStore } | undefined;

/**
 * The store: PostgreSQL (team mode) when `SAFEKEEP_DATABASE_URL` is set, shared by every process that
 * names it; otherwise SQLite under the data directory (the embedded default). One per process, reused.
 * A malformed URL throws a clear error naming the variable, never its value (it may hold a password).
 */
export function openSnapshotStore(
  dataDir: string,
  source: Record<string, string | undefined> = process.env,
): SnapshotStore & ScheduleStore & MuteStore & NotificationStore & AuditStore {
  const configured = source.SAFEKEEP_DATABASE_URL?.trim();
  const url = configured ? parseDatabaseUrl(configured) : undefined;
  const key = url ? `postgres ${url}` : `sqlite ${dataDir}`;
  if (opened?.key !== key) {
    const previous = opened?.store;
    if (previous) void Promise.resolve(previous.close()).catch(() => undefined);
    const onCorrupt = (id: string, problem: string) =>
      log.warn("snapshot.skipped-corrupt", { snapshotId: id, problem });
    opened = {
      key,
      store: url
        ? new PostgresSnapshotStore(url, {
            onCorrupt,
            onPoolError: (error) =>
              log.warn("snapshot.database-connection-lost", { database: describeDatabaseUrl(url), error }),
          })
        : new SqliteSnapshotStore(path.join(dataDir, "safekeep.db"), onCorrupt),
    };
  }
  return opened.store;
}
