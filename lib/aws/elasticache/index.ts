import { ElastiCacheClient } from "@aws-sdk/client-elasticache";
import { createScopedClient, type CollectScope } from "../harness";
import { collectElastiCacheRegion, type ElastiCacheRegionResult } from "./collect";

/** Collects one Region with a client of the scope (counted and paced). */
export async function collectElastiCache(region: string, scope: CollectScope): Promise<ElastiCacheRegionResult> {
  const client = createScopedClient(ElastiCacheClient, region, scope, "elasticache");
  try {
    return await collectElastiCacheRegion(client, region);
  } finally {
    client.destroy();
  }
}
