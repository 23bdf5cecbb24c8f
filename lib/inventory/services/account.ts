/**
 * The account-wide parts, described once for the cross-cutting code (see ./types.ts): CloudTrail
 * trails, KMS keys, S3 buckets, Kinesis and Firehose streams, the Tagging API's tags, and Macie.
 */
import type { KmsKey } from "../account";
import { parseArn } from "../arn";
import { SERVICE_NAMES } from "../common";
import type { Inventory } from "../index";
import { present, push, pushTags, NOT_WALKED } from "./fields";
import type { FieldContext, KeyUse, OfferedIn, ServiceDescriptor, TextField } from "./types";

/** From the SDK's endpoint metadata (docs/controls.md#regions); newer Regions may be missing. */
const MACIE_OFFERED_IN: OfferedIn = {
  aws: [
    "af-south-1",
    "ap-east-1",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ap-south-1",
    "ap-southeast-1",
    "ap-southeast-2",
    "ca-central-1",
    "eu-central-1",
    "eu-north-1",
    "eu-south-1",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "il-central-1",
    "me-south-1",
    "sa-east-1",
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
  ],
  "aws-us-gov": [],
  "aws-cn": [],
};

function textFields(inventory: Inventory, context: FieldContext): TextField[] {
  const into: TextField[] = [];
  const accountWide = inventory.accountWide;
  for (const trail of accountWide?.cloudtrail?.trails ?? []) {
    const resource = {
      resourceArn: trail.arn,
      resourceType: "Trail",
      region: trail.homeRegion,
      resourceName: trail.name,
    };
    push(into, resource, "Name", trail.name);
    push(into, resource, "S3BucketName", trail.s3BucketName);
    push(into, resource, "S3KeyPrefix", trail.s3KeyPrefix);
  }
  // AWS managed keys carry descriptions AWS wrote ("Default key that protects ...").
  for (const key of (accountWide?.kmsKeys ?? []).filter((k) => k.keyManager !== "AWS")) {
    push(
      into,
      {
        resourceArn: key.arn,
        resourceType: "KMS key",
        region: key.region,
        resourceName: key.arn.split("/").pop() ?? key.arn,
      },
      "Description",
      key.description,
    );
  }
  for (const tagged of accountWide?.taggedResources ?? []) {
    pushTags(into, { resourceArn: tagged.arn, region: tagged.region, ...context.describeArn(tagged.arn) }, tagged.tags);
  }
  return into;
}

function bucketArn(inventory: Inventory, bucket: string): string {
  return `arn:${inventory.account.partition}:s3:::${bucket}`;
}

/**
 * Buckets and streams live in the account-wide inventory, so their references carry the service
 * "account"; the ARN says what they are. A bucket ARN has no Region: a key id or alias in its
 * encryption settings resolves in the bucket's Region, taken from the first resource that writes
 * to it (Connect and Personalize buckets must share their Region), else the scanner's home Region.
 */
function keyUses(inventory: Inventory): KeyUse[] {
  const account = inventory.accountWide;
  if (!account) return [];
  const trails = (account.cloudtrail?.trails ?? []).map((trail) => ({
    keyId: trail.kmsKeyId,
    region: trail.homeRegion,
    reference: { service: "cloudtrail" as const, resourceArn: trail.arn },
  }));
  const streams = [
    ...(account.kinesisStreams ?? []).map((stream) => ({ keyId: stream.keyId, stream })),
    ...(account.firehoseStreams ?? []).map((stream) => ({ keyId: stream.keyArn, stream })),
  ].map(({ keyId, stream }) => ({
    keyId,
    region: stream.region,
    reference: { service: "account" as const, resourceArn: stream.arn },
  }));
  const buckets = (account.buckets ?? []).map((bucket) => ({
    keyId: bucket.encryption?.kmsKeyId,
    region:
      bucket.referencedBy
        .map((r) => parseArn(r.resourceArn)?.region || undefined)
        .find((region) => region !== undefined) ?? account.scanner.homeRegion,
    reference: { service: "account" as const, resourceArn: bucketArn(inventory, bucket.name) },
  }));
  return [...trails, ...streams, ...buckets];
}

/** A key is known by its alias when it was referred to by one; otherwise by its key id. */
function keyName(key: KmsKey): string {
  const alias = key.aliases?.find(present);
  if (alias) return alias;
  const resource = parseArn(key.arn)?.resource ?? key.arn;
  return resource.startsWith("key/") ? resource.slice("key/".length) : resource;
}

export const account: ServiceDescriptor = {
  id: "account",
  name: SERVICE_NAMES.account,
  part: "accountWide",
  // kms, s3, kinesis, firehose and tag are called on behalf of every service, so they belong to none.
  iamPrefixes: ["cloudtrail", "macie2"],
  // Keys and trails: the ones the scan found through references carry their tags from the Tagging API.
  taggedResourceTypes: ["kms", "cloudtrail"],
  subservices: { macie: { offeredIn: MACIE_OFFERED_IN } },
  textFields,
  urlFields: () => [],
  textFieldActions: ["cloudtrail:DescribeTrails", "kms:DescribeKey", "tag:GetResources"],
  urlFieldActions: [],
  textFieldExemptions: {
    "scanner.homeRegion": NOT_WALKED.region,
    "cloudtrail.trails[].arn": NOT_WALKED.arn,
    "cloudtrail.trails[].homeRegion": NOT_WALKED.region,
    "cloudtrail.trails[].ownerAccountId": "account id",
    "cloudtrail.trails[].kmsKeyId": NOT_WALKED.key,
    "cloudtrail.trails[].status": "delivery error codes and times",
    "cloudtrail.trails[].eventSelectors.classic": "event selector settings: fixed values and AWS event sources",
    "cloudtrail.trails[].eventSelectors.advanced[].fieldSelectors":
      "event selector conditions: CloudTrail field names and the values they match",
    "cloudtrail.trails[].eventSelectors.advanced[].name":
      "not walked yet: advanced event selector names are chosen by people",
    "cloudtrail.trails[].details": "how each detail was read: states, IAM actions and AWS error codes",
    "cloudtrail.trails[].seenInRegions[]": NOT_WALKED.region,
    "cloudtrail.describedRegions[]": NOT_WALKED.region,
    tlsSamples: "sampled CloudTrail events: event sources, times, TLS details, masked callers and user agents",
    macie: "Macie status per Region",
    "kmsKeys[].arn": NOT_WALKED.arn,
    "kmsKeys[].region": NOT_WALKED.region,
    "kmsKeys[].accountId": "account id",
    "kmsKeys[].access": NOT_WALKED.awsValue,
    "kmsKeys[].keyState": NOT_WALKED.awsValue,
    "kmsKeys[].keyManager": NOT_WALKED.awsValue,
    "kmsKeys[].keySpec": NOT_WALKED.awsValue,
    "kmsKeys[].keyUsage": NOT_WALKED.awsValue,
    "kmsKeys[].origin": NOT_WALKED.awsValue,
    "kmsKeys[].deletionDate": NOT_WALKED.time,
    "kmsKeys[].aliases[]": "not walked yet: alias names are chosen by people",
    "kmsKeys[].referencedBy": "the ARNs of the resources that use the key",
    "buckets[].name":
      "walked where a resource names the bucket (trail S3BucketName, Connect BucketName, Personalize paths): buckets are collected only when referenced",
    "buckets[].access": NOT_WALKED.awsValue,
    "buckets[].encryption.algorithm": NOT_WALKED.awsValue,
    "buckets[].encryption.kmsKeyId": NOT_WALKED.key,
    "buckets[].referencedBy": "the ARNs of the resources that use the bucket",
    "kinesisStreams[].arn": NOT_WALKED.arn,
    "kinesisStreams[].name": "not walked yet: stream names are chosen by people",
    "kinesisStreams[].region": NOT_WALKED.region,
    "kinesisStreams[].access": NOT_WALKED.awsValue,
    "kinesisStreams[].encryptionType": NOT_WALKED.awsValue,
    "kinesisStreams[].keyId": NOT_WALKED.key,
    "kinesisStreams[].referencedBy": "the ARNs of the resources that use the stream",
    "firehoseStreams[].arn": NOT_WALKED.arn,
    "firehoseStreams[].name": "not walked yet: stream names are chosen by people",
    "firehoseStreams[].region": NOT_WALKED.region,
    "firehoseStreams[].access": NOT_WALKED.awsValue,
    "firehoseStreams[].deliveryStreamType": NOT_WALKED.awsValue,
    "firehoseStreams[].encryptionStatus": NOT_WALKED.awsValue,
    "firehoseStreams[].keyType": NOT_WALKED.awsValue,
    "firehoseStreams[].keyArn": NOT_WALKED.key,
    "firehoseStreams[].sourceStreamArn": "ARN of the Kinesis stream it reads, listed among the Kinesis streams",
    "firehoseStreams[].referencedBy": "the ARNs of the resources that use the stream",
    "taggedResources[].arn": "ARN of a resource of any service, whose own fields its service walks",
    "taggedResources[].region": NOT_WALKED.region,
  },
  fips: [
    {
      id: "cloudtrail",
      name: "AWS CloudTrail",
      eventSource: "cloudtrail.amazonaws.com",
      scannedAs: "account",
      global: false,
      fipsEndpoints: {
        aws: {
          "us-east-1": "cloudtrail-fips.us-east-1.amazonaws.com",
          "us-east-2": "cloudtrail-fips.us-east-2.amazonaws.com",
          "us-west-1": "cloudtrail-fips.us-west-1.amazonaws.com",
          "us-west-2": "cloudtrail-fips.us-west-2.amazonaws.com",
        },
        "aws-us-gov": {
          "us-gov-east-1": "cloudtrail.us-gov-east-1.amazonaws.com",
          "us-gov-west-1": "cloudtrail.us-gov-west-1.amazonaws.com",
        },
      },
    },
    {
      id: "macie2",
      name: "Amazon Macie",
      eventSource: "macie2.amazonaws.com",
      scannedAs: "account",
      global: false,
      offeredIn: MACIE_OFFERED_IN,
      fipsEndpoints: {
        aws: {
          "us-east-1": "macie2-fips.us-east-1.amazonaws.com",
          "us-east-2": "macie2-fips.us-east-2.amazonaws.com",
          "us-west-1": "macie2-fips.us-west-1.amazonaws.com",
          "us-west-2": "macie2-fips.us-west-2.amazonaws.com",
        },
      },
    },
    {
      id: "kms",
      name: "AWS KMS",
      eventSource: "kms.amazonaws.com",
      scannedAs: "account",
      global: false,
      fipsEndpoints: {
        aws: {
          "af-south-1": "kms-fips.af-south-1.amazonaws.com",
          "ap-east-1": "kms-fips.ap-east-1.amazonaws.com",
          "ap-northeast-1": "kms-fips.ap-northeast-1.amazonaws.com",
          "ap-northeast-2": "kms-fips.ap-northeast-2.amazonaws.com",
          "ap-northeast-3": "kms-fips.ap-northeast-3.amazonaws.com",
          "ap-south-1": "kms-fips.ap-south-1.amazonaws.com",
          "ap-south-2": "kms-fips.ap-south-2.amazonaws.com",
          "ap-southeast-1": "kms-fips.ap-southeast-1.amazonaws.com",
          "ap-southeast-2": "kms-fips.ap-southeast-2.amazonaws.com",
          "ap-southeast-3": "kms-fips.ap-southeast-3.amazonaws.com",
          "ap-southeast-4": "kms-fips.ap-southeast-4.amazonaws.com",
          "ap-southeast-5": "kms-fips.ap-southeast-5.amazonaws.com",
          "ap-southeast-7": "kms-fips.ap-southeast-7.amazonaws.com",
          "ca-central-1": "kms-fips.ca-central-1.amazonaws.com",
          "ca-west-1": "kms-fips.ca-west-1.amazonaws.com",
          "eu-central-1": "kms-fips.eu-central-1.amazonaws.com",
          "eu-central-2": "kms-fips.eu-central-2.amazonaws.com",
          "eu-north-1": "kms-fips.eu-north-1.amazonaws.com",
          "eu-south-1": "kms-fips.eu-south-1.amazonaws.com",
          "eu-south-2": "kms-fips.eu-south-2.amazonaws.com",
          "eu-west-1": "kms-fips.eu-west-1.amazonaws.com",
          "eu-west-2": "kms-fips.eu-west-2.amazonaws.com",
          "eu-west-3": "kms-fips.eu-west-3.amazonaws.com",
          "il-central-1": "kms-fips.il-central-1.amazonaws.com",
          "me-central-1": "kms-fips.me-central-1.amazonaws.com",
          "me-south-1": "kms-fips.me-south-1.amazonaws.com",
          "mx-central-1": "kms-fips.mx-central-1.amazonaws.com",
          "sa-east-1": "kms-fips.sa-east-1.amazonaws.com",
          "us-east-1": "kms-fips.us-east-1.amazonaws.com",
          "us-east-2": "kms-fips.us-east-2.amazonaws.com",
          "us-west-1": "kms-fips.us-west-1.amazonaws.com",
          "us-west-2": "kms-fips.us-west-2.amazonaws.com",
        },
        "aws-us-gov": {
          "us-gov-east-1": "kms-fips.us-gov-east-1.amazonaws.com",
          "us-gov-west-1": "kms-fips.us-gov-west-1.amazonaws.com",
        },
      },
    },
  ],
  arnLabels: {
    services: { cloudtrail: "CloudTrail", kinesis: "Kinesis", firehose: "Firehose", s3: "S3" },
    resourceTypes: { "kms:key": "KMS key", "cloudtrail:trail": "Trail" },
    kinds: { "kinesis:stream": "data stream", "firehose:deliverystream": "stream" },
  },
  references: {
    keyUses,
    bucketUses: (inventory) =>
      (inventory.accountWide?.cloudtrail?.trails ?? []).map((trail) => ({
        bucket: trail.s3BucketName,
        reference: { service: "cloudtrail" as const, resourceArn: trail.arn },
      })),
    // A Firehose stream that reads from a Kinesis stream: the source stream holds the data at rest.
    streamUses: (inventory) =>
      (inventory.accountWide?.firehoseStreams ?? []).map((stream) => ({
        kind: "kinesis" as const,
        arn: stream.sourceStreamArn,
        reference: { service: "account" as const, resourceArn: stream.arn },
      })),
    reads: [
      "accountWide.scanner",
      "accountWide.cloudtrail.trails",
      "accountWide.buckets",
      "accountWide.kinesisStreams",
      "accountWide.firehoseStreams",
    ],
  },
  names(inventory, into) {
    const wide = inventory.accountWide;
    if (!wide) return;
    const { partition, id } = inventory.account;
    for (const trail of wide.cloudtrail?.trails ?? []) into.add(trail.arn, trail.name);
    for (const key of wide.kmsKeys ?? []) {
      into.add(key.arn, keyName(key));
      // Keys referred to by alias name or bare id carry no ARN; controls give them one in the key's Region.
      if (!key.arn.startsWith("arn:")) {
        into.add(`arn:${partition}:kms:${key.region}:${key.accountId ?? id}:${key.arn}`, keyName(key));
      }
    }
    for (const bucket of wide.buckets ?? []) into.add(bucketArn(inventory, bucket.name), bucket.name);
    for (const stream of wide.kinesisStreams ?? []) into.add(stream.arn, stream.name);
    for (const stream of wide.firehoseStreams ?? []) into.add(stream.arn, stream.name);
  },
  inventorySources: {
    // How the scanner reached AWS: the scan's own choice.
    "accountWide.scanner": [],
    "accountWide.cloudtrail.trails": ["cloudtrail:DescribeTrails"],
    "accountWide.buckets": ["s3:GetEncryptionConfiguration"],
    "accountWide.kinesisStreams": ["kinesis:DescribeStreamSummary"],
    "accountWide.firehoseStreams": ["firehose:DescribeDeliveryStream"],
  },
};
