/** Pure mapping from an S3 default-encryption configuration to Safekeep's BucketEncryption. */
import type { ServerSideEncryptionConfiguration } from "@aws-sdk/client-s3";
import type { BucketEncryption } from "@/lib/inventory";

/**
 * The bucket's default encryption, or null when it has none. S3 allows a single rule today; the
 * first rule that sets a default algorithm is taken so a future multi-rule answer still reads.
 */
export function toBucketEncryption(
  configuration: ServerSideEncryptionConfiguration | undefined,
): BucketEncryption | null {
  const rule = configuration?.Rules?.find((candidate) => candidate.ApplyServerSideEncryptionByDefault?.SSEAlgorithm);
  const defaults = rule?.ApplyServerSideEncryptionByDefault;
  if (!rule || !defaults?.SSEAlgorithm) return null;
  return {
    algorithm: defaults.SSEAlgorithm,
    kmsKeyId: defaults.KMSMasterKeyID,
    bucketKeyEnabled: rule.BucketKeyEnabled,
  };
}
