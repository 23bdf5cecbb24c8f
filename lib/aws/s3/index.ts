import { S3Client } from "@aws-sdk/client-s3";
import type { BucketReference } from "@/lib/inventory/references";
import { createScopedClient, type CollectScope } from "../harness";
import { collectBucketEncryption, type BucketsResult } from "./collect";

export type { BucketsResult } from "./collect";

/**
 * Reads every referenced bucket's default encryption with one client of the scope that starts in
 * `homeRegion` and follows S3's redirects to each bucket's own Region (docs/controls.md#regions).
 * Makes no call when nothing refers to a bucket.
 */
export async function collectBuckets(
  homeRegion: string,
  scope: CollectScope,
  refs: readonly BucketReference[],
): Promise<BucketsResult> {
  if (refs.length === 0) return { inventory: [], errors: [] };
  const client = createScopedClient(S3Client, homeRegion, scope, "s3", {
    followRegionRedirects: true,
    // A custom endpoint (LocalStack, a local fake) cannot serve bucket-named host names.
    forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3 || process.env.AWS_ENDPOINT_URL),
  });
  try {
    return await collectBucketEncryption(client, homeRegion, refs);
  } finally {
    client.destroy();
  }
}
