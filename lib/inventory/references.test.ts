import { describe, expect, it } from "vitest";
import type {
  ConnectInstance,
  DatasetGroup,
  InstanceStorageConfig,
  Inventory,
  PersonalizeJob,
  Trail,
  UserPool,
} from "@/lib/inventory";
import {
  buildElastiCacheRegion,
  buildInventory,
  cacheSnapshot,
  firehoseStream,
  kinesisStream,
  kmsKeyArn,
  replicationGroup,
  s3Bucket,
  serverlessCache,
  storageInventory,
  TEST_ACCOUNT,
} from "@/lib/inventory/builders";
import { bucketOfS3Path, parseArn, referencedBuckets, referencedKeys, referencedStreams } from "./references";

const KEY_A = kmsKeyArn("aaaaaaaa-1111-2222-3333-444444444444");
const KEY_B = kmsKeyArn("bbbbbbbb-1111-2222-3333-444444444444", TEST_ACCOUNT, "eu-west-1");
const FOREIGN_KEY = kmsKeyArn("cccccccc-1111-2222-3333-444444444444", "444455556666", "eu-central-1");
const INSTANCE_ARN = `arn:aws:connect:us-east-1:${TEST_ACCOUNT}:instance/11111111-2222-3333-4444-555555555555`;
const TRAIL_ARN = `arn:aws:cloudtrail:eu-west-1:${TEST_ACCOUNT}:trail/org-trail`;

// Minimal resources of other services, written inline so these tests depend only on the types.
function userPool(overrides: Partial<UserPool> = {}): UserPool {
  return {
    id: "us-east-1_AbCdEf123",
    name: "customers",
    arn: `arn:aws:cognito-idp:us-east-1:${TEST_ACCOUNT}:userpool/us-east-1_AbCdEf123`,
    region: "us-east-1",
    tags: [],
    ...overrides,
  };
}

function datasetGroup(overrides: Partial<DatasetGroup> = {}): DatasetGroup {
  return {
    arn: `arn:aws:personalize:us-east-1:${TEST_ACCOUNT}:dataset-group/retail`,
    name: "retail",
    region: "us-east-1",
    tags: [],
    ...overrides,
  };
}

function job(overrides: Partial<PersonalizeJob> = {}): PersonalizeJob {
  return {
    arn: `arn:aws:personalize:us-east-1:${TEST_ACCOUNT}:dataset-export-job/export-1`,
    name: "export-1",
    region: "us-east-1",
    kind: "dataset-export",
    ...overrides,
  };
}

function connectInstance(storageConfigs: InstanceStorageConfig[]): ConnectInstance {
  return {
    id: "11111111-2222-3333-4444-555555555555",
    arn: INSTANCE_ARN,
    region: "us-east-1",
    tags: [],
    storageConfigs,
    unsupportedResourceTypes: [],
    approvedOrigins: [],
    integrations: [],
    securityProfiles: [],
  };
}

function trail(overrides: Partial<Trail> = {}): Trail {
  return {
    name: "org-trail",
    arn: TRAIL_ARN,
    homeRegion: "eu-west-1",
    isMultiRegion: true,
    isOrganizationTrail: true,
    includeGlobalServiceEvents: true,
    logFileValidationEnabled: true,
    seenInRegions: ["eu-west-1"],
    ...overrides,
  };
}

function withServices(parts: Partial<Inventory>): Inventory {
  return buildInventory(parts);
}

describe("parseArn", () => {
  it("splits an ARN, keeping colons inside the resource", () => {
    expect(parseArn("arn:aws:elasticache:us-east-1:111122223333:replicationgroup:orders")).toEqual({
      partition: "aws",
      service: "elasticache",
      region: "us-east-1",
      accountId: "111122223333",
      resource: "replicationgroup:orders",
    });
    expect(parseArn("arn:aws:s3:::bucket")?.region).toBe("");
  });

  it.each(["alias/aws/kinesis", "1234abcd-12ab-34cd-56ef-1234567890ab", "arn:aws:kms", ""])(
    "is undefined for %j",
    (value) => {
      expect(parseArn(value)).toBeUndefined();
    },
  );
});

describe("referencedKeys", () => {
  it("yields nothing for an inventory without any service part", () => {
    expect(referencedKeys(buildInventory())).toEqual([]);
    expect(referencedKeys(storageInventory())).toEqual([]);
  });

  it("collects keys from every service, de-duplicated, with every referrer", () => {
    const group = replicationGroup({ kmsKeyId: KEY_A });
    const cache = serverlessCache({ kmsKeyId: KEY_A });
    const snapshot = cacheSnapshot({ kmsKeyId: KEY_A });
    const inventory = withServices({
      elasticache: {
        regions: [
          buildElastiCacheRegion({ replicationGroups: [group], serverlessCaches: [cache], snapshots: [snapshot] }),
        ],
      },
      cognito: {
        regions: [
          {
            region: "us-east-1",
            userPools: [userPool({ keyConfiguration: { keyType: "CUSTOMER_MANAGED_KEY", kmsKeyArn: KEY_A } })],
            identityPools: [],
          },
        ],
      },
      personalize: {
        regions: [
          {
            region: "us-east-1",
            datasetGroups: [datasetGroup({ kmsKeyArn: KEY_A })],
            jobs: [job({ outputKmsKeyArn: KEY_A, inputKmsKeyArn: KEY_B })],
            names: [],
          },
        ],
      },
      connect: {
        regions: [
          {
            region: "us-east-1",
            instances: [
              connectInstance([
                {
                  resourceType: "CALL_RECORDINGS",
                  storageType: "S3",
                  s3: { bucketName: "recordings", encryption: { type: "KMS", keyId: KEY_A } },
                },
                {
                  resourceType: "MEDIA_STREAMS",
                  storageType: "KINESIS_VIDEO_STREAM",
                  kinesisVideo: { prefix: "media", encryption: { type: "KMS", keyId: KEY_B } },
                },
              ]),
            ],
          },
        ],
      },
      accountWide: {
        scanner: { useFipsEndpoint: false, homeRegion: "us-east-1" },
        cloudtrail: { trails: [trail({ kmsKeyId: FOREIGN_KEY })] },
      },
    });

    const keys = referencedKeys(inventory);

    expect(keys.map((k) => [k.keyId, k.region])).toEqual([
      [KEY_A, "us-east-1"],
      [KEY_B, "eu-west-1"],
      [FOREIGN_KEY, "eu-central-1"],
    ]);
    expect(keys[0]?.references).toEqual([
      { service: "elasticache", resourceArn: group.arn },
      { service: "elasticache", resourceArn: cache.arn },
      { service: "elasticache", resourceArn: snapshot.arn },
      { service: "cognito", resourceArn: userPool().arn },
      { service: "personalize", resourceArn: datasetGroup().arn },
      { service: "personalize", resourceArn: job().arn },
      { service: "connect", resourceArn: INSTANCE_ARN },
    ]);
    expect(keys[1]?.references).toEqual([
      { service: "personalize", resourceArn: job().arn },
      { service: "connect", resourceArn: INSTANCE_ARN },
    ]);
    expect(keys[2]?.references).toEqual([{ service: "cloudtrail", resourceArn: TRAIL_ARN }]);
  });

  it("turns a bare key id into the key ARN of the resource's account and Region, so it meets the ARN form", () => {
    const id = "aaaaaaaa-1111-2222-3333-444444444444";
    const inventory = withServices({
      elasticache: {
        regions: [
          buildElastiCacheRegion({
            replicationGroups: [replicationGroup({ kmsKeyId: id })],
            snapshots: [cacheSnapshot({ kmsKeyId: KEY_A })],
          }),
        ],
      },
    });
    const keys = referencedKeys(inventory);
    expect(keys).toHaveLength(1);
    expect(keys[0]?.keyId).toBe(KEY_A);
    expect(keys[0]?.references).toHaveLength(2);
  });

  it("turns a multi-Region key id into an ARN too", () => {
    const mrk = "mrk-1234abcd12ab34cd56ef1234567890ab";
    const inventory = storageInventory({ kinesisStreams: [kinesisStream({ region: "eu-west-1", keyId: mrk })] });
    expect(referencedKeys(inventory)[0]).toMatchObject({
      keyId: `arn:aws:kms:eu-west-1:${TEST_ACCOUNT}:key/${mrk}`,
      region: "eu-west-1",
    });
  });

  it("keeps alias names as they are, in the Region of the resource that uses them", () => {
    const inventory = storageInventory({
      kinesisStreams: [
        kinesisStream({ name: "a", region: "us-east-1", keyId: "alias/aws/kinesis" }),
        kinesisStream({ name: "b", region: "eu-west-1", keyId: "alias/aws/kinesis" }),
        kinesisStream({ name: "c", region: "eu-west-1", keyId: "alias/aws/kinesis" }),
      ],
    });
    const keys = referencedKeys(inventory);
    // The same alias name in two Regions is two different keys.
    expect(keys.map((k) => [k.keyId, k.region, k.references.length])).toEqual([
      ["alias/aws/kinesis", "us-east-1", 1],
      ["alias/aws/kinesis", "eu-west-1", 2],
    ]);
  });

  it("picks up the keys of buckets and streams once storage is collected", () => {
    const stream = kinesisStream({ keyId: KEY_A });
    const unencrypted = kinesisStream({ name: "plain", encryptionType: "NONE", keyId: undefined });
    const delivery = firehoseStream({ keyArn: KEY_B });
    const awsOwned = firehoseStream({ name: "owned", keyType: "AWS_OWNED_CMK", keyArn: undefined });
    const bucket = s3Bucket({ encryption: { algorithm: "aws:kms", kmsKeyId: FOREIGN_KEY } });
    const sseS3 = s3Bucket({ name: "sse-s3", encryption: { algorithm: "AES256" } });
    const noDefault = s3Bucket({ name: "no-default", encryption: null });
    const denied = s3Bucket({ name: "denied", access: "denied", encryption: undefined });
    const keys = referencedKeys(
      storageInventory({
        kinesisStreams: [stream, unencrypted],
        firehoseStreams: [delivery, awsOwned],
        buckets: [bucket, sseS3, noDefault, denied],
      }),
    );
    expect(keys).toEqual([
      { keyId: KEY_A, region: "us-east-1", references: [{ service: "account", resourceArn: stream.arn }] },
      { keyId: KEY_B, region: "eu-west-1", references: [{ service: "account", resourceArn: delivery.arn }] },
      {
        keyId: FOREIGN_KEY,
        region: "eu-central-1",
        references: [{ service: "account", resourceArn: "arn:aws:s3:::connect-recordings-bucket" }],
      },
    ]);
  });

  it("resolves a bucket's bare key id in the Region of the resource writing to the bucket, else the home Region", () => {
    const id = "dddddddd-1111-2222-3333-444444444444";
    const written = s3Bucket({
      name: "written",
      encryption: { algorithm: "aws:kms", kmsKeyId: id },
      referencedBy: [{ service: "connect", resourceArn: INSTANCE_ARN.replace("us-east-1", "eu-west-2") }],
    });
    const orphan = s3Bucket({
      name: "orphan",
      encryption: { algorithm: "aws:kms", kmsKeyId: "alias/logs" },
      referencedBy: [],
    });
    const keys = referencedKeys(storageInventory({ buckets: [written, orphan] }));
    expect(keys.map((k) => [k.keyId, k.region])).toEqual([
      [`arn:aws:kms:eu-west-2:${TEST_ACCOUNT}:key/${id}`, "eu-west-2"],
      ["alias/logs", "us-east-1"],
    ]);
  });

  it("ignores empty key ids and parts that were not collected", () => {
    const inventory = withServices({
      elasticache: { regions: [buildElastiCacheRegion({ replicationGroups: [replicationGroup({ kmsKeyId: " " })] })] },
      cognito: undefined,
      personalize: undefined,
      connect: undefined,
      accountWide: { scanner: { useFipsEndpoint: false, homeRegion: "us-east-1" }, cloudtrail: undefined },
    });
    expect(referencedKeys(inventory)).toEqual([]);
  });
});

describe("referencedBuckets", () => {
  it("reads Personalize paths, Connect S3 storage and CloudTrail buckets, de-duplicated", () => {
    const exportJob = job({ outputPath: "s3://shared-bucket/exports/" });
    const importJob = job({
      arn: `arn:aws:personalize:us-east-1:${TEST_ACCOUNT}:dataset-import-job/import-1`,
      kind: "dataset-import",
      inputPath: "s3://imports/data.csv",
    });
    const batchJob = job({
      arn: `arn:aws:personalize:us-east-1:${TEST_ACCOUNT}:batch-inference-job/batch-1`,
      kind: "batch-inference",
      inputPath: "s3://imports/batch-in.json",
      outputPath: "s3://shared-bucket",
    });
    const inventory = withServices({
      personalize: {
        regions: [{ region: "us-east-1", datasetGroups: [], jobs: [exportJob, importJob, batchJob], names: [] }],
      },
      connect: {
        regions: [
          {
            region: "us-east-1",
            instances: [
              connectInstance([
                { resourceType: "CALL_RECORDINGS", storageType: "S3", s3: { bucketName: "shared-bucket" } },
                { resourceType: "CHAT_TRANSCRIPTS", storageType: "S3", s3: { bucketName: "shared-bucket" } },
                { resourceType: "CONTACT_TRACE_RECORDS", storageType: "KINESIS_STREAM", kinesisStreamArn: "arn:x" },
              ]),
            ],
          },
        ],
      },
      accountWide: {
        scanner: { useFipsEndpoint: false, homeRegion: "us-east-1" },
        cloudtrail: {
          trails: [trail({ s3BucketName: "org-logs" }), trail({ arn: "arn:other", s3BucketName: undefined })],
        },
      },
    });

    expect(referencedBuckets(inventory)).toEqual([
      {
        bucket: "shared-bucket",
        references: [
          { service: "personalize", resourceArn: exportJob.arn },
          { service: "personalize", resourceArn: batchJob.arn },
          { service: "connect", resourceArn: INSTANCE_ARN },
        ],
      },
      {
        bucket: "imports",
        references: [
          { service: "personalize", resourceArn: importJob.arn },
          { service: "personalize", resourceArn: batchJob.arn },
        ],
      },
      { bucket: "org-logs", references: [{ service: "cloudtrail", resourceArn: TRAIL_ARN }] },
    ]);
  });

  it("yields nothing when no service part was collected", () => {
    expect(referencedBuckets(buildInventory())).toEqual([]);
  });

  it.each([
    ["s3://bucket/prefix/file", "bucket"],
    ["S3://bucket", "bucket"],
    ["s3://bucket.with.dots/", "bucket.with.dots"],
    ["https://bucket.s3.amazonaws.com/key", undefined],
    ["s3://", undefined],
    [undefined, undefined],
  ])("bucketOfS3Path(%j) = %j", (path, bucket) => {
    expect(bucketOfS3Path(path)).toBe(bucket);
  });
});

describe("referencedStreams", () => {
  const kinesisArn = `arn:aws:kinesis:us-east-1:${TEST_ACCOUNT}:stream/ctr`;
  const firehoseArn = `arn:aws:firehose:us-east-1:${TEST_ACCOUNT}:deliverystream/agent-events`;
  const connect = (configs: InstanceStorageConfig[]) => ({
    regions: [{ region: "us-east-1", instances: [connectInstance(configs)] }],
  });

  it("lists the Kinesis and Firehose streams of Connect storage configs", () => {
    const inventory = withServices({
      connect: connect([
        { resourceType: "CONTACT_TRACE_RECORDS", storageType: "KINESIS_STREAM", kinesisStreamArn: kinesisArn },
        {
          resourceType: "REAL_TIME_CONTACT_ANALYSIS_VOICE_SEGMENTS",
          storageType: "KINESIS_STREAM",
          kinesisStreamArn: kinesisArn,
        },
        { resourceType: "AGENT_EVENTS", storageType: "KINESIS_FIREHOSE", firehoseArn },
        { resourceType: "CALL_RECORDINGS", storageType: "S3", s3: { bucketName: "recordings" } },
      ]),
    });
    expect(referencedStreams(inventory)).toEqual({
      kinesis: [{ arn: kinesisArn, references: [{ service: "connect", resourceArn: INSTANCE_ARN }] }],
      firehose: [{ arn: firehoseArn, references: [{ service: "connect", resourceArn: INSTANCE_ARN }] }],
    });
  });

  it("adds the source stream of a Firehose stream once Firehose streams are collected", () => {
    const sourceArn = `arn:aws:kinesis:us-east-1:${TEST_ACCOUNT}:stream/source`;
    const delivery = firehoseStream({ deliveryStreamType: "KinesisStreamAsSource", sourceStreamArn: sourceArn });
    const inventory = withServices({
      connect: connect([{ resourceType: "AGENT_EVENTS", storageType: "KINESIS_FIREHOSE", firehoseArn: delivery.arn }]),
      accountWide: { scanner: { useFipsEndpoint: false, homeRegion: "us-east-1" }, firehoseStreams: [delivery] },
    });
    expect(referencedStreams(inventory).kinesis).toEqual([
      { arn: sourceArn, references: [{ service: "account", resourceArn: delivery.arn }] },
    ]);
  });

  it("yields empty lists without Connect", () => {
    expect(referencedStreams(buildInventory())).toEqual({ kinesis: [], firehose: [] });
  });
});
