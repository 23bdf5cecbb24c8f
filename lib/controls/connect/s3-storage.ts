/**
 * Shared by `connect.recordings-transcripts-kms` and `connect.other-s3-storage-kms`: both judge
 * S3 storage associations by their KMS key, and differ only in which types they cover and how
 * bad a missing key is.
 */
import type { ConnectInstance, InstanceStorageConfig, Inventory } from "@/lib/inventory";
import type { Evidence, ResourceResult, Status } from "../types";
import {
  creationFailedResult,
  emptySlotResult,
  findBucket,
  findKmsKey,
  hasKmsKey,
  isCreationFailed,
  isKmsAlgorithm,
  keyDescription,
  resourceTypeLabel,
  STORAGE_CONFIG,
  storageResourceArn,
  storageSlot,
  connectInstances,
} from "./scope";

export interface S3StoragePolicy {
  resourceTypes: readonly string[];
  /**
   * Verdict for an association without a KMS key. `bucketUsesKms`: the bucket's default
   * encryption is SSE-KMS, so objects are KMS-encrypted anyway, one step better.
   */
  withoutKey(bucketUsesKms: boolean): Status;
}

function judgeConfig(
  inventory: Inventory,
  instance: ConnectInstance,
  config: InstanceStorageConfig,
  policy: S3StoragePolicy,
): ResourceResult {
  const label = resourceTypeLabel(config.resourceType);
  const subject = `Connect instance ${instance.id} ${label}`;
  const base = {
    resourceArn: storageResourceArn(instance, config.resourceType, config.associationId),
    resourceType: STORAGE_CONFIG,
    region: instance.region,
  };
  const common: Evidence = {
    instanceId: instance.id,
    storageResourceType: config.resourceType,
    storageType: config.storageType,
  };
  if (!config.s3) {
    return {
      ...base,
      status: "not-applicable",
      reason: `${subject} go to ${config.storageType || "an unreported storage type"}, not S3, which this control does not judge.`,
      evidence: common,
    };
  }
  const encryption = config.s3.encryption;
  if (hasKmsKey(encryption)) {
    const key = findKmsKey(inventory, encryption.keyId, instance.region);
    return {
      ...base,
      status: "pass",
      reason: `${subject} in bucket ${config.s3.bucketName} are encrypted with ${keyDescription(key)}.`,
      evidence: {
        ...common,
        bucketName: config.s3.bucketName,
        encryptionType: encryption.type ?? null,
        keyId: encryption.keyId,
        keyManager: key?.keyManager ?? null,
      },
    };
  }
  const bucket = findBucket(inventory, config.s3.bucketName);
  const bucketAlgorithm = bucket?.access === "ok" ? (bucket.encryption?.algorithm ?? null) : null;
  const bucketUsesKms = isKmsAlgorithm(bucketAlgorithm ?? undefined);
  const fallback = bucketUsesKms
    ? "the bucket's default SSE-KMS encryption still encrypts new objects with KMS"
    : "objects get only the bucket's default encryption";
  return {
    ...base,
    status: policy.withoutKey(bucketUsesKms),
    reason: `${subject} in bucket ${config.s3.bucketName} have no KMS key on the storage configuration; ${fallback}.`,
    evidence: {
      ...common,
      bucketName: config.s3.bucketName,
      encryptionType: encryption?.type ?? null,
      keyId: null,
      bucketDefaultEncryption: bucketAlgorithm,
    },
  };
}

function instanceResults(inventory: Inventory, instance: ConnectInstance, policy: S3StoragePolicy): ResourceResult[] {
  if (isCreationFailed(instance)) return [creationFailedResult(instance)];
  return policy.resourceTypes.flatMap((resourceType) => {
    const slot = storageSlot(instance, resourceType);
    switch (slot.kind) {
      case "uncollected":
        return [];
      case "unsupported":
      case "none":
        return [emptySlotResult(instance, resourceType, slot)];
      case "configured":
        return slot.configs.map((config) => judgeConfig(inventory, instance, config, policy));
    }
  });
}

export function evaluateS3Storage(inventory: Inventory, policy: S3StoragePolicy): ResourceResult[] {
  return connectInstances(inventory).flatMap((instance) => instanceResults(inventory, instance, policy));
}
