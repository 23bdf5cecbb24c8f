/**
 * Controls narrow `dependsOn` to the calls a verdict really read, so that a failed call turns only
 * those verdicts into errors. This holds every narrowing to account over the demo account: with any
 * required call failed in any Region, a result that does not name that call must reach the same
 * verdict as with complete data (its wording may hedge, e.g. a fix hint for an unknown engine
 * version), and a result that disappears must have named it.
 */
import { describe, expect, it } from "vitest";
import { demoInventory } from "@/lib/demo/inventory";
import type { ElastiCacheRegionInventory, Inventory } from "@/lib/inventory";
import type { Control, ResourceResult } from "../types";
import { elasticacheControls } from "./index";
import { ACTIONS } from "./scope";

const now = new Date(demoInventory.finishedAt);

/** What the collector leaves in a Region when the call fails: the list is empty, and what it fed is unknown. */
const WITHOUT: Record<string, (region: ElastiCacheRegionInventory) => void> = {
  [ACTIONS.replicationGroups]: (r) => {
    r.replicationGroups = [];
  },
  [ACTIONS.cacheClusters]: (r) => {
    r.cacheClusters = [];
    // Group engine versions are read from the member clusters.
    r.replicationGroups = r.replicationGroups.map((g) => ({ ...g, engineVersion: undefined }));
  },
  [ACTIONS.serverlessCaches]: (r) => {
    r.serverlessCaches = [];
  },
  [ACTIONS.userGroups]: (r) => {
    r.userGroups = [];
  },
  [ACTIONS.users]: (r) => {
    r.users = [];
  },
  [ACTIONS.snapshots]: (r) => {
    r.snapshots = r.snapshots.filter((s) => s.kind !== "node-based");
  },
  [ACTIONS.serverlessSnapshots]: (r) => {
    r.snapshots = r.snapshots.filter((s) => s.kind !== "serverless");
  },
};

const complete: Inventory = { ...demoInventory, errors: [] };
const regions = (complete.elasticache?.regions ?? [])
  .filter((r) => r.replicationGroups.length + r.cacheClusters.length + r.serverlessCaches.length > 0)
  .map((r) => r.region);

function denied(action: string, region: string): Inventory {
  const inventory = structuredClone(complete);
  const target = inventory.elasticache!.regions.find((r) => r.region === region)!;
  WITHOUT[action]!(target);
  inventory.errors.push({ service: "elasticache", region, action, kind: "access-denied", message: "denied" });
  return inventory;
}

function names(control: Control, result: ResourceResult, action: string, region: string): boolean {
  const lookups = result.dependsOn ?? control.meta.requires.map((a) => ({ action: a, region: result.region }));
  return lookups.some((l) => l.action === action && (l.region === undefined || l.region === region));
}

const key = (r: ResourceResult) => `${r.resourceArn} ${r.field ?? ""}`;

const cases = elasticacheControls.flatMap((control) =>
  control.meta.requires.flatMap((action) =>
    regions.map((region) => [control.meta.id, action, region, control] as const),
  ),
);

describe("ElastiCache verdicts name the calls they read", () => {
  it("has a way to deny every call a control requires", () => {
    for (const control of elasticacheControls) {
      for (const action of control.meta.requires) expect(Object.keys(WITHOUT)).toContain(action);
    }
  });

  it.each(cases)("%s with %s failed in %s", (_id, action, region, control) => {
    const full = new Map(control.evaluate(complete, { now }).map((r) => [key(r), r]));
    const partial = control.evaluate(denied(action, region), { now });
    for (const result of partial) {
      if (names(control, result, action, region)) continue;
      const before = full.get(key(result));
      expect(before, `${key(result)} appeared only with ${action} failed`).toBeDefined();
      expect(result.status, `${key(result)}: ${result.reason}`).toBe(before?.status);
    }
    const after = new Set(partial.map(key));
    for (const [k, result] of full) {
      if (!after.has(k)) expect(names(control, result, action, region), `${k} vanished`).toBe(true);
    }
  });
});
