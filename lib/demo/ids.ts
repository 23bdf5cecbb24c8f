/**
 * Names shared by the parts of the demo account (lib/demo/*.ts): the fictional accounts, regions,
 * and the ARNs one part refers to and another part defines (KMS keys, S3 buckets, streams, IAM
 * roles). Keeping them here lets each part import them without importing another part, and the
 * consistency tests in inventory.test.ts check that every reference resolves.
 */
import { offeredInFor } from "@/lib/inventory/services";

/** Northwind Retail's production account: the account the demo scans. */
export const DEMO_ACCOUNT_ID = "210987654321";
/** The organization's management account: owns the organization trail. */
export const MANAGEMENT_ACCOUNT_ID = "109876543210";
/** The organization's log-archive account: owns the organization trail's KMS key. */
export const LOG_ARCHIVE_ACCOUNT_ID = "410987654321";
/** The data-platform account: owns the shared analytics bucket and the contact-data lake stream. */
export const DATA_PLATFORM_ACCOUNT_ID = "510987654321";

export const US_EAST_1 = "us-east-1";
export const US_EAST_2 = "us-east-2";
export const US_WEST_2 = "us-west-2";
export const CA_CENTRAL_1 = "ca-central-1";
export const EU_WEST_1 = "eu-west-1";
export const EU_CENTRAL_1 = "eu-central-1";
export const AP_NORTHEAST_1 = "ap-northeast-1";
export const AP_SOUTHEAST_2 = "ap-southeast-2";

/** Every region the demo scan covered, in the order the dashboard lists them. */
export const DEMO_REGIONS = [
  US_EAST_1,
  US_EAST_2,
  US_WEST_2,
  CA_CENTRAL_1,
  EU_WEST_1,
  EU_CENTRAL_1,
  AP_NORTHEAST_1,
  AP_SOUTHEAST_2,
] as const;

/** Where Connect and Personalize are offered, from their service descriptors. */
export const CONNECT_REGIONS: readonly string[] = offeredInFor("connect") ?? [];
export const PERSONALIZE_REGIONS: readonly string[] = offeredInFor("personalize") ?? [];

/** The scanned regions where a service is offered: the collector visits exactly these. */
export function scannedRegionsOffering(offered: readonly string[]): string[] {
  return DEMO_REGIONS.filter((r) => offered.includes(r));
}

export function kmsKeyArn(region: string, keyId: string, account = DEMO_ACCOUNT_ID): string {
  return `arn:aws:kms:${region}:${account}:key/${keyId}`;
}

export function iamArn(kind: "user" | "group" | "role" | "policy", nameWithPath: string): string {
  return `arn:aws:iam::${DEMO_ACCOUNT_ID}:${kind}/${nameWithPath}`;
}

export function s3Arn(bucket: string): string {
  return `arn:aws:s3:::${bucket}`;
}

/** Every KMS key some demo resource refers to. Metadata and `referencedBy` live in account-wide.ts. */
export const KEYS = {
  // ElastiCache keys: the same ARNs lib/demo/inventory.ts uses for its caches and snapshots.
  ordersUse1: kmsKeyArn(US_EAST_1, "3f1c9a52-7d4e-4b8a-9c61-2e5f0b7d8a14"),
  leaderboardUse1: kmsKeyArn(US_EAST_1, "8b2e4d17-05a3-4c9f-b6e8-71d0c3a95f26"),
  checkoutUse1: kmsKeyArn(US_EAST_1, "c47a0e93-2b61-4f5d-8e1a-9d36b8f4c702"),
  recommendationsEuw1: kmsKeyArn(EU_WEST_1, "5d93f1e8-6a2c-4e07-a4b5-0f8c27e1d639"),
  leaderboardEuc1: kmsKeyArn(EU_CENTRAL_1, "e61b7c04-9f3d-4a82-b1c5-46a9d0e2f8b3"),
  ordersApse2: kmsKeyArn(AP_SOUTHEAST_2, "1a8d5f36-c2e9-47b0-9f14-b73e6a0c5d81"),
  // Cognito.
  cognitoCustomersUse1: kmsKeyArn(US_EAST_1, "7e20b4c9-3d58-4f16-a0b2-c9e84d6a1f37"),
  // Personalize.
  personalizeUse1: kmsKeyArn(US_EAST_1, "b91f6d2a-48c7-4e3b-9a05-6f12e7c8d4b0"),
  personalizeEuw1: kmsKeyArn(EU_WEST_1, "4c7a9e15-b2d8-4f60-8c3e-0a5b9d1e7f24"),
  personalizeExportsEuw1: kmsKeyArn(EU_WEST_1, "d2e85b07-91c4-4a3f-b6d8-3e7f0c2a5b19"),
  personalizeApse2: kmsKeyArn(AP_SOUTHEAST_2, "6f3b1c8e-0d27-4a95-8e4c-b2d71a9f6c05"),
  // Connect: storage configs, buckets and streams.
  connectUse1: kmsKeyArn(US_EAST_1, "a5d0e7c3-6b19-4f82-9d4a-17c3e8b0f26d"),
  awsConnectUse1: kmsKeyArn(US_EAST_1, "0c9e3a71-5f2b-4d86-a1e7-94b6d2c8f053"),
  connectStreamsUse1: kmsKeyArn(US_EAST_1, "e8b4f2a6-1c3d-4e97-b05a-2d6f9c1e8a73"),
  awsKinesisUse1: kmsKeyArn(US_EAST_1, "93a7c5e1-2f4b-4d08-8b6c-e1f0a3d59b27"),
  connectEuc1: kmsKeyArn(EU_CENTRAL_1, "2b6e9d14-7a3c-4f51-9e08-c5d1b7a4e962"),
  awsKinesisVideoEuc1: kmsKeyArn(EU_CENTRAL_1, "f47c1a09-8e2d-4b63-a7f5-0d9b3e6c2a18"),
  connectByokApse2: kmsKeyArn(AP_SOUTHEAST_2, "8d1f5b3a-c6e2-4a07-9b4d-7e0c2f8a5d61"),
  rtcaApse2: kmsKeyArn(AP_SOUTHEAST_2, "5a2c8e6f-3b9d-4e14-8c7a-d0f6b1e3a945"),
  // CloudTrail.
  orgTrailLogArchive: kmsKeyArn(US_EAST_1, "c3e7a1d5-9b2f-4c68-a4e0-6f8d2b5c1e97", LOG_ARCHIVE_ACCOUNT_ID),
  auditEuw1: kmsKeyArn(EU_WEST_1, "19f4d7b2-e6a8-4c3d-b51f-8a2e0c7d4f63"),
} as const;

/** How a Kinesis stream refers to the AWS managed key: by alias, as DescribeStreamSummary returns it. */
export const AWS_KINESIS_ALIAS = "alias/aws/kinesis";

/** S3 buckets referenced by Personalize jobs and Connect storage configs (details in account-wide.ts). */
export const BUCKETS = {
  personalizeInputUse1: "northwind-personalize-input-use1",
  personalizeExportsUse1: "northwind-personalize-exports-use1",
  analyticsShared: "northwind-analytics-shared",
  personalizeEu: "northwind-personalize-eu",
  personalizeAu: "northwind-personalize-au",
  connectRecordingsUse1: "northwind-connect-recordings-use1",
  connectReportsUse1: "northwind-connect-reports-use1",
  connectEuRecordings: "northwind-connect-eu-recordings",
  connectEuTranscripts: "northwind-connect-eu-transcripts",
  connectAuContactData: "northwind-connect-au-contact-data",
} as const;

/** Kinesis data streams and Firehose delivery streams Connect publishes to. */
export const STREAMS = {
  ctrUse1: `arn:aws:kinesis:${US_EAST_1}:${DEMO_ACCOUNT_ID}:stream/northwind-ctr-use1`,
  agentEventsUse1: `arn:aws:kinesis:${US_EAST_1}:${DEMO_ACCOUNT_ID}:stream/northwind-agent-events-use1`,
  agentEventsEuc1: `arn:aws:kinesis:${EU_CENTRAL_1}:${DEMO_ACCOUNT_ID}:stream/northwind-agent-events-euc1`,
  rtcaSourceApse2: `arn:aws:kinesis:${AP_SOUTHEAST_2}:${DEMO_ACCOUNT_ID}:stream/northwind-rtca-source-apse2`,
  ctrLakeApse2: `arn:aws:kinesis:${AP_SOUTHEAST_2}:${DATA_PLATFORM_ACCOUNT_ID}:stream/northwind-ctr-lake`,
  ctrArchiveEuc1: `arn:aws:firehose:${EU_CENTRAL_1}:${DEMO_ACCOUNT_ID}:deliverystream/northwind-ctr-archive-euc1`,
  rtcaApse2: `arn:aws:firehose:${AP_SOUTHEAST_2}:${DEMO_ACCOUNT_ID}:deliverystream/northwind-rtca-apse2`,
} as const;

/** IAM roles other services point at (defined in iam.ts). */
export const ROLES = {
  loyaltyAppAuthenticated: iamArn("role", "northwind-loyalty-app-authenticated"),
  loyaltyAppGuest: iamArn("role", "northwind-loyalty-app-guest"),
  storeLocatorAuGuest: iamArn("role", "store-locator-au-guest"),
  personalizeDatasetGroup: iamArn("role", "service-role/PersonalizeDatasetGroupRole"),
  connectServiceLinkedCare: iamArn(
    "role",
    "aws-service-role/connect.amazonaws.com/AWSServiceRoleForAmazonConnect_Q8xK3pL2rTvW",
  ),
  connectServiceLinkedCareEu: iamArn(
    "role",
    "aws-service-role/connect.amazonaws.com/AWSServiceRoleForAmazonConnect_M4nB7cD1eFgH",
  ),
  connectServiceLinkedCareAu: iamArn(
    "role",
    "aws-service-role/connect.amazonaws.com/AWSServiceRoleForAmazonConnect_T2yU6iO9pAsD",
  ),
} as const;
