/**
 * One contract, two stores: every case runs against SQLite (embedded mode) and PostgreSQL (team mode),
 * so pages, history and the CLI cannot tell which one they read. PostgreSQL runs in a throw-away
 * cluster started for this file (test-support/postgres.ts); its migration cases follow the contract.
 */
import Database from "better-sqlite3";
import { existsSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startTestPostgres, type TestPostgres } from "@/test-support/postgres";
import { ACCOUNT, exampleSnapshot, REGIONS } from "./fixtures";
import { applyMigrations, SNAPSHOT_MIGRATIONS, type Migration } from "./migrations/postgres";
import { PostgresSnapshotStore } from "./postgres-store";
import type { Snapshot } from "./schema";
import type { Schedule, ScheduleStore } from "./schedule";
import { SqliteSnapshotStore } from "./sqlite-store";
import { openSnapshotStore, type SnapshotStore } from "./store";

let server: TestPostgres;
beforeAll(async () => {
  server = await startTestPostgres();
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

type Closable = SnapshotStore & { close(): void | Promise<void> };
const opened: Closable[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

interface RawRow {
  id: string;
  source: string;
  accountId: string;
  finishedAt: string;
  score: number | null;
  body: string;
}

/** A new, empty place to keep snapshots, opened as often as a case needs. */
interface Place {
  open(onCorrupt?: (id: string, problem: string) => void): SnapshotStore;
  /** Writes a row as something other than `put` would (a damaged record, an import). */
  insertRaw(row: RawRow): Promise<void>;
}

const backends: { name: string; fresh(): Promise<Place> }[] = [
  {
    name: "SQLite",
    async fresh() {
      const file = path.join(await mkdtemp(path.join(tmpdir(), "safekeep-contract-")), "safekeep.db");
      return {
        open(onCorrupt) {
          const store = new SqliteSnapshotStore(file, onCorrupt);
          opened.push(store);
          return store;
        },
        async insertRaw(r) {
          const raw = new Database(file);
          raw
            .prepare(
              "INSERT INTO snapshots (id, source, account_id, finished_at, score, body) VALUES (?, ?, ?, ?, ?, ?)",
            )
            .run(r.id, r.source, r.accountId, r.finishedAt, r.score, r.body);
          raw.close();
        },
      };
    },
  },
  {
    name: "PostgreSQL",
    async fresh() {
      const url = await server.createDatabase();
      let last: PostgresSnapshotStore | undefined;
      return {
        open(onCorrupt) {
          last = new PostgresSnapshotStore(url, { onCorrupt });
          opened.push(last);
          return last;
        },
        async insertRaw(r) {
          // The tables exist once a store has opened (the SQLite store creates them synchronously).
          await last?.ensureReady();
          const client = new pg.Client({ connectionString: url });
          await client.connect();
          try {
            await client.query(
              "INSERT INTO snapshots (id, source, account_id, finished_at, score, body) VALUES ($1, $2, $3, $4, $5, $6)",
              [r.id, r.source, r.accountId, r.finishedAt, r.score, r.body],
            );
          } finally {
            await client.end();
          }
        },
      };
    },
  },
];

const at = (day: number) => `2026-11-0${day}T00:00:00.000Z`;
const failing = (s: Snapshot) =>
  s.controls.flatMap((c) => c.results).filter((r) => r.status === "fail" || r.status === "warn");
/** The example snapshot with the given findings passing. */
function passing(id: string, day: number, findingIds: string[]): Snapshot {
  const s = exampleSnapshot(id, at(day));
  return {
    ...s,
    controls: s.controls.map((c) => ({
      ...c,
      results: c.results.map((r) => (findingIds.includes(r.findingId) ? { ...r, status: "pass" as const } : r)),
    })),
  };
}

describe.each(backends)("$name snapshot store contract", (backend) => {
  it("lists newest first, equal times by id in byte order, and reads back across reopenings", async () => {
    const place = await backend.fresh();
    const store = place.open();
    await store.put(exampleSnapshot("older", at(1)));
    await store.put(exampleSnapshot("newer", at(2)));
    // Same finish time: ids compare byte by byte ("-" before digits, upper case before lower case).
    for (const id of ["x0", "x-1", "a", "B"]) await store.put(exampleSnapshot(id, at(3)));
    const reopened = place.open();
    const listed = await reopened.list();
    expect(listed.map((s) => s.id)).toEqual(["x0", "x-1", "a", "B", "newer", "older"]);
    expect(listed.at(-1)).toMatchObject({
      id: "older",
      source: "aws",
      accountId: ACCOUNT,
      finishedAt: at(1),
      score: 75,
    });
    expect(listed.at(-1)?.unreadable).toBeUndefined();
    expect(await reopened.get("older")).toEqual(exampleSnapshot("older", at(1)));
    expect(await reopened.get("missing")).toBeUndefined();
  });

  it("refuses an invalid snapshot and stores nothing of it", async () => {
    const store = (await backend.fresh()).open();
    await expect(store.put({ ...exampleSnapshot("bad", at(1)), schemaVersion: 2 as 1 })).rejects.toThrow();
    await expect(store.put({ ...exampleSnapshot("bad", at(1)), id: "no/slash" })).rejects.toThrow();
    expect(await store.list()).toEqual([]);
    expect(await store.get("bad")).toBeUndefined();
  });

  it("refuses a second put of a stored id and keeps the first record and its index as they were", async () => {
    const store = (await backend.fresh()).open();
    const first = exampleSnapshot("dup", at(1));
    await store.put(first);
    const before = await store.failingSightings!(ACCOUNT, "aws", at(9));
    // The same record again (a retried write), then a different one under the same id.
    await expect(store.put(first)).rejects.toThrow();
    await expect(
      store.put(
        passing(
          "dup",
          2,
          failing(first).map((r) => r.findingId),
        ),
      ),
    ).rejects.toThrow();
    const listed = await store.list();
    expect(listed.map((s) => [s.id, s.finishedAt])).toEqual([["dup", at(1)]]);
    expect(await store.get("dup")).toEqual(first);
    expect(await store.failingSightings!(ACCOUNT, "aws", at(9))).toEqual(before);
    expect(before.size).toBe(new Set(failing(first).map((r) => r.findingId)).size);
  });

  it("lists each snapshot's scope, marks records that cannot be read and skips them on read", async () => {
    const place = await backend.fresh();
    const problems: string[] = [];
    const store = place.open((id, problem) => problems.push(`${id}: ${problem}`));
    await store.put(
      exampleSnapshot("full", at(1), (s) => {
        s.coverage.errors.push({
          service: "iam",
          region: "global",
          action: "iam:GetCredentialReport",
          kind: "throttled",
          message: "Rate exceeded",
        });
      }),
    );
    await store.put(exampleSnapshot("partial", at(2), (s) => void (s.regions = REGIONS.slice(0, 3))));
    const raw = { source: "aws", accountId: ACCOUNT, score: 50 };
    await place.insertRaw({ ...raw, id: "truncated", finishedAt: at(3), body: '{"schemaVersion":1' });
    await place.insertRaw({ ...raw, id: "wrong-shape", finishedAt: at(4), body: '{"schemaVersion":1}' });
    const listed = await store.list();
    expect(listed.map((s) => [s.id, s.unreadable ?? false, s.scope?.regions.length])).toEqual([
      ["wrong-shape", true, undefined],
      ["truncated", true, undefined],
      ["partial", false, 3],
      ["full", false, 8],
    ]);
    expect(listed[3]!.scope?.gaps).toEqual(["iam:GetCredentialReport global"]);
    expect(await store.get("truncated")).toBeUndefined();
    expect(await store.get("wrong-shape")).toBeUndefined();
    expect(problems).toContain("truncated: not valid JSON");
    expect(problems.filter((p) => p.startsWith("wrong-shape: "))).not.toEqual([]);
    expect(problems.every((p) => /^(truncated|wrong-shape): /.test(p))).toBe(true);
    expect((await store.get("full"))?.id).toBe("full");
  });

  it("indexes a record written without its derived data, on first need", async () => {
    const place = await backend.fresh();
    const store = place.open();
    const imported = exampleSnapshot("imported", at(1));
    await place.insertRaw({
      id: "imported",
      source: "aws",
      accountId: ACCOUNT,
      finishedAt: at(1),
      score: 75,
      body: JSON.stringify(imported),
    });
    const seen = await store.failingSightings!(ACCOUNT, "aws", at(1));
    expect(new Set(seen.keys())).toEqual(new Set(failing(imported).map((r) => r.findingId)));
    expect((await store.list())[0]!.scope?.regions).toEqual([...REGIONS].sort());
  });

  it("gives each failing finding its first and last failing time, per account and source, up to a time", async () => {
    const store = (await backend.fresh()).open();
    const [first, second] = failing(exampleSnapshot("probe", at(1)));
    await store.put(passing("d1", 1, [first!.findingId]));
    await store.put(passing("d2", 2, []));
    await store.put(passing("d3", 3, [second!.findingId]));
    await store.put({ ...passing("other", 4, []), account: { id: "999999999999", partition: "aws" } });
    const seen = await store.failingSightings!(ACCOUNT, "aws", at(3));
    expect(seen.get(first!.findingId)).toEqual({ firstSeen: at(2), lastSeen: at(3) });
    expect(seen.get(second!.findingId)).toEqual({ firstSeen: at(1), lastSeen: at(2) });
    expect((await store.failingSightings!(ACCOUNT, "aws", at(1))).get(first!.findingId)).toBeUndefined();
    expect((await store.failingSightings!(ACCOUNT, "demo", at(3))).size).toBe(0);
    const only = await store.failingSightings!(ACCOUNT, "aws", at(3), [first!.findingId, "f".repeat(32)]);
    expect([...only]).toEqual([[first!.findingId, { firstSeen: at(2), lastSeen: at(3) }]]);
    expect((await store.failingSightings!(ACCOUNT, "aws", at(3), [])).size).toBe(0);
    // The other account's later snapshot does not stretch this account's history.
    expect((await store.failingSightings!(ACCOUNT, "aws", at(4))).get(first!.findingId)?.lastSeen).toBe(at(3));
  });

  it("serves two stores opened at once on the same place, each seeing the other's writes", async () => {
    const place = await backend.fresh();
    const [one, two] = [place.open(), place.open()];
    await Promise.all([one.put(exampleSnapshot("from-one", at(1))), two.put(exampleSnapshot("from-two", at(2)))]);
    expect((await one.list()).map((s) => s.id)).toEqual(["from-two", "from-one"]);
    expect((await two.get("from-one"))?.finishedAt).toBe(at(1));
  });

  it("keeps schedules, and lets exactly one of several ticks claim an occurrence", async () => {
    const place = await backend.fresh();
    const [one, two] = [place.open(), place.open()] as unknown as ScheduleStore[];
    const schedule: Schedule = {
      id: "sch-nightly0001",
      createdAt: at(1),
      name: "Nightly organization scan",
      cron: "0 3 * * *",
      timezone: "UTC",
      selection: { org: true },
      services: ["iam", "connect"],
      enabled: true,
    };
    await one!.putSchedule(schedule);
    expect(await two!.listSchedules()).toEqual([{ schedule }]);
    const occurrence = "2026-12-02T03:00:00.000Z";
    const claims = await Promise.all([one!, two!, one!, two!].map((s) => s.claimScheduleRun(schedule.id, occurrence)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    // An older occurrence never wins back; the next one does, once.
    expect(await one!.claimScheduleRun(schedule.id, "2026-12-01T03:00:00.000Z")).toBe(false);
    expect(await two!.claimScheduleRun(schedule.id, "2026-12-03T03:00:00.000Z")).toBe(true);
    // Replacing the schedule (paused) keeps its last run.
    await two!.putSchedule({ ...schedule, enabled: false });
    expect(await one!.listSchedules()).toEqual([
      { schedule: { ...schedule, enabled: false }, lastRunFor: "2026-12-03T03:00:00.000Z" },
    ]);
    await expect(one!.putSchedule({ ...schedule, cron: "every day" })).rejects.toThrow();
    expect(await one!.deleteSchedule(schedule.id)).toBe(true);
    expect(await two!.deleteSchedule(schedule.id)).toBe(false);
    expect(await two!.listSchedules()).toEqual([]);
    expect(await one!.claimScheduleRun(schedule.id, "2026-12-04T03:00:00.000Z")).toBe(false);
  });
});

describe("PostgreSQL migrations", () => {
  async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<T>(sql)).rows;
    } finally {
      await client.end();
    }
  }
  const applied = (url: string) =>
    query<{ version: number; name: string; applied_at: Date }>(
      url,
      "SELECT version, name, applied_at FROM schema_migrations ORDER BY version",
    );
  async function withPool<T>(url: string, work: (pool: pg.Pool) => Promise<T>): Promise<T> {
    const pool = new pg.Pool({ connectionString: url });
    try {
      return await work(pool);
    } finally {
      await pool.end();
    }
  }

  it("applies each migration once at start; a second open applies nothing again", async () => {
    const url = await server.createDatabase();
    const first = new PostgresSnapshotStore(url);
    opened.push(first);
    await first.ensureReady();
    const once = await applied(url);
    expect(once.map((m) => [m.version, m.name])).toEqual(SNAPSHOT_MIGRATIONS.map((m) => [m.version, m.name]));
    await first.put(exampleSnapshot("kept", at(1)));
    const second = new PostgresSnapshotStore(url);
    opened.push(second);
    await second.ensureReady();
    expect(await applied(url)).toEqual(once);
    expect((await second.list()).map((s) => s.id)).toEqual(["kept"]);
  });

  it("lets processes that start at once take turns: each migration runs exactly once", async () => {
    const url = await server.createDatabase();
    // Not re-runnable on purpose: a second run of either step would fail.
    const steps: Migration[] = [
      { version: 1, name: "table", sql: "CREATE TABLE t (n integer PRIMARY KEY)" },
      { version: 2, name: "row", sql: "INSERT INTO t VALUES (1)" },
    ];
    const pools = Array.from({ length: 6 }, () => new pg.Pool({ connectionString: url }));
    try {
      await Promise.all(pools.map((pool) => applyMigrations(pool, steps)));
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
    }
    expect((await applied(url)).map((m) => m.version)).toEqual([1, 2]);
    expect(await query(url, "SELECT n FROM t")).toEqual([{ n: 1 }]);
  });

  it("rolls a failing migration back whole, records it not, and applies it once fixed", async () => {
    const url = await server.createDatabase();
    const good: Migration = { version: 1, name: "first", sql: "CREATE TABLE a (n integer)" };
    const broken: Migration = { version: 2, name: "second", sql: "CREATE TABLE b (n integer); SELECT 1 / 0" };
    await expect(withPool(url, (pool) => applyMigrations(pool, [broken, good]))).rejects.toThrow(
      /^Migration 2 \(second\) failed: division by zero/,
    );
    expect((await applied(url)).map((m) => m.version)).toEqual([1]);
    expect(await query(url, "SELECT to_regclass('b') AS b")).toEqual([{ b: null }]);
    await withPool(url, (pool) => applyMigrations(pool, [good, { ...broken, sql: "CREATE TABLE b (n integer)" }]));
    expect((await applied(url)).map((m) => m.version)).toEqual([1, 2]);
  });

  it("refuses a database whose applied migration changed, or that a newer version migrated", async () => {
    const url = await server.createDatabase();
    const one: Migration = { version: 1, name: "first", sql: "CREATE TABLE a (n integer)" };
    const two: Migration = { version: 2, name: "second", sql: "CREATE TABLE b (n integer)" };
    await withPool(url, (pool) => applyMigrations(pool, [one, two]));
    await expect(
      withPool(url, (pool) => applyMigrations(pool, [{ ...one, sql: "CREATE TABLE a (m text)" }, two])),
    ).rejects.toThrow(/Migration 1 \(first\) differs from the one applied/);
    await expect(withPool(url, (pool) => applyMigrations(pool, [one]))).rejects.toThrow(
      /has migration 2, which this version of Safekeep does not know/,
    );
    // A refused start changed nothing and left no lock behind: the right list still opens at once.
    await withPool(url, (pool) => applyMigrations(pool, [one, two]));
  });

  it("a store whose database is missing at start fails its calls, then works once the database exists", async () => {
    const url = (await server.createDatabase("late_base")).replace(/late_base$/, "late");
    const store = new PostgresSnapshotStore(url);
    opened.push(store);
    await expect(store.list()).rejects.toThrow(/database "late" does not exist/);
    await server.createDatabase("late");
    await store.put(exampleSnapshot("after", at(1)));
    expect((await store.list()).map((s) => s.id)).toEqual(["after"]);
  });
});

describe("openSnapshotStore", () => {
  it("opens PostgreSQL when SAFEKEEP_DATABASE_URL is set, SQLite under the data directory otherwise", async () => {
    const url = await server.createDatabase();
    const dataDir = await mkdtemp(path.join(tmpdir(), "safekeep-open-"));
    const team = openSnapshotStore(dataDir, { SAFEKEEP_DATABASE_URL: ` ${url} ` });
    expect(team).toBeInstanceOf(PostgresSnapshotStore);
    expect(openSnapshotStore(dataDir, { SAFEKEEP_DATABASE_URL: url })).toBe(team);
    await team.put(exampleSnapshot("team", at(1)));
    expect(await query1(url)).toBe("team");
    expect(existsSync(path.join(dataDir, "safekeep.db"))).toBe(false);

    const embedded = openSnapshotStore(dataDir, { SAFEKEEP_DATABASE_URL: "" });
    expect(embedded).toBeInstanceOf(SqliteSnapshotStore);
    expect(await embedded.list()).toEqual([]);
    expect(existsSync(path.join(dataDir, "safekeep.db"))).toBe(true);
    (embedded as SqliteSnapshotStore).close();
  });

  async function query1(url: string): Promise<string | undefined> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<{ id: string }>("SELECT id FROM snapshots")).rows[0]?.id;
    } finally {
      await client.end();
    }
  }
});
