import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { mkdirSync } from "node:fs";
import { demoSnapshot } from "@/lib/demo/snapshot";
import { ACCOUNT, exampleSnapshot, REGIONS } from "./fixtures";
import type { Snapshot } from "./schema";
import { SqliteSnapshotStore } from "./sqlite-store";

async function dbFile() {
  return path.join(await mkdtemp(path.join(tmpdir(), "safekeep-sqlite-")), "nested", "safekeep.db");
}

describe("SqliteSnapshotStore", () => {
  it("stores, lists newest first and reads back across reopenings", async () => {
    const file = await dbFile();
    const store = new SqliteSnapshotStore(file);
    await store.put({ ...demoSnapshot(), id: "older", finishedAt: "2026-11-01T00:00:00.000Z" });
    await store.put({ ...demoSnapshot(), id: "newer", finishedAt: "2026-11-02T00:00:00.000Z" });
    store.close();
    const reopened = new SqliteSnapshotStore(file);
    expect((await reopened.list()).map((s) => s.id)).toEqual(["newer", "older"]);
    expect((await reopened.get("older"))?.finishedAt).toBe("2026-11-01T00:00:00.000Z");
    expect(await reopened.get("missing")).toBeUndefined();
    reopened.close();
  });

  it("refuses invalid snapshots and duplicate ids, keeping what was there", async () => {
    const store = new SqliteSnapshotStore(":memory:");
    await store.put({ ...demoSnapshot(), id: "kept" });
    await expect(store.put({ ...demoSnapshot(), id: "kept" })).rejects.toThrow();
    await expect(store.put({ ...demoSnapshot(), id: "bad", schemaVersion: 2 as 1 })).rejects.toThrow();
    expect((await store.list()).map((s) => s.id)).toEqual(["kept"]);
  });

  it("reports and skips a corrupt row", async () => {
    const file = await dbFile();
    const problems: string[] = [];
    const store = new SqliteSnapshotStore(file, (id, problem) => problems.push(`${id}: ${problem}`));
    await store.put({ ...demoSnapshot(), id: "good" });
    const raw = new Database(file);
    raw
      .prepare("INSERT INTO snapshots (id, source, account_id, finished_at, score, body) VALUES (?, ?, ?, ?, ?, ?)")
      .run("broken", "aws", "111122223333", "2026-11-03T00:00:00.000Z", 50, '{"schemaVersion":1');
    raw.close();
    expect(await store.get("broken")).toBeUndefined();
    expect(problems).toEqual(["broken: not valid JSON"]);
    expect((await store.get("good"))?.id).toBe("good");
    store.close();
  });
});

describe("SqliteSnapshotStore derived data", () => {
  const at = (day: number) => `2026-11-0${day}T00:00:00.000Z`;
  const failing = (s: Snapshot) =>
    s.controls.flatMap((c) => c.results).filter((r) => r.status === "fail" || r.status === "warn");

  it("lists each snapshot's scope and marks a row that cannot be read", async () => {
    const file = await dbFile();
    const store = new SqliteSnapshotStore(file, () => undefined);
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
    const raw = new Database(file);
    raw
      .prepare("INSERT INTO snapshots (id, source, account_id, finished_at, score, body) VALUES (?, ?, ?, ?, ?, ?)")
      .run("broken", "aws", ACCOUNT, at(3), 50, '{"schemaVersion":1}');
    raw.close();
    const listed = await store.list();
    expect(listed.map((s) => [s.id, s.unreadable ?? false, s.scope?.regions.length])).toEqual([
      ["broken", true, undefined],
      ["partial", false, 3],
      ["full", false, 8],
    ]);
    expect(listed[2]!.scope?.gaps).toEqual(["iam:GetCredentialReport global"]);
    store.close();
  });

  it("indexes rows written before the derived tables existed, on first need", async () => {
    const file = await dbFile();
    mkdirSync(path.dirname(file), { recursive: true });
    const legacy = new Database(file);
    legacy.exec(
      "CREATE TABLE snapshots (id TEXT PRIMARY KEY, source TEXT NOT NULL, account_id TEXT NOT NULL, finished_at TEXT NOT NULL, score INTEGER, body TEXT NOT NULL)",
    );
    const old = exampleSnapshot("old", at(1));
    // An old record: no finding ids stored; reading fills them in.
    const body = JSON.stringify({
      ...old,
      controls: old.controls.map((c) => ({ ...c, results: c.results.map(({ findingId: _id, ...r }) => r) })),
    });
    legacy.prepare("INSERT INTO snapshots VALUES (?, ?, ?, ?, ?, ?)").run("old", "aws", ACCOUNT, at(1), 75, body);
    legacy.close();

    const store = new SqliteSnapshotStore(file);
    expect((await store.list())[0]!.scope?.regions).toEqual([...REGIONS].sort());
    const seen = await store.failingSightings(ACCOUNT, "aws", at(1));
    expect(new Set(seen.keys())).toEqual(new Set(failing(old).map((r) => r.findingId)));
    store.close();
  });

  it("gives each failing finding its first and last failing time, per account and up to a time", async () => {
    const store = new SqliteSnapshotStore(":memory:");
    const probe = exampleSnapshot("probe", at(1));
    const [first, second] = failing(probe);
    const passing = (id: string, day: number, ids: string[]) => {
      const s = exampleSnapshot(id, at(day));
      return {
        ...s,
        controls: s.controls.map((c) => ({
          ...c,
          results: c.results.map((r) => (ids.includes(r.findingId) ? { ...r, status: "pass" as const } : r)),
        })),
      };
    };
    await store.put(passing("d1", 1, [first!.findingId]));
    await store.put(passing("d2", 2, []));
    await store.put(passing("d3", 3, [second!.findingId]));
    await store.put({ ...passing("other", 4, []), account: { id: "999999999999", partition: "aws" } });
    const seen = await store.failingSightings(ACCOUNT, "aws", at(3));
    expect(seen.get(first!.findingId)).toEqual({ firstSeen: at(2), lastSeen: at(3) });
    expect(seen.get(second!.findingId)).toEqual({ firstSeen: at(1), lastSeen: at(2) });
    expect((await store.failingSightings(ACCOUNT, "aws", at(1))).get(first!.findingId)).toBeUndefined();
    expect((await store.failingSightings(ACCOUNT, "demo", at(3))).size).toBe(0);
    const only = await store.failingSightings(ACCOUNT, "aws", at(3), [first!.findingId, "f".repeat(32)]);
    expect([...only]).toEqual([[first!.findingId, { firstSeen: at(2), lastSeen: at(3) }]]);
    // The other account's later snapshot does not stretch this account's history.
    expect((await store.failingSightings(ACCOUNT, "aws", at(4))).get(first!.findingId)?.lastSeen).toBe(at(3));
  });
});
