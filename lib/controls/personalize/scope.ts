import type { BucketEncryption, Inventory, PersonalizeRegionInventory, S3Bucket } from "@/lib/inventory";

/** The Personalize regions a scan collected (none when Personalize was not scanned). */
export function personalizeRegions(inventory: Inventory): PersonalizeRegionInventory[] {
  return inventory.personalize?.regions ?? [];
}

/**
 * The bucket of an `s3://bucket/prefix` location (`^s3://([^/]+)`); undefined
 * for anything else, so a malformed path is never matched to some bucket.
 */
export function bucketOfS3Path(path: string | undefined): string | undefined {
  return /^s3:\/\/([^/]+)/i.exec(path ?? "")?.[1];
}

/** SSE-KMS and dual-layer SSE-KMS: the two default encryptions that use a KMS key. */
export function isKmsBucketEncryption(encryption: BucketEncryption | null | undefined): boolean {
  return encryption?.algorithm === "aws:kms" || encryption?.algorithm === "aws:kms:dsse";
}

/** Buckets the account-wide collection found referenced by a Personalize resource. */
export function personalizeBuckets(inventory: Inventory): S3Bucket[] {
  return (inventory.accountWide?.buckets ?? []).filter((bucket) =>
    bucket.referencedBy.some((reference) => reference.service === "personalize"),
  );
}

/** The S3 bucket with this name, when the account-wide collection read it. */
export function findBucket(inventory: Inventory, name: string | undefined): S3Bucket | undefined {
  if (name === undefined) return undefined;
  return inventory.accountWide?.buckets?.find((bucket) => bucket.name === name);
}

/**
 * The list and describe actions whose data tells where Personalize jobs read and write (declared
 * with the rest of Personalize's calls in its service descriptor).
 */
export { JOB_INPUT_ACTIONS, JOB_OUTPUT_ACTIONS } from "@/lib/inventory/services";
