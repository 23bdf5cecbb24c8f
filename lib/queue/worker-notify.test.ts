import { describe, expect, it, vi } from "vitest";
import { exampleSnapshot } from "@/lib/snapshot/fixtures";
import { SqliteSnapshotStore } from "@/lib/snapshot/sqlite-store";
import { putOnceThenTell } from "./worker";

describe("a worker's fan-in store: put once, then tell the notifier", () => {
  it("tells once for the run that stored the snapshot, not for a re-run that finds it stored", async () => {
    const store = new SqliteSnapshotStore(":memory:");
    const told: string[] = [];
    const snapshot = exampleSnapshot("snap-w1", "2026-11-21T10:05:00.000Z");
    await putOnceThenTell(store, snapshot, (s) => told.push(s.id));
    // A stalled job run again by another worker: the store refuses the second put, the job still succeeds.
    await putOnceThenTell(store, snapshot, (s) => told.push(s.id));
    expect(told).toEqual(["snap-w1"]);
    expect((await store.list()).map((l) => l.id)).toEqual(["snap-w1"]);
  });

  it("a notifier that throws is logged and never fails the job; the snapshot is kept", async () => {
    const store = new SqliteSnapshotStore(":memory:");
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      await expect(
        putOnceThenTell(store, exampleSnapshot("snap-w2", "2026-11-21T10:05:00.000Z"), () => {
          throw new Error("notifier exploded");
        }),
      ).resolves.toBeUndefined();
      expect(String(stderr.mock.calls[0]![0])).toContain('"event":"notify.failed"');
    } finally {
      stderr.mockRestore();
    }
    expect(await store.get("snap-w2")).toBeDefined();
  });

  it("a write that fails for another reason fails the job, and nobody is told", async () => {
    const told: string[] = [];
    const broken = {
      put: async () => {
        throw new Error("database is gone");
      },
      get: async () => undefined,
    };
    await expect(
      putOnceThenTell(broken, exampleSnapshot("snap-w3", "2026-11-21T10:05:00.000Z"), (s) => told.push(s.id)),
    ).rejects.toThrow("database is gone");
    expect(told).toEqual([]);
  });
});
