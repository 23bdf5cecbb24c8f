/**
 * Builders for Amazon Connect inventories. Every name starts with `connect` so they never clash
 * with the account-wide or IAM builders other services share.
 */
import type {
  AccountInventory,
  ConnectInstance,
  ConnectIntegration,
  ConnectRegionInventory,
  CredentialReportRow,
  IamInventory,
  IamUser,
  InstanceStorageConfig,
  Inventory,
  PolicyStatement,
} from "../index";
import { buildInventory, TEST_ACCOUNT, TEST_REGION } from "./common";

export const CONNECT_INSTANCE_ID = "aaaaaaaa-1111-2222-3333-444444444444";
export const CONNECT_KEY_ARN = `arn:aws:kms:${TEST_REGION}:${TEST_ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

export function connectInstanceArn(id = CONNECT_INSTANCE_ID, region = TEST_REGION): string {
  return `arn:aws:connect:${region}:${TEST_ACCOUNT}:instance/${id}`;
}

/** An ACTIVE, SAML-federated instance with nothing configured; tests add what they exercise. */
export function connectInstance(overrides: Partial<ConnectInstance> = {}): ConnectInstance {
  const id = overrides.id ?? CONNECT_INSTANCE_ID;
  const region = overrides.region ?? TEST_REGION;
  return {
    id,
    arn: connectInstanceArn(id, region),
    region,
    alias: "support-centre",
    identityManagementType: "SAML",
    status: "ACTIVE",
    accessUrl: "https://support-centre.my.connect.aws",
    tags: [],
    storageConfigs: [],
    unsupportedResourceTypes: [],
    approvedOrigins: [],
    integrations: [],
    securityProfiles: [],
    ...overrides,
  };
}

/** An S3 storage association encrypted with a customer managed key. */
export function connectS3Storage(
  resourceType: string,
  overrides: Partial<NonNullable<InstanceStorageConfig["s3"]>> = {},
): InstanceStorageConfig {
  return {
    associationId: `assoc-${resourceType.toLowerCase()}`,
    resourceType,
    storageType: "S3",
    s3: {
      bucketName: "connect-recordings-bucket",
      bucketPrefix: `connect/${resourceType.toLowerCase()}`,
      encryption: { type: "KMS", keyId: CONNECT_KEY_ARN },
      ...overrides,
    },
  };
}

/** A MEDIA_STREAMS association to Kinesis Video Streams, encrypted with a customer managed key. */
export function connectMediaStreamStorage(
  overrides: Partial<NonNullable<InstanceStorageConfig["kinesisVideo"]>> = {},
): InstanceStorageConfig {
  return {
    associationId: "assoc-media-streams",
    resourceType: "MEDIA_STREAMS",
    storageType: "KINESIS_VIDEO_STREAM",
    kinesisVideo: {
      prefix: "support-centre-live",
      retentionPeriodHours: 24,
      encryption: { type: "KMS", keyId: CONNECT_KEY_ARN },
      ...overrides,
    },
  };
}

/** A data-streaming association (contact records, agent events, real-time analysis) to Kinesis. */
export function connectKinesisStorage(resourceType: string, streamArn: string): InstanceStorageConfig {
  return {
    associationId: `assoc-${resourceType.toLowerCase()}`,
    resourceType,
    storageType: "KINESIS_STREAM",
    kinesisStreamArn: streamArn,
  };
}

/** A data-streaming association to a Firehose stream. */
export function connectFirehoseStorage(resourceType: string, firehoseArn: string): InstanceStorageConfig {
  return {
    associationId: `assoc-${resourceType.toLowerCase()}`,
    resourceType,
    storageType: "KINESIS_FIREHOSE",
    firehoseArn,
  };
}

export function connectIntegration(overrides: Partial<ConnectIntegration> = {}): ConnectIntegration {
  return {
    type: "APPLICATION",
    arn: `arn:aws:app-integrations:${TEST_REGION}:${TEST_ACCOUNT}:application/crm`,
    sourceApplicationUrl: "https://crm.example.com",
    sourceApplicationName: "CRM",
    ...overrides,
  };
}

export function connectSecurityProfile(name = "Agent", id = `profile-${name.toLowerCase()}`) {
  return { id, arn: `${connectInstanceArn()}/security-profile/${id}`, name };
}

export function buildConnectRegion(overrides: Partial<ConnectRegionInventory> = {}): ConnectRegionInventory {
  return { region: TEST_REGION, instances: [], ...overrides };
}

export interface ConnectInventoryParts {
  instances?: ConnectInstance[];
  /** Buckets, streams and keys; `scanner` is filled in. */
  accountWide?: Partial<AccountInventory>;
  iam?: IamInventory;
}

/** An inventory holding one Connect region with the given instances (and account-wide data). */
export function connectInventory(parts: ConnectInventoryParts = {}): Inventory {
  return buildInventory({
    services: ["connect"],
    connect: { regions: [buildConnectRegion({ instances: parts.instances ?? [] })] },
    accountWide: parts.accountWide
      ? { scanner: { useFipsEndpoint: false, homeRegion: TEST_REGION }, ...parts.accountWide }
      : undefined,
    iam: parts.iam,
  });
}

/** An IAM user with no policies: tests give it the statements they exercise. */
export function connectIamUser(name: string, overrides: Partial<IamUser> = {}): IamUser {
  return {
    name,
    arn: `arn:aws:iam::${TEST_ACCOUNT}:user/${name}`,
    groups: [],
    inlinePolicies: [],
    attachedPolicies: [],
    tags: [],
    ...overrides,
  };
}

/** An Allow statement on every resource, without conditions. */
export function connectAllow(actions: string[]): PolicyStatement {
  return { effect: "Allow", actions, resources: ["*"], hasCondition: false };
}

/** A credential report row: one active access key unless told otherwise. */
export function connectCredentialRow(name: string, activeKey = true): CredentialReportRow {
  return {
    user: name,
    arn: `arn:aws:iam::${TEST_ACCOUNT}:user/${name}`,
    passwordEnabled: false,
    mfaActive: false,
    accessKeys: [{ active: activeKey, lastRotated: "2026-01-01T00:00:00Z" }, { active: false }],
  };
}
