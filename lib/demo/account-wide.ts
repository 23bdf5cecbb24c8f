/**
 * The demo account's account-level part: CloudTrail trails, sampled TLS details, Macie, and the
 * storage other services point at (KMS keys, S3 buckets, Kinesis and Firehose streams), each with
 * `referencedBy` saying who points at it. References from a bucket or a stream to its key use the
 * service "account", since buckets and streams are account-wide resources here.
 */
import type {
  AccountInventory,
  FirehoseStream,
  KinesisStream,
  KmsKey,
  MacieRegion,
  Reference,
  S3Bucket,
  TaggedResource,
  TlsObservation,
  TlsSample,
  Trail,
} from "@/lib/inventory";
import { CONNECT_INSTANCE_ARNS } from "./connect";
import {
  AP_SOUTHEAST_2,
  AWS_KINESIS_ALIAS,
  BUCKETS,
  DEMO_ACCOUNT_ID,
  DEMO_REGIONS,
  EU_CENTRAL_1,
  EU_WEST_1,
  KEYS,
  LOG_ARCHIVE_ACCOUNT_ID,
  MANAGEMENT_ACCOUNT_ID,
  s3Arn,
  STREAMS,
  US_EAST_1,
} from "./ids";
import { personalizeArn } from "./personalize";

const { care, careEu, careAu } = CONNECT_INSTANCE_ARNS;

function elasticache(region: string, kind: string, name: string): Reference {
  return { service: "elasticache", resourceArn: `arn:aws:elasticache:${region}:${DEMO_ACCOUNT_ID}:${kind}:${name}` };
}
function personalize(region: string, kind: Parameters<typeof personalizeArn>[1], name: string): Reference {
  return { service: "personalize", resourceArn: personalizeArn(region, kind, name) };
}
function connect(instanceArn: string): Reference {
  return { service: "connect", resourceArn: instanceArn };
}
function bucketRef(bucket: string): Reference {
  return { service: "account", resourceArn: s3Arn(bucket) };
}
function streamRef(streamArn: string): Reference {
  return { service: "account", resourceArn: streamArn };
}

// ---------------------------------------------------------------------------------------------
// CloudTrail: the organization trail (passes everything), the account's own cost-cut trail
// (writes only, no validation, no KMS), and a single-region data-events trail.
// ---------------------------------------------------------------------------------------------
const ORG_TRAIL_ARN = `arn:aws:cloudtrail:${US_EAST_1}:${MANAGEMENT_ACCOUNT_ID}:trail/northwind-org-trail`;
const ACCOUNT_TRAIL_ARN = `arn:aws:cloudtrail:${US_EAST_1}:${DEMO_ACCOUNT_ID}:trail/northwind-account-audit`;
const DATA_TRAIL_ARN = `arn:aws:cloudtrail:${EU_WEST_1}:${DEMO_ACCOUNT_ID}:trail/storefront-media-data-events`;
/** Where the trails deliver; the organization trail's bucket is in the log-archive account. */
const TRAIL_BUCKETS = {
  org: "northwind-org-cloudtrail-logs",
  account: "northwind-account-audit-logs",
  dataEvents: "northwind-eu-data-event-logs",
} as const;

const trails: Trail[] = [
  // Organization trail from the management account, seen here as a shadow trail in every region:
  // multi-Region, read and write management events, validation on, KMS key in the log-archive account.
  // This member account may read its status and selectors (by ARN); a member that may not is served by
  // the fake endpoint when the trail's details say so (fake-aws/services/cloudtrail.ts, asSeenByMember).
  {
    name: "northwind-org-trail",
    arn: ORG_TRAIL_ARN,
    homeRegion: US_EAST_1,
    ownerAccountId: MANAGEMENT_ACCOUNT_ID,
    isMultiRegion: true,
    isOrganizationTrail: true,
    includeGlobalServiceEvents: true,
    logFileValidationEnabled: true,
    kmsKeyId: KEYS.orgTrailLogArchive,
    s3BucketName: TRAIL_BUCKETS.org,
    s3KeyPrefix: "org",
    status: { isLogging: true, latestDeliveryTime: "2026-11-20T08:36:52Z" },
    eventSelectors: {
      classic: [{ readWriteType: "All", includeManagementEvents: true, excludeManagementEventSources: [] }],
      advanced: [],
    },
    seenInRegions: [...DEMO_REGIONS],
  },
  // The account's own multi-Region trail, trimmed to save cost: write events only and KMS events
  // excluded (warning), no log file validation and no KMS key (both fail).
  {
    name: "northwind-account-audit",
    arn: ACCOUNT_TRAIL_ARN,
    homeRegion: US_EAST_1,
    isMultiRegion: true,
    isOrganizationTrail: false,
    includeGlobalServiceEvents: true,
    logFileValidationEnabled: false,
    s3BucketName: TRAIL_BUCKETS.account,
    status: { isLogging: true, latestDeliveryTime: "2026-11-20T08:35:10Z" },
    eventSelectors: {
      classic: [
        {
          readWriteType: "WriteOnly",
          includeManagementEvents: true,
          excludeManagementEventSources: ["kms.amazonaws.com"],
        },
      ],
      advanced: [],
    },
    seenInRegions: [...DEMO_REGIONS],
  },
  // Single-region trail for S3 object events on the EU media bucket only (no management events).
  {
    name: "storefront-media-data-events",
    arn: DATA_TRAIL_ARN,
    homeRegion: EU_WEST_1,
    isMultiRegion: false,
    isOrganizationTrail: false,
    includeGlobalServiceEvents: false,
    logFileValidationEnabled: true,
    kmsKeyId: KEYS.auditEuw1,
    s3BucketName: TRAIL_BUCKETS.dataEvents,
    status: { isLogging: true, latestDeliveryTime: "2026-11-20T08:40:03Z" },
    eventSelectors: {
      classic: [],
      advanced: [
        {
          name: "Media object writes",
          fieldSelectors: [
            { field: "eventCategory", equals: ["Data"] },
            { field: "resources.type", equals: ["AWS::S3::Object"] },
            { field: "resources.ARN", startsWith: ["arn:aws:s3:::northwind-media-eu/"] },
          ],
        },
      ],
    },
    seenInRegions: [EU_WEST_1],
  },
];

// ---------------------------------------------------------------------------------------------
// TLS samples: one LookupEvents page per event source in each region holding that service's
// resources, plus IAM and STS in us-east-1 (where global-service events are recorded).
// ---------------------------------------------------------------------------------------------
const TLS13 = { tlsVersion: "TLSv1.3", cipherSuite: "TLS_AES_128_GCM_SHA256" };
const TLS12 = { tlsVersion: "TLSv1.2", cipherSuite: "ECDHE-RSA-AES128-GCM-SHA256" };
const CONSOLE = "AWS Internal";
const JS_SDK = "aws-sdk-js/3.1169.0 ua/2.1 os/linux lang/js md/nodejs#20.18.1";
const BOTO3 = "Boto3/1.35.64 md/Botocore#1.35.64 ua/2.0 os/linux lang/python#3.12.7";

function observation(
  eventSource: string,
  region: string,
  eventTime: string,
  tls: { tlsVersion: string; cipherSuite: string },
  caller: string,
  userAgent: string,
  host = `${eventSource.split(".")[0]}.${region}.amazonaws.com`,
): TlsObservation {
  return { eventSource, region, eventTime, ...tls, clientProvidedHostHeader: host, caller, userAgent };
}

/** Callers are stored masked (account kept, principal name masked), as the collector stores them. */
const DEPLOY_ROLE = `arn:aws:sts::${DEMO_ACCOUNT_ID}:assumed-role/nor•••/Git•••`;
const CI_USER = `arn:aws:iam::${DEMO_ACCOUNT_ID}:user/ci-•••`;
const OPS_USER = `arn:aws:iam::${DEMO_ACCOUNT_ID}:user/pla•••`;
const UPLOADER = `arn:aws:iam::${DEMO_ACCOUNT_ID}:user/mar•••`;

function sample(
  eventSource: string,
  region: string,
  times: [string, { tlsVersion: string; cipherSuite: string }, string, string][],
): TlsSample {
  return {
    eventSource,
    region,
    observations: times.map(([time, tls, caller, agent]) => observation(eventSource, region, time, tls, caller, agent)),
  };
}

const tlsSamples: TlsSample[] = [
  ...[US_EAST_1, EU_WEST_1, EU_CENTRAL_1, AP_SOUTHEAST_2].map((region) =>
    sample("elasticache.amazonaws.com", region, [
      ["2026-11-19T22:10:04Z", TLS13, DEPLOY_ROLE, JS_SDK],
      ["2026-11-18T09:41:37Z", TLS12, OPS_USER, CONSOLE],
    ]),
  ),
  ...[US_EAST_1, EU_WEST_1, AP_SOUTHEAST_2].map((region) =>
    sample("cognito-idp.amazonaws.com", region, [["2026-11-19T14:02:51Z", TLS13, DEPLOY_ROLE, JS_SDK]]),
  ),
  ...[US_EAST_1, AP_SOUTHEAST_2].map((region) =>
    sample("cognito-identity.amazonaws.com", region, [["2026-11-17T11:26:40Z", TLS12, OPS_USER, CONSOLE]]),
  ),
  sample("personalize.amazonaws.com", US_EAST_1, [
    ["2026-11-19T01:00:02Z", TLS13, DEPLOY_ROLE, BOTO3],
    ["2026-11-17T04:00:05Z", TLS12, CI_USER, BOTO3],
  ]),
  // A legacy on-premises uploader on a Java 7 runtime still negotiated TLS 1.1: warning.
  sample("personalize.amazonaws.com", EU_WEST_1, [
    ["2026-11-02T03:00:11Z", TLS12, DEPLOY_ROLE, BOTO3],
    [
      "2026-10-14T05:22:48Z",
      { tlsVersion: "TLSv1.1", cipherSuite: "ECDHE-RSA-AES128-SHA" },
      UPLOADER,
      "aws-sdk-java/1.11.130 Linux/3.10.0 Java_HotSpot(TM)_64-Bit_Server_VM/24.80-b11/1.7.0_80",
    ],
  ]),
  sample("personalize.amazonaws.com", AP_SOUTHEAST_2, [["2026-11-18T14:00:09Z", TLS13, DEPLOY_ROLE, BOTO3]]),
  sample("connect.amazonaws.com", US_EAST_1, [["2026-11-19T10:31:18Z", TLS13, OPS_USER, CONSOLE]]),
  sample("connect.amazonaws.com", EU_CENTRAL_1, [["2026-11-16T08:12:55Z", TLS12, OPS_USER, CONSOLE]]),
  // No event in the sampled page carried TLS details: not applicable.
  sample("connect.amazonaws.com", AP_SOUTHEAST_2, []),
  sample("iam.amazonaws.com", US_EAST_1, [
    ["2026-11-19T16:41:02Z", TLS13, OPS_USER, CONSOLE],
    ["2026-11-18T12:04:29Z", TLS12, DEPLOY_ROLE, JS_SDK],
  ]),
  {
    eventSource: "sts.amazonaws.com",
    region: US_EAST_1,
    observations: [
      observation("sts.amazonaws.com", US_EAST_1, "2026-11-20T07:31:00Z", TLS13, CI_USER, JS_SDK),
      // The payments team's workers call the FIPS endpoint (evidence for xc.fips-endpoints).
      observation(
        "sts.amazonaws.com",
        US_EAST_1,
        "2026-11-20T06:58:14Z",
        TLS12,
        DEPLOY_ROLE,
        JS_SDK,
        "sts-fips.us-east-1.amazonaws.com",
      ),
    ],
  },
];

// ---------------------------------------------------------------------------------------------
// Macie: the scanner's home region plus every region whose buckets receive Connect or
// Personalize data.
// ---------------------------------------------------------------------------------------------
const macie: MacieRegion[] = [
  { region: US_EAST_1, status: "ENABLED", automatedDiscovery: "ENABLED" },
  // Enabled, but automated sensitive data discovery is off: warning.
  { region: EU_WEST_1, status: "ENABLED", automatedDiscovery: "DISABLED" },
  // Paused during a cost review: warning.
  { region: EU_CENTRAL_1, status: "PAUSED" },
  // Never enabled, though the AU recordings land here: Macie answered "Macie is not enabled" (fails).
  { region: AP_SOUTHEAST_2, status: "NOT_ENABLED" },
];

// ---------------------------------------------------------------------------------------------
// KMS keys: every key a demo resource refers to, as DescribeKey and GetKeyRotationStatus saw it.
// ---------------------------------------------------------------------------------------------
function regionOf(arn: string): string {
  return arn.split(":")[3]!;
}

/** An enabled, symmetric, customer managed AWS_KMS key with yearly rotation: override what differs. */
function customerKey(arn: string, description: string, referencedBy: Reference[], parts: Partial<KmsKey> = {}): KmsKey {
  return {
    arn,
    region: regionOf(arn),
    accountId: DEMO_ACCOUNT_ID,
    access: "ok",
    keyState: "Enabled",
    keyManager: "CUSTOMER",
    keySpec: "SYMMETRIC_DEFAULT",
    keyUsage: "ENCRYPT_DECRYPT",
    origin: "AWS_KMS",
    multiRegion: false,
    description,
    rotationEnabled: true,
    rotationPeriodInDays: 365,
    referencedBy,
    ...parts,
  };
}

/** An AWS managed key (aws/<service>): rotated by AWS, rotation status not asked. */
function awsManagedKey(arn: string, service: string, referencedBy: Reference[]): KmsKey {
  return {
    arn,
    region: regionOf(arn),
    accountId: DEMO_ACCOUNT_ID,
    access: "ok",
    keyState: "Enabled",
    keyManager: "AWS",
    keySpec: "SYMMETRIC_DEFAULT",
    keyUsage: "ENCRYPT_DECRYPT",
    origin: "AWS_KMS",
    multiRegion: false,
    description: `Default key that protects my ${service} data when no other key is defined`,
    referencedBy,
  };
}

const kmsKeys: KmsKey[] = [
  // ElastiCache (keys used in lib/demo/inventory.ts).
  customerKey(KEYS.ordersUse1, "ElastiCache orders-prod", [
    elasticache(US_EAST_1, "replicationgroup", "orders-prod"),
    elasticache(US_EAST_1, "snapshot", "orders-prod-daily-2026-11-19"),
  ]),
  customerKey(KEYS.leaderboardUse1, "ElastiCache loyalty leaderboard (primary)", [
    elasticache(US_EAST_1, "replicationgroup", "leaderboard-use1"),
  ]),
  // Rotation never turned on: xc.kms-key-rotation fails.
  customerKey(
    KEYS.checkoutUse1,
    "ElastiCache serverless checkout",
    [
      elasticache(US_EAST_1, "serverlesscache", "checkout-serverless"),
      elasticache(US_EAST_1, "serverlesscachesnapshot", "checkout-serverless-2026-11-19"),
    ],
    { rotationEnabled: false, rotationPeriodInDays: undefined },
  ),
  customerKey(
    KEYS.recommendationsEuw1,
    "ElastiCache recommendation features backups",
    [elasticache(EU_WEST_1, "snapshot", "recommendations-features-cmk-copy")],
    { rotationPeriodInDays: 180 },
  ),
  customerKey(KEYS.leaderboardEuc1, "ElastiCache loyalty leaderboard (secondary)", [
    elasticache(EU_CENTRAL_1, "replicationgroup", "leaderboard-euc1"),
  ]),
  customerKey(KEYS.ordersApse2, "ElastiCache AU orders", [
    elasticache(AP_SOUTHEAST_2, "replicationgroup", "orders-apse2"),
    elasticache(AP_SOUTHEAST_2, "snapshot", "orders-apse2-daily-2026-11-19"),
  ]),
  // Cognito: the customer pool's customer managed key.
  customerKey(KEYS.cognitoCustomersUse1, "Cognito northwind-customers user pool", [
    {
      service: "cognito",
      resourceArn: `arn:aws:cognito-idp:${US_EAST_1}:${DEMO_ACCOUNT_ID}:userpool/us-east-1_Xk82mPqR3`,
    },
  ]),
  // Personalize.
  customerKey(KEYS.personalizeUse1, "Personalize storefront data", [
    personalize(US_EAST_1, "dataset-group", "storefront-recommendations"),
    personalize(US_EAST_1, "dataset-export", "items-export-2026-11"),
    personalize(US_EAST_1, "batch-inference", "weekly-email-recs-2026-w46"),
    bucketRef(BUCKETS.personalizeInputUse1),
  ]),
  customerKey(KEYS.personalizeEuw1, "Personalize EU storefront data", [
    personalize(EU_WEST_1, "dataset-group", "storefront-recommendations-eu"),
    bucketRef(BUCKETS.personalizeEu),
  ]),
  // Disabled during a key-policy incident on 10 November and never re-enabled: xc.kms-key-usable fails.
  customerKey(
    KEYS.personalizeExportsEuw1,
    "Personalize EU exports",
    [personalize(EU_WEST_1, "dataset-export", "returns-export-2026-11-15")],
    { keyState: "Disabled" },
  ),
  // Scheduled for deletion by someone who thought it unused; a dataset group still depends on it.
  // Rotation status is not asked for a key pending deletion.
  customerKey(
    KEYS.personalizeApse2,
    "Personalize AU promotions (old)",
    [personalize(AP_SOUTHEAST_2, "dataset-group", "au-promotions")],
    {
      keyState: "PendingDeletion",
      deletionDate: "2026-11-27T21:14:09Z",
      rotationEnabled: undefined,
      rotationPeriodInDays: undefined,
    },
  ),
  // Connect.
  customerKey(KEYS.connectUse1, "Connect northwind-care recordings and media", [
    connect(care),
    bucketRef(BUCKETS.connectRecordingsUse1),
  ]),
  awsManagedKey(KEYS.awsConnectUse1, "Amazon Connect", [connect(care)]),
  customerKey(KEYS.connectStreamsUse1, "Connect contact trace record stream", [streamRef(STREAMS.ctrUse1)]),
  // Referenced by alias (alias/aws/kinesis); this is the key the alias resolved to, and the collector keeps the alias.
  {
    ...awsManagedKey(KEYS.awsKinesisUse1, "Kinesis", [streamRef(STREAMS.agentEventsUse1)]),
    aliases: [AWS_KINESIS_ALIAS],
  },
  // Rotation off: xc.kms-key-rotation fails.
  customerKey(
    KEYS.connectEuc1,
    "Connect northwind-care-eu evaluations and transcripts",
    [connect(careEu), bucketRef(BUCKETS.connectEuTranscripts)],
    { rotationEnabled: false, rotationPeriodInDays: undefined },
  ),
  awsManagedKey(KEYS.awsKinesisVideoEuc1, "Kinesis Video Streams", [connect(careEu)]),
  // Bring your own key: imported key material, so automatic rotation is not applicable.
  customerKey(
    KEYS.connectByokApse2,
    "Connect AU contact data (imported key material)",
    [connect(careAu), bucketRef(BUCKETS.connectAuContactData)],
    { origin: "EXTERNAL", rotationEnabled: undefined, rotationPeriodInDays: undefined },
  ),
  customerKey(KEYS.rtcaApse2, "Connect AU real-time analysis stream", [streamRef(STREAMS.rtcaSourceApse2)]),
  // CloudTrail: the organization trail's key lives in the log-archive account; DescribeKey is refused
  // across accounts, so only the reference is known (usable and rotation: warning, cannot verify).
  {
    arn: KEYS.orgTrailLogArchive,
    region: US_EAST_1,
    accountId: LOG_ARCHIVE_ACCOUNT_ID,
    access: "denied",
    referencedBy: [{ service: "cloudtrail", resourceArn: ORG_TRAIL_ARN }],
  },
  customerKey(KEYS.auditEuw1, "CloudTrail EU data events", [
    { service: "cloudtrail", resourceArn: DATA_TRAIL_ARN },
    bucketRef(TRAIL_BUCKETS.dataEvents),
  ]),
];

// ---------------------------------------------------------------------------------------------
// S3 buckets referenced by Personalize jobs, Connect storage configs and trails (GetBucketEncryption).
// ---------------------------------------------------------------------------------------------
function bucket(name: string, encryption: S3Bucket["encryption"], referencedBy: Reference[]): S3Bucket {
  return { name, access: "ok", encryption, referencedBy };
}
const SSE_S3 = { algorithm: "AES256", bucketKeyEnabled: false };

const buckets: S3Bucket[] = [
  bucket(
    BUCKETS.personalizeInputUse1,
    { algorithm: "aws:kms", kmsKeyId: KEYS.personalizeUse1, bucketKeyEnabled: true },
    [
      personalize(US_EAST_1, "batch-inference", "weekly-email-recs-2026-w46"),
      personalize(US_EAST_1, "batch-segment", "lapsed-buyers-2026-11"),
      personalize(US_EAST_1, "dataset-import", "interactions-import-2026-11-19"),
    ],
  ),
  // SSE-S3 only: warning.
  bucket(BUCKETS.personalizeExportsUse1, SSE_S3, [
    personalize(US_EAST_1, "dataset-export", "interactions-export-2026-11"),
    personalize(US_EAST_1, "dataset-export", "items-export-2026-11"),
    personalize(US_EAST_1, "batch-inference", "weekly-email-recs-2026-w46"),
  ]),
  // Owned by the data-platform account: GetBucketEncryption refused (cannot verify).
  {
    name: BUCKETS.analyticsShared,
    access: "denied",
    referencedBy: [personalize(US_EAST_1, "metric-attribution", "storefront-ctr-attribution")],
  },
  bucket(BUCKETS.personalizeEu, { algorithm: "aws:kms", kmsKeyId: KEYS.personalizeEuw1, bucketKeyEnabled: true }, [
    personalize(EU_WEST_1, "dataset-import", "returns-import-2026-11-02"),
    personalize(EU_WEST_1, "dataset-export", "returns-export-2026-11-15"),
  ]),
  bucket(BUCKETS.personalizeAu, SSE_S3, [
    personalize(AP_SOUTHEAST_2, "dataset-import", "au-interactions-import-2026-11-18"),
    personalize(AP_SOUTHEAST_2, "batch-inference", "au-weekly-promos-2026-w46"),
  ]),
  bucket(BUCKETS.connectRecordingsUse1, { algorithm: "aws:kms", kmsKeyId: KEYS.connectUse1, bucketKeyEnabled: true }, [
    connect(care),
  ]),
  bucket(BUCKETS.connectReportsUse1, SSE_S3, [connect(care)]),
  bucket(BUCKETS.connectEuRecordings, SSE_S3, [connect(careEu)]),
  bucket(BUCKETS.connectEuTranscripts, { algorithm: "aws:kms", kmsKeyId: KEYS.connectEuc1, bucketKeyEnabled: true }, [
    connect(careEu),
  ]),
  // Dual-layer SSE-KMS with the imported key.
  bucket(BUCKETS.connectAuContactData, { algorithm: "aws:kms:dsse", kmsKeyId: KEYS.connectByokApse2 }, [
    connect(careAu),
  ]),
  // Trail log buckets (read for completeness; no Personalize or Connect control judges them).
  {
    name: TRAIL_BUCKETS.org,
    access: "denied",
    referencedBy: [{ service: "cloudtrail", resourceArn: ORG_TRAIL_ARN }],
  },
  bucket(TRAIL_BUCKETS.account, SSE_S3, [{ service: "cloudtrail", resourceArn: ACCOUNT_TRAIL_ARN }]),
  bucket(TRAIL_BUCKETS.dataEvents, { algorithm: "aws:kms", kmsKeyId: KEYS.auditEuw1, bucketKeyEnabled: true }, [
    { service: "cloudtrail", resourceArn: DATA_TRAIL_ARN },
  ]),
];

// ---------------------------------------------------------------------------------------------
// Kinesis and Firehose streams Connect publishes to.
// ---------------------------------------------------------------------------------------------
function streamName(arn: string): string {
  return arn.split("/").pop()!;
}

function kinesis(arn: string, parts: Partial<KinesisStream>, referencedBy: Reference[]): KinesisStream {
  return { arn, name: streamName(arn), region: regionOf(arn), access: "ok", referencedBy, ...parts };
}

const kinesisStreams: KinesisStream[] = [
  kinesis(STREAMS.ctrUse1, { encryptionType: "KMS", keyId: KEYS.connectStreamsUse1 }, [connect(care)]),
  // SSE with the AWS managed key: Connect needs a customer managed key to publish (warning).
  kinesis(STREAMS.agentEventsUse1, { encryptionType: "KMS", keyId: AWS_KINESIS_ALIAS }, [connect(care)]),
  // No server-side encryption: fails.
  kinesis(STREAMS.agentEventsEuc1, { encryptionType: "NONE" }, [connect(careEu)]),
  // Source of the AU real-time analysis Firehose stream (so referenced by that stream, not by Connect):
  // encrypted, so the Firehose stream passes.
  kinesis(STREAMS.rtcaSourceApse2, { encryptionType: "KMS", keyId: KEYS.rtcaApse2 }, [streamRef(STREAMS.rtcaApse2)]),
  // In the data-platform account: DescribeStreamSummary refused (cannot verify).
  kinesis(STREAMS.ctrLakeApse2, { access: "denied" }, [connect(careAu)]),
];

const firehoseStreams: FirehoseStream[] = [
  // Direct PUT without server-side encryption: warning.
  {
    arn: STREAMS.ctrArchiveEuc1,
    name: streamName(STREAMS.ctrArchiveEuc1),
    region: EU_CENTRAL_1,
    access: "ok",
    deliveryStreamType: "DirectPut",
    encryptionStatus: "DISABLED",
    referencedBy: [connect(careEu)],
  },
  {
    arn: STREAMS.rtcaApse2,
    name: streamName(STREAMS.rtcaApse2),
    region: AP_SOUTHEAST_2,
    access: "ok",
    deliveryStreamType: "KinesisStreamAsSource",
    encryptionStatus: "DISABLED",
    sourceStreamArn: STREAMS.rtcaSourceApse2,
    referencedBy: [connect(careAu)],
  },
];

// ---------------------------------------------------------------------------------------------
// Tags from the Resource Groups Tagging API, for resources whose describe calls omit them.
// ---------------------------------------------------------------------------------------------
const taggedResources: TaggedResource[] = [
  {
    arn: elasticache(US_EAST_1, "replicationgroup", "orders-prod").resourceArn,
    region: US_EAST_1,
    tags: [
      { key: "team", value: "orders" },
      { key: "env", value: "prod" },
    ],
  },
  {
    arn: elasticache(US_EAST_1, "replicationgroup", "sessions-prod").resourceArn,
    region: US_EAST_1,
    tags: [{ key: "team", value: "storefront" }],
  },
  {
    arn: elasticache(US_EAST_1, "replicationgroup", "checkout-legacy").resourceArn,
    region: US_EAST_1,
    tags: [
      { key: "team", value: "checkout" },
      { key: "retire-by", value: "2027-03-31" },
    ],
  },
  {
    arn: elasticache(EU_WEST_1, "replicationgroup", "recommendations-features").resourceArn,
    region: EU_WEST_1,
    tags: [{ key: "team", value: "recommendations" }],
  },
  {
    arn: elasticache(EU_CENTRAL_1, "replicationgroup", "leaderboard-euc1").resourceArn,
    region: EU_CENTRAL_1,
    tags: [{ key: "team", value: "loyalty" }],
  },
  {
    arn: elasticache(AP_SOUTHEAST_2, "replicationgroup", "orders-apse2").resourceArn,
    region: AP_SOUTHEAST_2,
    tags: [{ key: "team", value: "orders-au" }],
  },
  { arn: KEYS.personalizeUse1, region: US_EAST_1, tags: [{ key: "team", value: "recommendations" }] },
  { arn: KEYS.connectUse1, region: US_EAST_1, tags: [{ key: "team", value: "customer-care" }] },
  { arn: ACCOUNT_TRAIL_ARN, region: US_EAST_1, tags: [{ key: "team", value: "security" }] },
];

export const demoAccountWide: AccountInventory = {
  // DescribeTrails answered in every scanned region.
  cloudtrail: { trails, describedRegions: [...DEMO_REGIONS] },
  tlsSamples,
  macie,
  kmsKeys,
  buckets,
  kinesisStreams,
  firehoseStreams,
  taggedResources,
  scanner: { useFipsEndpoint: false, homeRegion: US_EAST_1 },
};
