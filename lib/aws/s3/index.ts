import { S3Client } from "@aws-sdk/client-s3";
import type { referencedBuckets } from "@/lib/inventory/references";
import { sharedClientConfig, trackCallStats, type CallStats } from "../clients";
import { collectBucketEncryption, type BucketsResult } from "./collect";

export type { BucketsResult } from "./collect";

/**
 * Reads every referenced bucket's default encryption with one client that starts in `homeRegion`
 * and follows S3's redirects to each bucket's own Region (docs/controls.md#regions), counting calls into
 * `stats`. Makes no call when nothing refers to a bucket.
 */
export async function collectBuckets(
  refs: ReturnType<typeof referencedBuckets>,
  homeRegion: string,
  stats: CallStats,
): Promise<BucketsResult> {
  if (refs.length === 0) return { inventory: [], errors: [] };
  const client = new S3Client({
    ...sharedClientConfig(homeRegion),
    followRegionRedirects: true,
    // A custom endpoint (LocalStack, a local fake) cannot serve bucket-named host names.
    forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3 || process.env.AWS_ENDPOINT_URL),
  });
  trackCallStats(client, stats);
  try {
    return await collectBucketEncryption(client, homeRegion, refs);
  } finally {
    client.destroy();
  }
}
