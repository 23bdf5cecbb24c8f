/**
 * The one pipeline every scan goes through, whoever starts it (the CLI, the server's Scan now, the
 * bench, a queue worker): collect → evaluate → build the snapshot → store it. Storing is one write at
 * the end, so a scan that fails or is stopped midway leaves the earlier snapshots as they were.
 */
import { CONTROLS } from "@/lib/controls/registry";
import type { Control } from "@/lib/controls/types";
import type { Inventory } from "@/lib/inventory";
import { buildSnapshot } from "@/lib/posture/build-snapshot";
import type { Snapshot } from "@/lib/snapshot/schema";
import type { SnapshotStore } from "@/lib/snapshot/store";

export interface PipelineOptions {
  /** The snapshot's id, chosen by the caller so it can be announced before the scan ends. */
  id: string;
  /** When the snapshot is taken (the scan's end). */
  now: () => Date;
  /** The installation key the finding hashes are keyed with (lib/snapshot/installation-key.ts). */
  hashKey?: Uint8Array;
  /** Where to keep the snapshot; without one it is only returned (the bench). */
  store?: Pick<SnapshotStore, "put">;
  controls?: readonly Control[];
}

export interface PipelineResult {
  inventory: Inventory;
  snapshot: Snapshot;
  /** Time spent evaluating and building the snapshot, apart from collecting. */
  buildMs: number;
}

/** Runs `collect`, then evaluates, builds and (with a store) stores one snapshot of what it found. */
export async function runScanPipeline(
  collect: () => Promise<Inventory>,
  options: PipelineOptions,
): Promise<PipelineResult> {
  const inventory = await collect();
  const buildStarted = performance.now();
  const snapshot = buildSnapshot(inventory, options.controls ?? CONTROLS, {
    id: options.id,
    now: options.now(),
    hashKey: options.hashKey,
  });
  const buildMs = performance.now() - buildStarted;
  await options.store?.put(snapshot);
  return { inventory, snapshot, buildMs };
}
