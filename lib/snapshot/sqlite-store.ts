import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import path from "node:path";
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
import {
  DELIVERY_COLUMNS,
  deliveryFromRow,
  deliveryRow,
  MAX_LISTED_DELIVERIES,
  SQLITE_DELIVERIES_TABLE,
} from "./notification-store";
import type { Delivery, DeliveryRow, NotificationStore } from "./notification-store";
import { scheduleSchema, storedSchedule, type Schedule, type ScheduleStore, type StoredSchedule } from "./schedule";
import type { AuditEvent, AuditPage, AuditQuery, AuditStore } from "./audit";
import { AUDIT_COLUMNS, auditListStatement, auditPageOf, auditRow, SQLITE_AUDIT_TABLE } from "./audit-store";
import type { AuditListedRow } from "./audit-store";
import { snapshotScope, type SnapshotScope } from "./scope";
import type { Sighting, SnapshotListing, SnapshotStore } from "./store";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS snapshots (
  id          TEXT PRIMARY KEY,
  source      TEXT NOT NULL,
  account_id  TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  score       INTEGER,
  body        TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS snapshots_finished_at ON snapshots (finished_at DESC);
-- Derived from each body once (at write, or on first listing for rows written before these tables
-- existed), so listings and history never re-read whole snapshots. Kept apart from the snapshots table:
-- a column after the large body would make every listing read through the body's pages.
CREATE TABLE IF NOT EXISTS snapshot_meta (
  snapshot_id TEXT PRIMARY KEY,
  readable    INTEGER NOT NULL,
  scope       TEXT
);
CREATE TABLE IF NOT EXISTS failing_findings (
  finding_id  TEXT NOT NULL,
  snapshot_id TEXT NOT NULL,
  PRIMARY KEY (finding_id, snapshot_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS failing_findings_snapshot ON failing_findings (snapshot_id);
-- The findings index (./findings-sql.ts): written with each snapshot, and on first need for rows
-- written before these tables existed. Rows of one snapshot are contiguous (inserted together), so a
-- query reads them in few pages.
CREATE TABLE IF NOT EXISTS finding_snapshots (
  snapshot_id  TEXT PRIMARY KEY,
  readable     INTEGER NOT NULL,
  source       TEXT,
  account_name TEXT,
  finished_at  TEXT
);
CREATE TABLE IF NOT EXISTS finding_results (
  snapshot_id   TEXT NOT NULL,
  ordinal       INTEGER NOT NULL,
  finding_id    TEXT NOT NULL,
  account_id    TEXT NOT NULL,
  service       TEXT NOT NULL,
  control_id    TEXT NOT NULL,
  control_title TEXT NOT NULL,
  severity_rank INTEGER NOT NULL,
  status_rank   INTEGER NOT NULL,
  region        TEXT NOT NULL,
  resource_arn  TEXT NOT NULL,
  resource_name TEXT,
  resource_sort TEXT NOT NULL,
  tags          TEXT NOT NULL,
  reason        TEXT NOT NULL,
  PRIMARY KEY (snapshot_id, ordinal)
);
CREATE INDEX IF NOT EXISTS finding_results_status ON finding_results (snapshot_id, status_rank, severity_rank);
CREATE INDEX IF NOT EXISTS finding_results_control ON finding_results (snapshot_id, control_id, status_rank);
CREATE TABLE IF NOT EXISTS finding_tags (
  snapshot_id TEXT NOT NULL,
  ordinal     INTEGER NOT NULL,
  tag_key     TEXT NOT NULL,
  tag_pair    TEXT NOT NULL,
  PRIMARY KEY (snapshot_id, ordinal, tag_pair)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS finding_first_failing (
  account_id TEXT NOT NULL,
  source     TEXT NOT NULL,
  finding_id TEXT NOT NULL,
  first_seen TEXT NOT NULL,
  PRIMARY KEY (finding_id, account_id, source)
) WITHOUT ROWID;
-- Recurring scans (./schedule.ts): the schedule as JSON, and the cron occurrence it last ran for.
CREATE TABLE IF NOT EXISTS schedules (
  id           TEXT PRIMARY KEY,
  body         TEXT NOT NULL,
  last_run_for TEXT
);
-- Mutes (./mute.ts): the mute as JSON with the time it was last changed, and its written history.
CREATE TABLE IF NOT EXISTS mutes (
  id         TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  body       TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS mute_events (
  seq     INTEGER PRIMARY KEY AUTOINCREMENT,
  mute_id TEXT NOT NULL REFERENCES mutes (id),
  body    TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS mute_events_mute ON mute_events (mute_id, seq);
`;

const BACKFILL_FIRST_FAILING = `
INSERT INTO finding_first_failing (account_id, source, finding_id, first_seen)
SELECT s.account_id, s.source, f.finding_id, MIN(s.finished_at)
FROM failing_findings f JOIN snapshots s ON s.id = f.snapshot_id
WHERE true
GROUP BY s.account_id, s.source, f.finding_id
ON CONFLICT (finding_id, account_id, source) DO UPDATE SET first_seen = excluded.first_seen
WHERE excluded.first_seen < first_seen`;

/** Parsed snapshots kept in memory (least recently read dropped first). */
const PARSED_CACHE_SIZE = 4;

interface Row {
  id: string;
  source: string;
  account_id: string;
  finished_at: string;
  score: number | null;
  body: string;
}

type ListedRow = Omit<Row, "body"> & { readable: number | null; scope: string | null };

const FAILING = new Set(["fail", "warn"]);
/** Finding ids per sightings query, well under SQLite's limit on bound parameters. */
const SIGHTING_BATCH = 500;

/**
 * Snapshots in an embedded SQLite database. A snapshot is one row written in one statement, so a
 * scan killed half way leaves no half snapshot and never touches earlier ones; WAL mode lets pages
 * read while a scan writes. Rows are validated on the way out: a corrupt one is skipped and
 * reported through `onCorrupt`, never rendered half.
 */
export class SqliteSnapshotStore implements SnapshotStore, ScheduleStore, MuteStore, NotificationStore, AuditStore {
  private readonly db: Database.Database;
  /**
   * Snapshots never change once written, so the few most recently read are kept parsed: reading and
   * validating a 20,000-resource snapshot costs a few hundred milliseconds on every page view otherwise.
   */
  private readonly parsed = new Map<string, Snapshot>();

  constructor(
    file: string,
    private readonly onCorrupt: (id: string, problem: string) => void = () => undefined,
  ) {
    if (file !== ":memory:") mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    this.db.pragma("busy_timeout = 5000");
    const firstFailingExisted = this.db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'finding_first_failing'")
      .get();
    this.db.exec(SCHEMA);
    // Notification deliveries (./notification-store.ts): one row per delivery, newest read first.
    this.db.exec(SQLITE_DELIVERIES_TABLE);
    // The audit log (./audit-store.ts): one row per event, listed newest first.
    this.db.exec(SQLITE_AUDIT_TABLE);
    // A database from before first failing times were kept: derive them once from the failing index
    // (a minimum, so two processes doing this at once agree).
    if (!firstFailingExisted) this.db.exec(BACKFILL_FIRST_FAILING);
  }

  async put(snapshot: Snapshot): Promise<void> {
    const valid = snapshotSchema.parse(snapshot);
    this.db.transaction(() => {
      this.db
        .prepare(
          "INSERT INTO snapshots (id, source, account_id, finished_at, score, body) VALUES (@id, @source, @accountId, @finishedAt, @score, @body)",
        )
        .run({
          id: valid.id,
          source: valid.source,
          accountId: valid.account.id,
          finishedAt: valid.finishedAt,
          score: valid.score,
          body: JSON.stringify(valid),
        });
      this.index(valid.id, valid);
      this.indexFindings(valid.id, valid);
    })();
  }

  async get(id: string): Promise<Snapshot | undefined> {
    const cached = this.parsed.get(id);
    if (cached) {
      this.parsed.delete(id);
      this.parsed.set(id, cached);
      return cached;
    }
    const row = this.db.prepare("SELECT * FROM snapshots WHERE id = ?").get(id) as Row | undefined;
    const snapshot = row ? this.parse(row) : undefined;
    if (snapshot) {
      this.parsed.set(id, snapshot);
      if (this.parsed.size > PARSED_CACHE_SIZE) this.parsed.delete(this.parsed.keys().next().value as string);
    }
    return snapshot;
  }

  async list(): Promise<SnapshotListing[]> {
    this.indexPending();
    const rows = this.db
      .prepare(
        `SELECT s.id, s.source, s.account_id, s.finished_at, s.score, m.readable, m.scope
         FROM snapshots s LEFT JOIN snapshot_meta m ON m.snapshot_id = s.id
         ORDER BY s.finished_at DESC, s.id DESC`,
      )
      .all() as ListedRow[];
    return rows.map((r) => ({
      id: r.id,
      source: r.source === "demo" ? "demo" : "aws",
      accountId: r.account_id,
      finishedAt: r.finished_at,
      score: r.score,
      ...(r.scope ? { scope: JSON.parse(r.scope) as SnapshotScope } : {}),
      ...(r.readable === 0 ? { unreadable: true } : {}),
    }));
  }

  async failingSightings(
    accountId: string,
    source: Snapshot["source"],
    until: string,
    findingIds?: readonly string[],
  ): Promise<Map<string, Sighting>> {
    this.indexPending();
    const base = `SELECT f.finding_id AS id, MIN(s.finished_at) AS first, MAX(s.finished_at) AS last
      FROM failing_findings f JOIN snapshots s ON s.id = f.snapshot_id
      WHERE s.account_id = ? AND s.source = ? AND s.finished_at <= ?`;
    type Seen = { id: string; first: string; last: string };
    let rows: Seen[];
    if (findingIds === undefined) {
      rows = this.db.prepare(`${base} GROUP BY f.finding_id`).all(accountId, source, until) as Seen[];
    } else {
      // A page asks about a few findings: look them up by id (the primary key) in bounded batches.
      rows = [];
      const unique = [...new Set(findingIds)];
      for (let i = 0; i < unique.length; i += SIGHTING_BATCH) {
        const batch = unique.slice(i, i + SIGHTING_BATCH);
        const placeholders = batch.map(() => "?").join(", ");
        rows.push(
          ...(this.db
            .prepare(`${base} AND f.finding_id IN (${placeholders}) GROUP BY f.finding_id`)
            .all(accountId, source, until, ...batch) as Seen[]),
        );
      }
    }
    return new Map(rows.map((r) => [r.id, { firstSeen: r.first, lastSeen: r.last }]));
  }

  /** One page of findings from the index (./findings-query.ts says what it answers). */
  async queryFindings(query: FindingsStoreQuery): Promise<FindingsPage> {
    if (query.snapshotIds.length === 0) return { items: [], total: 0, nextCursor: null };
    // First seen comes from the failing history, which may lack rows written some other way.
    this.indexPending();
    this.indexFindingsPending(query.snapshotIds);
    const { count, page } = findingsStatements("sqlite", query);
    const total = (this.db.prepare(count.sql).get(...count.params) as { n: number }).n;
    const rows = (this.db.prepare(page.sql).all(...page.params) as SelectedRow[]).map(rowFromSelected);
    const incomplete = incompleteControlsStatement("sqlite", pagePairs(rows.slice(0, query.limit)));
    const found = incomplete
      ? (this.db.prepare(incomplete.sql).all(...incomplete.params) as { snapshot_id: string; control_id: string }[])
      : [];
    return finishPage(query, rows, total, new Set(found.map((r) => controlKey(r.snapshot_id, r.control_id))));
  }

  close(): void {
    this.db.close();
  }

  async listSchedules(): Promise<StoredSchedule[]> {
    const rows = this.db.prepare("SELECT body, last_run_for FROM schedules ORDER BY id").all() as {
      body: string;
      last_run_for: string | null;
    }[];
    return rows.flatMap((row) => storedSchedule(row.body, row.last_run_for));
  }

  async putSchedule(schedule: Schedule): Promise<void> {
    const valid = scheduleSchema.parse(schedule);
    this.db
      .prepare("INSERT INTO schedules (id, body) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET body = excluded.body")
      .run(valid.id, JSON.stringify(valid));
  }

  async deleteSchedule(id: string): Promise<boolean> {
    return this.db.prepare("DELETE FROM schedules WHERE id = ?").run(id).changes > 0;
  }

  async claimScheduleRun(id: string, occurrence: string): Promise<boolean> {
    const claimed = this.db
      .prepare("UPDATE schedules SET last_run_for = ? WHERE id = ? AND (last_run_for IS NULL OR last_run_for < ?)")
      .run(occurrence, id, occurrence);
    return claimed.changes > 0;
  }

  async listMutes(): Promise<Mute[]> {
    const rows = this.db.prepare("SELECT body FROM mutes ORDER BY created_at DESC, id").all() as { body: string }[];
    return rows.flatMap((row) => storedMute(row.body, this.onCorrupt));
  }

  async getMute(id: string): Promise<Mute | undefined> {
    const row = this.db.prepare("SELECT body FROM mutes WHERE id = ?").get(id) as { body: string } | undefined;
    return row ? storedMute(row.body, this.onCorrupt)[0] : undefined;
  }

  async insertMute(mute: Mute, event: MuteEvent): Promise<void> {
    const valid = muteSchema.parse(mute);
    this.db.transaction(() => {
      this.db
        .prepare("INSERT INTO mutes (id, created_at, updated_at, body) VALUES (?, ?, ?, ?)")
        .run(valid.id, valid.createdAt, valid.updatedAt, JSON.stringify(valid));
      this.db.prepare("INSERT INTO mute_events (mute_id, body) VALUES (?, ?)").run(valid.id, JSON.stringify(event));
    })();
  }

  async updateMute(mute: Mute, event: MuteEvent, expectedUpdatedAt: string): Promise<boolean> {
    const valid = muteSchema.parse(mute);
    return this.db.transaction(() => {
      const changed = this.db
        .prepare("UPDATE mutes SET updated_at = ?, body = ? WHERE id = ? AND updated_at = ?")
        .run(valid.updatedAt, JSON.stringify(valid), valid.id, expectedUpdatedAt).changes;
      if (changed === 0) return false;
      this.db.prepare("INSERT INTO mute_events (mute_id, body) VALUES (?, ?)").run(valid.id, JSON.stringify(event));
      return true;
    })();
  }

  async muteEvents(muteId?: string): Promise<MuteEvent[]> {
    const rows = (
      muteId === undefined
        ? this.db.prepare("SELECT body FROM mute_events ORDER BY seq").all()
        : this.db.prepare("SELECT body FROM mute_events WHERE mute_id = ? ORDER BY seq").all(muteId)
    ) as { body: string }[];
    return rows.flatMap((row) => storedMuteEvent(row.body));
  }

  async recordDelivery(delivery: Delivery): Promise<void> {
    const row = deliveryRow(delivery);
    this.db
      .prepare(
        `INSERT INTO notification_deliveries (${DELIVERY_COLUMNS.join(", ")}) VALUES (${DELIVERY_COLUMNS.map(() => "?").join(", ")})`,
      )
      .run(...DELIVERY_COLUMNS.map((c) => row[c]));
  }

  async listDeliveries(limit: number): Promise<Delivery[]> {
    const rows = this.db
      .prepare("SELECT * FROM notification_deliveries ORDER BY at DESC, id DESC LIMIT ?")
      .all(Math.max(0, Math.min(limit, MAX_LISTED_DELIVERIES))) as DeliveryRow[];
    return rows.flatMap(deliveryFromRow);
  }

  async appendAudit(event: AuditEvent): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO audit_events (${AUDIT_COLUMNS.join(", ")}) VALUES (${AUDIT_COLUMNS.map(() => "?").join(", ")})`,
      )
      .run(...auditRow(event));
  }

  async listAudit(query: AuditQuery): Promise<AuditPage> {
    const { sql, params } = auditListStatement("sqlite", query);
    return auditPageOf(query, this.db.prepare(sql).all(...params) as AuditListedRow[]);
  }

  /** Records a snapshot's scope and failing finding ids, or that it cannot be read. */
  private index(id: string, snapshot: Snapshot | undefined): void {
    this.db
      .prepare("INSERT OR REPLACE INTO snapshot_meta (snapshot_id, readable, scope) VALUES (?, ?, ?)")
      .run(id, snapshot ? 1 : 0, snapshot ? JSON.stringify(snapshotScope(snapshot)) : null);
    if (!snapshot) return;
    const insert = this.db.prepare("INSERT OR IGNORE INTO failing_findings (finding_id, snapshot_id) VALUES (?, ?)");
    const firstFailing = this.db.prepare(
      `INSERT INTO finding_first_failing (account_id, source, finding_id, first_seen) VALUES (?, ?, ?, ?)
       ON CONFLICT (finding_id, account_id, source) DO UPDATE SET first_seen = excluded.first_seen
       WHERE excluded.first_seen < first_seen`,
    );
    for (const control of snapshot.controls)
      for (const result of control.results)
        if (FAILING.has(result.status)) {
          insert.run(result.findingId, id);
          firstFailing.run(snapshot.account.id, snapshot.source, result.findingId, snapshot.finishedAt);
        }
  }

  /** Records a snapshot's results in the findings index, or that it cannot be read (it then adds none). */
  private indexFindings(id: string, snapshot: Snapshot | undefined): void {
    this.db
      .prepare(
        "INSERT INTO finding_snapshots (snapshot_id, readable, source, account_name, finished_at) VALUES (?, ?, ?, ?, ?)",
      )
      .run(
        id,
        snapshot ? 1 : 0,
        snapshot?.source ?? null,
        snapshot?.account.name ?? null,
        snapshot?.finishedAt ?? null,
      );
    if (!snapshot) return;
    const insertResult = this.db.prepare(
      `INSERT INTO finding_results (snapshot_id, ${RESULT_COLUMNS.join(", ")}) VALUES (?, ${RESULT_COLUMNS.map(() => "?").join(", ")})`,
    );
    const insertTag = this.db.prepare(
      "INSERT OR IGNORE INTO finding_tags (snapshot_id, ordinal, tag_key, tag_pair) VALUES (?, ?, ?, ?)",
    );
    for (const row of findingRowsOf(snapshot)) {
      const record = resultRecord(row);
      // Positional values: binding by name was measurably slower over 65,000 results.
      insertResult.run(id, ...RESULT_COLUMNS.map((c) => record[c]));
      for (const tag of row.tags) insertTag.run(id, row.ordinal, tag.key, tagPair(tag));
    }
  }

  /**
   * The findings index of snapshots written before it existed (or some other way than `put`) is
   * built on first need, for the snapshots a query reads only: one parse and one transaction each.
   * The check is repeated inside the write transaction, so a second process doing the same at once
   * finds the work done instead of writing it twice.
   */
  private indexFindingsPending(snapshotIds: readonly string[]): void {
    const pending: { id: string; readable: number | null }[] = [];
    for (let i = 0; i < snapshotIds.length; i += SIGHTING_BATCH) {
      const batch = snapshotIds.slice(i, i + SIGHTING_BATCH);
      pending.push(
        ...(this.db
          .prepare(
            `SELECT s.id, m.readable FROM snapshots s
             LEFT JOIN finding_snapshots f ON f.snapshot_id = s.id
             LEFT JOIN snapshot_meta m ON m.snapshot_id = s.id
             WHERE f.snapshot_id IS NULL AND s.id IN (${batch.map(() => "?").join(", ")})`,
          )
          .all(...batch) as { id: string; readable: number | null }[]),
      );
    }
    for (const { id, readable } of pending) {
      // A record already known unreadable is not parsed (and reported) again.
      const row =
        readable === 0
          ? undefined
          : (this.db.prepare("SELECT * FROM snapshots WHERE id = ?").get(id) as Row | undefined);
      if (readable !== 0 && !row) continue;
      const snapshot = row ? this.parse(row) : undefined;
      this.db
        .transaction(() => {
          if (this.db.prepare("SELECT 1 FROM finding_snapshots WHERE snapshot_id = ?").get(id)) return;
          this.indexFindings(id, snapshot);
        })
        .immediate();
    }
  }

  /**
   * Rows written before the derived tables existed (or by another process mid-write) are indexed on
   * first need, one parse each; a row that cannot be read is recorded as such and reported once.
   */
  private indexPending(): void {
    const pending = this.db
      .prepare(
        "SELECT s.id FROM snapshots s LEFT JOIN snapshot_meta m ON m.snapshot_id = s.id WHERE m.snapshot_id IS NULL",
      )
      .all() as { id: string }[];
    for (const { id } of pending) {
      const row = this.db.prepare("SELECT * FROM snapshots WHERE id = ?").get(id) as Row | undefined;
      if (!row) continue;
      const snapshot = this.parse(row);
      this.db.transaction(() => this.index(id, snapshot))();
    }
  }

  private parse(row: Row): Snapshot | undefined {
    return parseStoredSnapshot(row.id, row.body, this.onCorrupt);
  }

  /** Findings counted per group, from the index (./findings-groups.ts says what it answers). */
  async groupFindings(query: FindingsGroupQuery, by: GroupBy): Promise<FindingGroups> {
    if (query.snapshotIds.length === 0) return { groups: [], total: 0, more: false };
    this.indexFindingsPending(query.snapshotIds);
    const { count, groups } = findingGroupsStatements("sqlite", query, by);
    const total = (this.db.prepare(count.sql).get(...count.params) as { n: number }).n;
    const rows = this.db.prepare(groups.sql).all(...groups.params) as SelectedGroup[];
    return finishGroups(by, rows.map(groupFromSelected), total, query.filters.ownerKey);
  }
}
