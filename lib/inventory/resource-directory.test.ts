import { describe, expect, it } from "vitest";
import { CONTROLS } from "@/lib/controls/registry";
import { demoInventory } from "@/lib/demo/inventory";
import { demoSnapshot } from "@/lib/demo/snapshot";
import { evaluateInventory } from "@/lib/posture/evaluate";
import {
  buildInventory,
  cacheUser,
  cloudTrailArn,
  cognitoAppClient,
  cognitoIdentityPool,
  cognitoUserPool,
  connectFirehoseStorage,
  connectInstance,
  connectInstanceArn,
  connectIntegration,
  connectKinesisStorage,
  connectMediaStreamStorage,
  connectS3Storage,
  connectSecurityProfile,
  credentialReport,
  credentialRow,
  firehoseStream,
  iamArn,
  iamRole,
  iamUser,
  kinesisStream,
  kmsKey,
  kmsKeyArn,
  loggingTrail,
  managedPolicy,
  personalizeDatasetGroup,
  replicationGroup,
  rootCredentialRow,
  s3Bucket,
  taggedResource,
  TEST_ACCOUNT,
  TEST_REGION,
  userGroup,
} from "./builders";
import type { Inventory } from "./index";
import { resourceDirectory } from "./resource-directory";

const POOL = cognitoUserPool({
  id: "us-east-1_Xk82mPqR3",
  name: "northwind-customers",
  tags: [{ key: "team", value: "identity" }],
  clients: [
    cognitoAppClient({ clientId: "3n4b5urk1ft4fl3mg5e62d9ado", name: "storefront-web" }),
    // ClientName is optional in the API: the collector keeps "" and the id must then stand in.
    cognitoAppClient({ clientId: "7q8r9s0t1u2v3w4x5y6z7a8b9c", name: "" }),
  ],
});
const IDENTITY_POOL = cognitoIdentityPool({ name: "storefront_signed_in" });

const CTR_STREAM = kinesisStream({ name: "northwind-ctr-use1" });
const CTR_ARCHIVE = firehoseStream({ name: "northwind-ctr-archive" });
const INSTANCE = connectInstance({
  alias: "northwind-care",
  tags: [{ key: "team", value: "customer-care" }],
  storageConfigs: [
    {
      ...connectS3Storage("CALL_RECORDINGS", { bucketName: "northwind-connect-recordings" }),
      associationId: "a1f3c5e7b9d2f4a6c8e0b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4",
    },
    connectMediaStreamStorage({ prefix: "northwind-care-media" }),
    connectKinesisStorage("CONTACT_TRACE_RECORDS", CTR_STREAM.arn),
    connectFirehoseStorage("AGENT_EVENTS", CTR_ARCHIVE.arn),
    // An association the API returned without an id: results then name it by its resource type.
    { ...connectS3Storage("CHAT_TRANSCRIPTS", { bucketName: "northwind-transcripts" }), associationId: undefined },
  ],
  securityProfiles: [connectSecurityProfile("CallCenterManager", "0a4e8c2f-6b1d-4f59-93e7-c5a2d8f0b146")],
  integrations: [connectIntegration({ arn: undefined, sourceApplicationName: "Northwind CRM panel" })],
});
const UNNAMED_INSTANCE = connectInstance({ id: "2e8a4c6f-0b9d-4f37-a1e5-c7d3b9f6a204", alias: undefined });

const GROUP = replicationGroup({ id: "orders-prod" });
const DATASET_GROUP = personalizeDatasetGroup({
  name: "storefront-recommendations",
  tags: [{ key: "team", value: "recommendations" }],
});
const TRAIL = loggingTrail({ name: "northwind-account-audit", arn: cloudTrailArn("northwind-account-audit") });
const ALIASED_KEY = kmsKey({ arn: kmsKeyArn("3f1c9a52-7d4e-4b8a-9c61-2e5f0b7d8a14"), aliases: ["alias/orders"] });
const PLAIN_KEY = kmsKey({ arn: kmsKeyArn("8b2e4d17-05a3-4c9f-b6e8-71d0c3a95f26") });
// DescribeKey refused a key referred to by alias name: only the reference is known.
const UNREACHED_ALIAS = kmsKey({ arn: "alias/legacy", access: "denied", keyManager: undefined });
const DEPLOYER = iamUser({
  name: "ci-deploy",
  arn: iamArn("user", "ci-deploy"),
  tags: [{ key: "team", value: "platform" }],
  inlinePolicies: [{ name: "assume-deploy-role", statements: [] }],
});
const PATHED_ROLE = iamRole({ name: "recs-lambda", arn: `arn:aws:iam::${TEST_ACCOUNT}:role/service/recs-lambda` });

const inventory: Inventory = buildInventory({
  services: ["cognito", "connect", "elasticache", "personalize", "iam", "account"],
  cognito: { regions: [{ region: TEST_REGION, userPools: [POOL], identityPools: [IDENTITY_POOL] }] },
  connect: { regions: [{ region: TEST_REGION, instances: [INSTANCE, UNNAMED_INSTANCE] }] },
  elasticache: {
    regions: [
      {
        region: TEST_REGION,
        replicationGroups: [GROUP],
        cacheClusters: [],
        serverlessCaches: [],
        userGroups: [userGroup({ id: "orders-rbac" })],
        users: [cacheUser({ id: "orders-app-2", userName: "orders-app" })],
        snapshots: [],
      },
    ],
  },
  personalize: { regions: [{ region: TEST_REGION, datasetGroups: [DATASET_GROUP], jobs: [], names: [] }] },
  iam: {
    authorization: {
      users: [DEPLOYER],
      groups: [],
      roles: [PATHED_ROLE],
      policies: [managedPolicy({ name: "NorthwindDeployPolicy", arn: iamArn("policy", "NorthwindDeployPolicy") })],
    },
    credentialReport: credentialReport([credentialRow({ user: "ci-deploy" }), rootCredentialRow()]),
  },
  accountWide: {
    scanner: { useFipsEndpoint: false, homeRegion: TEST_REGION },
    cloudtrail: { trails: [TRAIL] },
    kmsKeys: [ALIASED_KEY, PLAIN_KEY, UNREACHED_ALIAS],
    buckets: [s3Bucket({ name: "northwind-connect-recordings" })],
    kinesisStreams: [CTR_STREAM],
    firehoseStreams: [CTR_ARCHIVE],
    // Describe calls of these omit tags; the Resource Groups Tagging API has them.
    taggedResources: [
      taggedResource({ arn: GROUP.arn, tags: [{ key: "team", value: "orders" }] }),
      taggedResource({ arn: TRAIL.arn, tags: [{ key: "team", value: "security" }] }),
      taggedResource({ arn: ALIASED_KEY.arn, tags: [{ key: "app", value: "orders" }] }),
      // Both sources know the pool: the describe call's own tags win.
      taggedResource({ arn: POOL.arn, tags: [{ key: "stale", value: "copy" }] }),
    ],
  },
});

const directory = resourceDirectory(inventory);
const ACCOUNT_ARN = (service: string, region: string, resource: string) =>
  `arn:aws:${service}:${region}:${TEST_ACCOUNT}:${resource}`;

describe("resourceDirectory: names of inventory resources", () => {
  it.each([
    ["user pool", POOL.arn, "northwind-customers"],
    ["app client, by its ClientName", `${POOL.arn}/client/3n4b5urk1ft4fl3mg5e62d9ado`, "storefront-web"],
    [
      "app client without a name, by its id",
      `${POOL.arn}/client/7q8r9s0t1u2v3w4x5y6z7a8b9c`,
      "7q8r9s0t1u2v3w4x5y6z7a8b9c",
    ],
    ["identity pool", IDENTITY_POOL.arn, "storefront_signed_in"],
    ["Connect instance, by its alias", INSTANCE.arn, "northwind-care"],
    ["Connect instance without an alias, by its id", UNNAMED_INSTANCE.arn, UNNAMED_INSTANCE.id],
    [
      "storage association to S3",
      `${INSTANCE.arn}/storage-config/a1f3c5e7b9d2f4a6c8e0b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4`,
      "Call recordings of northwind-care → S3 bucket northwind-connect-recordings",
    ],
    [
      "storage association to Kinesis Video Streams",
      `${INSTANCE.arn}/storage-config/assoc-media-streams`,
      "Media streams of northwind-care → Kinesis Video Streams northwind-care-media",
    ],
    [
      "storage association to a Kinesis stream",
      `${INSTANCE.arn}/storage-config/assoc-contact_trace_records`,
      "Contact trace records of northwind-care → Kinesis stream northwind-ctr-use1",
    ],
    [
      "storage association to Firehose",
      `${INSTANCE.arn}/storage-config/assoc-agent_events`,
      "Agent events of northwind-care → Firehose stream northwind-ctr-archive",
    ],
    [
      "storage association without an id",
      `${INSTANCE.arn}/storage-config/CHAT_TRANSCRIPTS`,
      "Chat transcripts of northwind-care → S3 bucket northwind-transcripts",
    ],
    [
      "storage type with nothing configured",
      `${INSTANCE.arn}/storage-config/SCREEN_RECORDINGS`,
      "Screen recordings of northwind-care",
    ],
    [
      "security profile",
      `${connectInstanceArn()}/security-profile/0a4e8c2f-6b1d-4f59-93e7-c5a2d8f0b146`,
      "CallCenterManager",
    ],
    ["integration without an ARN", `${INSTANCE.arn}/integration-association/0`, "Northwind CRM panel"],
    ["replication group", GROUP.arn, "orders-prod"],
    ["user group", ACCOUNT_ARN("elasticache", TEST_REGION, "usergroup:orders-rbac"), "orders-rbac"],
    ["cache user, by its user name", ACCOUNT_ARN("elasticache", TEST_REGION, "user:orders-app-2"), "orders-app"],
    ["dataset group", DATASET_GROUP.arn, "storefront-recommendations"],
    ["trail", TRAIL.arn, "northwind-account-audit"],
    ["KMS key referred to by alias", ALIASED_KEY.arn, "alias/orders"],
    ["KMS key known only by id", PLAIN_KEY.arn, "8b2e4d17-05a3-4c9f-b6e8-71d0c3a95f26"],
    ["refused key, as controls give it an ARN", ACCOUNT_ARN("kms", TEST_REGION, "alias/legacy"), "alias/legacy"],
    ["S3 bucket", "arn:aws:s3:::northwind-connect-recordings", "northwind-connect-recordings"],
    ["Kinesis stream", CTR_STREAM.arn, "northwind-ctr-use1"],
    ["Firehose stream", CTR_ARCHIVE.arn, "northwind-ctr-archive"],
    ["IAM user", DEPLOYER.arn, "ci-deploy"],
    ["IAM role with a path", PATHED_ROLE.arn, "recs-lambda"],
    ["customer managed policy", iamArn("policy", "NorthwindDeployPolicy"), "NorthwindDeployPolicy"],
    [
      "inline policy",
      `${DEPLOYER.arn}:inline-policy/assume-deploy-role`,
      "assume-deploy-role (inline policy of user ci-deploy)",
    ],
    ["access key of a user", `${DEPLOYER.arn}:access-key-1`, "Access key 1 of ci-deploy"],
    ["access key of the root user", `arn:aws:iam::${TEST_ACCOUNT}:root:access-key-2`, "Access key 2 of the root user"],
  ])("%s", (_kind, arn, name) => {
    expect(directory.lookup(arn)?.name).toBe(name);
  });
});

describe("resourceDirectory: pseudo-ARNs named from their shape", () => {
  it.each([
    ["Region row", ACCOUNT_ARN("elasticache", "ap-southeast-2", "*"), "Region ap-southeast-2 (account-level)"],
    ["account-wide row", ACCOUNT_ARN("iam", "global", "*"), "Account-level (all Regions)"],
    [
      "identity pools of a Region",
      ACCOUNT_ARN("cognito-identity", TEST_REGION, "identitypool/*"),
      "Identity pools in us-east-1 (account-level)",
    ],
    [
      "STS VPC endpoints of a Region",
      ACCOUNT_ARN("ec2", "eu-west-1", "vpc-endpoint/*"),
      "VPC endpoints in eu-west-1 (account-level)",
    ],
    ["root user", `arn:aws:iam::${TEST_ACCOUNT}:root`, `Root user of account ${TEST_ACCOUNT}`],
    ["password policy", `arn:aws:iam::${TEST_ACCOUNT}:account-password-policy`, "Account password policy"],
    [
      "CloudTrail coverage of the account",
      `arn:aws:cloudtrail::${TEST_ACCOUNT}:account`,
      `Account ${TEST_ACCOUNT} (all Regions)`,
    ],
    ["Macie session", ACCOUNT_ARN("macie2", "eu-west-1", "session"), "Macie in eu-west-1"],
    [
      "FIPS endpoint",
      ACCOUNT_ARN("cognito-idp", TEST_REGION, "fips-endpoint"),
      "cognito-idp FIPS endpoint in us-east-1",
    ],
    ["global FIPS endpoint", `arn:aws:iam::${TEST_ACCOUNT}:fips-endpoint`, "iam FIPS endpoint"],
    [
      "TLS event source",
      ACCOUNT_ARN("cloudtrail", TEST_REGION, "event-source/elasticache.amazonaws.com"),
      "elasticache.amazonaws.com in us-east-1",
    ],
    [
      "access key of a user the report did not list",
      `${iamArn("user", "ghost")}:access-key-1`,
      "Access key 1 of ghost",
    ],
    [
      "app client of a pool whose clients were not read",
      `${POOL.arn}/client/abc123`,
      "App client abc123 of northwind-customers",
    ],
    [
      "unknown storage association",
      `${UNNAMED_INSTANCE.arn}/storage-config/ffff0000`,
      `Storage association ffff0000 of ${UNNAMED_INSTANCE.id}`,
    ],
    [
      "attachment to an unknown principal",
      `${iamArn("role", "Admin")}:attached-policy/AdministratorAccess`,
      "AdministratorAccess attached to Admin",
    ],
    [
      "resource the inventory does not hold",
      ACCOUNT_ARN("personalize", TEST_REGION, "dataset-group/returns-eu"),
      "returns-eu",
    ],
    ["IAM user with a path, not in the inventory", `arn:aws:iam::${TEST_ACCOUNT}:user/division/alice`, "alice"],
  ])("%s", (_kind, arn, name) => {
    expect(directory.lookup(arn)?.name).toBe(name);
  });

  it("knows nothing of a text that is not an ARN", () => {
    expect(directory.lookup("orders-prod")).toBeUndefined();
    expect(directory.lookup("")).toBeUndefined();
  });
});

describe("resourceDirectory: tags", () => {
  it.each([
    ["from the describe call", POOL.arn, [{ key: "team", value: "identity" }]],
    ["from the describe call of a Connect instance", INSTANCE.arn, [{ key: "team", value: "customer-care" }]],
    ["from the describe call of a dataset group", DATASET_GROUP.arn, [{ key: "team", value: "recommendations" }]],
    ["from the describe call of an IAM user", DEPLOYER.arn, [{ key: "team", value: "platform" }]],
    ["from the Tagging API when the describe call omits them", GROUP.arn, [{ key: "team", value: "orders" }]],
    ["from the Tagging API for a trail", TRAIL.arn, [{ key: "team", value: "security" }]],
    ["from the Tagging API for a KMS key", ALIASED_KEY.arn, [{ key: "app", value: "orders" }]],
    ["none known for an untagged identity pool: its describe call said so", IDENTITY_POOL.arn, []],
    ["none known for a bucket: not read", "arn:aws:s3:::northwind-connect-recordings", undefined],
    ["none for an app client: it cannot carry tags", `${POOL.arn}/client/3n4b5urk1ft4fl3mg5e62d9ado`, undefined],
  ])("%s", (_kind, arn, tags) => {
    expect(directory.lookup(arn)?.tags).toEqual(tags);
  });

  it("gives tags of a resource only the Tagging API listed, with a name from its ARN", () => {
    const arn = ACCOUNT_ARN("elasticache", TEST_REGION, "serverlesscache:checkout");
    const only = resourceDirectory(
      buildInventory({
        accountWide: {
          scanner: { useFipsEndpoint: false, homeRegion: TEST_REGION },
          taggedResources: [taggedResource({ arn, tags: [{ key: "env", value: "prod" }] })],
        },
      }),
    );
    expect(only.lookup(arn)).toEqual({ name: "checkout", tags: [{ key: "env", value: "prod" }] });
  });
});

describe("resourceDirectory over the demo account", () => {
  const directory = resourceDirectory(demoInventory);
  const outcomes = evaluateInventory(demoInventory, CONTROLS, { now: new Date(demoInventory.finishedAt) });
  const results = outcomes.flatMap(({ control, results }) => results.map((result) => ({ control, result })));

  it("names every result of every control, never with its bare ARN", () => {
    expect(results.length).toBeGreaterThan(100);
    const unnamed = results.filter(({ result }) => {
      const name = directory.lookup(result.resourceArn)?.name;
      return name === undefined || name === "" || name === result.resourceArn;
    });
    expect(unnamed.map(({ control, result }) => `${control.meta.id} ${result.resourceArn}`)).toEqual([]);
  });

  it("replaces the opaque ids a security team could not recognise", () => {
    const nameOf = (controlId: string, resourceType: string) =>
      results
        .filter(({ control, result }) => control.meta.id === controlId && result.resourceType === resourceType)
        .map(({ result }) => directory.lookup(result.resourceArn)?.name);
    expect(nameOf("cognito.user-pool-mfa", "User pool")).toContain("northwind-customers");
    expect(nameOf("cognito.app-client-password-auth", "App client")).toContain("storefront-web");
    expect(nameOf("connect.identity-mfa", "Connect instance")).toContain("northwind-care");
    expect(nameOf("connect.recordings-transcripts-kms", "Instance storage config")).toContain(
      "Call recordings of northwind-care → S3 bucket northwind-connect-recordings-use1",
    );
    expect(nameOf("personalize.dataset-group-cmk", "Dataset group")).toContain("storefront-recommendations");
    expect(nameOf("xc.kms-key-usable", "KMS key")).toContain("alias/aws/kinesis");
  });

  // The runner fills `name` and `tags` from this directory: what is stored is what pages and exports show.
  it("every result of the demo snapshot carries a name", () => {
    const unnamed = demoSnapshot().controls.flatMap((control) =>
      control.results.filter((result) => !result.name).map((result) => `${control.id} ${result.resourceArn}`),
    );
    expect(unnamed).toEqual([]);
  });
});
