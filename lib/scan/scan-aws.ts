/**
 * A scan of the real account: who am I, then each service's collector per region, into one
 * inventory. Only services that have collectors are collected; the others stay "not evaluated".
 */
import pLimit from "p-limit";
import { createCallStats } from "@/lib/aws/clients";
import { collectElastiCache } from "@/lib/aws/elasticache";
import { getCallerIdentity, IdentityError } from "@/lib/aws/sts/identity";
import type { CollectionError, ElastiCacheRegionInventory, Inventory, ServiceId, SkippedRegion } from "@/lib/inventory";
import { CannotStartError } from "./errors";

export interface ScanProgress {
  step: string;
  region?: string;
  state: "started" | "finished";
}

export interface ScanOptions {
  regions?: "all" | string[];
  services: ServiceId[];
  now?: () => Date;
  onProgress?: (event: ScanProgress) => void;
}

/** Regions scanned side by side; each collector limits its own calls within a region. */
const REGION_CONCURRENCY = 4;

/** Services that have a collector in this version. */
export const COLLECTED_SERVICES: readonly ServiceId[] = ["elasticache"];

export async function scanAws(options: ScanOptions): Promise<Inventory> {
  const now = options.now ?? (() => new Date());
  if (options.regions === "all") {
    throw new CannotStartError(
      "--regions all needs enabled-region discovery, which this version does not have yet; list the regions instead",
    );
  }
  const started = now();
  let identity;
  try {
    identity = await getCallerIdentity(options.regions?.[0]);
  } catch (error) {
    if (error instanceof IdentityError) throw new CannotStartError(error.message);
    throw error;
  }
  const regions = options.regions ?? [identity.region];
  const services = COLLECTED_SERVICES.filter((s) => options.services.includes(s));
  const stats = createCallStats();
  const errors: CollectionError[] = [];
  const skippedRegions: SkippedRegion[] = [];
  const elasticacheRegions: ElastiCacheRegionInventory[] = [];

  if (services.includes("elasticache")) {
    const limit = pLimit(REGION_CONCURRENCY);
    const results = await Promise.all(regions.map((region) => limit(() => collectElastiCache(region, stats))));
    for (const { inventory, errors: regionErrors } of results) {
      const unavailable = regionErrors.find((e) => e.kind === "region-unavailable");
      if (unavailable) {
        skippedRegions.push({ region: inventory.region, service: "elasticache", reason: unavailable.message });
        continue;
      }
      elasticacheRegions.push(inventory);
      errors.push(...regionErrors);
    }
  }

  const finished = now();
  return {
    source: "aws",
    account: { id: identity.accountId, partition: identity.partition },
    regions,
    services,
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    elasticache: services.includes("elasticache") ? { regions: elasticacheRegions } : undefined,
    errors,
    skippedRegions,
    stats: { ...stats, durationMs: finished.getTime() - started.getTime() },
  };
}
