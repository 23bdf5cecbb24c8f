/**
 * Pure mappings from Amazon Connect SDK objects to Safekeep's inventory types. Missing fields stay
 * undefined so controls can tell "not reported" from "off"; missing lists become [].
 */
import type {
  EncryptionConfig as SdkEncryptionConfig,
  Instance as SdkInstance,
  InstanceStorageConfig as SdkInstanceStorageConfig,
  InstanceSummary as SdkInstanceSummary,
  IntegrationAssociationSummary as SdkIntegrationAssociationSummary,
  SecurityProfileSummary as SdkSecurityProfileSummary,
} from "@aws-sdk/client-connect";
import type {
  ConnectInstance,
  ConnectIntegration,
  InstanceStorageConfig,
  StorageEncryption,
  Tag,
} from "@/lib/inventory";

type SecurityProfile = ConnectInstance["securityProfiles"][number];

/**
 * An instance as ListInstances describes it, with every per-instance list still empty: the
 * collector fills them in from the follow-up calls.
 */
export function toConnectInstance(summary: SdkInstanceSummary, region: string): ConnectInstance {
  return {
    id: summary.Id ?? "",
    arn: summary.Arn ?? "",
    region,
    alias: summary.InstanceAlias,
    identityManagementType: summary.IdentityManagementType,
    status: summary.InstanceStatus,
    serviceRole: summary.ServiceRole,
    accessUrl: summary.InstanceAccessUrl,
    tags: [],
    storageConfigs: [],
    unsupportedResourceTypes: [],
    approvedOrigins: [],
    integrations: [],
    securityProfiles: [],
  };
}

/** Tags arrive as a map; the inventory keeps them as a list, like every other service. */
export function toTags(tags: Record<string, string> | undefined): Tag[] {
  return Object.entries(tags ?? {}).map(([key, value]) => ({ key, value }));
}

/**
 * DescribeInstance repeats the summary's fields (possibly fresher) and adds the tags. A field the
 * describe call leaves out keeps the summary's value.
 */
export function withDescription(instance: ConnectInstance, described: SdkInstance | undefined): ConnectInstance {
  if (!described) return instance;
  return {
    ...instance,
    alias: described.InstanceAlias ?? instance.alias,
    identityManagementType: described.IdentityManagementType ?? instance.identityManagementType,
    status: described.InstanceStatus ?? instance.status,
    serviceRole: described.ServiceRole ?? instance.serviceRole,
    accessUrl: described.InstanceAccessUrl ?? instance.accessUrl,
    tags: toTags(described.Tags),
  };
}

function toEncryption(config: SdkEncryptionConfig | undefined): StorageEncryption | undefined {
  if (!config) return undefined;
  return { type: config.EncryptionType, keyId: config.KeyId };
}

/**
 * One storage association. The response does not repeat the resource type, so the caller passes
 * the type it asked for.
 */
export function toStorageConfig(config: SdkInstanceStorageConfig, resourceType: string): InstanceStorageConfig {
  const s3 = config.S3Config;
  const video = config.KinesisVideoStreamConfig;
  return {
    associationId: config.AssociationId,
    resourceType,
    storageType: config.StorageType ?? "",
    s3: s3?.BucketName
      ? { bucketName: s3.BucketName, bucketPrefix: s3.BucketPrefix, encryption: toEncryption(s3.EncryptionConfig) }
      : undefined,
    kinesisVideo: video
      ? {
          prefix: video.Prefix,
          retentionPeriodHours: video.RetentionPeriodHours,
          encryption: toEncryption(video.EncryptionConfig),
        }
      : undefined,
    kinesisStreamArn: config.KinesisStreamConfig?.StreamArn,
    firehoseArn: config.KinesisFirehoseConfig?.FirehoseArn,
  };
}

export function toIntegration(summary: SdkIntegrationAssociationSummary): ConnectIntegration {
  return {
    type: summary.IntegrationType,
    arn: summary.IntegrationArn,
    sourceApplicationUrl: summary.SourceApplicationUrl,
    sourceApplicationName: summary.SourceApplicationName,
  };
}

/** Profiles without an id cannot be reviewed or linked, so the caller filters them out first. */
export function toSecurityProfile(summary: SdkSecurityProfileSummary): SecurityProfile {
  return { id: summary.Id ?? "", arn: summary.Arn ?? "", name: summary.Name ?? "" };
}
