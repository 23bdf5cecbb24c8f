import type { Snapshot } from "@/lib/snapshot/schema";

/** The full snapshot as the `schemaVersion: 1` JSON export. */
export function renderSnapshotJson(snapshot: Snapshot): string {
  return `${JSON.stringify(snapshot, null, 2)}\n`;
}
