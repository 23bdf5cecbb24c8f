import { createHash } from "node:crypto";
import type { Pool, PoolClient } from "pg";

/**
 * One step of the PostgreSQL schema. Versions only ever grow; an applied migration is never edited
 * (its checksum is recorded and checked), a change is a new migration.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Snapshot storage, the same shape as the SQLite store's so both answer alike. Text columns that are
 * compared or sorted use the "C" collation: ISO timestamps and snapshot ids must order byte by byte
 * as in SQLite, whatever locale the database was created with (a linguistic collation skips
 * punctuation and would reorder ids such as "x-1" and "x0").
 */
export const SNAPSHOT_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "snapshots",
    sql: `
CREATE TABLE snapshots (
  id          text COLLATE "C" PRIMARY KEY,
  source      text NOT NULL,
  account_id  text COLLATE "C" NOT NULL,
  finished_at text COLLATE "C" NOT NULL,
  score       integer,
  -- Kept as the exact JSON text written: it is validated on every read, and a large body is stored
  -- out of line (TOAST), so listings never read it.
  body        text NOT NULL,
  -- Derived from the body once, at write (or on first need for a row written some other way):
  -- NULL = not derived yet, false = the body cannot be read.
  readable    boolean,
  scope       text
);
CREATE INDEX snapshots_listing ON snapshots (finished_at DESC, id DESC);
CREATE INDEX snapshots_account ON snapshots (account_id, source, finished_at);
CREATE INDEX snapshots_pending ON snapshots (id) WHERE readable IS NULL;
CREATE TABLE failing_findings (
  finding_id  text COLLATE "C" NOT NULL,
  snapshot_id text COLLATE "C" NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
  PRIMARY KEY (finding_id, snapshot_id)
);
CREATE INDEX failing_findings_snapshot ON failing_findings (snapshot_id);
`,
  },
  {
    version: 2,
    name: "schedules",
    sql: `
-- Recurring scans: the schedule as JSON, and the cron occurrence (ISO 8601) it last ran for.
CREATE TABLE schedules (
  id           text COLLATE "C" PRIMARY KEY,
  body         text NOT NULL,
  last_run_for text COLLATE "C"
);
`,
  },
  {
    version: 3,
    name: "findings index",
    sql: `
-- The findings index (lib/snapshot/findings-sql.ts says what each table holds), the same shape as
-- SQLite's. Rows of snapshots stored before this migration are indexed on first need; no result
-- row references snapshots by key (snapshots are never deleted, and a check per row would slow the
-- bulk write of a large snapshot), the per-snapshot mark does.
CREATE TABLE finding_snapshots (
  snapshot_id  text COLLATE "C" PRIMARY KEY REFERENCES snapshots (id) ON DELETE CASCADE,
  readable     boolean NOT NULL,
  source       text COLLATE "C",
  account_name text COLLATE "C",
  finished_at  text COLLATE "C"
);
CREATE TABLE finding_results (
  snapshot_id   text COLLATE "C" NOT NULL,
  ordinal       integer NOT NULL,
  finding_id    text COLLATE "C" NOT NULL,
  account_id    text COLLATE "C" NOT NULL,
  service       text COLLATE "C" NOT NULL,
  control_id    text COLLATE "C" NOT NULL,
  control_title text COLLATE "C" NOT NULL,
  severity_rank smallint NOT NULL,
  status_rank   smallint NOT NULL,
  region        text COLLATE "C" NOT NULL,
  resource_arn  text COLLATE "C" NOT NULL,
  resource_name text COLLATE "C",
  resource_sort text COLLATE "C" NOT NULL,
  tags          text NOT NULL,
  reason        text COLLATE "C" NOT NULL,
  PRIMARY KEY (snapshot_id, ordinal)
);
CREATE INDEX finding_results_status ON finding_results (snapshot_id, status_rank, severity_rank);
CREATE INDEX finding_results_control ON finding_results (snapshot_id, control_id, status_rank);
-- A query reads the rows of a few snapshots (tens of thousands at most): starting parallel workers
-- costs more than they save (80 ms against a 30 ms scan measured at 65,000 results).
ALTER TABLE finding_results SET (parallel_workers = 0);
CREATE TABLE finding_tags (
  snapshot_id text COLLATE "C" NOT NULL,
  ordinal     integer NOT NULL,
  tag_key     text COLLATE "C" NOT NULL,
  tag_pair    text COLLATE "C" NOT NULL,
  PRIMARY KEY (snapshot_id, ordinal, tag_pair)
);
CREATE TABLE finding_first_failing (
  account_id text COLLATE "C" NOT NULL,
  source     text COLLATE "C" NOT NULL,
  finding_id text COLLATE "C" NOT NULL,
  first_seen text COLLATE "C" NOT NULL,
  PRIMARY KEY (finding_id, account_id, source)
);
-- First failing times of the history already indexed; rows still pending add theirs when indexed.
INSERT INTO finding_first_failing (account_id, source, finding_id, first_seen)
SELECT s.account_id, s.source, f.finding_id, MIN(s.finished_at)
FROM failing_findings f JOIN snapshots s ON s.id = f.snapshot_id
GROUP BY s.account_id, s.source, f.finding_id;
`,
  },
  {
    version: 4,
    name: "mutes",
    sql: `
-- Mutes (lib/snapshot/mute.ts): the mute as JSON, with the time it was last changed (an edit only
-- applies over the version it was made from), and its written history, oldest first by seq.
CREATE TABLE mutes (
  id         text COLLATE "C" PRIMARY KEY,
  created_at text COLLATE "C" NOT NULL,
  updated_at text COLLATE "C" NOT NULL,
  body       text NOT NULL
);
CREATE TABLE mute_events (
  seq     bigserial PRIMARY KEY,
  mute_id text COLLATE "C" NOT NULL REFERENCES mutes (id),
  body    text NOT NULL
);
CREATE INDEX mute_events_mute ON mute_events (mute_id, seq);
`,
  },
  {
    version: 5,
    name: "notification deliveries",
    sql: `
-- Notification deliveries (lib/snapshot/notification-store.ts): one row per delivery to one channel,
-- the target masked to its host, the error in Safekeep's own words; never a URL path, token or secret.
-- No key references snapshots: a test message is about none.
CREATE TABLE notification_deliveries (
  id          text COLLATE "C" PRIMARY KEY,
  at          text COLLATE "C" NOT NULL,
  channel     text NOT NULL,
  target      text NOT NULL,
  event       text NOT NULL,
  snapshot_id text COLLATE "C",
  account_id  text COLLATE "C",
  attempts    integer NOT NULL,
  outcome     text NOT NULL,
  status      integer,
  error       text
);
CREATE INDEX notification_deliveries_at ON notification_deliveries (at DESC, id DESC);
`,
  },
  {
    version: 6,
    name: "audit log",
    sql: `
-- The audit log (lib/snapshot/audit.ts): each event as JSON, with the columns it is ordered, filtered
-- and paged by. Every event is kept: nothing deletes from this table.
CREATE TABLE audit_events (
  id            text COLLATE "C" PRIMARY KEY,
  at            text COLLATE "C" NOT NULL,
  action        text COLLATE "C" NOT NULL,
  actor_subject text COLLATE "C" NOT NULL,
  body          text NOT NULL
);
CREATE INDEX audit_events_at ON audit_events (at DESC, id DESC);
CREATE INDEX audit_events_action ON audit_events (action, at DESC, id DESC);
`,
  },
];

/** Any fixed 64-bit key, the same in every Safekeep process: it serialises migrations across processes. */
const MIGRATION_LOCK_KEY = "7262388531200451";

function checksum(migration: Migration): string {
  return createHash("sha256").update(migration.sql).digest("hex");
}

interface AppliedRow {
  version: number;
  name: string;
  checksum: string;
}

/**
 * Brings the database to the newest schema: each migration not yet applied, in version order, in its
 * own transaction (a failing one leaves nothing behind and stops the start). A session advisory lock
 * makes processes that start at once take turns; the second finds the work done.
 * A database migrated by a newer Safekeep, or an applied migration that has since changed, is refused
 * rather than run against a schema this code does not know.
 */
export async function applyMigrations(pool: Pool, migrations: readonly Migration[] = SNAPSHOT_MIGRATIONS) {
  const ordered = [...migrations].sort((a, b) => a.version - b.version);
  ordered.forEach((m, i) => {
    if (!Number.isInteger(m.version) || m.version < 1 || (i > 0 && ordered[i - 1]!.version === m.version))
      throw new Error(`Invalid migration list: version ${m.version} (${m.name})`);
  });
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query("SELECT pg_advisory_lock($1::bigint)", [MIGRATION_LOCK_KEY]);
    try {
      await migrate(client, ordered);
    } finally {
      await client.query("SELECT pg_advisory_unlock($1::bigint)", [MIGRATION_LOCK_KEY]).catch((error: Error) => {
        broken = error;
      });
    }
  } catch (error) {
    broken ??= error as Error;
    throw error;
  } finally {
    // A connection whose state is unknown (lock perhaps still held) is closed, never returned to the pool.
    client.release(broken);
  }
}

async function migrate(client: PoolClient, ordered: readonly Migration[]): Promise<void> {
  await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    integer PRIMARY KEY,
    name       text NOT NULL,
    checksum   text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const applied = new Map(
    (await client.query<AppliedRow>("SELECT version, name, checksum FROM schema_migrations")).rows.map((r) => [
      r.version,
      r,
    ]),
  );
  const known = new Set(ordered.map((m) => m.version));
  const unknown = [...applied.keys()].filter((v) => !known.has(v));
  if (unknown.length)
    throw new Error(
      `The database schema has migration ${Math.max(...unknown)}, which this version of Safekeep does not know: it was migrated by a newer version; upgrade Safekeep`,
    );
  for (const migration of ordered) {
    const done = applied.get(migration.version);
    if (done) {
      if (done.checksum !== checksum(migration))
        throw new Error(
          `Migration ${migration.version} (${migration.name}) differs from the one applied to this database: applied migrations must never change`,
        );
      continue;
    }
    try {
      await client.query("BEGIN");
      await client.query(migration.sql);
      await client.query("INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)", [
        migration.version,
        migration.name,
        checksum(migration),
      ]);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw new Error(`Migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
}
