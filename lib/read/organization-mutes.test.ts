import { describe, expect, it } from "vitest";
import { CONTROLS } from "@/lib/controls/registry";
import { demoInventory } from "@/lib/demo/inventory";
import { buildSnapshot } from "@/lib/posture/build-snapshot";
import type { Mute } from "@/lib/snapshot/mute";
import { SqliteSnapshotStore } from "@/lib/snapshot/sqlite-store";
import { organizationSnapshots } from "./organization-export";
import { organizationOverview } from "./organization";

const ACCOUNT = "111122223333";
const FINISHED = "2026-12-01T10:00:00.000Z";
const NOW = new Date("2026-12-02T12:00:00.000Z");

describe("organization pages with mutes", () => {
  it("show every account as its pages do: muted critical failures leave the count and the score, and come back when the mute lapses", async () => {
    const store = new SqliteSnapshotStore(":memory:");
    const snapshot = buildSnapshot(
      {
        ...demoInventory,
        source: "aws",
        account: { id: ACCOUNT, partition: "aws", name: "Payments prod" },
        finishedAt: FINISHED,
      },
      CONTROLS,
      { id: "s1", now: new Date(FINISHED) },
    );
    await store.put(snapshot);
    const critical = snapshot.controls.find(
      (c) => c.severity === "critical" && c.results.some((r) => r.status === "fail"),
    )!;
    const before = (await organizationOverview(store, { kind: "all" }, NOW)).rows[0]!;
    expect(before.critical.failing).toBeGreaterThan(0);

    const mute: Mute = {
      id: "mute-rule00000001",
      target: { kind: "rule", controlId: critical.id },
      reason: "Break-glass credentials, rotated by the vault",
      owner: "security",
      expiresAt: "2026-12-10T00:00:00.000Z",
      createdAt: "2026-12-02T00:00:00.000Z",
      createdBy: "alice",
      updatedAt: "2026-12-02T00:00:00.000Z",
      updatedBy: "alice",
    };
    await store.insertMute(mute, { muteId: mute.id, at: mute.createdAt, actor: "alice", action: "created" });
    const muted = (await organizationOverview(store, { kind: "all" }, NOW)).rows[0]!;
    const failing = critical.results.filter((r) => r.status === "fail").length;
    expect(muted.critical.failing).toBe(before.critical.failing - failing);
    expect(muted.score!).toBeGreaterThan(before.score!);

    const exported = await organizationSnapshots(store, undefined, NOW);
    expect(exported.found && exported.snapshots[0]!.mutes?.muted).toBe(failing);

    // After the expiry, the same store and process: the count and the score are back.
    const later = (await organizationOverview(store, { kind: "all" }, new Date("2026-12-11T00:00:00.000Z"))).rows[0]!;
    expect(later.critical.failing).toBe(before.critical.failing);
    expect(later.score).toBe(before.score);
  });
});
