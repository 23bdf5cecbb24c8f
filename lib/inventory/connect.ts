/** Amazon Connect inventory, per region where Connect is offered. */
import type { Tag } from "./common";

export interface StorageEncryption {
  type?: string;
  keyId?: string;
}

export interface InstanceStorageConfig {
  associationId?: string;
  /** CALL_RECORDINGS, CHAT_TRANSCRIPTS, MEDIA_STREAMS, CONTACT_TRACE_RECORDS, ... */
  resourceType: string;
  storageType: "S3" | "KINESIS_VIDEO_STREAM" | "KINESIS_STREAM" | "KINESIS_FIREHOSE" | string;
  s3?: { bucketName: string; bucketPrefix?: string; encryption?: StorageEncryption };
  kinesisVideo?: { prefix?: string; retentionPeriodHours?: number; encryption?: StorageEncryption };
  kinesisStreamArn?: string;
  firehoseArn?: string;
}

export interface ConnectIntegration {
  type?: string;
  arn?: string;
  sourceApplicationUrl?: string;
  sourceApplicationName?: string;
}

export interface ConnectInstance {
  id: string;
  arn: string;
  region: string;
  alias?: string;
  identityManagementType?: "SAML" | "CONNECT_MANAGED" | "EXISTING_DIRECTORY" | string;
  status?: string;
  serviceRole?: string;
  accessUrl?: string;
  tags: Tag[];
  storageConfigs: InstanceStorageConfig[];
  /** Resource types the instance does not support (the API refused the type). */
  unsupportedResourceTypes: string[];
  approvedOrigins: string[];
  integrations: ConnectIntegration[];
  securityProfiles: { id: string; arn: string; name: string }[];
  /**
   * Added for the Connect controls: IAM actions of this instance's calls that failed (e.g.
   * "connect:ListApprovedOrigins"; the error itself is in `Inventory.errors`). The matching list
   * above is then empty because it is unknown, not because it is empty, so controls skip it.
   * Undefined or [] when every call answered.
   */
  uncollected?: string[];
  /**
   * Added for the Connect controls: resource types whose ListInstanceStorageConfigs call failed
   * (not refused as unsupported), so "no storage config" cannot be told from "not read".
   */
  uncollectedResourceTypes?: string[];
}

export interface ConnectRegionInventory {
  region: string;
  instances: ConnectInstance[];
}

export interface ConnectInventory {
  regions: ConnectRegionInventory[];
}

/**
 * The storage resource types ListInstanceStorageConfigs must be asked about one by one (docs/controls.md#call-budget).
 * REAL_TIME_CONTACT_ANALYSIS_SEGMENTS is deprecated but still configured on older instances.
 */
export const STORAGE_RESOURCE_TYPES = [
  "CALL_RECORDINGS",
  "CHAT_TRANSCRIPTS",
  "SCREEN_RECORDINGS",
  "EMAIL_MESSAGES",
  "ATTACHMENTS",
  "SCHEDULED_REPORTS",
  "CONTACT_EVALUATIONS",
  "MEDIA_STREAMS",
  "CONTACT_TRACE_RECORDS",
  "AGENT_EVENTS",
  "REAL_TIME_CONTACT_ANALYSIS_SEGMENTS",
  "REAL_TIME_CONTACT_ANALYSIS_CHAT_SEGMENTS",
  "REAL_TIME_CONTACT_ANALYSIS_VOICE_SEGMENTS",
] as const;
