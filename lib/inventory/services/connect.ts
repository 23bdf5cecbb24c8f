/** Amazon Connect, described once for the cross-cutting code (see ./types.ts). */
import { SERVICE_NAMES } from "../common";
import type { ConnectInstance, ConnectIntegration, InstanceStorageConfig } from "../connect";
import type { Inventory } from "../index";
import { lastSegment, present, push, pushTags, pushUrls, sentenceCase, type FieldResource, NOT_WALKED } from "./fields";
import type { NameRegistry, OfferedIn, ServiceDescriptor, StreamUse, TextField } from "./types";

/** From the SDK's endpoint metadata (docs/controls.md#regions); newer Regions may be missing. */
const OFFERED_IN: OfferedIn = {
  aws: [
    "af-south-1",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-southeast-1",
    "ap-southeast-2",
    "ca-central-1",
    "eu-central-1",
    "eu-west-2",
    "us-east-1",
    "us-west-2",
  ],
  "aws-us-gov": ["us-gov-west-1"],
  "aws-cn": [],
};

/** Integrations have an ARN only sometimes; the pseudo-ARN under the instance keeps them apart. */
function integrationResource(instance: ConnectInstance, integration: ConnectIntegration, index: number): FieldResource {
  return {
    resourceArn: integration.arn ?? `${instance.arn}/integration-association/${index}`,
    resourceType: "Integration",
    region: instance.region,
    resourceName: integration.sourceApplicationName ?? integration.type ?? "integration",
  };
}

function instanceResource(instance: ConnectInstance): FieldResource {
  return {
    resourceArn: instance.arn,
    resourceType: "Connect instance",
    region: instance.region,
    resourceName: instance.alias ?? instance.id,
  };
}

function textFields(inventory: Inventory): TextField[] {
  const into: TextField[] = [];
  for (const region of inventory.connect?.regions ?? []) {
    for (const instance of region.instances) {
      const resource = instanceResource(instance);
      push(into, resource, "InstanceAlias", instance.alias);
      pushTags(into, resource, instance.tags);
      for (const config of instance.storageConfigs) {
        push(into, resource, `${config.resourceType} BucketName`, config.s3?.bucketName);
        push(into, resource, `${config.resourceType} BucketPrefix`, config.s3?.bucketPrefix);
        push(into, resource, `${config.resourceType} Prefix`, config.kinesisVideo?.prefix);
      }
      for (const profile of instance.securityProfiles) {
        const profileResource = {
          resourceArn: profile.arn,
          resourceType: "Security profile",
          region: instance.region,
          resourceName: profile.name,
        };
        push(into, profileResource, "SecurityProfileName", profile.name);
      }
      instance.integrations.forEach((integration, index) => {
        push(
          into,
          integrationResource(instance, integration, index),
          "SourceApplicationName",
          integration.sourceApplicationName,
        );
      });
    }
  }
  return into;
}

/** The instance access URL, approved origins and integration source URLs. */
function urlFields(inventory: Inventory): TextField[] {
  const into: TextField[] = [];
  for (const region of inventory.connect?.regions ?? []) {
    for (const instance of region.instances) {
      const resource = instanceResource(instance);
      push(into, resource, "InstanceAccessUrl", instance.accessUrl);
      pushUrls(into, resource, "ApprovedOrigins", instance.approvedOrigins);
      instance.integrations.forEach((integration, index) => {
        push(
          into,
          integrationResource(instance, integration, index),
          "SourceApplicationUrl",
          integration.sourceApplicationUrl,
        );
      });
    }
  }
  return into;
}

/** Where a storage association sends its data, as a reader would say it. */
function storageTarget(config: InstanceStorageConfig): string | undefined {
  if (config.s3 && present(config.s3.bucketName)) return `S3 bucket ${config.s3.bucketName}`;
  if (config.kinesisStreamArn) return `Kinesis stream ${lastSegment(config.kinesisStreamArn)}`;
  if (config.firehoseArn) return `Firehose stream ${lastSegment(config.firehoseArn)}`;
  if (config.storageType === "KINESIS_VIDEO_STREAM") {
    const prefix = config.kinesisVideo?.prefix;
    return present(prefix) ? `Kinesis Video Streams ${prefix}` : "Kinesis Video Streams";
  }
  return present(config.storageType) ? sentenceCase(config.storageType) : undefined;
}

/** "Call recordings of support → S3 bucket recordings": a storage association's row, named. */
export function storageName(instanceName: string, resourceType: string, config?: InstanceStorageConfig): string {
  const slot = `${sentenceCase(resourceType)} of ${instanceName}`;
  const target = config ? storageTarget(config) : undefined;
  return target ? `${slot} → ${target}` : slot;
}

function instanceNames(instance: ConnectInstance, into: NameRegistry): void {
  const name = present(instance.alias) ? instance.alias : instance.id;
  into.add(instance.arn, name, instance.tags);
  // Storage rows are `<instance ARN>/storage-config/<association id, or the resource type without one>`;
  // rows of types with nothing configured are named from their shape (resource-directory's derivedName).
  for (const config of instance.storageConfigs) {
    const arn = `${instance.arn}/storage-config/${config.associationId ?? config.resourceType}`;
    into.add(arn, storageName(name, config.resourceType, config));
  }
  for (const profile of instance.securityProfiles) {
    into.add(profile.arn, profile.name);
    into.add(`${instance.arn}/security-profile/${profile.id}`, profile.name);
  }
  instance.integrations.forEach((integration, index) => {
    const label = present(integration.sourceApplicationName)
      ? integration.sourceApplicationName
      : sentenceCase(integration.type ?? "integration");
    into.add(integration.arn, label);
    into.add(`${instance.arn}/integration-association/${index}`, label);
  });
}

function streamUses(inventory: Inventory): StreamUse[] {
  return (inventory.connect?.regions ?? []).flatMap((region) =>
    region.instances.flatMap((instance) => {
      const reference = { service: "connect" as const, resourceArn: instance.arn };
      return instance.storageConfigs.flatMap((config): StreamUse[] => [
        { kind: "kinesis", arn: config.kinesisStreamArn, reference },
        { kind: "firehose", arn: config.firehoseArn, reference },
      ]);
    }),
  );
}

export const connect: ServiceDescriptor = {
  id: "connect",
  name: SERVICE_NAMES.connect,
  part: "connect",
  iamPrefixes: ["connect"],
  taggedResourceTypes: ["connect"],
  offeredIn: OFFERED_IN,
  textFields,
  urlFields,
  textFieldActions: [
    "connect:ListInstances",
    "connect:DescribeInstance",
    "connect:ListSecurityProfiles",
    "connect:ListIntegrationAssociations",
    "connect:ListInstanceStorageConfigs",
  ],
  urlFieldActions: [
    "connect:ListInstances",
    "connect:DescribeInstance",
    "connect:ListApprovedOrigins",
    "connect:ListIntegrationAssociations",
  ],
  textFieldExemptions: {
    "regions[].region": NOT_WALKED.region,
    "regions[].instances[].id": NOT_WALKED.awsId,
    "regions[].instances[].arn": NOT_WALKED.arn,
    "regions[].instances[].region": NOT_WALKED.region,
    "regions[].instances[].identityManagementType": NOT_WALKED.awsValue,
    "regions[].instances[].status": NOT_WALKED.awsValue,
    "regions[].instances[].serviceRole": NOT_WALKED.role,
    "regions[].instances[].storageConfigs[].associationId": NOT_WALKED.awsId,
    "regions[].instances[].storageConfigs[].resourceType": NOT_WALKED.awsValue,
    "regions[].instances[].storageConfigs[].storageType": NOT_WALKED.awsValue,
    "regions[].instances[].storageConfigs[].s3.encryption.type": NOT_WALKED.awsValue,
    "regions[].instances[].storageConfigs[].s3.encryption.keyId": NOT_WALKED.key,
    "regions[].instances[].storageConfigs[].kinesisVideo.encryption.type": NOT_WALKED.awsValue,
    "regions[].instances[].storageConfigs[].kinesisVideo.encryption.keyId": NOT_WALKED.key,
    "regions[].instances[].storageConfigs[].kinesisStreamArn":
      "not walked yet: ARN of a Kinesis stream, whose name people choose (the account part does not walk stream names either)",
    "regions[].instances[].storageConfigs[].firehoseArn":
      "not walked yet: ARN of a Firehose stream, whose name people choose (the account part does not walk stream names either)",
    "regions[].instances[].unsupportedResourceTypes[]": NOT_WALKED.awsValue,
    "regions[].instances[].integrations[].type": NOT_WALKED.awsValue,
    "regions[].instances[].integrations[].arn":
      "ARN of the integrated application; its name is walked as SourceApplicationName",
    "regions[].instances[].securityProfiles[].id": NOT_WALKED.awsId,
    "regions[].instances[].securityProfiles[].arn": NOT_WALKED.arn,
    "regions[].instances[].uncollected[]": "IAM actions of calls that failed",
    "regions[].instances[].uncollectedResourceTypes[]": NOT_WALKED.awsValue,
  },
  tls: {
    sources: [{ eventSource: "connect.amazonaws.com", sampleEventName: "ListInstances" }],
    regionsWithResources: (inventory) =>
      (inventory.connect?.regions ?? []).filter((r) => r.instances.length > 0).map((r) => r.region),
    reads: ["connect.regions[].region", "connect.regions[].instances"],
  },
  fips: [
    {
      id: "connect",
      name: "Amazon Connect",
      eventSource: "connect.amazonaws.com",
      scannedAs: "connect",
      global: false,
      offeredIn: OFFERED_IN,
      fipsEndpoints: {
        aws: {
          "ca-central-1": "connect-fips.ca-central-1.amazonaws.com",
          "us-east-1": "connect-fips.us-east-1.amazonaws.com",
          "us-west-2": "connect-fips.us-west-2.amazonaws.com",
        },
        "aws-us-gov": {
          "us-gov-west-1": "connect.us-gov-west-1.amazonaws.com",
        },
      },
    },
  ],
  arnLabels: {
    services: { connect: "Connect" },
    resourceTypes: { "connect:instance": "Connect instance" },
  },
  references: {
    keyUses: (inventory) =>
      (inventory.connect?.regions ?? []).flatMap((region) =>
        region.instances.flatMap((instance) =>
          instance.storageConfigs.flatMap((config) =>
            [config.s3?.encryption?.keyId, config.kinesisVideo?.encryption?.keyId].map((keyId) => ({
              keyId,
              region: instance.region,
              reference: { service: "connect" as const, resourceArn: instance.arn },
            })),
          ),
        ),
      ),
    bucketUses: (inventory) =>
      (inventory.connect?.regions ?? []).flatMap((region) =>
        region.instances.flatMap((instance) =>
          instance.storageConfigs.map((config) => ({
            bucket: config.s3?.bucketName,
            reference: { service: "connect" as const, resourceArn: instance.arn },
          })),
        ),
      ),
    streamUses,
    reads: ["connect.regions[].instances", "connect.regions[].instances[].storageConfigs"],
  },
  names(inventory, into) {
    for (const region of inventory.connect?.regions ?? []) {
      for (const instance of region.instances) instanceNames(instance, into);
    }
  },
  inventorySources: {
    "connect.regions[].region": [],
    "connect.regions[].instances": ["connect:ListInstances"],
    "connect.regions[].instances[].storageConfigs": ["connect:ListInstanceStorageConfigs"],
  },
};
