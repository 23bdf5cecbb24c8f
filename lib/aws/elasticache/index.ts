import { ElastiCacheClient } from "@aws-sdk/client-elasticache";
import { createAwsClient, type CallStats } from "../clients";
import { collectElastiCacheRegion, type ElastiCacheRegionResult } from "./collect";

/** Collects one region with a client of the shared configuration, counting its calls into `stats`. */
export async function collectElastiCache(region: string, stats: CallStats): Promise<ElastiCacheRegionResult> {
  const client = createAwsClient(ElastiCacheClient, region, stats);
  try {
    return await collectElastiCacheRegion(client, region);
  } finally {
    client.destroy();
  }
}
