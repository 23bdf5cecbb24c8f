/**
 * The demo account's Amazon Connect part: one contact-centre instance in each of us-east-1,
 * eu-central-1 and ap-southeast-2. Connect is scanned only where it is offered (docs/controls.md#regions):
 * of the scanned regions that is also us-west-2, ca-central-1 and ap-northeast-1, which are empty.
 */
import type { ConnectInstance, ConnectInventory, ConnectRegionInventory, InstanceStorageConfig } from "@/lib/inventory";
import {
  AP_SOUTHEAST_2,
  BUCKETS,
  CONNECT_REGIONS,
  DEMO_ACCOUNT_ID,
  EU_CENTRAL_1,
  KEYS,
  ROLES,
  scannedRegionsOffering,
  STREAMS,
  US_EAST_1,
} from "./ids";

export { STORAGE_RESOURCE_TYPES as CONNECT_STORAGE_RESOURCE_TYPES } from "@/lib/inventory/connect";

function instanceArn(region: string, id: string): string {
  return `arn:aws:connect:${region}:${DEMO_ACCOUNT_ID}:instance/${id}`;
}

/** The four default security profiles every instance starts with. */
function defaultProfiles(arn: string, ids: [string, string, string, string]): ConnectInstance["securityProfiles"] {
  return ["Admin", "Agent", "CallCenterManager", "QualityAnalyst"].map((name, i) => ({
    id: ids[i]!,
    arn: `${arn}/security-profile/${ids[i]!}`,
    name,
  }));
}

function s3Config(
  resourceType: string,
  associationId: string,
  bucketName: string,
  bucketPrefix: string,
  keyId?: string,
): InstanceStorageConfig {
  return {
    associationId,
    resourceType,
    storageType: "S3",
    s3: { bucketName, bucketPrefix, ...(keyId ? { encryption: { type: "KMS", keyId } } : {}) },
  };
}

// ---------------------------------------------------------------------------------------------
// us-east-1: the main contact centre, federated through SAML.
// ---------------------------------------------------------------------------------------------
const CARE_ID = "4f7c2a91-6d3b-4e58-a0c7-2b9e8f1d5a63";
const CARE_ARN = instanceArn(US_EAST_1, CARE_ID);

const northwindCare: ConnectInstance = {
  id: CARE_ID,
  arn: CARE_ARN,
  region: US_EAST_1,
  alias: "northwind-care",
  // SAML sign-in: MFA is the IdP's job (passes with a note).
  identityManagementType: "SAML",
  status: "ACTIVE",
  serviceRole: ROLES.connectServiceLinkedCare,
  accessUrl: "https://northwind-care.my.connect.aws",
  tags: [
    { key: "team", value: "customer-care" },
    { key: "cost-center", value: "cx-4410" },
  ],
  storageConfigs: [
    // Recordings with a customer managed key: passes.
    s3Config(
      "CALL_RECORDINGS",
      "a1f3c5e7b9d2f4a6c8e0b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4",
      BUCKETS.connectRecordingsUse1,
      "connect/northwind-care/CallRecordings",
      KEYS.connectUse1,
    ),
    // Transcripts with the AWS managed aws/connect key: passes ("AWS managed key").
    s3Config(
      "CHAT_TRANSCRIPTS",
      "b2e4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a6c8e0b2d4f6a8c0e2b4",
      BUCKETS.connectRecordingsUse1,
      "connect/northwind-care/ChatTranscripts",
      KEYS.awsConnectUse1,
    ),
    s3Config(
      "ATTACHMENTS",
      "c3f5e7a9b1d3f5a7c9e1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a3c5e7b9d1f3a5",
      BUCKETS.connectRecordingsUse1,
      "connect/northwind-care/Attachments",
      KEYS.connectUse1,
    ),
    // Scheduled reports with no key, into an SSE-S3 bucket: warning.
    s3Config(
      "SCHEDULED_REPORTS",
      "d4a6f8b0c2e4a6b8d0f2c4e6a8b0d2f4c6e8a0b2d4f6c8e0a2b4d6f8c0e2a4b6",
      BUCKETS.connectReportsUse1,
      "connect/northwind-care/Reports",
    ),
    // Live media streaming to Kinesis Video Streams with a customer managed key: passes.
    {
      associationId: "e5b7a9c1d3f5b7c9e1a3d5f7b9c1e3a5d7f9b1c3e5a7d9f1b3c5e7a9d1f3b5c7",
      resourceType: "MEDIA_STREAMS",
      storageType: "KINESIS_VIDEO_STREAM",
      kinesisVideo: {
        prefix: "northwind-care-media",
        retentionPeriodHours: 24,
        encryption: { type: "KMS", keyId: KEYS.connectUse1 },
      },
    },
    // Contact trace records to a Kinesis stream with a customer managed key: passes.
    {
      associationId: "f6c8b0d2e4a6c8d0f2b4e6a8c0d2f4b6e8a0c2d4f6b8e0a2c4d6f8b0e2a4c6d8",
      resourceType: "CONTACT_TRACE_RECORDS",
      storageType: "KINESIS_STREAM",
      kinesisStreamArn: STREAMS.ctrUse1,
    },
    // Agent events to a stream on the AWS managed aws/kinesis key: warning (Connect may fail to publish).
    {
      associationId: "a7d9c1e3f5b7d9e1a3c5f7b9d1e3a5c7f9b1d3e5a7c9f1b3d5e7a9c1f3b5d7e9",
      resourceType: "AGENT_EVENTS",
      storageType: "KINESIS_STREAM",
      kinesisStreamArn: STREAMS.agentEventsUse1,
    },
  ],
  unsupportedResourceTypes: [],
  approvedOrigins: ["https://www.northwind-retail.com", "https://care.northwind-retail.com"],
  integrations: [
    {
      type: "APPLICATION",
      arn: `arn:aws:app-integrations:${US_EAST_1}:${DEMO_ACCOUNT_ID}:application/8c3e1f5a-7b2d-4c96-a0e4-5d9f2b7c1e38`,
      sourceApplicationUrl: "https://crm.northwind-retail.com/connect-panel",
      sourceApplicationName: "Northwind CRM panel",
    },
    {
      type: "CASES_DOMAIN",
      arn: `arn:aws:cases:${US_EAST_1}:${DEMO_ACCOUNT_ID}:domain/2e6a9c4f-1d7b-4f30-8e5c-b3a7d0f9c614`,
    },
  ],
  securityProfiles: defaultProfiles(CARE_ARN, [
    "0a4e8c2f-6b1d-4f59-93e7-c5a2d8f0b146",
    "1b5f9d3a-7c2e-4a60-a4f8-d6b3e9a1c257",
    "2c6a0e4b-8d3f-4b71-b5a9-e7c4f0b2d368",
    "3d7b1f5c-9e4a-4c82-86ba-f8d5a1c3e479",
  ]),
};

// ---------------------------------------------------------------------------------------------
// eu-central-1: the EU contact centre, users managed inside Connect.
// ---------------------------------------------------------------------------------------------
const CARE_EU_ID = "9b2d6f0a-3c8e-4a71-b5d9-e1f4a7c0b386";
const CARE_EU_ARN = instanceArn(EU_CENTRAL_1, CARE_EU_ID);

const northwindCareEu: ConnectInstance = {
  id: CARE_EU_ID,
  arn: CARE_EU_ARN,
  region: EU_CENTRAL_1,
  alias: "northwind-care-eu",
  // Users managed in Connect: no external MFA enforcement visible (warning).
  identityManagementType: "CONNECT_MANAGED",
  status: "ACTIVE",
  serviceRole: ROLES.connectServiceLinkedCareEu,
  accessUrl: "https://northwind-care-eu.my.connect.aws",
  tags: [{ key: "team", value: "customer-care-eu" }],
  storageConfigs: [
    // Recordings with no key, into an SSE-S3 bucket: fails.
    s3Config(
      "CALL_RECORDINGS",
      "b8e0d2f4a6c8e0f2b4d6a8c0e2f4b6d8a0c2e4f6b8d0a2c4e6f8b0d2a4c6e8f0",
      BUCKETS.connectEuRecordings,
      "connect/northwind-care-eu/CallRecordings",
    ),
    // Transcripts with no key, but the bucket defaults to SSE-KMS: downgraded to a warning.
    s3Config(
      "CHAT_TRANSCRIPTS",
      "c9f1e3a5b7d9f1a3c5e7b9d1f3a5c7e9b1d3f5a7c9e1b3d5f7a9c1e3b5d7f9a1",
      BUCKETS.connectEuTranscripts,
      "connect/northwind-care-eu/ChatTranscripts",
    ),
    // Evaluations with a customer managed key (one whose rotation is off: xc.kms-key-rotation fails).
    s3Config(
      "CONTACT_EVALUATIONS",
      "d0a2f4b6c8e0a2b4d6f8c0e2a4b6d8f0c2e4a6b8d0f2c4e6a8b0d2f4c6e8a0b2",
      BUCKETS.connectEuRecordings,
      "connect/northwind-care-eu/ContactEvaluations",
      KEYS.connectEuc1,
    ),
    // Media streams on the AWS managed aws/kinesisvideo key: passes with a note.
    {
      associationId: "e1b3a5c7d9f1b3c5e7a9d1f3b5c7e9a1d3f5b7c9e1a3d5f7b9c1e3a5d7f9b1c3",
      resourceType: "MEDIA_STREAMS",
      storageType: "KINESIS_VIDEO_STREAM",
      kinesisVideo: {
        prefix: "northwind-care-eu-media",
        retentionPeriodHours: 0,
        encryption: { type: "KMS", keyId: KEYS.awsKinesisVideoEuc1 },
      },
    },
    // Contact trace records to a Direct PUT Firehose stream without server-side encryption: warning.
    {
      associationId: "f2c4b6d8e0a2c4d6f8b0e2a4c6d8f0b2e4a6c8d0f2b4e6a8c0d2f4b6e8a0c2d4",
      resourceType: "CONTACT_TRACE_RECORDS",
      storageType: "KINESIS_FIREHOSE",
      firehoseArn: STREAMS.ctrArchiveEuc1,
    },
    // Agent events to an unencrypted Kinesis stream: fails.
    {
      associationId: "a3d5c7e9f1b3d5e7a9c1f3b5d7e9a1c3f5b7d9e1a3c5f7b9d1e3a5c7f9b1d3e5",
      resourceType: "AGENT_EVENTS",
      storageType: "KINESIS_STREAM",
      kinesisStreamArn: STREAMS.agentEventsEuc1,
    },
  ],
  // Created before these features: the API refuses the types for this instance.
  unsupportedResourceTypes: ["SCREEN_RECORDINGS", "EMAIL_MESSAGES"],
  approvedOrigins: [
    "https://www.northwind-retail.eu",
    // planted for the detector demo: an origin over plain HTTP (connect.approved-origins and xc.credentials-in-urls warn).
    "http://kiosk.northwind-retail.eu",
  ],
  integrations: [
    {
      type: "APPLICATION",
      arn: `arn:aws:app-integrations:${EU_CENTRAL_1}:${DEMO_ACCOUNT_ID}:application/5f1b8d3e-2a7c-4e09-b6d4-9c0e3a8f2b71`,
      // planted for the detector demo: user name and password in the URL (xc.credentials-in-urls fails).
      sourceApplicationUrl: "https://crm-sync:Demo-Not-A-Real-Secret@crm.northwind-retail.eu/connect/events",
      sourceApplicationName: "EU CRM sync",
    },
  ],
  securityProfiles: defaultProfiles(CARE_EU_ARN, [
    "4e8c2a6d-0f5b-4d93-97cb-a9e6b2d4f58a",
    "5f9d3b7e-1a6c-4ea4-a8dc-bae7c3e5a69b",
    "6a0e4c8f-2b7d-4fb5-b9ed-cbf8d4f6b7ac",
    "7b1f5d9a-3c8e-40c6-8afe-dca9e5a7c8bd",
  ]),
};

// ---------------------------------------------------------------------------------------------
// ap-southeast-2: the AU contact centre, users in the corporate directory.
// ---------------------------------------------------------------------------------------------
const CARE_AU_ID = "2e8a4c6f-0b9d-4f37-a1e5-c7d3b9f6a204";
const CARE_AU_ARN = instanceArn(AP_SOUTHEAST_2, CARE_AU_ID);

const northwindCareAu: ConnectInstance = {
  id: CARE_AU_ID,
  arn: CARE_AU_ARN,
  region: AP_SOUTHEAST_2,
  alias: "northwind-care-au",
  // AWS Directory Service directory (RADIUS MFA possible): passes with a note.
  identityManagementType: "EXISTING_DIRECTORY",
  status: "ACTIVE",
  serviceRole: ROLES.connectServiceLinkedCareAu,
  accessUrl: "https://northwind-care-au.my.connect.aws",
  tags: [{ key: "team", value: "customer-care-au" }],
  storageConfigs: [
    // Recordings with a bring-your-own-key (imported key material) customer managed key: passes.
    s3Config(
      "CALL_RECORDINGS",
      "b4e6d8f0a2c4e6f8b0d2a4c6e8f0b2d4a6c8e0f2b4d6a8c0e2f4b6d8a0c2e4f6",
      BUCKETS.connectAuContactData,
      "connect/northwind-care-au/CallRecordings",
      KEYS.connectByokApse2,
    ),
    s3Config(
      "ATTACHMENTS",
      "c5f7e9a1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a3c5e7b9d1f3a5c7e9b1d3f5a7",
      BUCKETS.connectAuContactData,
      // planted for the detector demo: a Luhn-valid test card number in an S3 prefix (xc.pii-in-names-tags fails).
      "connect/northwind-care-au/Attachments/dispute-4111111111111111",
      KEYS.connectByokApse2,
    ),
    // Contact trace records to the data platform's stream in another account: warning (cannot verify).
    {
      associationId: "d6a8f0b2c4e6a8b0d2f4c6e8a0b2d4f6c8e0a2b4d6f8c0e2a4b6d8f0c2e4a6b8",
      resourceType: "CONTACT_TRACE_RECORDS",
      storageType: "KINESIS_STREAM",
      kinesisStreamArn: STREAMS.ctrLakeApse2,
    },
    // Real-time voice analysis to a Firehose stream fed by an encrypted Kinesis stream: the source decides (passes).
    {
      associationId: "e7b9a1c3d5f7b9c1e3a5d7f9b1c3e5a7d9f1b3c5e7a9d1f3b5c7e9a1d3f5b7c9",
      resourceType: "REAL_TIME_CONTACT_ANALYSIS_VOICE_SEGMENTS",
      storageType: "KINESIS_FIREHOSE",
      firehoseArn: STREAMS.rtcaApse2,
    },
  ],
  unsupportedResourceTypes: [],
  approvedOrigins: ["https://www.northwind-retail.com.au"],
  integrations: [],
  securityProfiles: defaultProfiles(CARE_AU_ARN, [
    "8c2a6e0b-4d9f-41d7-9b0a-edb0f6b8d9ce",
    "9d3b7f1c-5e0a-42e8-ac1b-fec1a7c9e0df",
    "ae4c8a2d-6f1b-43f9-bd2c-afd2b8d0f1e0",
    "bf5d9b3e-7a2c-440a-8e3d-b0e3c9e1a2f1",
  ]),
};

const populated = new Map<string, ConnectRegionInventory>([
  [US_EAST_1, { region: US_EAST_1, instances: [northwindCare] }],
  [EU_CENTRAL_1, { region: EU_CENTRAL_1, instances: [northwindCareEu] }],
  [AP_SOUTHEAST_2, { region: AP_SOUTHEAST_2, instances: [northwindCareAu] }],
]);

export const demoConnect: ConnectInventory = {
  regions: scannedRegionsOffering(CONNECT_REGIONS).map((region) => populated.get(region) ?? { region, instances: [] }),
};

/** Kept for account-wide.ts: which instance refers to which bucket, key or stream. */
export const CONNECT_INSTANCE_ARNS = { care: CARE_ARN, careEu: CARE_EU_ARN, careAu: CARE_AU_ARN } as const;
