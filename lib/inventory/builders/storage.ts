import type {
  AccountInventory,
  FirehoseStream,
  Inventory,
  KinesisStream,
  KmsKey,
  S3Bucket,
  TaggedResource,
} from "../index";
import { buildInventory, TEST_ACCOUNT, TEST_REGION } from "./common";

export const TEST_KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
export const FOREIGN_ACCOUNT = "444455556666";

export function kmsKeyArn(keyId = TEST_KEY_ID, account = TEST_ACCOUNT, region = TEST_REGION): string {
  return `arn:aws:kms:${region}:${account}:key/${keyId}`;
}

/**
 * An inventory with only account-wide storage parts, as collected after the services. The
 * "account" service is listed so the runner evaluates the `xc.*` controls.
 */
export function storageInventory(parts: Partial<AccountInventory> = {}): Inventory {
  return buildInventory({
    services: ["account"],
    accountWide: { scanner: { useFipsEndpoint: false, homeRegion: TEST_REGION }, ...parts },
  });
}

/** An enabled, symmetric, customer managed key with rotation on, used by one replication group. */
export function kmsKey(overrides: Partial<KmsKey> = {}): KmsKey {
  return {
    arn: kmsKeyArn(),
    region: TEST_REGION,
    accountId: TEST_ACCOUNT,
    access: "ok",
    keyState: "Enabled",
    keyManager: "CUSTOMER",
    keySpec: "SYMMETRIC_DEFAULT",
    keyUsage: "ENCRYPT_DECRYPT",
    origin: "AWS_KMS",
    multiRegion: false,
    rotationEnabled: true,
    rotationPeriodInDays: 365,
    referencedBy: [
      {
        service: "elasticache",
        resourceArn: `arn:aws:elasticache:${TEST_REGION}:${TEST_ACCOUNT}:replicationgroup:orders-cache`,
      },
    ],
    ...overrides,
  };
}

/** A key in another account that DescribeKey refused: only what the reference said is known. */
export function foreignDeniedKey(overrides: Partial<KmsKey> = {}): KmsKey {
  return {
    arn: kmsKeyArn("9999abcd-12ab-34cd-56ef-1234567890ab", FOREIGN_ACCOUNT),
    region: TEST_REGION,
    accountId: FOREIGN_ACCOUNT,
    access: "denied",
    referencedBy: [
      { service: "cloudtrail", resourceArn: `arn:aws:cloudtrail:${TEST_REGION}:${TEST_ACCOUNT}:trail/org` },
    ],
    ...overrides,
  };
}

export function s3Bucket(overrides: Partial<S3Bucket> = {}): S3Bucket {
  return {
    name: "connect-recordings-bucket",
    access: "ok",
    encryption: { algorithm: "aws:kms", kmsKeyId: kmsKeyArn(), bucketKeyEnabled: true },
    referencedBy: [
      { service: "connect", resourceArn: `arn:aws:connect:${TEST_REGION}:${TEST_ACCOUNT}:instance/11111111-2222-3333` },
    ],
    ...overrides,
  };
}

export function kinesisStream(overrides: Partial<KinesisStream> = {}): KinesisStream {
  const name = overrides.name ?? "connect-ctr";
  const region = overrides.region ?? TEST_REGION;
  return {
    arn: `arn:aws:kinesis:${region}:${TEST_ACCOUNT}:stream/${name}`,
    name,
    region,
    access: "ok",
    encryptionType: "KMS",
    keyId: kmsKeyArn(),
    referencedBy: [
      { service: "connect", resourceArn: `arn:aws:connect:${region}:${TEST_ACCOUNT}:instance/11111111-2222-3333` },
    ],
    ...overrides,
  };
}

export function firehoseStream(overrides: Partial<FirehoseStream> = {}): FirehoseStream {
  const name = overrides.name ?? "connect-agent-events";
  const region = overrides.region ?? TEST_REGION;
  return {
    arn: `arn:aws:firehose:${region}:${TEST_ACCOUNT}:deliverystream/${name}`,
    name,
    region,
    access: "ok",
    deliveryStreamType: "DirectPut",
    encryptionStatus: "ENABLED",
    keyType: "CUSTOMER_MANAGED_CMK",
    keyArn: kmsKeyArn(),
    referencedBy: [
      { service: "connect", resourceArn: `arn:aws:connect:${region}:${TEST_ACCOUNT}:instance/11111111-2222-3333` },
    ],
    ...overrides,
  };
}

export function taggedResource(overrides: Partial<TaggedResource> = {}): TaggedResource {
  return {
    arn: `arn:aws:elasticache:${TEST_REGION}:${TEST_ACCOUNT}:replicationgroup:orders-cache`,
    region: TEST_REGION,
    tags: [{ key: "team", value: "payments" }],
    ...overrides,
  };
}
