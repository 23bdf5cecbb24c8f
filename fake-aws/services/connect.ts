/**
 * Amazon Connect (restJson1): the inverse of lib/aws/connect/reshape.ts, with real paging.
 *
 * The REST binding sends paging and filters as camelCase query parameters (`resourceType`,
 * `maxResults`, `nextToken`, `integrationType`, `integrationArn`) while `InstanceId` arrives from
 * the path under its member name, so `request.params` holds the wire names. `arg` reads either
 * spelling, so the responders keep working if the router ever maps query names to member names.
 */
import * as schemas from "@aws-sdk/client-connect";
import type { ConnectInstance, InstanceStorageConfig, StorageEncryption } from "@/lib/inventory";
import { page } from "../paging";
import { FakeAwsError, type FakeRequest, type FakeService } from "../types";

/** A request parameter under its wire (query) name or its SDK member name. */
function arg(request: FakeRequest, wireName: string, memberName: string): unknown {
  return request.params[wireName] ?? request.params[memberName];
}

function instancesOf(request: FakeRequest): ConnectInstance[] {
  return request.scenario.inventory.connect?.regions.find((r) => r.region === request.region)?.instances ?? [];
}

/** InstanceId accepts the instance id or its ARN, as Connect does; unknown ids are ResourceNotFound. */
function instanceOf(request: FakeRequest): ConnectInstance {
  const wanted = String(request.params.InstanceId ?? "");
  const instance = instancesOf(request).find((i) => i.id === wanted || i.arn === wanted);
  if (!instance) throw new FakeAwsError("ResourceNotFoundException", `Instance not found: ${wanted}`, 404);
  return instance;
}

function paged<T>(request: FakeRequest, items: readonly T[], listName: string, map: (item: T) => unknown) {
  const { items: slice, next } = page(
    items,
    arg(request, "nextToken", "NextToken"),
    arg(request, "maxResults", "MaxResults"),
  );
  return { [listName]: slice.map(map), NextToken: next };
}

function summary(instance: ConnectInstance) {
  return {
    Id: instance.id,
    Arn: instance.arn,
    IdentityManagementType: instance.identityManagementType,
    InstanceAlias: instance.alias,
    InstanceStatus: instance.status,
    ServiceRole: instance.serviceRole,
    InstanceAccessUrl: instance.accessUrl,
  };
}

function encryption(config: StorageEncryption | undefined) {
  return config ? { EncryptionType: config.type, KeyId: config.keyId } : undefined;
}

function storageConfig(config: InstanceStorageConfig) {
  return {
    AssociationId: config.associationId,
    StorageType: config.storageType,
    S3Config: config.s3
      ? {
          BucketName: config.s3.bucketName,
          BucketPrefix: config.s3.bucketPrefix,
          EncryptionConfig: encryption(config.s3.encryption),
        }
      : undefined,
    KinesisVideoStreamConfig: config.kinesisVideo
      ? {
          Prefix: config.kinesisVideo.prefix,
          RetentionPeriodHours: config.kinesisVideo.retentionPeriodHours,
          EncryptionConfig: encryption(config.kinesisVideo.encryption),
        }
      : undefined,
    KinesisStreamConfig: config.kinesisStreamArn ? { StreamArn: config.kinesisStreamArn } : undefined,
    KinesisFirehoseConfig: config.firehoseArn ? { FirehoseArn: config.firehoseArn } : undefined,
  };
}

export const connect: FakeService = {
  model: { signingName: "connect", actionPrefix: "connect", protocol: "rest-json", schemas },
  responders: {
    ListInstances: (request) => paged(request, instancesOf(request), "InstanceSummaryList", summary),
    DescribeInstance: (request) => {
      const instance = instanceOf(request);
      return {
        Instance: {
          ...summary(instance),
          Tags: instance.tags.length > 0 ? Object.fromEntries(instance.tags.map((t) => [t.key, t.value])) : undefined,
        },
      };
    },
    // One resource type per call; a type the instance does not support is refused, as Connect does.
    ListInstanceStorageConfigs: (request) => {
      const instance = instanceOf(request);
      const resourceType = String(arg(request, "resourceType", "ResourceType") ?? "");
      if (!resourceType) throw new FakeAwsError("InvalidParameterException", "ResourceType is required.", 400);
      if (instance.unsupportedResourceTypes.includes(resourceType)) {
        throw new FakeAwsError(
          "InvalidRequestException",
          `The resource type ${resourceType} is not supported for this instance.`,
          400,
        );
      }
      const configs = instance.storageConfigs.filter((c) => c.resourceType === resourceType);
      return paged(request, configs, "StorageConfigs", storageConfig);
    },
    ListApprovedOrigins: (request) =>
      paged(request, instanceOf(request).approvedOrigins, "Origins", (origin) => origin),
    ListIntegrationAssociations: (request) => {
      const instance = instanceOf(request);
      const type = arg(request, "integrationType", "IntegrationType");
      const arn = arg(request, "integrationArn", "IntegrationArn");
      const integrations = instance.integrations.filter(
        (i) => (type === undefined || i.type === type) && (arn === undefined || i.arn === arn),
      );
      return paged(request, integrations, "IntegrationAssociationSummaryList", (i) => ({
        InstanceId: instance.id,
        IntegrationType: i.type,
        IntegrationArn: i.arn,
        SourceApplicationUrl: i.sourceApplicationUrl,
        SourceApplicationName: i.sourceApplicationName,
      }));
    },
    ListSecurityProfiles: (request) =>
      paged(request, instanceOf(request).securityProfiles, "SecurityProfileSummaryList", (p) => ({
        Id: p.id,
        Arn: p.arn,
        Name: p.name,
      })),
  },
};
