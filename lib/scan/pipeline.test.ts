import { describe, expect, it } from "vitest";
import { demoInventory } from "@/lib/demo/inventory";
import type { Snapshot } from "@/lib/snapshot/schema";
import { runScanPipeline } from "./pipeline";

describe("scan pipeline", () => {
  it("evaluates what was collected into one snapshot and stores it once", async () => {
    const stored: Snapshot[] = [];
    const now = new Date("2026-11-30T10:00:00Z");
    const { snapshot, inventory } = await runScanPipeline(async () => demoInventory, {
      id: "20261130T100000Z-abcd",
      now: () => now,
      store: { put: async (s) => void stored.push(s) },
    });
    expect(inventory).toBe(demoInventory);
    expect(stored).toEqual([snapshot]);
    expect(snapshot.id).toBe("20261130T100000Z-abcd");
    expect(snapshot.account.id).toBe(demoInventory.account.id);
    expect(snapshot.controls.flatMap((c) => c.results).length).toBeGreaterThan(0);
  });

  it("stores nothing when collecting fails", async () => {
    const stored: Snapshot[] = [];
    await expect(
      runScanPipeline(() => Promise.reject(new Error("collector crashed")), {
        id: "x",
        now: () => new Date(),
        store: { put: async (s) => void stored.push(s) },
      }),
    ).rejects.toThrow("collector crashed");
    expect(stored).toEqual([]);
  });
});
