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
import { STATUSES } from "@/lib/controls/types";
import { ACCOUNT, exampleSnapshot, REGIONS } from "./fixtures";
import {
  decodeCursor,
  DEFAULT_STATUSES,
  FINDING_SORT_KEYS,
  findingRowsOf,
  SEVERITY_RANK,
  queryRowsInMemory,
  type FindingFilters,
  type FindingItem,
  type FindingsStoreQuery,
  type FindingSort,
} from "./findings-query";
import { GROUP_KINDS, groupRowsInMemory, MAX_GROUPS, type FindingsGroupQuery, type GroupBy } from "./findings-groups";
import { newAuditEvent, type AuditEvent, type AuditStore } from "./audit";
import { applyMigrations, SNAPSHOT_MIGRATIONS, type Migration } from "./migrations/postgres";
import type { Mute, MuteEvent, MuteStore, MuteTarget } from "./mute";
import { PostgresSnapshotStore } from "./postgres-store";
import type { Snapshot } from "./schema";
import type { Schedule, ScheduleStore } from "./schedule";
import { snapshotScope } from "./scope";
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
  /**
   * Stores snapshots as the version before the findings index wrote them (its tables only, with their
   * derived rows), in a place no store has opened yet.
   */
  writeAsPreviousVersion(snapshots: Snapshot[]): Promise<void>;
}

const failingIds = (s: Snapshot) => [
  ...new Set(
    s.controls
      .flatMap((c) => c.results)
      .flatMap((r) => (r.status === "fail" || r.status === "warn" ? [r.findingId] : [])),
  ),
];

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
        async writeAsPreviousVersion(snapshots) {
          const raw = new Database(file);
          raw.exec(`
            CREATE TABLE snapshots (id TEXT PRIMARY KEY, source TEXT NOT NULL, account_id TEXT NOT NULL,
              finished_at TEXT NOT NULL, score INTEGER, body TEXT NOT NULL);
            CREATE TABLE snapshot_meta (snapshot_id TEXT PRIMARY KEY, readable INTEGER NOT NULL, scope TEXT);
            CREATE TABLE failing_findings (finding_id TEXT NOT NULL, snapshot_id TEXT NOT NULL,
              PRIMARY KEY (finding_id, snapshot_id)) WITHOUT ROWID;`);
          for (const s of snapshots) {
            raw
              .prepare("INSERT INTO snapshots VALUES (?, ?, ?, ?, ?, ?)")
              .run(s.id, s.source, s.account.id, s.finishedAt, s.score, JSON.stringify(s));
            raw.prepare("INSERT INTO snapshot_meta VALUES (?, 1, ?)").run(s.id, JSON.stringify(snapshotScope(s)));
            for (const f of failingIds(s)) raw.prepare("INSERT INTO failing_findings VALUES (?, ?)").run(f, s.id);
          }
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
        async writeAsPreviousVersion(snapshots) {
          const pool = new pg.Pool({ connectionString: url });
          try {
            await applyMigrations(
              pool,
              SNAPSHOT_MIGRATIONS.filter((m) => m.version <= 2),
            );
            for (const s of snapshots) {
              await pool.query(
                `INSERT INTO snapshots (id, source, account_id, finished_at, score, body, readable, scope)
                 VALUES ($1, $2, $3, $4, $5, $6, true, $7)`,
                [
                  s.id,
                  s.source,
                  s.account.id,
                  s.finishedAt,
                  s.score,
                  JSON.stringify(s),
                  JSON.stringify(snapshotScope(s)),
                ],
              );
              await pool.query(
                "INSERT INTO failing_findings (finding_id, snapshot_id) SELECT f, $2 FROM unnest($1::text[]) AS f",
                [failingIds(s), s.id],
              );
            }
          } finally {
            await pool.end();
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

// ---------------------------------------------------------------------------------------------
// The findings index

const OTHER_ACCOUNT = "444455556666";

/** What the findings view shows and filters on, per resource (by the ARN's last part): names, tags, awkward text. */
const RESOURCES: Record<string, { name?: string; tags?: { key: string; value: string }[] }> = {
  "sessions-prod": {
    name: "Sessions-Prod",
    tags: [
      { key: "owner", value: "payments" },
      { key: "aws:cloudformation:stack-name", value: "pay:prod" },
    ],
  },
  checkout: { name: "checkout", tags: [{ key: "owner", value: "payments" }] },
  "carts-eu": {
    name: "Café-É",
    tags: [
      { key: "owner", value: "growth" },
      { key: "env", value: "prod" },
    ],
  },
  "orders-au": { name: "orders_au 100%" },
  "us-east-1_Xk82": { name: "customers", tags: [{ key: "owner", value: "identity" }] },
  "eu-west-1_Hq9s": { name: "staff" },
  "platform-ops": { name: "platform-ops", tags: [{ key: "team", value: "" }] },
  alice: { name: "alice" },
  "exports-au": { name: "exports-au" },
  "1k7d": { name: "web-client", tags: [{ key: "owner", value: "identity" }] },
  // scratch and ap-southeast-2_Nc5t stay unnamed: they sort by ARN.
};

/**
 * The example account as the findings index sees it, on `day`. `changes` sets statuses by
 * `control resource` (the ARN's last part), to make history: findings that start, stop, or cannot
 * be judged.
 */
function findingsSnapshot(
  id: string,
  day: number,
  options: { account?: string; changes?: Record<string, Snapshot["controls"][number]["status"]> } = {},
): Snapshot {
  return exampleSnapshot(id, at(day), (s) => {
    s.account = options.account
      ? { id: options.account, partition: "aws", name: "Analytics" }
      : { id: ACCOUNT, partition: "aws", name: "Payments prod", ou: "ou-ab12-cd34ef56" };
    for (const control of s.controls)
      for (const result of control.results) {
        const last = result.resourceArn.split(/[:/]/).at(-1)!;
        const resource = RESOURCES[last];
        if (resource?.name) result.name = resource.name;
        if (resource?.tags) result.tags = resource.tags;
        const status = options.changes?.[`${control.id} ${last}`];
        if (status) result.status = status;
      }
  });
}

/** Rows with first failing times computed from the snapshots directly: what a store must answer. */
function referenceRows(stored: readonly Snapshot[], scope: readonly Snapshot[]) {
  return scope.flatMap((snapshot) =>
    findingRowsOf(snapshot).map((row) => {
      const failingAt = stored
        .filter(
          (s) =>
            s.account.id === snapshot.account.id && s.source === snapshot.source && s.finishedAt <= snapshot.finishedAt,
        )
        .filter((s) => failingIds(s).includes(row.findingId))
        .map((s) => s.finishedAt)
        .sort();
      return { ...row, firstSeen: failingAt[0] ?? null };
    }),
  );
}

/** Every page of a query, following the cursors; checks each page's size and total on the way. */
async function pageThrough(store: SnapshotStore, query: FindingsStoreQuery) {
  const items: FindingItem[] = [];
  let after: FindingsStoreQuery["after"];
  let total: number | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const page = await store.queryFindings!({ ...query, ...(after ? { after } : {}) });
    total ??= page.total;
    expect(page.total).toBe(total);
    expect(page.items.length).toBeLessThanOrEqual(query.limit);
    items.push(...page.items);
    if (!page.nextCursor) return { items, total };
    expect(page.items).toHaveLength(query.limit);
    const cursor = decodeCursor(page.nextCursor, query.sort, query.snapshotIds);
    if (!cursor.ok) throw new Error(cursor.message);
    after = cursor.after;
  }
  throw new Error("more than 100 pages");
}

const key = (i: FindingItem) => `${i.snapshotId} ${i.findingId}`;

/** Account A on days 1 and 2 (its history), account B on day 3. */
function history() {
  const a1 = findingsSnapshot("a1", 1);
  const a2 = findingsSnapshot("a2", 2, {
    changes: {
      // Newly failing on day 2; no longer failing (fixed); could not be judged; not applicable.
      "elasticache.rg-authentication checkout": "fail",
      "cognito.user-pool-mfa ap-southeast-2_Nc5t": "pass",
      "iam.admin-users-with-keys alice": "error",
      "personalize.s3-bucket-encryption exports-au": "not-applicable",
    },
  });
  const b3 = findingsSnapshot("b3", 3, { account: OTHER_ACCOUNT });
  return { a1, a2, b3, stored: [a1, a2, b3], scope: [a2, b3] };
}

const FILTERS: [string, Partial<FindingFilters>][] = [
  ["the default statuses", {}],
  ["every status", { statuses: STATUSES }],
  ["passing only", { statuses: ["pass"] }],
  ["severities", { severities: ["high", "low"] }],
  ["services", { services: ["cognito", "account"] }],
  ["an account", { accounts: [OTHER_ACCOUNT] }],
  ["Regions", { regions: ["global", "eu-west-1"] }],
  ["a control", { controls: ["elasticache.rg-authentication"] }],
  ["a tag key", { tags: ["owner"] }],
  ["a tag pair", { tags: ["owner:payments"] }],
  ["a tag key with colons", { tags: ["aws:cloudformation:stack-name"] }],
  ["a tag pair with colons in key and value", { tags: ["aws:cloudformation:stack-name:pay:prod"] }],
  ["a tag with an empty value", { tags: ["team:"] }],
  ["any of two tags", { tags: ["env:prod", "owner:identity"] }],
  ["an owner", { owners: ["payments"] }],
  ["no owner tag", { owners: ["-"] }],
  ["an owner or none", { owners: ["identity", "-"] }],
  ["an owner under another key, with an empty value", { ownerKey: "team", owners: [""] }],
  // The pair "aws:cloudformation:stack-name:pay:prod" exists, but under another key: no match.
  ["an owner key that is a prefix of a tag key", { ownerKey: "aws:cloudformation", owners: ["stack-name:pay:prod"] }],
  ["q in any case", { q: "SESSIONS" }],
  ["q in a reason", { q: "is FAIL." }],
  ["q in a control id or title", { q: "user-pool" }],
  ["q with a literal %", { q: "100%" }],
  ["q with a literal _", { q: "s_a" }],
  ["q folding ASCII only", { q: "café-é" }],
  ["q with non-ASCII capitals", { q: "CAFÉ-É" }],
  ["q with ASCII capitals around non-ASCII", { q: "CAFé-É" }],
  [
    "filters combined",
    {
      statuses: ["fail", "warn"],
      services: ["elasticache"],
      regions: ["us-east-1", "eu-west-1"],
      tags: ["owner"],
      q: "P",
    },
  ],
];

const SORTS: FindingSort[] = FINDING_SORT_KEYS.flatMap((k) => [
  { key: k, reverse: false },
  { key: k, reverse: true },
]);

describe.each(backends)("$name findings index", (backend) => {
  const query = (
    scope: readonly Snapshot[],
    filters: Partial<FindingFilters> = {},
    sort: FindingSort = { key: "severity", reverse: false },
    limit = 3,
  ): FindingsStoreQuery => ({
    snapshotIds: scope.map((s) => s.id),
    filters: { statuses: DEFAULT_STATUSES, ...filters },
    sort,
    limit,
    mutes: [],
  });

  it("answers each filter, alone and combined, as the reference, paging with a small limit", async () => {
    const { stored, scope } = history();
    const store = (await backend.fresh()).open();
    for (const s of stored) await store.put(s);
    const reference = referenceRows(stored, scope);
    for (const [name, filters] of FILTERS) {
      const q = query(scope, filters);
      const expected = queryRowsInMemory(reference, { ...q, limit: 1000 }).items;
      const paged = await pageThrough(store, q);
      expect(paged.items, name).toEqual(expected);
      expect(paged.total, name).toBe(expected.length);
      expect(new Set(paged.items.map(key)).size, name).toBe(expected.length);
    }
  });

  it("finds what each filter means, not only what the reference says", async () => {
    const { stored, scope } = history();
    const store = (await backend.fresh()).open();
    for (const s of stored) await store.put(s);
    const names = async (filters: Partial<FindingFilters>) =>
      [
        ...new Set(
          (await pageThrough(store, query(scope, { statuses: STATUSES, ...filters }, undefined, 50))).items.map(
            (i) => `${i.accountId === OTHER_ACCOUNT ? "B " : ""}${i.resourceName ?? i.resourceArn}`,
          ),
        ),
      ].sort();
    expect(await names({ q: "s_a", accounts: [ACCOUNT] })).toEqual(["orders_au 100%"]);
    expect(await names({ q: "100%", accounts: [ACCOUNT] })).toEqual(["orders_au 100%"]);
    expect(await names({ q: "café-é" })).toEqual([]);
    expect(await names({ q: "CAFé-É" })).toEqual(["B Café-É", "Café-É"]);
    expect(await names({ q: "sessions-PROD", accounts: [ACCOUNT] })).toEqual(["Sessions-Prod"]);
    expect(await names({ tags: ["aws:cloudformation:stack-name:pay:prod"], accounts: [ACCOUNT] })).toEqual([
      "Sessions-Prod",
    ]);
    expect(await names({ tags: ["aws:cloudformation:stack-name"], accounts: [ACCOUNT] })).toEqual(["Sessions-Prod"]);
    expect(await names({ tags: ["aws:cloudformation"] })).toEqual([]);
    expect(await names({ tags: ["team:"], accounts: [OTHER_ACCOUNT] })).toEqual(["B platform-ops"]);
    expect(await names({ tags: ["owner:payments"], accounts: [ACCOUNT] })).toEqual(["Sessions-Prod", "checkout"]);
    // The default statuses are the ones a team works: alice's row could not be judged on day 2.
    const worked = (await pageThrough(store, query(scope, { accounts: [ACCOUNT] }, undefined, 50))).items;
    expect(new Set(worked.map((i) => i.status))).toEqual(new Set(["fail", "warn", "error"]));
    expect(worked.find((i) => i.resourceName === "alice")?.status).toBe("error");
    // alice could not be judged beside platform-ops, which was: that control is incomplete on day 2, on
    // every row of it, and no other control is.
    const onDay2 = worked.filter((i) => i.snapshotId === "a2");
    expect(onDay2.find((i) => i.resourceName === "platform-ops")?.controlIncomplete).toBe(true);
    expect(new Set(onDay2.filter((i) => i.controlIncomplete).map((i) => i.controlId))).toEqual(
      new Set(["iam.admin-users-with-keys"]),
    );
  });

  it("orders by every sort in both directions, pages without a gap or a repeat, and carries what a row shows", async () => {
    const { a1, a2, stored, scope } = history();
    const store = (await backend.fresh()).open();
    for (const s of stored) await store.put(s);
    const reference = referenceRows(stored, scope);
    for (const statuses of [DEFAULT_STATUSES, STATUSES])
      for (const sort of SORTS) {
        const q = query(scope, { statuses }, sort, 2);
        const expected = queryRowsInMemory(reference, { ...q, limit: 1000 }).items;
        const paged = await pageThrough(store, q);
        expect(paged.items, `${sort.reverse ? "-" : ""}${sort.key}`).toEqual(expected);
        expect(new Set(paged.items.map(key)).size).toBe(expected.length);
      }
    // Most severe first, then control, then resource (named or by ARN), whichever snapshot rows come from.
    const bySeverity = (await pageThrough(store, query(scope, { statuses: STATUSES }, undefined, 500))).items;
    expect(bySeverity.map((i) => i.severity)).toEqual(
      [...bySeverity.map((i) => i.severity)].sort((x, y) => SEVERITY_RANK[x] - SEVERITY_RANK[y]),
    );
    const rgAuth = bySeverity.filter((i) => i.controlId === "elasticache.rg-authentication" && i.snapshotId === "a2");
    expect(rgAuth.map((i) => i.resourceName ?? i.resourceArn)).toEqual([
      "Café-É",
      "Sessions-Prod",
      "arn:aws:elasticache:us-east-1:123456789012:cluster:scratch",
      "checkout",
      "orders_au 100%",
    ]);
    // One row in full: first seen is the first snapshot where it was failing.
    const sessions = a2.controls[0]!.results[0]!;
    expect(bySeverity.find((i) => i.findingId === sessions.findingId && i.snapshotId === "a2")).toEqual({
      findingId: sessions.findingId,
      snapshotId: "a2",
      accountId: ACCOUNT,
      accountName: "Payments prod",
      service: "elasticache",
      controlId: "elasticache.rg-authentication",
      controlTitle: "elasticache.rg-authentication",
      severity: "high",
      status: "fail",
      region: "us-east-1",
      resourceArn: sessions.resourceArn,
      resourceName: "Sessions-Prod",
      tags: RESOURCES["sessions-prod"]!.tags!,
      reason: `${sessions.resourceArn} is fail.`,
      firstSeen: at(1),
      mute: null,
      controlIncomplete: false,
    } satisfies FindingItem);
    const firstSeen = (last: string) =>
      bySeverity.find(
        (i) => i.snapshotId === "a2" && i.resourceArn.endsWith(last) && i.controlId.startsWith("elasticache.rg-auth"),
      )?.firstSeen;
    expect(firstSeen(":checkout")).toBe(at(2));
    expect(firstSeen(":sessions-prod")).toBe(at(1));
    // Never failing up to a2: no first seen, whatever later snapshots say.
    expect(bySeverity.find((i) => i.snapshotId === "a2" && i.resourceName === "alice")?.firstSeen).toBeNull();
    // A snapshot read on its own knows nothing of the later ones.
    const early = (
      await pageThrough(store, query([a1], { controls: ["elasticache.rg-authentication"] }, undefined, 50))
    ).items;
    expect(early.find((i) => i.resourceName === "Sessions-Prod")?.firstSeen).toBe(at(1));
  });

  it("indexes snapshots stored by the previous version, and records written some other way, on first need", async () => {
    const { a1, a2, b3, stored, scope } = history();
    const place = await backend.fresh();
    await place.writeAsPreviousVersion([a1, a2]);
    const store = place.open();
    await place.insertRaw({
      id: b3.id,
      source: b3.source,
      accountId: b3.account.id,
      finishedAt: b3.finishedAt,
      score: b3.score,
      body: JSON.stringify(b3),
    });
    const reference = referenceRows(stored, scope);
    for (const sort of [SORTS[0]!, { key: "firstSeen", reverse: true } as const]) {
      const q = query(scope, { statuses: STATUSES }, sort, 4);
      expect((await pageThrough(store, q)).items).toEqual(queryRowsInMemory(reference, { ...q, limit: 1000 }).items);
    }
    // The older snapshot was not read by that query; it is indexed when one asks for it.
    const early = query([a1], { statuses: STATUSES }, undefined, 500);
    expect((await store.queryFindings!(early)).items).toEqual(
      queryRowsInMemory(referenceRows(stored, [a1]), early).items,
    );
    // What was indexed on first need is kept: a second store answers the same without the bodies.
    const again = place.open();
    expect((await again.queryFindings!(query(scope, {}, undefined, 500))).total).toBe(
      reference.filter((r) => DEFAULT_STATUSES.includes(r.status)).length,
    );
  });

  it("lets an unreadable record contribute nothing, and keeps every row of a record with repeated finding ids", async () => {
    const place = await backend.fresh();
    const problems: string[] = [];
    const store = place.open((id, problem) => problems.push(`${id}: ${problem}`));
    const good = findingsSnapshot("good", 1);
    await store.put(good);
    await place.insertRaw({
      id: "torn",
      source: "aws",
      accountId: OTHER_ACCOUNT,
      finishedAt: at(2),
      score: 50,
      body: JSON.stringify(findingsSnapshot("torn", 2, { account: OTHER_ACCOUNT })).slice(0, 500),
    });
    const everything = query([good, { id: "torn" } as Snapshot, { id: "never-stored" } as Snapshot], {
      statuses: STATUSES,
    });
    const first = await pageThrough(store, everything);
    expect(first.items.map((i) => i.snapshotId)).toEqual(first.items.map(() => "good"));
    expect(first.total).toBe(findingRowsOf(good).length);
    expect(problems.filter((p) => p.startsWith("torn: "))).toHaveLength(1);
    await pageThrough(store, everything);
    expect(problems.filter((p) => p.startsWith("torn: "))).toHaveLength(1);
    expect(await store.queryFindings!(query([]))).toEqual({ items: [], total: 0, nextCursor: null });

    // Two rows with the same finding id (a control that judged one resource twice): neither vanishes.
    const twice = exampleSnapshot("twice", at(3), (s) => {
      const control = s.controls[0]!;
      control.results.push({ ...control.results[0]!, reason: "The same resource, judged again." });
    });
    await store.put(twice);
    const paged = await pageThrough(store, query([twice], { controls: [twice.controls[0]!.id] }, undefined, 1));
    const repeated = twice.controls[0]!.results[0]!.findingId;
    expect(paged.items.filter((i) => i.findingId === repeated).map((i) => i.reason)).toEqual([
      twice.controls[0]!.results[0]!.reason,
      "The same resource, judged again.",
    ]);
  });

  it("keeps the index of a refused second put as it was", async () => {
    const store = (await backend.fresh()).open();
    const first = findingsSnapshot("dup", 1);
    await store.put(first);
    const before = await store.queryFindings!(query([first], { statuses: STATUSES }, undefined, 500));
    await expect(store.put(findingsSnapshot("dup", 2, { account: OTHER_ACCOUNT }))).rejects.toThrow();
    expect(await store.queryFindings!(query([first], { statuses: STATUSES }, undefined, 500))).toEqual(before);
  });

  it("builds a pending index once when two stores ask for it at the same time", async () => {
    const place = await backend.fresh();
    const [one, two] = [place.open(), place.open()];
    const imported = findingsSnapshot("imported", 1);
    await place.insertRaw({
      id: imported.id,
      source: "aws",
      accountId: ACCOUNT,
      finishedAt: imported.finishedAt,
      score: imported.score,
      body: JSON.stringify(imported),
    });
    const q = query([imported], { statuses: STATUSES }, undefined, 500);
    const [a, b] = await Promise.all([one.queryFindings!(q), two.queryFindings!(q)]);
    expect(a.total).toBe(findingRowsOf(imported).length);
    expect(b).toEqual(a);
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

// ---------------------------------------------------------------------------------------------
// Mutes

function mute(id: string, target: MuteTarget, overrides: Partial<Mute> = {}): Mute {
  return {
    id,
    target,
    reason: "Accepted until the migration",
    owner: "payments-team",
    expiresAt: "2027-06-01T00:00:00.000Z",
    createdAt: at(2),
    createdBy: "alice",
    updatedAt: at(2),
    updatedBy: "alice",
    ...overrides,
  };
}

describe.each(backends)("$name mutes", (backend) => {
  it("keeps mutes and their history, and applies an edit only over the version it was made from", async () => {
    const place = await backend.fresh();
    const [one, two] = [place.open(), place.open()] as unknown as MuteStore[];
    const first = mute("mute-aaaaaaaaaaaa", { kind: "finding", findingId: "0".repeat(32) });
    const second = mute(
      "mute-bbbbbbbbbbbb",
      { kind: "rule", controlId: "elasticache.rg-authentication", region: "us-east-1" },
      { createdAt: at(3), updatedAt: at(3) },
    );
    await one!.insertMute(first, { muteId: first.id, at: at(2), actor: "alice", action: "created" });
    await one!.insertMute(second, { muteId: second.id, at: at(3), actor: "bob", action: "created" });
    expect(await two!.listMutes()).toEqual([second, first]);
    expect(await two!.getMute(first.id)).toEqual(first);
    expect(await two!.getMute("mute-cccccccccccc")).toBeUndefined();

    // Two people edit the same version at once: exactly one edit lands, with its event.
    const edit = (by: string) => ({ ...first, reason: `by ${by}`, updatedAt: at(4), updatedBy: by }) satisfies Mute;
    const event = (by: string) =>
      ({
        muteId: first.id,
        at: at(4),
        actor: by,
        action: "edited",
        changes: { reason: { from: first.reason, to: `by ${by}` } },
      }) satisfies MuteEvent;
    const landed = await Promise.all([
      one!.updateMute(edit("carol"), event("carol"), first.updatedAt),
      two!.updateMute(edit("dave"), event("dave"), first.updatedAt),
    ]);
    expect(landed.filter(Boolean)).toHaveLength(1);
    const winner = landed[0] ? "carol" : "dave";
    expect((await one!.getMute(first.id))?.reason).toBe(`by ${winner}`);
    expect(await two!.muteEvents(first.id)).toEqual([
      { muteId: first.id, at: at(2), actor: "alice", action: "created" },
      event(winner),
    ]);
    expect((await one!.muteEvents()).map((e) => e.muteId)).toEqual([first.id, second.id, first.id]);
    // A mute that does not exist is not created by an update.
    expect(await one!.updateMute(mute("mute-dddddddddddd", first.target), event("x"), at(2))).toBe(false);
    await expect(one!.insertMute({ ...first, id: "not-a-mute-id" }, event("x"))).rejects.toThrow();
  });

  it("answers the muted filter as the reference, for finding and rule mutes, and never mutes what could not be judged", async () => {
    const { a2, stored, scope } = history();
    const store = (await backend.fresh()).open();
    for (const s of stored) await store.put(s);
    const reference = referenceRows(stored, scope);
    const failing = reference.find((r) => r.status === "fail" && r.accountId === ACCOUNT)!;
    const alice = reference.find((r) => r.snapshotId === a2.id && r.resourceName === "alice" && r.status === "error")!;
    const mutes: Mute[] = [
      mute("mute-finding000001", { kind: "finding", findingId: failing.findingId }),
      // Could not be judged: a mute of it covers nothing.
      mute("mute-finding000002", { kind: "finding", findingId: alice.findingId }),
      mute("mute-rule00000001", {
        kind: "rule",
        controlId: "elasticache.rg-authentication",
        resourcePattern: `*:replicationgroup:se*`,
      }),
      mute("mute-rule00000002", {
        kind: "rule",
        controlId: "cognito.user-pool-mfa",
        region: "eu-west-1",
        accountId: OTHER_ACCOUNT,
      }),
      mute("mute-rule00000003", {
        kind: "rule",
        controlId: "elasticache.rg-transit-encryption",
        tag: "owner:payments",
      }),
      // GLOB's and LIKE's own wildcards are literal in a pattern: these match nothing.
      mute("mute-rule00000004", {
        kind: "rule",
        controlId: "elasticache.rg-at-rest-encryption",
        resourcePattern: "arn:aws:elasticache:?s-east-1*",
      }),
      mute("mute-rule00000005", {
        kind: "rule",
        controlId: "elasticache.rg-at-rest-encryption",
        resourcePattern: "arn%",
      }),
      mute("mute-rule00000006", {
        kind: "rule",
        controlId: "elasticache.rg-at-rest-encryption",
        resourcePattern: "arn:aws:elasticache:us_east_1*",
      }),
    ];
    for (const muted of [true, false, undefined]) {
      const q: FindingsStoreQuery = {
        snapshotIds: scope.map((s) => s.id),
        filters: { statuses: STATUSES, ...(muted !== undefined ? { muted } : {}) },
        sort: { key: "severity", reverse: false },
        limit: 7,
        mutes,
      };
      const expected = queryRowsInMemory(reference, { ...q, limit: 1000 }).items;
      const paged = await pageThrough(store, q);
      expect(paged.items, `muted=${muted}`).toEqual(expected);
    }
    const all = (
      await pageThrough(store, {
        snapshotIds: scope.map((s) => s.id),
        filters: { statuses: STATUSES, muted: true },
        sort: { key: "severity", reverse: false },
        limit: 50,
        mutes,
      })
    ).items;
    expect(all.length).toBeGreaterThan(1);
    expect(all.every((i) => i.status === "fail" || i.status === "warn")).toBe(true);
    expect(all.find((i) => i.findingId === failing.findingId)?.mute).toMatchObject({
      id: "mute-finding000001",
      kind: "finding",
    });
    expect(all.some((i) => i.findingId === alice.findingId)).toBe(false);
    expect(new Set(all.map((i) => i.mute?.id))).not.toContain("mute-rule00000004");
    expect(new Set(all.map((i) => i.mute?.id))).not.toContain("mute-rule00000005");
    expect(new Set(all.map((i) => i.mute?.id))).not.toContain("mute-rule00000006");
  });
});

// ---------------------------------------------------------------------------------------------
// Grouped findings

const GROUPINGS: GroupBy[] = [
  ...GROUP_KINDS.map((kind) => ({ kind })),
  { kind: "tag", tagKey: "team" },
  { kind: "tag", tagKey: "env" },
  { kind: "tag", tagKey: "aws:cloudformation:stack-name" },
];
const byName = (by: GroupBy) => (by.kind === "tag" ? `tag:${by.tagKey}` : by.kind);

describe.each(backends)("$name grouped findings", (backend) => {
  const groupQuery = (
    scope: readonly Snapshot[],
    filters: Partial<FindingFilters> = {},
    mutes: Mute[] = [],
  ): FindingsGroupQuery => ({
    snapshotIds: scope.map((s) => s.id),
    filters: { statuses: DEFAULT_STATUSES, ...filters },
    mutes,
  });

  it("groups by each key as the reference, under each filter, with and without mutes in force", async () => {
    const { stored, scope } = history();
    const store = (await backend.fresh()).open();
    for (const s of stored) await store.put(s);
    const reference = referenceRows(stored, scope);
    const mutes = [
      mute("mute-grouprule001", { kind: "rule", controlId: "elasticache.rg-authentication", region: "us-east-1" }),
      mute("mute-grouprule002", { kind: "rule", controlId: "cognito.user-pool-mfa", tag: "owner" }),
    ];
    const filters: [string, Partial<FindingFilters>][] = [
      ...FILTERS,
      ["muted only", { statuses: STATUSES, muted: true }],
      ["not muted", { muted: false }],
      ["owners under the key `team`", { ownerKey: "team" }],
    ];
    for (const by of GROUPINGS)
      for (const [name, f] of filters)
        // Without mutes the muted count is a constant: a few filters show it.
        for (const inForce of FILTERS.slice(0, 2).some(([n]) => n === name) ? [[], mutes] : [mutes]) {
          const q = groupQuery(scope, f, inForce);
          expect(await store.groupFindings!(q, by), `${byName(by)}, ${name}, ${inForce.length} mutes`).toEqual(
            groupRowsInMemory(reference, q, by),
          );
        }
  });

  it("finds what each grouping means, not only what the reference says", async () => {
    const { stored, scope } = history();
    const store = (await backend.fresh()).open();
    for (const s of stored) await store.put(s);
    const groups = async (by: GroupBy, filters: Partial<FindingFilters> = {}, mutes: Mute[] = []) =>
      store.groupFindings!(groupQuery(scope, { statuses: STATUSES, ...filters }, mutes), by);

    const accounts = await groups({ kind: "account" });
    expect(accounts.groups.map((g) => [g.key, g.label])).toEqual([
      [ACCOUNT, "Payments prod"],
      [OTHER_ACCOUNT, "Analytics"],
    ]);
    expect(accounts.groups.map((g) => g.count)).toEqual([15, 15]);
    expect(accounts.total).toBe(30);

    const resources = await groups({ kind: "resource" }, { accounts: [ACCOUNT] });
    const carts = resources.groups.find((g) => g.label === "Café-É");
    expect(carts).toMatchObject({
      key: "arn:aws:elasticache:eu-west-1:123456789012:replicationgroup:carts-eu",
      count: 2,
    });
    const scratch = "arn:aws:elasticache:us-east-1:123456789012:cluster:scratch";
    expect(resources.groups.find((g) => g.key === scratch)?.label).toBe(scratch);
    expect(resources.groups.reduce((n, g) => n + g.count, 0)).toBe(resources.total);

    const owners = await groups({ kind: "owner" }, { accounts: [ACCOUNT], statuses: DEFAULT_STATUSES });
    expect(owners.groups.map((g) => [g.key, g.label, g.count, g.worst, g.fail, g.warn, g.error])).toEqual([
      // Nobody owns scratch (fail), orders-au (warn), platform-ops (fail) and alice (could not be
      // judged on day 2); ap-southeast-2_Nc5t passes and exports-au is not applicable on day 2.
      [null, "(no owner tag)", 4, "high", 2, 1, 1],
      // Sessions-Prod, and checkout under two controls.
      ["payments", "payments", 3, "high", 3, 0, 0],
      // customers (a medium warning) and web-client (a high failure): the worst is high.
      ["identity", "identity", 2, "high", 1, 1, 0],
      ["growth", "growth", 1, "high", 1, 0, 0],
    ]);
    const team = await groups({ kind: "owner" }, { ownerKey: "team", accounts: [OTHER_ACCOUNT] });
    expect(team.groups.map((g) => [g.key, g.label])).toEqual([
      [null, "(no team tag)"],
      ["", "(empty value)"],
    ]);
    const stacks = await groups({ kind: "tag", tagKey: "aws:cloudformation:stack-name" }, { accounts: [ACCOUNT] });
    expect(stacks.groups.find((g) => g.key !== null)).toMatchObject({ key: "pay:prod", label: "pay:prod", count: 1 });

    const covered = await groups({ kind: "control" }, { accounts: [ACCOUNT] }, [
      mute("mute-grouprule001", { kind: "rule", controlId: "elasticache.rg-authentication", region: "us-east-1" }),
    ]);
    // Sessions-Prod, scratch and checkout fail in us-east-1 on day 2; the passing row is not muted.
    expect(covered.groups.find((g) => g.key === "elasticache.rg-authentication")).toMatchObject({ muted: 3 });
    expect(covered.groups.filter((g) => g.muted !== undefined)).toHaveLength(1);
  });

  it("gives at most 200 groups in order, says more follow, and counts a twice-tagged resource once", async () => {
    const many = findingsSnapshot("many", 4, { account: OTHER_ACCOUNT });
    const control = many.controls[0]!;
    control.results = Array.from({ length: MAX_GROUPS + 5 }, (_, i) => ({
      ...control.results[0]!,
      findingId: i.toString(16).padStart(32, "0"),
      resourceArn: `arn:aws:elasticache:us-east-1:${OTHER_ACCOUNT}:replicationgroup:rg-${String(i).padStart(3, "0")}`,
      name: `rg-${i}`,
      // Two values for one key (AWS forbids it; a damaged record may not): counted under the least.
      tags: [
        { key: "owner", value: `team-${i % 7}` },
        { key: "owner", value: `team-${i % 3}` },
      ],
    }));
    const store = (await backend.fresh()).open();
    await store.put(many);
    const reference = referenceRows([many], [many]);
    for (const by of [{ kind: "resource" }, { kind: "owner" }] as const) {
      const q = groupQuery([many], {}, []);
      const answer = await store.groupFindings!(q, by);
      expect(answer, by.kind).toEqual(groupRowsInMemory(reference, q, by));
      expect(
        answer.groups.reduce((n, g) => n + g.count, 0),
        by.kind,
      ).toBe(by.kind === "owner" ? answer.total : MAX_GROUPS);
    }
    const resources = await store.groupFindings!(groupQuery([many]), { kind: "resource" });
    expect(resources.groups).toHaveLength(MAX_GROUPS);
    expect(resources.more).toBe(true);
    const owners = await store.groupFindings!(groupQuery([many]), { kind: "owner" });
    expect(owners.more).toBe(false);
    expect(owners.groups.map((g) => g.key).filter((k) => k?.startsWith("team-"))).toEqual(
      expect.arrayContaining(["team-0", "team-1", "team-2"]),
    );
    expect(await store.groupFindings!(groupQuery([]), { kind: "control" })).toEqual({
      groups: [],
      total: 0,
      more: false,
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Audit log

describe.each(backends)("$name audit log", (backend) => {
  const people = {
    alice: { name: "Alice Martin", subject: "idp|alice", method: "session", role: "admin" },
    bob: { name: "API token", subject: "token", method: "token", role: "operator" },
  } as const;
  /** Events a minute apart, some at the same instant (then ordered by id), in no particular order. */
  function events(): AuditEvent[] {
    let n = 0;
    const id = () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`;
    const minute = (m: number) => new Date(Date.UTC(2026, 11, 1, 9, m));
    return [
      newAuditEvent({ actor: people.alice, action: "sign-in", address: "192.0.2.10" }, minute(0), id),
      newAuditEvent(
        { actor: people.bob, action: "scan.start", target: "scan-1", detail: "services: iam" },
        minute(1),
        id,
      ),
      newAuditEvent({ actor: people.alice, action: "mute.create", target: "mute-aaaaaaaaaaaa" }, minute(2), id),
      newAuditEvent({ actor: people.bob, action: "mute.lift", target: "mute-aaaaaaaaaaaa" }, minute(2), id),
      newAuditEvent(
        { actor: people.bob, action: "access-denied", target: "notifications.test", outcome: "refused" },
        minute(2),
        id,
      ),
      newAuditEvent({ actor: people.alice, action: "mute.create", target: "mute-bbbbbbbbbbbb" }, minute(3), id),
      newAuditEvent({ actor: people.alice, action: "sign-out" }, minute(4), id),
    ];
  }
  const newestFirst = (list: AuditEvent[]) =>
    [...list].sort((a, b) => (a.at !== b.at ? (a.at < b.at ? 1 : -1) : a.id < b.id ? 1 : -1));

  async function pageAll(store: AuditStore, query: Omit<Parameters<AuditStore["listAudit"]>[0], "before">) {
    const seen: AuditEvent[] = [];
    let before: string | undefined;
    for (let pages = 0; pages < 20; pages++) {
      const page = await store.listAudit({ ...query, ...(before ? { before } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(query.limit);
      seen.push(...page.items);
      if (!page.nextCursor) return seen;
      before = page.nextCursor;
    }
    throw new Error("paging did not end");
  }

  it("keeps every event and lists them newest first, paged without a gap or a repeat, across stores", async () => {
    const place = await backend.fresh();
    const [one, two] = [place.open(), place.open()] as unknown as AuditStore[];
    const written = events();
    // Written out of order: the listing orders by time, then id, not by arrival.
    for (const e of [...written].reverse()) await one!.appendAudit(e);
    const expected = newestFirst(written);
    expect((await two!.listAudit({ limit: 200 })).items).toEqual(expected);
    expect((await two!.listAudit({ limit: 200 })).nextCursor).toBeNull();
    for (const limit of [1, 2, 3, 7]) expect(await pageAll(two!, { limit }), `limit ${limit}`).toEqual(expected);
    const first = await two!.listAudit({ limit: 3 });
    // Three events share 09:02: the later id first.
    expect(first.items.map((e) => e.action)).toEqual(["sign-out", "mute.create", "access-denied"]);
    expect(first.nextCursor).toEqual(expect.any(String));
  });

  it("filters by action and by actor, paging within the filter", async () => {
    const store = (await backend.fresh()).open() as unknown as AuditStore;
    const written = events();
    for (const e of written) await store.appendAudit(e);
    expect(await pageAll(store, { limit: 1, action: "mute.create" })).toEqual(
      newestFirst(written.filter((e) => e.action === "mute.create")),
    );
    expect(await pageAll(store, { limit: 2, actor: "token" })).toEqual(
      newestFirst(written.filter((e) => e.actor.subject === "token")),
    );
    expect((await store.listAudit({ limit: 50, action: "mute.create", actor: "token" })).items).toEqual([]);
    expect((await store.listAudit({ limit: 50, action: "lockout" })).items).toEqual([]);
  });

  it("refuses an event that does not validate, a second event with the same id, and a foreign cursor", async () => {
    const store = (await backend.fresh()).open() as unknown as AuditStore;
    const [event] = events();
    await store.appendAudit(event!);
    await expect(store.appendAudit({ ...event!, id: "1" })).rejects.toThrow();
    await expect(store.appendAudit({ ...event!, detail: "x".repeat(501) })).rejects.toThrow();
    await expect(store.appendAudit({ ...event!, action: "drop-tables" } as unknown as AuditEvent)).rejects.toThrow();
    await expect(store.appendAudit(event!)).rejects.toThrow();
    await expect(store.listAudit({ limit: 10, before: "not-a-cursor" })).rejects.toThrow(/cursor/);
    expect((await store.listAudit({ limit: 10 })).items).toEqual([event]);
  });
});
