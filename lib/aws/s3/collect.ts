/**
 * Reads the default encryption of the S3 buckets other services write to (
 * personalize.s3-bucket-encryption, connect.storage-bucket-encryption). It never throws.
 *
 * A refused read is not reported as an error: a bucket name does not say which account owns it,
 * and buckets of other accounts (log archives, data lakes) are normal. The bucket is marked
 * "denied" and the controls decide how to show it.
 */
import { GetBucketEncryptionCommand, type S3Client } from "@aws-sdk/client-s3";
import { ERROR_KINDS, isRegionWide, type CollectionError, type S3Bucket } from "@/lib/inventory";
import type { BucketReference } from "@/lib/inventory/references";
import { errorName } from "../errors";
import { createRegionCalls, type RegionCalls } from "../harness";
import { toBucketEncryption } from "./reshape";

export { toBucketEncryption } from "./reshape";

export interface BucketsResult {
  /** One entry per referenced bucket, except those whose read failed for another reason than access. */
  inventory: S3Bucket[];
  errors: CollectionError[];
}

/** S3's answer for a bucket without default encryption: a fact about the bucket, not a failure. */
const NO_DEFAULT_ENCRYPTION = "ServerSideEncryptionConfigurationNotFoundError";
const NO_SUCH_BUCKET = "NoSuchBucket";

interface BucketOutcome {
  bucket?: S3Bucket;
  error?: CollectionError;
}

async function readBucket(client: S3Client, calls: RegionCalls, reference: BucketReference): Promise<BucketOutcome> {
  const base = { name: reference.bucket, referencedBy: reference.references };
  const output = await calls.run("GetBucketEncryptionCommand", () =>
    client.send(new GetBucketEncryptionCommand({ Bucket: reference.bucket })),
  );
  if (output.ok) {
    return {
      bucket: { ...base, access: "ok", encryption: toBucketEncryption(output.value.ServerSideEncryptionConfiguration) },
    };
  }
  const name = errorName(output.raw);
  // Checked first: its name contains "NotFound", yet the bucket exists.
  if (name === NO_DEFAULT_ENCRYPTION) return { bucket: { ...base, access: "ok", encryption: null } };
  if (name === NO_SUCH_BUCKET) return { bucket: { ...base, access: "not-found" } };
  if (output.error.kind === ERROR_KINDS.accessDenied) return { bucket: { ...base, access: "denied" } };
  return { error: output.error };
}

/**
 * GetBucketEncryption for each referenced bucket. `client` must follow S3's Region redirects,
 * because buckets live in Regions of their own; errors are reported in `region`, the Region the
 * client starts from (a bucket name carries no Region). `calls` is the queue; by default one of the
 * shared concurrency limit.
 */
export async function collectBucketEncryption(
  client: S3Client,
  region: string,
  references: readonly BucketReference[],
  calls: RegionCalls = createRegionCalls({ service: "account", region, prefix: "s3" }),
): Promise<BucketsResult> {
  const outcomes = await Promise.all(references.map((reference) => readBucket(client, calls, reference)));
  const errors = outcomes.flatMap((outcome) => (outcome.error ? [outcome.error] : []));
  const unavailable = errors.find((error) => isRegionWide(error.kind));
  if (unavailable) return { inventory: [], errors: [unavailable] };
  return { inventory: outcomes.flatMap((outcome) => (outcome.bucket ? [outcome.bucket] : [])), errors };
}
