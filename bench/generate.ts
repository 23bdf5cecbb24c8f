/**
 * Synthetic accounts for the benchmark, at three sizes (about 100, 2,000 and 20,000 resources across
 * the five services and several Regions). Built from the inventory builders with a seeded generator,
 * so the same size, seed and clock always give the same account. Resources vary the way real ones
 * do (some encrypted, some not, MFA on or off, keys rotated or stale), so every control has passing
 * and failing results and the dashboard, the exports and the PDF have real work to do.
 *
 * The account-wide part (buckets, streams, KMS keys, TLS samples) is derived from what the services
 * point at, with the scanner's own reference functions, so the fake endpoint can answer every
 * follow-up call a scan makes.
 */
import { seededRandom } from "@/fake-aws/faults";
import {
  accessKey,
  cacheCluster,
  cacheSnapshot,
  cacheUser,
  cognitoAppClient,
  cognitoIdentityPool,
  cognitoUserPool,
  connectInstance,
  connectIntegration,
  connectKinesisStorage,
  connectMediaStreamStorage,
  connectS3Storage,
  connectFirehoseStorage,
  credentialRow,
  iamGroup,
  iamRole,
  iamUser,
  kmsKey,
  loggingTrail,
  macieRegion,
  managedPolicy,
  NO_ACCESS_KEY,
  passwordPolicy,
  personalizeDatasetGroup,
  personalizeJob,
  replicationGroup,
  rootCredentialRow,
  serverlessCache,
  TEST_ACCOUNT,
  tlsObservation,
  userGroup,
  vpcEndpoint,
} from "@/lib/inventory/builders";
import {
  SERVICE_IDS,
  type CacheCluster,
  type CacheSnapshot,
  type CacheUser,
  type CognitoRegionInventory,
  type ConnectInstance,
  type ConnectRegionInventory,
  type CredentialReportRow,
  type DatasetGroup,
  type ElastiCacheRegionInventory,
  type IamGroup,
  type IamInventory,
  type IamRole,
  type IamUser,
  type Inventory,
  type KmsKey,
  type ManagedPolicy,
  type PersonalizeJob,
  type PersonalizeName,
  type PersonalizeRegionInventory,
  type ReplicationGroup,
  type TaggedResource,
  type UserGroup,
} from "@/lib/inventory";
import { parseArn, referencedBuckets, referencedKeys, referencedStreams } from "@/lib/inventory/references";
import { tlsTargets } from "@/lib/scan/tls-targets";

export const SIZE_NAMES = ["small", "medium", "large"] as const;
export type SizeName = (typeof SIZE_NAMES)[number];

export interface SizeSpec {
  /** Regions where Connect, Personalize and Macie are all offered, so every service runs everywhere. */
  regions: string[];
  iam: { users: number; groups: number; roles: number; policies: number };
  elasticache: { replicationGroups: number; serverlessCaches: number; userGroups: number; users: number };
  cognito: { userPools: number; clientsPerPool: number; identityPools: number };
  personalize: { datasetGroups: number; jobs: number; names: number };
  connect: { instances: number };
}

const REGIONS = ["us-east-1", "us-west-2", "eu-central-1", "ap-northeast-1", "ap-southeast-2", "ca-central-1"];

/** The example sizes: about 100, 2,000 and 20,000 resources. */
export const SIZES: Record<SizeName, SizeSpec> = {
  small: {
    regions: REGIONS.slice(0, 3),
    iam: { users: 40, groups: 3, roles: 12, policies: 5 },
    elasticache: { replicationGroups: 5, serverlessCaches: 1, userGroups: 2, users: 4 },
    cognito: { userPools: 3, clientsPerPool: 2, identityPools: 1 },
    personalize: { datasetGroups: 2, jobs: 4, names: 6 },
    connect: { instances: 1 },
  },
  medium: {
    regions: REGIONS.slice(0, 4),
    iam: { users: 1_000, groups: 20, roles: 220, policies: 50 },
    elasticache: { replicationGroups: 100, serverlessCaches: 6, userGroups: 12, users: 36 },
    cognito: { userPools: 30, clientsPerPool: 3, identityPools: 6 },
    personalize: { datasetGroups: 20, jobs: 60, names: 30 },
    connect: { instances: 5 },
  },
  large: {
    regions: REGIONS.slice(0, 6),
    iam: { users: 10_000, groups: 200, roles: 2_200, policies: 500 },
    elasticache: { replicationGroups: 1_000, serverlessCaches: 60, userGroups: 120, users: 360 },
    cognito: { userPools: 300, clientsPerPool: 3, identityPools: 60 },
    personalize: { datasetGroups: 200, jobs: 600, names: 300 },
    connect: { instances: 50 },
  },
};

export interface GenerateOptions {
  seed?: number;
  /** The scan's clock: dates (key ages, last use, the credential report) are counted back from it. */
  now?: Date;
}

type Random = () => number;

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function chance(random: Random, p: number): boolean {
  return random() < p;
}

function hex(random: Random, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += Math.floor(random() * 16).toString(16);
  return out;
}

function uuid(random: Random): string {
  return `${hex(random, 8)}-${hex(random, 4)}-4${hex(random, 3)}-a${hex(random, 3)}-${hex(random, 12)}`;
}

function alnum(random: Random, length: number): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(random() * alphabet.length)];
  return out;
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** Spreads `count` items over the Regions, unevenly (the first Region holds the most), deterministically. */
function regionOf(index: number, regions: readonly string[]): string {
  // Index 0, 1, 2 ... → us-east-1 twice as often as the others: real accounts have a home Region.
  const slot = index % (regions.length + 1);
  return regions[slot === regions.length ? 0 : slot] as string;
}

function daysAgo(now: Date, days: number): string {
  return new Date(now.getTime() - days * 86_400_000).toISOString();
}

interface Keys {
  /** Customer managed keys per Region, shared by the resources there (as in real accounts). */
  inRegion(region: string): string;
}

function createKeys(random: Random, regions: readonly string[]): Keys {
  const byRegion = new Map(
    regions.map((region) => [
      region,
      Array.from({ length: 4 }, () => `arn:aws:kms:${region}:${TEST_ACCOUNT}:key/${uuid(random)}`),
    ]),
  );
  return { inRegion: (region) => pick(random, byRegion.get(region) ?? []) };
}

// ---------------------------------------------------------------------------------------------
// IAM
// ---------------------------------------------------------------------------------------------

const ADMIN = { name: "AdministratorAccess", arn: "arn:aws:iam::aws:policy/AdministratorAccess" };
const READ_ONLY = { name: "ReadOnlyAccess", arn: "arn:aws:iam::aws:policy/ReadOnlyAccess" };

function generateIam(spec: SizeSpec["iam"], random: Random, now: Date): IamInventory {
  const policies: ManagedPolicy[] = Array.from({ length: spec.policies }, (_, i) => {
    const name = `app-policy-${pad(i, 4)}`;
    const wide = chance(random, 0.1);
    return managedPolicy({
      name,
      attachmentCount: 1 + Math.floor(random() * 5),
      statements: wide
        ? [{ effect: "Allow", actions: ["*"], resources: ["*"], hasCondition: false }]
        : [
            {
              effect: "Allow",
              actions: [pick(random, ["s3:GetObject", "dynamodb:GetItem", "sqs:SendMessage"])],
              resources: [`arn:aws:s3:::bucket-${i}/*`],
              hasCondition: chance(random, 0.3),
            },
          ],
    });
  });
  policies.push(
    { ...ADMIN, path: "/", awsManaged: true, attachmentCount: 12, statements: [] },
    { ...READ_ONLY, path: "/", awsManaged: true, attachmentCount: 40, statements: [] },
  );
  for (const policy of policies.filter((p) => p.awsManaged)) {
    policy.statements = [
      {
        effect: "Allow",
        actions: policy.name === ADMIN.name ? ["*"] : ["s3:Get*", "ec2:Describe*"],
        resources: ["*"],
        hasCondition: false,
      },
    ];
  }
  const customer = policies.filter((p) => !p.awsManaged);
  const attach = () => {
    const roll = random();
    if (roll < 0.03) return [ADMIN];
    if (roll < 0.3) return [READ_ONLY];
    const policy = customer.length > 0 ? pick(random, customer) : undefined;
    return policy ? [{ name: policy.name, arn: policy.arn }] : [];
  };

  const groups: IamGroup[] = Array.from({ length: spec.groups }, (_, i) =>
    iamGroup({ name: `team-${pad(i, 3)}`, attachedPolicies: attach() }),
  );
  const users: IamUser[] = [];
  const rows: CredentialReportRow[] = [rootCredentialRow({ userCreationTime: daysAgo(now, 3000) })];
  const mfaDevices: NonNullable<IamInventory["virtualMfaDevices"]> = [];
  for (let i = 0; i < spec.users; i++) {
    const name = `user-${pad(i, 5)}`;
    const user = iamUser({
      name,
      groups: groups.length > 0 ? [pick(random, groups).name] : [],
      attachedPolicies: chance(random, 0.2) ? attach() : [],
      inlinePolicies: chance(random, 0.05)
        ? [
            {
              name: "inline-access",
              statements: [{ effect: "Allow", actions: ["s3:*"], resources: ["*"], hasCondition: false }],
            },
          ]
        : [],
      tags: chance(random, 0.3) ? [{ key: "team", value: `team-${Math.floor(random() * 20)}` }] : [],
    });
    users.push(user);
    const console = chance(random, 0.6);
    const mfa = console && chance(random, 0.8);
    const keyAge = Math.floor(random() * 400);
    const key = chance(random, 0.5)
      ? accessKey({
          lastRotated: daysAgo(now, keyAge),
          lastUsed: chance(random, 0.8) ? daysAgo(now, Math.floor(random() * Math.max(1, keyAge))) : undefined,
        })
      : NO_ACCESS_KEY;
    rows.push(
      credentialRow({
        user: name,
        arn: user.arn,
        userCreationTime: daysAgo(now, 400 + Math.floor(random() * 1000)),
        passwordEnabled: console,
        passwordLastUsed: console && chance(random, 0.85) ? daysAgo(now, Math.floor(random() * 200)) : undefined,
        mfaActive: mfa,
        accessKeys: [key, NO_ACCESS_KEY],
      }),
    );
    if (mfa) mfaDevices.push({ serialNumber: `arn:aws:iam::${TEST_ACCOUNT}:mfa/${name}`, userArn: user.arn });
  }
  const roles: IamRole[] = Array.from({ length: spec.roles }, (_, i) => {
    const serviceLinked = chance(random, 0.1);
    return iamRole({
      name: serviceLinked ? `AWSServiceRoleForApp${pad(i, 4)}` : `app-role-${pad(i, 4)}`,
      path: serviceLinked ? "/aws-service-role/elasticache.amazonaws.com/" : "/",
      attachedPolicies: attach(),
    });
  });
  return {
    summary: { accountMfaEnabled: true, accountAccessKeysPresent: false, accountPasswordPresent: true },
    credentialReport: { generatedTime: now.toISOString(), rows },
    passwordPolicy: chance(random, 0.5) ? passwordPolicy() : passwordPolicy({ minimumPasswordLength: 8 }),
    authorization: { users, groups, roles, policies },
    virtualMfaDevices: mfaDevices,
    accountAliases: ["bench-account"],
    oidcProviders: [
      {
        arn: `arn:aws:iam::${TEST_ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`,
        url: "https://token.actions.githubusercontent.com",
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// ElastiCache
// ---------------------------------------------------------------------------------------------

function generateElastiCache(
  spec: SizeSpec["elasticache"],
  regions: readonly string[],
  random: Random,
  keys: Keys,
): ElastiCacheRegionInventory[] {
  const byRegion = new Map<string, ElastiCacheRegionInventory>(
    regions.map((region) => [
      region,
      {
        region,
        replicationGroups: [],
        cacheClusters: [],
        serverlessCaches: [],
        userGroups: [],
        users: [],
        snapshots: [],
      },
    ]),
  );
  const get = (region: string) => byRegion.get(region) as ElastiCacheRegionInventory;

  // Users and user groups first: replication groups attach to them.
  for (const region of regions) {
    get(region).users.push(
      cacheUser({
        id: "default",
        userName: "default",
        region,
        accessString: "on ~* +@all",
        authenticationType: "no-password",
        passwordCount: 0,
        userGroupIds: [],
      }),
    );
  }
  for (let i = 0; i < spec.users; i++) {
    const region = regionOf(i, regions);
    get(region).users.push(
      cacheUser({ id: `app-user-${pad(i, 4)}`, region, userGroupIds: [], authenticationType: "password" }),
    );
  }
  for (let i = 0; i < spec.userGroups; i++) {
    const region = regionOf(i, regions);
    const users = get(region).users;
    const members: CacheUser[] = [
      ...(chance(random, 0.3) ? users.filter((u) => u.id === "default") : []),
      ...users.filter((u) => u.id !== "default" && chance(random, 0.3)).slice(0, 4),
    ];
    const group: UserGroup = userGroup({
      id: `rbac-${pad(i, 4)}`,
      region,
      userIds: members.map((u) => u.id),
      replicationGroups: [],
      serverlessCaches: [],
    });
    for (const member of members) member.userGroupIds.push(group.id);
    get(region).userGroups.push(group);
  }

  for (let i = 0; i < spec.replicationGroups; i++) {
    const region = regionOf(i, regions);
    const inventory = get(region);
    const id = `cache-${pad(i, 5)}`;
    const modern = chance(random, 0.8);
    const kms = modern && chance(random, 0.4);
    const rbac = modern && inventory.userGroups.length > 0 && chance(random, 0.5);
    const group: ReplicationGroup = replicationGroup({
      id,
      region,
      engine: pick(random, ["redis", "valkey"]),
      engineVersion: modern ? "7.1.0" : "6.2.6",
      memberClusters: [`${id}-001`, `${id}-002`],
      transitEncryptionEnabled: modern,
      transitEncryptionMode: modern ? pick(random, ["required", "required", "preferred"] as const) : undefined,
      atRestEncryptionEnabled: modern,
      storageEncryptionType: kms ? "sse-kms" : modern ? "sse-elasticache" : "none",
      kmsKeyId: kms ? keys.inRegion(region) : undefined,
      authTokenEnabled: modern && !rbac && chance(random, 0.5),
      userGroupIds: [],
      clusterMode: chance(random, 0.3) ? "enabled" : "disabled",
    });
    if (rbac) {
      const userGroupEntry = pick(random, inventory.userGroups);
      group.userGroupIds.push(userGroupEntry.id);
      userGroupEntry.replicationGroups.push(id);
    }
    inventory.replicationGroups.push(group);
    const members: CacheCluster[] = group.memberClusters.map((memberId) =>
      cacheCluster({
        id: memberId,
        region,
        engine: group.engine,
        engineVersion: group.engineVersion,
        cacheNodeType: group.cacheNodeType,
        replicationGroupId: id,
        transitEncryptionEnabled: group.transitEncryptionEnabled,
        transitEncryptionMode: group.transitEncryptionMode,
        atRestEncryptionEnabled: group.atRestEncryptionEnabled,
        authTokenEnabled: group.authTokenEnabled,
      }),
    );
    inventory.cacheClusters.push(...members);
    const snapshot: CacheSnapshot = cacheSnapshot({
      name: `${id}-daily`,
      region,
      replicationGroupId: id,
      engine: group.engine,
      kmsKeyId: group.kmsKeyId,
    });
    inventory.snapshots.push(snapshot);
  }
  for (let i = 0; i < spec.serverlessCaches; i++) {
    const region = regionOf(i, regions);
    const kms = chance(random, 0.5);
    get(region).serverlessCaches.push(
      serverlessCache({
        name: `serverless-${pad(i, 4)}`,
        region,
        storageEncryptionType: kms ? "sse-kms" : "sse-elasticache",
        kmsKeyId: kms ? keys.inRegion(region) : undefined,
        userGroupId: undefined,
      }),
    );
  }
  return regions.map(get);
}

// ---------------------------------------------------------------------------------------------
// Cognito
// ---------------------------------------------------------------------------------------------

function generateCognito(
  spec: SizeSpec["cognito"],
  regions: readonly string[],
  random: Random,
  keys: Keys,
): CognitoRegionInventory[] {
  const byRegion = new Map(regions.map((region) => [region, { region, userPools: [], identityPools: [] }]));
  const get = (region: string) => byRegion.get(region) as CognitoRegionInventory;
  for (let i = 0; i < spec.userPools; i++) {
    const region = regionOf(i, regions);
    const id = `${region}_${alnum(random, 9)}`;
    const mfa = pick(random, ["ON", "OPTIONAL", "OFF"] as const);
    const plus = chance(random, 0.4);
    const clients = Array.from({ length: spec.clientsPerPool }, (_, c) =>
      cognitoAppClient({
        clientId: alnum(random, 26).toLowerCase(),
        name: `client-${c}`,
        userPoolId: id,
        region,
        preventUserExistenceErrors: chance(random, 0.7) ? "ENABLED" : "LEGACY",
        hasSecret: chance(random, 0.3),
        explicitAuthFlows: chance(random, 0.2)
          ? ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
          : ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      }),
    );
    get(region).userPools.push(
      cognitoUserPool({
        id,
        name: `pool-${pad(i, 4)}`,
        region,
        mfaConfiguration: mfa,
        mfaFactors:
          mfa === "OFF" ? undefined : { sms: chance(random, 0.3), softwareToken: true, email: false, webAuthn: false },
        deletionProtection: chance(random, 0.6) ? "ACTIVE" : "INACTIVE",
        advancedSecurityMode: plus ? pick(random, ["ENFORCED", "AUDIT"] as const) : "OFF",
        userPoolTier: plus ? "PLUS" : "ESSENTIALS",
        keyConfiguration: chance(random, 0.3)
          ? { keyType: "CUSTOMER_MANAGED_KEY", kmsKeyArn: keys.inRegion(region) }
          : { keyType: "AWS_OWNED_KEY" },
        estimatedNumberOfUsers: Math.floor(random() * 100_000),
        logConfigurations: chance(random, 0.5)
          ? [{ eventSource: "userAuthEvents", logLevel: "INFO", destination: "cloudwatch-logs" }]
          : [],
        clients,
      }),
    );
  }
  for (let i = 0; i < spec.identityPools; i++) {
    const region = regionOf(i, regions);
    const guests = chance(random, 0.3);
    get(region).identityPools.push(
      cognitoIdentityPool({
        id: `${region}:${uuid(random)}`,
        name: `identities_${pad(i, 4)}`,
        region,
        allowUnauthenticatedIdentities: guests,
        allowClassicFlow: chance(random, 0.2),
        roles: guests
          ? {
              authenticated: `arn:aws:iam::${TEST_ACCOUNT}:role/app-role-0000`,
              unauthenticated: `arn:aws:iam::${TEST_ACCOUNT}:role/app-role-0001`,
            }
          : undefined,
      }),
    );
  }
  return regions.map(get);
}

// ---------------------------------------------------------------------------------------------
// Personalize
// ---------------------------------------------------------------------------------------------

const JOB_KINDS: readonly PersonalizeJob["kind"][] = [
  "dataset-export",
  "batch-inference",
  "batch-segment",
  "metric-attribution",
  "dataset-import",
];
const NAME_KINDS: readonly PersonalizeName["kind"][] = [
  "dataset",
  "solution",
  "campaign",
  "event-tracker",
  "filter",
  "recommender",
];

function personalizeArn(region: string, kind: string, name: string): string {
  return `arn:aws:personalize:${region}:${TEST_ACCOUNT}:${kind}/${name}`;
}

function generatePersonalize(
  spec: SizeSpec["personalize"],
  regions: readonly string[],
  random: Random,
  keys: Keys,
  now: Date,
): PersonalizeRegionInventory[] {
  const byRegion = new Map(regions.map((region) => [region, { region, datasetGroups: [], jobs: [], names: [] }]));
  const get = (region: string) => byRegion.get(region) as PersonalizeRegionInventory;
  for (let i = 0; i < spec.datasetGroups; i++) {
    const region = regionOf(i, regions);
    const name = `recs-${pad(i, 4)}`;
    const group: DatasetGroup = personalizeDatasetGroup({
      name,
      region,
      arn: personalizeArn(region, "dataset-group", name),
      kmsKeyArn: chance(random, 0.6) ? keys.inRegion(region) : undefined,
      roleArn: `arn:aws:iam::${TEST_ACCOUNT}:role/app-role-0002`,
      tags: chance(random, 0.5) ? [{ key: "team", value: "recs" }] : [],
    });
    get(region).datasetGroups.push(group);
  }
  // Jobs and names belong to a dataset group's Region: a Region without dataset groups has none.
  const groupRegion = (i: number) => regionOf(i % Math.max(1, spec.datasetGroups), regions);
  for (let i = 0; i < spec.jobs; i++) {
    const region = groupRegion(i);
    const kind = JOB_KINDS[i % JOB_KINDS.length] as PersonalizeJob["kind"];
    const name = `job-${pad(i, 5)}`;
    const encrypted = chance(random, 0.6);
    const bucket = `personalize-${region}-${Math.floor(random() * 3)}`;
    const job = personalizeJob({
      name,
      kind,
      region,
      arn: personalizeArn(region, kind === "metric-attribution" ? "metric-attribution" : `${kind}-job`, name),
      createdAt: daysAgo(now, Math.floor(random() * 365)),
      outputPath: kind === "dataset-import" ? undefined : `s3://${bucket}/output/${name}/`,
      outputKmsKeyArn: kind !== "dataset-import" && encrypted ? keys.inRegion(region) : undefined,
      inputPath: kind === "dataset-export" || kind === "metric-attribution" ? undefined : `s3://${bucket}/input/`,
    });
    get(region).jobs.push(job);
  }
  for (let i = 0; i < spec.names; i++) {
    const region = groupRegion(i);
    const kind = NAME_KINDS[i % NAME_KINDS.length] as PersonalizeName["kind"];
    const name = `${kind}-${pad(i, 4)}`;
    get(region).names.push({ kind, name, arn: personalizeArn(region, kind, name) });
  }
  return regions.map(get);
}

// ---------------------------------------------------------------------------------------------
// Connect
// ---------------------------------------------------------------------------------------------

function generateConnect(
  spec: SizeSpec["connect"],
  regions: readonly string[],
  random: Random,
  keys: Keys,
): ConnectRegionInventory[] {
  const byRegion = new Map(regions.map((region) => [region, { region, instances: [] as ConnectInstance[] }]));
  for (let i = 0; i < spec.instances; i++) {
    const region = regionOf(i, regions);
    const id = uuid(random);
    const alias = `contact-centre-${pad(i, 3)}`;
    const bucket = `connect-${region}-${pad(i % 7, 2)}`;
    const key = keys.inRegion(region);
    const kms = chance(random, 0.7);
    const storageConfigs = [
      connectS3Storage("CALL_RECORDINGS", {
        bucketName: bucket,
        encryption: kms ? { type: "KMS", keyId: key } : undefined,
      }),
      connectS3Storage("CHAT_TRANSCRIPTS", {
        bucketName: bucket,
        encryption: kms && chance(random, 0.8) ? { type: "KMS", keyId: key } : undefined,
      }),
      connectMediaStreamStorage({
        prefix: `${alias}-live`,
        encryption: { type: "KMS", keyId: key },
      }),
      connectKinesisStorage(
        "CONTACT_TRACE_RECORDS",
        `arn:aws:kinesis:${region}:${TEST_ACCOUNT}:stream/ctr-${pad(i, 3)}`,
      ),
      connectFirehoseStorage(
        "AGENT_EVENTS",
        `arn:aws:firehose:${region}:${TEST_ACCOUNT}:deliverystream/agent-events-${pad(i, 3)}`,
      ),
    ];
    const instance = connectInstance({
      id,
      arn: `arn:aws:connect:${region}:${TEST_ACCOUNT}:instance/${id}`,
      region,
      alias,
      accessUrl: `https://${alias}.my.connect.aws`,
      identityManagementType: pick(random, ["SAML", "CONNECT_MANAGED"]),
      storageConfigs,
      unsupportedResourceTypes: chance(random, 0.5) ? ["EMAIL_MESSAGES"] : [],
      approvedOrigins: chance(random, 0.5) ? [`https://${alias}.example.com`] : [],
      integrations: chance(random, 0.3) ? [connectIntegration()] : [],
      securityProfiles: ["Admin", "Agent", "CallCenterManager", "QualityAnalyst"].map((name) => ({
        id: `${id}-${name.toLowerCase()}`,
        arn: `arn:aws:connect:${region}:${TEST_ACCOUNT}:instance/${id}/security-profile/${name.toLowerCase()}`,
        name,
      })),
    });
    byRegion.get(region)?.instances.push(instance);
  }
  return regions.map((region) => byRegion.get(region) as ConnectRegionInventory);
}

// ---------------------------------------------------------------------------------------------
// Account-wide: CloudTrail, Macie, tags, and the storage the services point at
// ---------------------------------------------------------------------------------------------

function regionOfArn(arn: string, fallback: string): string {
  return parseArn(arn)?.region || fallback;
}

function completeAccountWide(inventory: Inventory, random: Random, keys: Keys): void {
  const home = inventory.regions[0] as string;
  const accountWide = inventory.accountWide ?? { scanner: { useFipsEndpoint: false, homeRegion: home } };
  inventory.accountWide = accountWide;

  const trailKey = keys.inRegion(home);
  accountWide.cloudtrail = {
    trails: [
      loggingTrail({
        name: "organization-trail",
        arn: `arn:aws:cloudtrail:${home}:${TEST_ACCOUNT}:trail/organization-trail`,
        homeRegion: home,
        kmsKeyId: trailKey,
        s3BucketName: "bench-cloudtrail-logs",
        seenInRegions: [...inventory.regions],
      }),
      loggingTrail({
        name: "regional-audit",
        arn: `arn:aws:cloudtrail:${inventory.regions[1] ?? home}:${TEST_ACCOUNT}:trail/regional-audit`,
        homeRegion: inventory.regions[1] ?? home,
        isMultiRegion: false,
        logFileValidationEnabled: false,
        kmsKeyId: undefined,
        s3BucketName: "bench-regional-audit-logs",
        seenInRegions: [inventory.regions[1] ?? home],
      }),
    ],
  };
  accountWide.macie = inventory.regions.map((region, i) =>
    macieRegion({
      region,
      status: i % 3 === 2 ? "NOT_ENABLED" : "ENABLED",
      automatedDiscovery: i % 3 === 1 ? "DISABLED" : "ENABLED",
    }),
  );
  accountWide.tlsSamples = tlsTargets(inventory).map((target) => ({
    eventSource: target.eventSource,
    region: target.region,
    observations: Array.from({ length: 1 + Math.floor(random() * 3) }, (_, i) =>
      tlsObservation({
        eventSource: target.eventSource,
        region: target.region,
        eventTime: new Date(Date.parse(inventory.startedAt) - (i + 1) * 3_600_000).toISOString(),
        tlsVersion: chance(random, 0.85) ? "TLSv1.3" : "TLSv1.2",
        clientProvidedHostHeader: `${target.eventSource.split(".")[0]}.${target.region}.amazonaws.com`,
      }),
    ),
  }));

  const tagged: TaggedResource[] = [];
  const tag = (arn: string, region: string) => {
    if (chance(random, 0.5)) tagged.push({ arn, region, tags: [{ key: "owner", value: "platform" }] });
  };
  for (const region of inventory.elasticache?.regions ?? []) {
    for (const group of region.replicationGroups) tag(group.arn, region.region);
  }
  for (const region of inventory.cognito?.regions ?? [])
    for (const pool of region.userPools) tag(pool.arn, region.region);
  for (const region of inventory.personalize?.regions ?? []) {
    for (const group of region.datasetGroups) tag(group.arn, region.region);
  }
  for (const region of inventory.connect?.regions ?? []) {
    for (const instance of region.instances) tag(instance.arn, region.region);
  }
  accountWide.taggedResources = tagged;

  accountWide.buckets = referencedBuckets(inventory).map((reference) => {
    const region = regionOfArn(reference.references[0]?.resourceArn ?? "", home);
    const kms = chance(random, 0.7);
    return {
      name: reference.bucket,
      access: "ok" as const,
      encryption: kms
        ? { algorithm: "aws:kms", kmsKeyId: keys.inRegion(region), bucketKeyEnabled: true }
        : { algorithm: "AES256" },
      referencedBy: reference.references,
    };
  });
  const streams = referencedStreams(inventory);
  accountWide.kinesisStreams = streams.kinesis.map((reference) => {
    const region = regionOfArn(reference.arn, home);
    const kms = chance(random, 0.7);
    return {
      arn: reference.arn,
      name: reference.arn.split("/").pop() ?? reference.arn,
      region,
      access: "ok" as const,
      encryptionType: kms ? ("KMS" as const) : ("NONE" as const),
      keyId: kms ? keys.inRegion(region) : undefined,
      referencedBy: reference.references,
    };
  });
  accountWide.firehoseStreams = streams.firehose.map((reference) => {
    const region = regionOfArn(reference.arn, home);
    const kms = chance(random, 0.6);
    return {
      arn: reference.arn,
      name: reference.arn.split("/").pop() ?? reference.arn,
      region,
      access: "ok" as const,
      deliveryStreamType: "DirectPut",
      encryptionStatus: kms ? "ENABLED" : "DISABLED",
      keyType: kms ? ("CUSTOMER_MANAGED_CMK" as const) : undefined,
      keyArn: kms ? keys.inRegion(region) : undefined,
      referencedBy: reference.references,
    };
  });
  // Keys last: buckets and streams refer to keys too.
  accountWide.kmsKeys = referencedKeys(inventory).map((reference): KmsKey =>
    kmsKey({
      arn: reference.keyId,
      region: reference.region,
      rotationEnabled: chance(random, 0.7),
      referencedBy: reference.references,
    }),
  );
}

/** Resources a scan reports on (list entries such as Personalize names are not counted). */
export function countResources(inventory: Inventory): number {
  const auth = inventory.iam?.authorization;
  let count = auth ? auth.users.length + auth.groups.length + auth.roles.length : 0;
  count += auth?.policies.filter((p) => !p.awsManaged).length ?? 0;
  for (const r of inventory.elasticache?.regions ?? []) {
    count += r.replicationGroups.length + r.cacheClusters.length + r.serverlessCaches.length;
    count += r.userGroups.length + r.users.length + r.snapshots.length;
  }
  for (const r of inventory.cognito?.regions ?? []) {
    count += r.identityPools.length;
    for (const pool of r.userPools) count += 1 + (pool.clients?.length ?? 0);
  }
  for (const r of inventory.personalize?.regions ?? []) count += r.datasetGroups.length + r.jobs.length;
  for (const r of inventory.connect?.regions ?? []) count += r.instances.length;
  const account = inventory.accountWide;
  count += (account?.buckets?.length ?? 0) + (account?.kinesisStreams?.length ?? 0);
  count += (account?.firehoseStreams?.length ?? 0) + (account?.kmsKeys?.length ?? 0);
  count += account?.cloudtrail?.trails.length ?? 0;
  return count;
}

/** One synthetic account: same size, seed and clock → the same inventory. */
export function generateInventory(size: SizeName | SizeSpec, options: GenerateOptions = {}): Inventory {
  const spec = typeof size === "string" ? SIZES[size] : size;
  const random = seededRandom(options.seed ?? 1);
  const now = options.now ?? new Date("2026-06-01T00:00:00.000Z");
  const keys = createKeys(random, spec.regions);
  const inventory: Inventory = {
    source: "aws",
    account: { id: TEST_ACCOUNT, partition: "aws" },
    regions: [...spec.regions],
    services: [...SERVICE_IDS],
    startedAt: now.toISOString(),
    finishedAt: now.toISOString(),
    iam: generateIam(spec.iam, random, now),
    elasticache: { regions: generateElastiCache(spec.elasticache, spec.regions, random, keys) },
    cognito: { regions: generateCognito(spec.cognito, spec.regions, random, keys) },
    personalize: { regions: generatePersonalize(spec.personalize, spec.regions, random, keys, now) },
    connect: { regions: generateConnect(spec.connect, spec.regions, random, keys) },
    errors: [],
    skippedRegions: [],
    stats: { apiCalls: 0, retries: 0, throttled: 0, durationMs: 0 },
  };
  if (inventory.iam) {
    inventory.iam.stsVpcEndpoints = spec.regions.map((region, i) => ({
      region,
      endpoints:
        i % 2 === 0 ? [vpcEndpoint({ id: `vpce-${hex(random, 17)}`, serviceName: `com.amazonaws.${region}.sts` })] : [],
    }));
  }
  completeAccountWide(inventory, random, keys);
  return inventory;
}
