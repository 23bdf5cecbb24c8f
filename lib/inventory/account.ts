/**
 * Account-level inventory: what the cross-cutting (`xc.*`) controls read besides IAM, and the
 * storage other services write to (S3 buckets, Kinesis and Firehose streams, KMS keys).
 */
import type { ErrorKind, ServiceId, Tag } from "./common";

/** Who refers to a key, bucket or stream, so findings can say why it matters. */
export interface Reference {
  service: ServiceId | "cloudtrail";
  resourceArn: string;
}

export interface TrailStatus {
  isLogging: boolean;
  latestDeliveryError?: string;
  latestDigestDeliveryError?: string;
  latestDeliveryTime?: string;
}

export interface ClassicEventSelector {
  readWriteType?: "ReadOnly" | "WriteOnly" | "All";
  includeManagementEvents?: boolean;
  excludeManagementEventSources: string[];
}

export interface AdvancedFieldSelector {
  field: string;
  equals?: string[];
  notEquals?: string[];
  startsWith?: string[];
  notStartsWith?: string[];
}

export interface AdvancedEventSelector {
  name?: string;
  fieldSelectors: AdvancedFieldSelector[];
}

/**
 * How one detail of a trail was obtained:
 * - read: from the answer of `action`;
 * - unreadable: `action` failed (the CollectionError, with `resource` = the trail's ARN, is in
 *   `inventory.errors`). `memberView`: the trail belongs to another account (an organization trail
 *   seen from a member account) and the answer is the one AWS gives members for it, which is expected
 *   behaviour rather than a fault of the scanner's permissions;
 * - not-needed: the call was not made because no verdict depends on its answer (`why` says why).
 */
export type TrailDetailState =
  | { state: "read"; action: string }
  | {
      state: "unreadable";
      action: string;
      errorKind: ErrorKind;
      /** The AWS error code (e.g. CloudTrailARNInvalidException), when AWS gave one. */
      errorCode?: string;
      memberView: boolean;
    }
  | { state: "not-needed"; why: string };

export interface TrailDetails {
  /** IsLogging and delivery errors (GetTrailStatus). */
  status: TrailDetailState;
  /** Which events the trail records (GetEventSelectors). */
  eventSelectors: TrailDetailState;
  /** LogFileValidationEnabled, from DescribeTrails; the digest delivery error is part of `status`. */
  logFileValidation: TrailDetailState;
  /** KmsKeyId, from DescribeTrails; the key's own state is the KMS collector's. */
  kmsKey: TrailDetailState;
}

export interface Trail {
  name: string;
  arn: string;
  homeRegion: string;
  /**
   * Account that owns the trail, from its ARN. An organization trail seen from a member account is
   * owned by the management account (or the delegated administrator). Undefined (older or hand-made
   * inventories): read it from the ARN.
   */
  ownerAccountId?: string;
  isMultiRegion: boolean;
  isOrganizationTrail: boolean;
  includeGlobalServiceEvents: boolean;
  logFileValidationEnabled: boolean;
  kmsKeyId?: string;
  s3BucketName?: string;
  s3KeyPrefix?: string;
  /** Undefined when GetTrailStatus failed. */
  status?: TrailStatus;
  /** Undefined when GetEventSelectors failed or was not needed (see `details`). */
  eventSelectors?: { classic: ClassicEventSelector[]; advanced: AdvancedEventSelector[] };
  /**
   * How each detail was obtained. Undefined (older or hand-made inventories): a missing `status` or
   * `eventSelectors` means its call failed.
   */
  details?: TrailDetails;
  /** Regions whose DescribeTrails returned it (multi-Region trails appear everywhere as shadows). */
  seenInRegions: string[];
}

export interface CloudTrailInventory {
  /** De-duplicated by ARN. */
  trails: Trail[];
  /**
   * Added for the CloudTrail controls: Regions whose DescribeTrails answered. A single-Region trail is
   * only visible from its own Region, so a Region missing here has unknown coverage (not "uncovered").
   * Undefined (older or hand-made inventories): every scanned Region was described.
   */
  describedRegions?: string[];
}

/** One sampled management event's TLS details (CloudTrail LookupEvents). */
export interface TlsObservation {
  eventSource: string;
  region: string;
  eventTime: string;
  tlsVersion: string;
  cipherSuite?: string;
  clientProvidedHostHeader?: string;
  /** Masked caller ARN (account id kept, user name masked). */
  caller?: string;
  userAgent?: string;
}

export interface TlsSample {
  eventSource: string;
  region: string;
  observations: TlsObservation[];
}

export interface MacieRegion {
  region: string;
  /** NOT_ENABLED: Macie answered "Macie is not enabled" (docs/controls.md#failed-calls). */
  status: "ENABLED" | "PAUSED" | "NOT_ENABLED";
  /** Only asked when enabled; undefined when not asked or the account is a Macie member. */
  automatedDiscovery?: "ENABLED" | "DISABLED";
  /** The account is a Macie member: automated discovery is the administrator's setting. */
  memberAccount?: boolean;
}

export interface KmsKey {
  /** As referenced (ARN, key id or alias); the key's ARN once described. */
  arn: string;
  region: string;
  /** Account in the ARN; differs from the scanned account for cross-account keys. */
  accountId?: string;
  /** "denied": DescribeKey was refused (cross-account keys are normal); "ok": described. */
  access: "ok" | "denied" | "not-found";
  keyState?: string;
  keyManager?: "AWS" | "CUSTOMER";
  keySpec?: string;
  keyUsage?: string;
  origin?: string;
  multiRegion?: boolean;
  deletionDate?: string;
  description?: string;
  /**
   * Aliases the key was referred to by (`alias/orders`), kept when DescribeKey resolves them to the
   * key's ARN: the alias is the name people know the key by. Only referenced aliases are known.
   */
  aliases?: string[];
  /** Undefined when not asked (not a symmetric customer managed AWS_KMS key) or refused. */
  rotationEnabled?: boolean;
  rotationPeriodInDays?: number;
  referencedBy: Reference[];
}

export interface BucketEncryption {
  /** AES256 | aws:kms | aws:kms:dsse */
  algorithm: string;
  kmsKeyId?: string;
  bucketKeyEnabled?: boolean;
}

export interface S3Bucket {
  name: string;
  /** "ok": read; "denied": GetBucketEncryption refused (cross-account?); "not-found": no such bucket. */
  access: "ok" | "denied" | "not-found";
  /** null: the bucket has no default encryption configuration. */
  encryption?: BucketEncryption | null;
  referencedBy: Reference[];
}

export interface KinesisStream {
  arn: string;
  name: string;
  region: string;
  access: "ok" | "denied" | "not-found";
  encryptionType?: "NONE" | "KMS";
  keyId?: string;
  referencedBy: Reference[];
}

export interface FirehoseStream {
  arn: string;
  name: string;
  region: string;
  access: "ok" | "denied" | "not-found";
  /** DirectPut | KinesisStreamAsSource | ... */
  deliveryStreamType?: string;
  encryptionStatus?: string;
  keyType?: "AWS_OWNED_CMK" | "CUSTOMER_MANAGED_CMK";
  keyArn?: string;
  sourceStreamArn?: string;
  referencedBy: Reference[];
}

export interface TaggedResource {
  arn: string;
  region: string;
  tags: Tag[];
}

export interface AccountInventory {
  cloudtrail?: CloudTrailInventory;
  tlsSamples?: TlsSample[];
  macie?: MacieRegion[];
  kmsKeys?: KmsKey[];
  buckets?: S3Bucket[];
  kinesisStreams?: KinesisStream[];
  firehoseStreams?: FirehoseStream[];
  /** Resource Groups Tagging API, per region: tags of resources whose describe calls omit them. */
  taggedResources?: TaggedResource[];
  /** How the scanner itself reached AWS (for xc.fips-endpoints). */
  scanner: { useFipsEndpoint: boolean; homeRegion: string };
}
