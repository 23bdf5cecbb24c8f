import { CONTROLS } from "@/lib/controls/registry";
import { env } from "@/lib/env";
import { buildSnapshot } from "@/lib/posture/build-snapshot";
import { installationKey } from "@/lib/snapshot/installation-key";
import type { Snapshot } from "@/lib/snapshot/schema";
import { demoInventory } from "./inventory";

export const DEMO_SNAPSHOT_ID = "demo";

let cached: Snapshot | undefined;

/** The demo account evaluated by the same controls as a real scan, at the demo's own scan time. */
export function demoSnapshot(): Snapshot {
  cached ??= buildSnapshot(demoInventory, CONTROLS, {
    id: DEMO_SNAPSHOT_ID,
    now: new Date(demoInventory.finishedAt),
    hashKey: installationKey(env().dataDir),
  });
  return cached;
}
