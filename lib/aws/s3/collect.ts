/**
 * Reads the default encryption of the S3 buckets other services write to (
 * personalize.s3-bucket-encryption, connect.storage-bucket-encryption). It never throws.
 *
 * A refused read is not reported as an error: a bucket name does not say which account owns it,
 * and buckets of other accounts (log archives, data lakes) are normal. The bucket is marked
 * "denied" and the controls decide how to show it.
 */
import { GetBucketEncryptionCommand, type S3Client } from "@aws-sdk/client-s3";
import pLimit from "p-limit";
import { ERROR_KINDS, isRegionWide, type CollectionError, type S3Bucket } from "@/lib/inventory";
import type { BucketReference } from "@/lib/inventory/references";
import { iamActionFor } from "../actions";
import { classifyAwsError } from "../errors";
import { toBucketEncryption } from "./reshape";

export { toBucketEncryption } from "./reshape";

export interface BucketsResult {
  /** One entry per referenced bucket, except those whose read failed for another reason than access. */
  inventory: S3Bucket[];
  errors: CollectionError[];
}

/** At most 3 calls in flight per service (docs/controls.md#call-budget). */
const MAX_CONCURRENT_CALLS = 3;

/** S3's answer for a bucket without default encryption: a fact about the bucket, not a failure. */
const NO_DEFAULT_ENCRYPTION = "ServerSideEncryptionConfigurationNotFoundError";
const NO_SUCH_BUCKET = "NoSuchBucket";

interface BucketOutcome {
  bucket?: S3Bucket;
  error?: CollectionError;
}

function errorName(error: unknown): string | undefined {
  return typeof error === "object" && error !== null ? (error as { name?: string }).name : undefined;
}

async function readBucket(client: S3Client, region: string, reference: BucketReference): Promise<BucketOutcome> {
  const base = { name: reference.bucket, referencedBy: reference.references };
  try {
    const output = await client.send(new GetBucketEncryptionCommand({ Bucket: reference.bucket }));
    return {
      bucket: { ...base, access: "ok", encryption: toBucketEncryption(output.ServerSideEncryptionConfiguration) },
    };
  } catch (error) {
    const name = errorName(error);
    // Checked first: its name contains "NotFound", yet the bucket exists.
    if (name === NO_DEFAULT_ENCRYPTION) return { bucket: { ...base, access: "ok", encryption: null } };
    if (name === NO_SUCH_BUCKET) return { bucket: { ...base, access: "not-found" } };
    const action = iamActionFor("GetBucketEncryptionCommand", "s3") ?? "s3:GetEncryptionConfiguration";
    const failure: CollectionError = { service: "account", region, ...classifyAwsError(error, action) };
    if (failure.kind === ERROR_KINDS.accessDenied) return { bucket: { ...base, access: "denied" } };
    return { error: failure };
  }
}

/**
 * GetBucketEncryption for each referenced bucket. `client` must follow S3's Region redirects,
 * because buckets live in Regions of their own; errors are reported in `region`, the Region the
 * client starts from (a bucket name carries no Region).
 */
export async function collectBucketEncryption(
  client: S3Client,
  region: string,
  references: readonly BucketReference[],
): Promise<BucketsResult> {
  const limit = pLimit(MAX_CONCURRENT_CALLS);
  const outcomes = await Promise.all(references.map((reference) => limit(() => readBucket(client, region, reference))));
  const errors = outcomes.flatMap((outcome) => (outcome.error ? [outcome.error] : []));
  const unavailable = errors.find((error) => isRegionWide(error.kind));
  if (unavailable) return { inventory: [], errors: [unavailable] };
  return { inventory: outcomes.flatMap((outcome) => (outcome.bucket ? [outcome.bucket] : [])), errors };
}
