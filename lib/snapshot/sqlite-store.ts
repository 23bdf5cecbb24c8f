import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { snapshotSchema, type Snapshot } from "./schema";
import type { SnapshotListing, SnapshotStore } from "./store";

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
`;

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

/**
 * Snapshots in an embedded SQLite database. A snapshot is one row written in one statement, so a
 * scan killed half way leaves no half snapshot and never touches earlier ones; WAL mode lets pages
 * read while a scan writes. Rows are validated on the way out: a corrupt one is skipped and
 * reported through `onCorrupt`, never rendered half.
 */
export class SqliteSnapshotStore implements SnapshotStore {
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
    this.db.exec(SCHEMA);
  }

  async put(snapshot: Snapshot): Promise<void> {
    const valid = snapshotSchema.parse(snapshot);
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
    const rows = this.db
      .prepare("SELECT id, source, account_id, finished_at, score FROM snapshots ORDER BY finished_at DESC, id DESC")
      .all() as Omit<Row, "body">[];
    return rows.map((r) => ({
      id: r.id,
      source: r.source === "demo" ? "demo" : "aws",
      accountId: r.account_id,
      finishedAt: r.finished_at,
      score: r.score,
    }));
  }

  close(): void {
    this.db.close();
  }

  private parse(row: Row): Snapshot | undefined {
    let json: unknown;
    try {
      json = JSON.parse(row.body);
    } catch {
      this.onCorrupt(row.id, "not valid JSON");
      return undefined;
    }
    const parsed = snapshotSchema.safeParse(json);
    if (!parsed.success) {
      this.onCorrupt(row.id, parsed.error.issues[0]?.message ?? "does not match the snapshot schema");
      return undefined;
    }
    return parsed.data;
  }
}
