import type { Inventory } from "@/lib/inventory";

/**
 * The demo inventory as a scan stored at `now` would hold it: the same account and resources (and
 * still `source: "demo"`, so every page and export says demo data), with its scan window moved to end
 * at `now` and keep its length. Without this, every demo snapshot stored shows the demo's fixed scan
 * time, and two of them share one moment in the history. The shipped demo (lib/demo/snapshot.ts) keeps
 * its fixed time: tests and screenshots rely on it.
 */
export function demoInventoryAt(inventory: Inventory, now: Date): Inventory {
  const duration = Math.max(0, Date.parse(inventory.finishedAt) - Date.parse(inventory.startedAt));
  return {
    ...inventory,
    startedAt: new Date(now.getTime() - duration).toISOString(),
    finishedAt: now.toISOString(),
  };
}
