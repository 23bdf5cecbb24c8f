import type {
  ConnectInstance,
  InstanceStorageConfig,
  Inventory,
  KmsKey,
  S3Bucket,
  StorageEncryption,
} from "@/lib/inventory";
import type { ResourceResult } from "../types";

export const INSTANCE = "Connect instance";
export const STORAGE_CONFIG = "Instance storage config";

/** Instances whose creation failed are listed for 24 hours only and hold no data. */
const CREATION_FAILED = "CREATION_FAILED";

/** The Connect instances a scan collected, across Regions (none when Connect was not scanned). */
export function connectInstances(inventory: Inventory): ConnectInstance[] {
  return (inventory.connect?.regions ?? []).flatMap((region) => region.instances);
}

export function isCreationFailed(instance: ConnectInstance): boolean {
  return instance.status === CREATION_FAILED;
}

export function liveInstances(inventory: Inventory): ConnectInstance[] {
  return connectInstances(inventory).filter((instance) => !isCreationFailed(instance));
}

/** The not-applicable row instance-level controls show for an instance whose creation failed. */
export function creationFailedResult(instance: ConnectInstance): ResourceResult {
  return {
    resourceArn: instance.arn,
    resourceType: INSTANCE,
    region: instance.region,
    status: "not-applicable",
    reason: `Connect instance ${instance.id} failed to create, so it holds no data to check.`,
    evidence: { instanceStatus: instance.status ?? null },
  };
}

/** Whether the per-instance call behind `action` answered (its failure is reported by the runner). */
export function wasCollected(instance: ConnectInstance, action: string): boolean {
  return !(instance.uncollected ?? []).includes(action);
}

/** Readable names for the storage resource types, for reasons. */
const RESOURCE_TYPE_LABELS: Record<string, string> = {
  CALL_RECORDINGS: "call recordings",
  CHAT_TRANSCRIPTS: "chat transcripts",
  SCREEN_RECORDINGS: "screen recordings",
  EMAIL_MESSAGES: "email messages",
  ATTACHMENTS: "attachments",
  SCHEDULED_REPORTS: "scheduled reports",
  CONTACT_EVALUATIONS: "contact evaluations",
  MEDIA_STREAMS: "live media streams",
  CONTACT_TRACE_RECORDS: "contact records",
  AGENT_EVENTS: "agent events",
  REAL_TIME_CONTACT_ANALYSIS_SEGMENTS: "real-time contact analysis segments",
  REAL_TIME_CONTACT_ANALYSIS_CHAT_SEGMENTS: "real-time contact analysis chat segments",
  REAL_TIME_CONTACT_ANALYSIS_VOICE_SEGMENTS: "real-time contact analysis voice segments",
};

export function resourceTypeLabel(resourceType: string): string {
  return RESOURCE_TYPE_LABELS[resourceType] ?? resourceType;
}

/**
 * Storage associations have no ARN of their own; results name them under their instance so each
 * (instance, association) pair stays distinct. Without an association, the type stands in.
 */
export function storageResourceArn(instance: ConnectInstance, resourceType: string, associationId?: string): string {
  return `${instance.arn}/storage-config/${associationId ?? resourceType}`;
}

/** What one storage resource type of one instance amounts to, before any control judges it. */
export type StorageSlot =
  | { kind: "unsupported" }
  /** The call failed: nothing is known, and the runner reports the error. */
  | { kind: "uncollected" }
  | { kind: "none" }
  | { kind: "configured"; configs: InstanceStorageConfig[] };

export function storageSlot(instance: ConnectInstance, resourceType: string): StorageSlot {
  if (instance.unsupportedResourceTypes.includes(resourceType)) return { kind: "unsupported" };
  if ((instance.uncollectedResourceTypes ?? []).includes(resourceType)) return { kind: "uncollected" };
  const configs = instance.storageConfigs.filter((config) => config.resourceType === resourceType);
  return configs.length === 0 ? { kind: "none" } : { kind: "configured", configs };
}

/** The not-applicable row for a type the instance does not support or has no storage for. */
export function emptySlotResult(
  instance: ConnectInstance,
  resourceType: string,
  slot: { kind: "unsupported" | "none" },
): ResourceResult {
  const label = resourceTypeLabel(resourceType);
  return {
    resourceArn: storageResourceArn(instance, resourceType),
    resourceType: STORAGE_CONFIG,
    region: instance.region,
    status: "not-applicable",
    reason:
      slot.kind === "unsupported"
        ? `Connect instance ${instance.id} does not support storage for ${label}.`
        : `Connect instance ${instance.id} has no storage configured for ${label} (feature not enabled).`,
    evidence: { instanceId: instance.id, storageResourceType: resourceType, configured: false },
  };
}

/** A storage encryption setting that names a KMS key. */
export function hasKmsKey(encryption: StorageEncryption | undefined): encryption is StorageEncryption & {
  keyId: string;
} {
  return encryption?.type === "KMS" && typeof encryption.keyId === "string" && encryption.keyId.trim() !== "";
}

/** A bare key id: a UUID, or `mrk-` + 32 hex digits for multi-Region keys. */
const BARE_KEY_ID = /^(?:mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/**
 * The described key a reference points at, when the account-wide scan described it. References by
 * ARN match exactly; a bare key id names a key of the referring resource's own Region. Alias names
 * resolve only inside KMS, so they stay unmatched (the key manager is then reported as unknown).
 */
export function findKmsKey(inventory: Inventory, keyId: string, region: string): KmsKey | undefined {
  const keys = inventory.accountWide?.kmsKeys ?? [];
  const wanted = keyId.trim();
  const exact = keys.find((key) => key.arn === wanted);
  if (exact || !BARE_KEY_ID.test(wanted)) return exact;
  return keys.find((key) => key.region === region && key.arn.endsWith(`:key/${wanted}`));
}

/** How a reason words a key, from what DescribeKey said about it. */
export function keyDescription(key: KmsKey | undefined): string {
  if (key?.keyManager === "AWS") return "an AWS managed KMS key";
  if (key?.keyManager === "CUSTOMER") return "a customer managed KMS key";
  return "a KMS key";
}

export function findBucket(inventory: Inventory, name: string): S3Bucket | undefined {
  return inventory.accountWide?.buckets?.find((bucket) => bucket.name === name);
}

/** Default encryption that uses KMS: SSE-KMS or dual-layer DSSE-KMS. */
export function isKmsAlgorithm(algorithm: string | undefined): boolean {
  return algorithm === "aws:kms" || algorithm === "aws:kms:dsse";
}

/** Account field of an ARN; undefined for anything that is not an ARN. */
export function arnAccount(arn: string): string | undefined {
  const parts = arn.split(":");
  return parts.length >= 6 && parts[0] === "arn" ? parts[4] : undefined;
}

/** Region field of an ARN; undefined when absent (S3) or not an ARN. */
export function arnRegion(arn: string): string | undefined {
  const parts = arn.split(":");
  return parts.length >= 6 && parts[0] === "arn" && parts[3] ? parts[3] : undefined;
}

/** Last path segment of an ARN's resource part: a stream's or key's name. */
export function arnResourceName(arn: string): string {
  return arn.slice(arn.lastIndexOf("/") + 1) || arn;
}
