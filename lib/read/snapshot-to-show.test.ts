import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DEMO_SNAPSHOT_ID } from "@/lib/demo/snapshot";
import { ACCOUNT, exampleSnapshot } from "@/lib/snapshot/fixtures";
import { previousSnapshot, resolveSnapshot, skippedNotice } from "./snapshot-to-show";
import { SqliteSnapshotStore } from "@/lib/snapshot/sqlite-store";

let file: string;
let store: SqliteSnapshotStore;
let stderr: ReturnType<typeof vi.spyOn>;
let problems: string[];

/** A real scan's record of a real (non-demo) account, finished on the given day of November. */
function scan(id: string, day: number) {
  return exampleSnapshot(id, `2026-11-${String(day).padStart(2, "0")}T10:00:00.000Z`);
}

/** Writes a row the way a disk fault or a foreign writer could: past the store's validation. */
function insertRaw(id: string, day: number, body: string) {
  const raw = new Database(file);
  raw
    .prepare("INSERT INTO snapshots (id, source, account_id, finished_at, score, body) VALUES (?, ?, ?, ?, ?, ?)")
    .run(id, "aws", ACCOUNT, `2026-11-${String(day).padStart(2, "0")}T10:00:00.000Z`, 80, body);
  raw.close();
}

function logLines(): { level: string; event: string; fields: Record<string, unknown> }[] {
  return stderr.mock.calls.map((c: unknown[]) => JSON.parse(String(c[0])));
}

beforeEach(async () => {
  file = path.join(await mkdtemp(path.join(tmpdir(), "safekeep-get-")), "safekeep.db");
  problems = [];
  store = new SqliteSnapshotStore(file, (id, problem) => problems.push(`${id}: ${problem}`));
  stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
});
afterEach(() => {
  store.close();
  stderr.mockRestore();
});

describe("resolveSnapshot", () => {
  it("shows the demo account only when nothing was ever stored", async () => {
    const empty = await resolveSnapshot(store);
    expect(empty).toMatchObject({ found: true, skipped: [] });
    expect(empty.found && empty.snapshot.id).toBe(DEMO_SNAPSHOT_ID);
  });

  it("skips a corrupt newest row to the newest valid snapshot, names it and logs why", async () => {
    await store.put(scan("older", 1));
    await store.put(scan("valid", 2));
    insertRaw("truncated", 3, '{"schemaVersion":1,"id":"trunc');
    insertRaw("wrong-shape", 4, JSON.stringify({ ...scan("wrong-shape", 4), regions: "us-east-1" }));

    for (const id of [undefined, "latest"]) {
      const lookup = await resolveSnapshot(store, id);
      expect(lookup.found && lookup.snapshot.id).toBe("valid");
      expect(lookup.skipped.map((s) => s.id)).toEqual(["wrong-shape", "truncated"]);
    }
    const events = logLines();
    expect(events).toContainEqual(
      expect.objectContaining({
        level: "warn",
        event: "snapshot.newest-unreadable",
        fields: expect.objectContaining({ shown: "valid", unreadable: ["wrong-shape", "truncated"] }),
      }),
    );
    // Each unreadable row is reported once, with its problem.
    expect(problems.sort()).toEqual(["truncated: not valid JSON", expect.stringMatching(/^wrong-shape: /)]);
    expect(skippedNotice([{ id: "wrong-shape", finishedAt: "2026-11-04T10:00:00.000Z" }])).toBe(
      "Snapshot wrong-shape (finished 2026-11-04T10:00:00.000Z) could not be read; showing the newest readable snapshot instead (the log says why).",
    );
  });

  it("never falls back to the demo while real snapshots exist, even if none can be read", async () => {
    insertRaw("broken", 1, "not json");
    const lookup = await resolveSnapshot(store);
    expect(lookup).toEqual({
      found: false,
      reason: "unreadable",
      skipped: [{ id: "broken", finishedAt: "2026-11-01T10:00:00.000Z" }],
    });
    expect(logLines().map((e) => e.event)).toContain("snapshot.none-readable");
  });

  it("tells an unknown id from one that cannot be read, and serves the demo by its id", async () => {
    await store.put(scan("valid", 2));
    insertRaw("broken", 3, "{}");
    expect(await resolveSnapshot(store, "nope")).toEqual({ found: false, reason: "missing", skipped: [] });
    expect(await resolveSnapshot(store, "broken")).toEqual({ found: false, reason: "unreadable", skipped: [] });
    const valid = await resolveSnapshot(store, "valid");
    expect(valid.found && valid.snapshot.id).toBe("valid");
    const demo = await resolveSnapshot(store, "demo");
    expect(demo.found && demo.snapshot.source).toBe("demo");
  });
});

describe("previousSnapshot", () => {
  it("is the readable snapshot of the same account just before, skipping unreadable ones", async () => {
    await store.put(scan("first", 1));
    insertRaw("broken", 2, "{}");
    await store.put({ ...scan("other-account", 2), account: { id: "444455556666", partition: "aws" } });
    await store.put(scan("third", 3));
    const third = await store.get("third");
    expect((await previousSnapshot(third!, store))?.id).toBe("first");
    expect(await previousSnapshot((await store.get("first"))!, store)).toBeUndefined();
  });
});
