import pg from "pg";
import { applyMigrations, SNAPSHOT_MIGRATIONS, type Migration } from "./migrations/postgres";
import { snapshotSchema, type Snapshot } from "./schema";
import {
  controlKey,
  findingRowsOf,
  finishPage,
  tagPair,
  type FindingsPage,
  type FindingsStoreQuery,
} from "./findings-query";
import { findingsStatements, RESULT_COLUMNS, resultRecord, rowFromSelected, type SelectedRow } from "./findings-sql";
import { findingGroupsStatements, groupFromSelected, type SelectedGroup } from "./findings-sql";
import { incompleteControlsStatement, pagePairs } from "./findings-sql";
import { finishGroups, type FindingGroups, type FindingsGroupQuery, type GroupBy } from "./findings-groups";
import { parseStoredSnapshot } from "./stored-body";
import { muteSchema, storedMute, storedMuteEvent, type Mute, type MuteEvent, type MuteStore } from "./mute";
import { DELIVERY_COLUMNS, deliveryFromRow, deliveryRow, MAX_LISTED_DELIVERIES } from "./notification-store";
import type { Delivery, DeliveryRow, NotificationStore } from "./notification-store";
import { scheduleSchema, storedSchedule, type Schedule, type ScheduleStore, type StoredSchedule } from "./schedule";
import type { AuditEvent, AuditPage, AuditQuery, AuditStore } from "./audit";
import { AUDIT_COLUMNS, auditListStatement, auditPageOf, auditRow, type AuditListedRow } from "./audit-store";
import { snapshotScope, type SnapshotScope } from "./scope";
import type { Sighting, SnapshotListing, SnapshotStore } from "./store";

/** Parsed snapshots kept in memory (least recently read dropped first), as in the SQLite store. */
const PARSED_CACHE_SIZE = 4;
const FAILING = new Set(["fail", "warn"]);
/** Results per INSERT of the findings index: large arrays are sent as text, so bound what one statement carries. */
const FINDINGS_BATCH = 5_000;
/** PostgreSQL's types of the finding_results columns, for unnest (RESULT_COLUMNS' order). */
const RESULT_TYPES: Record<(typeof RESULT_COLUMNS)[number], string> = {
  ordinal: "integer",
  finding_id: "text",
  account_id: "text",
  service: "text",
  control_id: "text",
  control_title: "text",
  severity_rank: "smallint",
  status_rank: "smallint",
  region: "text",
  resource_arn: "text",
  resource_name: "text",
  resource_sort: "text",
  tags: "text",
  reason: "text",
};
/** PostgreSQL's code for a unique-key violation. */
const UNIQUE_VIOLATION = "23505";

interface Row {
  id: string;
  source: string;
  account_id: string;
  finished_at: string;
  score: number | null;
  body: string;
}

type ListedRow = Omit<Row, "body"> & { readable: boolean | null; scope: string | null };

export interface PostgresStoreOptions {
  /** A stored record that cannot be read (it is skipped, never rendered half). */
  onCorrupt?: (id: string, problem: string) => void;
  /** An idle pooled connection failed (the server restarted, the network dropped); the pool replaces it. */
  onPoolError?: (error: Error) => void;
  /** Connections held at most; node-postgres's default otherwise. */
  maxConnections?: number;
  /** The schema to reach; tests pass their own list. */
  migrations?: readonly Migration[];
}

/**
 * A PostgreSQL connection URL checked before use, so a typo fails at start with a clear message. The
 * message never repeats the value: it may hold a password.
 */
export function parseDatabaseUrl(value: string, variable = "SAFEKEEP_DATABASE_URL"): string {
  const expected = `${variable} must be a PostgreSQL URL such as postgresql://user:password@host:5432/database`;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new Error(`${expected} (the value set is not a URL)`);
  }
  if (url.protocol !== "postgresql:" && url.protocol !== "postgres:")
    throw new Error(`${expected} (the value set uses the scheme "${url.protocol.replace(/:$/, "")}")`);
  // libpq's own form for a Unix socket names its directory in ?host= and leaves the host part empty.
  if (!url.hostname && !url.searchParams.get("host")) throw new Error(`${expected} (the value set names no host)`);
  if (url.port && !/^\d+$/.test(url.port)) throw new Error(`${expected} (the port is not a number)`);
  return value.trim();
}

/** Where a URL points, without its credentials: for messages and logs. */
export function describeDatabaseUrl(value: string): string {
  const url = new URL(value);
  const host = url.hostname || url.searchParams.get("host") || "";
  return `${host}${url.port ? `:${url.port}` : ""}${url.pathname}`;
}

/**
 * Snapshots in PostgreSQL, for team mode: several workers and dashboards share one database. It
 * answers exactly as the SQLite store does (same ordering, same handling of records that cannot be
 * read, the same failing-findings index for history). A snapshot is written with its derived rows
 * in one transaction, so a worker killed half way leaves no half snapshot. The schema is brought up
 * to date when the store opens (versioned migrations under an advisory lock); until that is done,
 * and again after it failed, every call waits for (or retries) it, so a database that was down at
 * start is picked up once it is back.
 */
export class PostgresSnapshotStore implements SnapshotStore, ScheduleStore, MuteStore, NotificationStore, AuditStore {
  private readonly pool: pg.Pool;
  private readonly onCorrupt: (id: string, problem: string) => void;
  private readonly migrations: readonly Migration[];
  private ready: Promise<void> | undefined;
  /** Snapshots never change once written: the few most recently read are kept parsed. */
  private readonly parsed = new Map<string, Snapshot>();

  constructor(url: string, options: PostgresStoreOptions = {}) {
    this.onCorrupt = options.onCorrupt ?? (() => undefined);
    this.migrations = options.migrations ?? SNAPSHOT_MIGRATIONS;
    // allowExitOnIdle: a CLI run ends when its work is done instead of waiting for idle connections to time out.
    this.pool = new pg.Pool({
      connectionString: parseDatabaseUrl(url),
      max: options.maxConnections,
      allowExitOnIdle: true,
    });
    // Without a listener an idle connection's error would end the process.
    this.pool.on("error", options.onPoolError ?? (() => undefined));
    // Migrations start now; the outcome is awaited (and reported) by the first call that needs them.
    this.ensureReady().catch(() => undefined);
  }

  /** Resolves once the schema is current; rejects with the reason it could not be made so. */
  ensureReady(): Promise<void> {
    this.ready ??= applyMigrations(this.pool, this.migrations).catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }

  async listSchedules(): Promise<StoredSchedule[]> {
    await this.ensureReady();
    const { rows } = await this.pool.query<{ body: string; last_run_for: string | null }>(
      "SELECT body, last_run_for FROM schedules ORDER BY id",
    );
    return rows.flatMap((row) => storedSchedule(row.body, row.last_run_for));
  }

  async putSchedule(schedule: Schedule): Promise<void> {
    const valid = scheduleSchema.parse(schedule);
    await this.ensureReady();
    await this.pool.query(
      "INSERT INTO schedules (id, body) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET body = excluded.body",
      [valid.id, JSON.stringify(valid)],
    );
  }

  async deleteSchedule(id: string): Promise<boolean> {
    await this.ensureReady();
    return ((await this.pool.query("DELETE FROM schedules WHERE id = $1", [id])).rowCount ?? 0) > 0;
  }

  async claimScheduleRun(id: string, occurrence: string): Promise<boolean> {
    await this.ensureReady();
    // One statement: of several servers or workers ticking at once, exactly one sees a row changed.
    const claimed = await this.pool.query(
      "UPDATE schedules SET last_run_for = $1 WHERE id = $2 AND (last_run_for IS NULL OR last_run_for < $1)",
      [occurrence, id],
    );
    return (claimed.rowCount ?? 0) > 0;
  }

  async listMutes(): Promise<Mute[]> {
    await this.ensureReady();
    const { rows } = await this.pool.query<{ body: string }>("SELECT body FROM mutes ORDER BY created_at DESC, id");
    return rows.flatMap((row) => storedMute(row.body, this.onCorrupt));
  }

  async getMute(id: string): Promise<Mute | undefined> {
    await this.ensureReady();
    const { rows } = await this.pool.query<{ body: string }>("SELECT body FROM mutes WHERE id = $1", [id]);
    return rows[0] ? storedMute(rows[0].body, this.onCorrupt)[0] : undefined;
  }

  async insertMute(mute: Mute, event: MuteEvent): Promise<void> {
    const valid = muteSchema.parse(mute);
    await this.ensureReady();
    await this.transaction(async (client) => {
      await client.query("INSERT INTO mutes (id, created_at, updated_at, body) VALUES ($1, $2, $3, $4)", [
        valid.id,
        valid.createdAt,
        valid.updatedAt,
        JSON.stringify(valid),
      ]);
      await client.query("INSERT INTO mute_events (mute_id, body) VALUES ($1, $2)", [valid.id, JSON.stringify(event)]);
    });
  }

  async updateMute(mute: Mute, event: MuteEvent, expectedUpdatedAt: string): Promise<boolean> {
    const valid = muteSchema.parse(mute);
    await this.ensureReady();
    return this.transaction(async (client) => {
      // The row lock the UPDATE takes makes a concurrent edit of the same version wait, then change nothing.
      const changed = await client.query(
        "UPDATE mutes SET updated_at = $1, body = $2 WHERE id = $3 AND updated_at = $4",
        [valid.updatedAt, JSON.stringify(valid), valid.id, expectedUpdatedAt],
      );
      if ((changed.rowCount ?? 0) === 0) return false;
      await client.query("INSERT INTO mute_events (mute_id, body) VALUES ($1, $2)", [valid.id, JSON.stringify(event)]);
      return true;
    });
  }

  async muteEvents(muteId?: string): Promise<MuteEvent[]> {
    await this.ensureReady();
    const { rows } =
      muteId === undefined
        ? await this.pool.query<{ body: string }>("SELECT body FROM mute_events ORDER BY seq")
        : await this.pool.query<{ body: string }>("SELECT body FROM mute_events WHERE mute_id = $1 ORDER BY seq", [
            muteId,
          ]);
    return rows.flatMap((row) => storedMuteEvent(row.body));
  }

  async recordDelivery(delivery: Delivery): Promise<void> {
    const row = deliveryRow(delivery);
    await this.ensureReady();
    await this.pool.query(
      `INSERT INTO notification_deliveries (${DELIVERY_COLUMNS.join(", ")}) VALUES (${DELIVERY_COLUMNS.map((_, i) => `$${i + 1}`).join(", ")})`,
      DELIVERY_COLUMNS.map((c) => row[c]),
    );
  }

  async listDeliveries(limit: number): Promise<Delivery[]> {
    await this.ensureReady();
    const { rows } = await this.pool.query<DeliveryRow>(
      "SELECT * FROM notification_deliveries ORDER BY at DESC, id DESC LIMIT $1",
      [Math.max(0, Math.min(limit, MAX_LISTED_DELIVERIES))],
    );
    return rows.flatMap(deliveryFromRow);
  }

  async appendAudit(event: AuditEvent): Promise<void> {
    const row = auditRow(event);
    await this.ensureReady();
    await this.pool.query(
      `INSERT INTO audit_events (${AUDIT_COLUMNS.join(", ")}) VALUES (${AUDIT_COLUMNS.map((_, i) => `$${i + 1}`).join(", ")})`,
      row,
    );
  }

  async listAudit(query: AuditQuery): Promise<AuditPage> {
    const { sql, params } = auditListStatement("postgres", query);
    await this.ensureReady();
    return auditPageOf(query, (await this.pool.query<AuditListedRow>(sql, params)).rows);
  }

  /** Rejects when the database does not answer (for the dashboard's health report). */
  async ping(): Promise<void> {
    await this.pool.query("SELECT 1");
  }

  async put(snapshot: Snapshot): Promise<void> {
    const valid = snapshotSchema.parse(snapshot);
    await this.ensureReady();
    await this.transaction(async (client) => {
      try {
        await client.query(
          "INSERT INTO snapshots (id, source, account_id, finished_at, score, body) VALUES ($1, $2, $3, $4, $5, $6)",
          [valid.id, valid.source, valid.account.id, valid.finishedAt, valid.score, JSON.stringify(valid)],
        );
      } catch (error) {
        if ((error as { code?: string }).code === UNIQUE_VIOLATION)
          throw new Error(`A snapshot with id ${valid.id} is already stored; it is kept as it was`, { cause: error });
        throw error;
      }
      await this.index(client, valid.id, valid);
      await this.indexFindings(client, valid.id, valid);
    });
  }

  async get(id: string): Promise<Snapshot | undefined> {
    const cached = this.parsed.get(id);
    if (cached) {
      this.parsed.delete(id);
      this.parsed.set(id, cached);
      return cached;
    }
    await this.ensureReady();
    const { rows } = await this.pool.query<Row>(
      "SELECT id, source, account_id, finished_at, score, body FROM snapshots WHERE id = $1",
      [id],
    );
    const snapshot = rows[0] ? this.parse(rows[0]) : undefined;
    if (snapshot) {
      this.parsed.set(id, snapshot);
      if (this.parsed.size > PARSED_CACHE_SIZE) this.parsed.delete(this.parsed.keys().next().value as string);
    }
    return snapshot;
  }

  async list(): Promise<SnapshotListing[]> {
    await this.ensureReady();
    await this.indexPending();
    const { rows } = await this.pool.query<ListedRow>(
      `SELECT id, source, account_id, finished_at, score, readable, scope
       FROM snapshots ORDER BY finished_at DESC, id DESC`,
    );
    return rows.map((r) => ({
      id: r.id,
      source: r.source === "demo" ? "demo" : "aws",
      accountId: r.account_id,
      finishedAt: r.finished_at,
      score: r.score,
      ...(r.scope ? { scope: JSON.parse(r.scope) as SnapshotScope } : {}),
      ...(r.readable === false ? { unreadable: true } : {}),
    }));
  }

  async failingSightings(
    accountId: string,
    source: Snapshot["source"],
    until: string,
    findingIds?: readonly string[],
  ): Promise<Map<string, Sighting>> {
    await this.ensureReady();
    await this.indexPending();
    // One array parameter carries any number of finding ids: no batching, no SQL built from values.
    const { rows } = await this.pool.query<{ id: string; first: string; last: string }>(
      `SELECT f.finding_id AS id, MIN(s.finished_at) AS first, MAX(s.finished_at) AS last
       FROM failing_findings f JOIN snapshots s ON s.id = f.snapshot_id
       WHERE s.account_id = $1 AND s.source = $2 AND s.finished_at <= $3
         AND ($4::text[] IS NULL OR f.finding_id = ANY ($4::text[]))
       GROUP BY f.finding_id`,
      [accountId, source, until, findingIds === undefined ? null : [...new Set(findingIds)]],
    );
    return new Map(rows.map((r) => [r.id, { firstSeen: r.first, lastSeen: r.last }]));
  }

  /** One page of findings from the index (./findings-query.ts says what it answers). */
  async queryFindings(query: FindingsStoreQuery): Promise<FindingsPage> {
    if (query.snapshotIds.length === 0) return { items: [], total: 0, nextCursor: null };
    await this.ensureReady();
    // First seen comes from the failing history, which may lack rows written some other way.
    await this.indexPending();
    await this.indexFindingsPending(query.snapshotIds);
    const { count, page } = findingsStatements("postgres", query);
    // Two connections: the count and the page run side by side.
    const [counted, selected] = await Promise.all([
      this.pool.query<{ n: string }>(count.sql, count.params),
      this.pool.query<SelectedRow>(page.sql, page.params),
    ]);
    const rows = selected.rows.map(rowFromSelected);
    const incomplete = incompleteControlsStatement("postgres", pagePairs(rows.slice(0, query.limit)));
    const found = incomplete
      ? (await this.pool.query<{ snapshot_id: string; control_id: string }>(incomplete.sql, incomplete.params)).rows
      : [];
    return finishPage(
      query,
      rows,
      Number(counted.rows[0]?.n ?? 0),
      new Set(found.map((r) => controlKey(r.snapshot_id, r.control_id))),
    );
  }

  /** Ends the pool's connections once the calls under way are done. */
  async close(): Promise<void> {
    await this.pool.end();
  }

  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query("BEGIN");
      const result = await work(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch((rollbackError: Error) => {
        broken = rollbackError;
      });
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /** Records a snapshot's scope and failing finding ids, or that it cannot be read. */
  private async index(client: pg.PoolClient, id: string, snapshot: Snapshot | undefined): Promise<void> {
    await client.query("UPDATE snapshots SET readable = $2, scope = $3 WHERE id = $1", [
      id,
      snapshot !== undefined,
      snapshot ? JSON.stringify(snapshotScope(snapshot)) : null,
    ]);
    if (!snapshot) return;
    const failing = new Set<string>();
    for (const control of snapshot.controls)
      for (const result of control.results) if (FAILING.has(result.status)) failing.add(result.findingId);
    if (failing.size === 0) return;
    await client.query(
      `INSERT INTO failing_findings (finding_id, snapshot_id)
       SELECT f, $2 FROM unnest($1::text[]) AS f ON CONFLICT DO NOTHING`,
      [[...failing], id],
    );
    await client.query(
      `INSERT INTO finding_first_failing (account_id, source, finding_id, first_seen)
       SELECT $2, $3, f, $4 FROM unnest($1::text[]) AS f
       ON CONFLICT (finding_id, account_id, source)
       -- Only an earlier time is written: an unchanged row would still leave a dead version behind.
       DO UPDATE SET first_seen = excluded.first_seen WHERE excluded.first_seen < finding_first_failing.first_seen`,
      [[...failing], snapshot.account.id, snapshot.source, snapshot.finishedAt],
    );
  }

  /** Records a snapshot's results in the findings index, or that it cannot be read (it then adds none). */
  private async indexFindings(client: pg.PoolClient, id: string, snapshot: Snapshot | undefined): Promise<void> {
    await client.query(
      `INSERT INTO finding_snapshots (snapshot_id, readable, source, account_name, finished_at)
       VALUES ($1, $2, $3, $4, $5)`,
      [
        id,
        snapshot !== undefined,
        snapshot?.source ?? null,
        snapshot?.account.name ?? null,
        snapshot?.finishedAt ?? null,
      ],
    );
    if (!snapshot) return;
    const rows = findingRowsOf(snapshot);
    const arrays = RESULT_COLUMNS.map((c, i) => `$${i + 2}::${RESULT_TYPES[c]}[]`).join(", ");
    for (let start = 0; start < rows.length; start += FINDINGS_BATCH) {
      const records = rows.slice(start, start + FINDINGS_BATCH).map(resultRecord);
      await client.query(
        `INSERT INTO finding_results (snapshot_id, ${RESULT_COLUMNS.join(", ")})
         SELECT $1, * FROM unnest(${arrays})`,
        [id, ...RESULT_COLUMNS.map((c) => records.map((r) => r[c]))],
      );
    }
    const tags = rows.flatMap((row) => row.tags.map((tag) => [row.ordinal, tag.key, tagPair(tag)] as const));
    for (let start = 0; start < tags.length; start += FINDINGS_BATCH) {
      const batch = tags.slice(start, start + FINDINGS_BATCH);
      await client.query(
        `INSERT INTO finding_tags (snapshot_id, ordinal, tag_key, tag_pair)
         SELECT $1, * FROM unnest($2::integer[], $3::text[], $4::text[]) ON CONFLICT DO NOTHING`,
        [id, batch.map((t) => t[0]), batch.map((t) => t[1]), batch.map((t) => t[2])],
      );
    }
  }

  /**
   * The findings index of snapshots stored before it existed (or some other way than `put`) is built
   * on first need, for the snapshots a query reads only: one parse and one transaction each. The
   * snapshot's row is locked and the mark checked again under the lock, so a second process doing the
   * same at once waits and then finds the work done.
   */
  private async indexFindingsPending(snapshotIds: readonly string[]): Promise<void> {
    const { rows: pending } = await this.pool.query<{ id: string }>(
      `SELECT s.id FROM snapshots s
       WHERE s.id = ANY ($1::text[]) AND NOT EXISTS (SELECT 1 FROM finding_snapshots f WHERE f.snapshot_id = s.id)`,
      [[...new Set(snapshotIds)]],
    );
    for (const { id } of pending)
      await this.transaction(async (client) => {
        const { rows } = await client.query<Row & { readable: boolean | null }>(
          "SELECT id, source, account_id, finished_at, score, body, readable FROM snapshots WHERE id = $1 FOR UPDATE",
          [id],
        );
        if (!rows[0]) return;
        const done = await client.query("SELECT 1 FROM finding_snapshots WHERE snapshot_id = $1", [id]);
        if (done.rowCount) return;
        // A record already known unreadable is not parsed (and reported) again.
        await this.indexFindings(client, id, rows[0].readable === false ? undefined : this.parse(rows[0]));
      });
  }

  /**
   * Rows written some other way than `put` (an import, a row from before a derived column existed)
   * are indexed on first need, one parse each; a row that cannot be read is recorded as such and
   * reported once. Each row is claimed with a row lock: a process listing at the same time waits for
   * the first one's answer (the row is then no longer pending) instead of parsing the body again.
   */
  private async indexPending(): Promise<void> {
    const { rows: pending } = await this.pool.query<{ id: string }>("SELECT id FROM snapshots WHERE readable IS NULL");
    for (const { id } of pending)
      await this.transaction(async (client) => {
        const { rows } = await client.query<Row>(
          `SELECT id, source, account_id, finished_at, score, body FROM snapshots
           WHERE id = $1 AND readable IS NULL FOR UPDATE`,
          [id],
        );
        if (rows[0]) await this.index(client, id, this.parse(rows[0]));
      });
  }

  private parse(row: Row): Snapshot | undefined {
    return parseStoredSnapshot(row.id, row.body, this.onCorrupt);
  }

  /** Findings counted per group, from the index (./findings-groups.ts says what it answers). */
  async groupFindings(query: FindingsGroupQuery, by: GroupBy): Promise<FindingGroups> {
    if (query.snapshotIds.length === 0) return { groups: [], total: 0, more: false };
    await this.ensureReady();
    await this.indexFindingsPending(query.snapshotIds);
    const { count, groups } = findingGroupsStatements("postgres", query, by);
    const [counted, selected] = await Promise.all([
      this.pool.query<{ n: string }>(count.sql, count.params),
      this.pool.query<SelectedGroup>(groups.sql, groups.params),
    ]);
    const total = Number(counted.rows[0]?.n ?? 0);
    return finishGroups(by, selected.rows.map(groupFromSelected), total, query.filters.ownerKey);
  }
}
