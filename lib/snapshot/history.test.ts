import { describe, expect, it } from "vitest";
import { exampleSnapshot } from "./fixtures";
import { findingHistory } from "./history";
import type { Snapshot } from "./schema";
import { SqliteSnapshotStore } from "./sqlite-store";
import type { SnapshotStore } from "./store";

const at = (day: number) => `2026-11-0${day}T00:00:00.000Z`;

/** The example account with the given findings passing. */
function withPassing(id: string, day: number, passing: string[]): Snapshot {
  const base = exampleSnapshot(id, at(day));
  return {
    ...base,
    controls: base.controls.map((c) => ({
      ...c,
      results: c.results.map((r) => (passing.includes(r.findingId) ? { ...r, status: "pass" as const } : r)),
    })),
  };
}

describe("findingHistory", () => {
  const failing = exampleSnapshot("probe", at(1))
    .controls.flatMap((c) => c.results)
    .filter((r) => r.status === "fail");
  const [fixedLater, newLater] = [failing[0]!.findingId, failing[1]!.findingId];

  async function history(store: SnapshotStore, of: Snapshot) {
    const seen = await findingHistory(store, of);
    return { fixedLater: seen.get(fixedLater), newLater: seen.get(newLater), size: seen.size };
  }

  it("gives first and last failing time over the account's stored history, with or without the store's index", async () => {
    const sqlite = new SqliteSnapshotStore(":memory:");
    const s1 = withPassing("s1", 1, [newLater]);
    const s2 = withPassing("s2", 2, []);
    const s3 = withPassing("s3", 3, [fixedLater]);
    for (const s of [s1, s2, s3]) await sqlite.put(s);
    // The same store without its fast path: history read snapshot by snapshot.
    const plain: SnapshotStore = { put: (s) => sqlite.put(s), get: (id) => sqlite.get(id), list: () => sqlite.list() };

    for (const store of [sqlite, plain]) {
      expect(await history(store, s3)).toMatchObject({
        fixedLater: { firstSeen: at(1), lastSeen: at(2) },
        newLater: { firstSeen: at(2), lastSeen: at(3) },
      });
      // Asked about one finding, it answers about that one only.
      expect([...(await findingHistory(store, s3, [newLater])).keys()]).toEqual([newLater]);
      // Only history up to the snapshot asked about counts.
      expect(await history(store, s1)).toMatchObject({
        fixedLater: { firstSeen: at(1), lastSeen: at(1) },
        newLater: undefined,
      });
    }
    // A snapshot that is not stored (like the demo account) still counts its own findings.
    const unstored = withPassing("unstored", 4, []);
    expect((await history(sqlite, unstored)).newLater).toEqual({ firstSeen: at(2), lastSeen: at(4) });
    sqlite.close();
  });
});
