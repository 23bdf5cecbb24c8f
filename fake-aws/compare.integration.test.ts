/**
 * Honest history over real HTTP: the demo account scanned through the fake endpoint fully, then
 * with fewer Regions, then with one list call denied. Comparing each with the full scan must count
 * nothing as fixed (nothing was fixed: the account did not change), and must count as not re-checked
 * exactly the failing findings the narrower scan could not judge, derived from the full scan's rows.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONTROLS } from "@/lib/controls/registry";
import { demoInventory } from "@/lib/demo/inventory";
import { SERVICE_IDS, type Inventory } from "@/lib/inventory";
import { scanAws } from "@/lib/scan/scan-aws";
import { buildSnapshot } from "@/lib/posture/build-snapshot";
import { compareSnapshots, type Comparison } from "@/lib/snapshot/compare";
import type { Snapshot, SnapshotResult } from "@/lib/snapshot/schema";
import { sdkEnvironmentFor } from "./sdk-environment";
import { startFakeAws, type FakeAws } from "./server";
import type { Fault } from "./types";

const scenarioInventory: Inventory = { ...demoInventory, errors: [] };
const now = new Date(demoInventory.finishedAt);
const FAILING = new Set(["fail", "warn"]);

let fake: FakeAws;
let full: Snapshot;
const saved = { ...process.env };

async function scan(id: string, regions: string[], faults: Fault[] = []): Promise<Snapshot> {
  fake.setScenario({ inventory: scenarioInventory, faults, seed: 1 });
  const inventory = await scanAws({ regions, services: [...SERVICE_IDS] });
  return buildSnapshot(inventory, CONTROLS, { id, now });
}

beforeAll(async () => {
  fake = await startFakeAws({ inventory: scenarioInventory });
  Object.assign(process.env, sdkEnvironmentFor(fake.url));
  full = await scan("full", demoInventory.regions);
  expect(full.coverage.errors).toEqual([]);
}, 60_000);
afterAll(async () => {
  process.env = saved;
  await fake.close();
});

/** Every failing row of the full scan, with its control. */
function failingRows(snapshot: Snapshot): { control: string; requires: string[]; result: SnapshotResult }[] {
  return snapshot.controls.flatMap((c) =>
    c.results.filter((r) => FAILING.has(r.status)).map((result) => ({ control: c.id, requires: c.requires, result })),
  );
}

/**
 * Finding ids of one change, as a sorted multiset. Some controls give a resource several rows
 * without a `field`, so one id can occur several times (the comparison suffixes them `#2`…).
 */
function ids(comparison: Comparison, change: string): string[] {
  return comparison.findings
    .filter((f) => f.change === change)
    .map((f) => f.id.replace(/#\d+$/, ""))
    .sort();
}

describe("comparing a full scan with narrower ones", { timeout: 90_000 }, () => {
  it("a snapshot compared with itself changes nothing", () => {
    const self = compareSnapshots(full, full);
    expect(self.counts).toEqual({
      new: 0,
      notCheckedBefore: 0,
      changed: 0,
      notRechecked: 0,
      fixed: 0,
      stillFailing: failingRows(full).length,
    });
  });

  it("3 of 8 Regions: nothing fixed; every failing finding of the 5 others is not re-checked", async () => {
    const kept = ["us-east-1", "eu-west-1", "eu-central-1"];
    const partial = await scan("partial", kept);
    const comparison = compareSnapshots(full, partial);
    const missing = full.regions.filter((r) => !kept.includes(r));
    expect(missing).toHaveLength(5);

    const rows = failingRows(full);
    const inMissingRegions = rows.filter((r) => missing.includes(r.result.region)).map((r) => r.result.findingId);
    // Account-wide rows stay judged when the scan still reaches them; those found only through a
    // Region that was left out (a bucket named by a job there) drop out and are not re-checked either.
    const partialFailing = new Set(failingRows(partial).map((r) => r.result.findingId));
    const globalGone = rows
      .filter((r) => !full.regions.includes(r.result.region) && !partialFailing.has(r.result.findingId))
      .map((r) => r.result.findingId);
    expect(inMissingRegions.length).toBeGreaterThan(0);

    expect(comparison.counts.fixed).toBe(0);
    expect(comparison.counts.new).toBe(0);
    expect(comparison.counts.notRechecked).toBe(inMissingRegions.length + globalGone.length);
    expect(ids(comparison, "notRechecked")).toEqual([...inMissingRegions, ...globalGone].sort());
    expect(comparison.comparable).toBe(false);
    expect(comparison.scopeNotes[0]).toMatch(/covered 8 Regions, snapshot partial 3 of them: 5 not re-checked/);
  });

  it("one denied list call: nothing fixed; the affected controls' failing findings there are not re-checked", async () => {
    const action = "elasticache:DescribeReplicationGroups";
    const denied = await scan("denied", demoInventory.regions, [{ action, kind: "access-denied" }]);
    const errorRegions = new Set(denied.coverage.errors.filter((e) => e.action === action).map((e) => e.region));
    expect(errorRegions.size).toBeGreaterThan(0);
    const comparison = compareSnapshots(full, denied);

    const rows = failingRows(full);
    const affected = rows.filter(
      (r) =>
        r.requires.includes(action) && (errorRegions.has(r.result.region) || !full.regions.includes(r.result.region)),
    );
    // A row of an affected control that did not need the denied call (a cluster judged from
    // DescribeCacheClusters alone) may still be judged, with the very same verdict.
    const deniedStatus = new Map(
      denied.controls.flatMap((c) => c.results.map((r) => [r.findingId, r.status] as const)),
    );
    const stillJudged = affected.filter((r) => deniedStatus.get(r.result.findingId) === r.result.status);
    const expected = affected.filter((r) => !stillJudged.includes(r)).map((r) => r.result.findingId);

    expect(comparison.counts.fixed).toBe(0);
    expect(comparison.counts.new).toBe(0);
    expect(expected.length).toBeGreaterThan(0);
    expect(comparison.counts.notRechecked).toBe(expected.length);
    expect(ids(comparison, "notRechecked")).toEqual([...expected].sort());
    // Everything the denied call did not touch is still failing, unchanged.
    expect(comparison.counts.stillFailing).toBe(rows.length - expected.length);
    expect(comparison.scopeNotes.join(" ")).toContain(`could not read ${action} (access-denied)`);

    // The other way round (the denied scan first): what it could not judge is not checked before, never new.
    const back = compareSnapshots(denied, full);
    expect(back.counts.new).toBe(0);
    expect(back.counts.fixed).toBe(0);
    expect(ids(back, "notCheckedBefore")).toEqual([...expected].sort());
  });
});
