import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { demoSnapshot } from "@/lib/demo/snapshot";
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
