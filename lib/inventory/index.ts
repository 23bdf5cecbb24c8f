import type { CollectionError, ServiceId, SkippedRegion } from "./common";
import type { ElastiCacheInventory } from "./elasticache";

export * from "./common";
export type * from "./elasticache";

export type InventorySource = "aws" | "demo";

export interface ScanStats {
  apiCalls: number;
  retries: number;
  throttled: number;
  durationMs: number;
}

/**
 * Everything one scan learned about one account. Plain, serialisable data: the demo account is a
 * value of this type, and controls evaluate it without any I/O.
 */
export interface Inventory {
  source: InventorySource;
  account: { id: string; partition: string };
  /** Regions the scan covered. */
  regions: string[];
  /** Services whose collectors ran; controls of other services are reported as not scanned. */
  services: ServiceId[];
  startedAt: string;
  finishedAt: string;
  elasticache?: ElastiCacheInventory;
  errors: CollectionError[];
  skippedRegions: SkippedRegion[];
  stats: ScanStats;
}
