import { describe, expect, it } from "vitest";
import {
  authorization,
  buildElastiCacheRegion,
  buildInventory,
  cacheCluster,
  cacheSnapshot,
  cacheUser,
  cognitoAppClient,
  cognitoIdentityPool,
  cognitoUserPool,
  connectInstance,
  connectIntegration,
  connectS3Storage,
  connectSecurityProfile,
  iamGroup,
  iamRole,
  iamUser,
  kmsKey,
  loggingTrail,
  managedPolicy,
  personalizeDatasetGroup,
  personalizeJob,
  personalizeName,
  replicationGroup,
  serverlessCache,
  taggedResource,
  TEST_ACCOUNT,
  TEST_REGION,
  userGroup,
} from "@/lib/inventory/builders";
import type { Inventory } from "@/lib/inventory";
import { appClientArn, describeArn, personalDataOptions, textFields, urlFields, type TextField } from "./text-fields";

const SCANNER = { useFipsEndpoint: false, homeRegion: TEST_REGION };

/** One resource of every kind the field inventory reads. */
function fullInventory(): Inventory {
  const pool = cognitoUserPool({
    name: "customers",
    domain: "customers-auth",
    customDomain: "auth.corp.org",
    tags: [
      { key: "owner", value: "team-identity" },
      { key: "aws:cloudformation:stack-name", value: "identity-stack" },
    ],
    clients: [
      cognitoAppClient({
        name: "web",
        callbackUrls: ["https://app.corp.org/callback", "https://app.corp.org/alt"],
        logoutUrls: ["https://app.corp.org/"],
        defaultRedirectUri: "https://app.corp.org/callback",
      }),
    ],
  });
  return buildInventory({
    services: ["account", "elasticache", "cognito", "personalize", "iam", "connect"],
    elasticache: {
      regions: [
        buildElastiCacheRegion({
          replicationGroups: [replicationGroup({ id: "orders-cache", description: "Orders for shop" })],
          cacheClusters: [
            cacheCluster({ id: "orders-cache-001", replicationGroupId: "orders-cache" }),
            cacheCluster({ id: "sessions-memcached" }),
          ],
          serverlessCaches: [serverlessCache({ name: "catalog-serverless", description: "Catalog" })],
          userGroups: [userGroup({ id: "orders-users" })],
          users: [
            cacheUser({ id: "orders-app", userName: "orders-app" }),
            cacheUser({ id: "reporting", userName: "reports" }),
          ],
          snapshots: [
            cacheSnapshot({ name: "orders-cache-nightly" }),
            cacheSnapshot({ name: "catalog-final", kind: "serverless" }),
          ],
        }),
      ],
    },
    cognito: {
      regions: [
        {
          region: TEST_REGION,
          userPools: [pool],
          identityPools: [cognitoIdentityPool({ tags: [{ key: "team", value: "mobile" }] })],
        },
      ],
    },
    personalize: {
      regions: [
        {
          region: TEST_REGION,
          datasetGroups: [
            personalizeDatasetGroup({ name: "retail-recs", tags: [{ key: "cost-center", value: "cc-42" }] }),
          ],
          jobs: [personalizeJob({ name: "nightly-recs" })],
          names: [personalizeName({ kind: "campaign", name: "home-page" })],
        },
      ],
    },
    iam: {
      authorization: authorization({
        users: [
          iamUser({
            name: "deploy-bot",
            path: "/ci/",
            tags: [{ key: "team", value: "platform" }],
            inlinePolicies: [{ name: "deploy-inline", statements: [] }],
          }),
        ],
        groups: [iamGroup({ name: "developers" })],
        roles: [
          iamRole({ name: "app-role" }),
          iamRole({ name: "AWSServiceRoleForElastiCache", path: "/aws-service-role/elasticache.amazonaws.com/" }),
        ],
        policies: [
          managedPolicy({ name: "ReadOrders", description: "Read the orders bucket" }),
          managedPolicy({ name: "ReadOnlyAccess", awsManaged: true, description: "Provides read-only access" }),
        ],
      }),
      accountAliases: ["corp-prod"],
      oidcProviders: [
        {
          arn: `arn:aws:iam::${TEST_ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`,
          url: "token.actions.githubusercontent.com",
        },
      ],
    },
    connect: {
      regions: [
        {
          region: TEST_REGION,
          instances: [
            connectInstance({
              alias: "support-centre",
              tags: [{ key: "team", value: "support" }],
              storageConfigs: [connectS3Storage("CALL_RECORDINGS")],
              securityProfiles: [connectSecurityProfile("Agent")],
              integrations: [
                connectIntegration({ sourceApplicationName: "CRM", sourceApplicationUrl: "https://crm.corp.org" }),
              ],
              approvedOrigins: ["https://agents.corp.org"],
            }),
          ],
        },
      ],
    },
    accountWide: {
      scanner: SCANNER,
      cloudtrail: {
        trails: [loggingTrail({ name: "management-trail", s3BucketName: "cloudtrail-logs", s3KeyPrefix: "org" })],
      },
      kmsKeys: [
        kmsKey({ description: "Orders data key" }),
        kmsKey({
          arn: "arn:aws:kms:us-east-1:111122223333:key/aws-managed",
          keyManager: "AWS",
          description: "Default key that protects my ElastiCache data",
        }),
      ],
      taggedResources: [
        taggedResource({
          tags: [
            { key: "team", value: "payments" },
            { key: "aws:createdBy", value: "someone" },
          ],
        }),
        // The Tagging API also returns the user pool's tags: no duplicate rows.
        { arn: cognitoUserPool().arn, region: TEST_REGION, tags: [{ key: "owner", value: "team-identity" }] },
      ],
    },
  });
}

function rows(fields: TextField[]): string[] {
  return fields.map((f) => `${f.resourceType} | ${f.field} | ${f.value}`);
}

describe("textFields", () => {
  const fields = textFields(fullInventory());

  it("lists the free-form fields of every inventory part (docs/controls.md#personal-data)", () => {
    expect(rows(fields)).toEqual(
      expect.arrayContaining([
        "Replication group | ReplicationGroupId | orders-cache",
        "Replication group | Description | Orders for shop",
        "Cache cluster | CacheClusterId | sessions-memcached",
        "Serverless cache | ServerlessCacheName | catalog-serverless",
        "Serverless cache | Description | Catalog",
        "User group | UserGroupId | orders-users",
        "Cache user | UserId | orders-app",
        "Cache user | UserId | reporting",
        "Cache user | UserName | reports",
        "Snapshot | SnapshotName | orders-cache-nightly",
        "Snapshot | ServerlessCacheSnapshotName | catalog-final",
        "User pool | Name | customers",
        'User pool | tag key "owner" | owner',
        'User pool | tag "owner" | team-identity',
        "User pool | Domain | customers-auth",
        "User pool | CustomDomain | auth.corp.org",
        "App client | ClientName | web",
        "Identity pool | IdentityPoolName | app_identities",
        'Identity pool | tag "team" | mobile',
        "Dataset group | name | retail-recs",
        'Dataset group | tag "cost-center" | cc-42',
        "Personalize campaign | name | home-page",
        "Batch inference job | jobName | nightly-recs",
        "Batch inference job | inputPath | s3://personalize-input/users.json",
        "Batch inference job | outputPath | s3://personalize-output/nightly/",
        "IAM user | UserName | deploy-bot",
        "IAM user | Path | /ci/",
        'IAM user | tag "team" | platform',
        "IAM user | inline PolicyName | deploy-inline",
        "IAM group | GroupName | developers",
        "IAM role | RoleName | app-role",
        "IAM policy | PolicyName | ReadOrders",
        "IAM policy | Description | Read the orders bucket",
        "Account | AccountAlias | corp-prod",
        "Connect instance | InstanceAlias | support-centre",
        'Connect instance | tag "team" | support',
        "Connect instance | CALL_RECORDINGS BucketName | connect-recordings-bucket",
        "Connect instance | CALL_RECORDINGS BucketPrefix | connect/call_recordings",
        "Security profile | SecurityProfileName | Agent",
        "Integration | SourceApplicationName | CRM",
        "Trail | Name | management-trail",
        "Trail | S3BucketName | cloudtrail-logs",
        "Trail | S3KeyPrefix | org",
        "KMS key | Description | Orders data key",
        'Replication group | tag "team" | payments',
      ]),
    );
  });

  it("skips AWS-generated ids, aws: tags, AWS-written names and default paths", () => {
    const text = rows(fields).join("\n");
    expect(text).not.toContain("orders-cache-001"); // replication group member: covered by the group
    expect(text).not.toContain("aws:");
    expect(text).not.toContain("identity-stack");
    expect(text).not.toContain("AWSServiceRoleForElastiCache");
    expect(text).not.toContain("ReadOnlyAccess");
    expect(text).not.toContain("Default key that protects");
    expect(text).not.toContain("someone");
    expect(text).not.toContain(cognitoAppClient().clientId);
    expect(text).not.toContain("Path | /\n");
    expect(rows(fields).filter((r) => r === "Cache user | UserName | orders-app")).toEqual([]);
  });

  it("names each tag value's key as its context", () => {
    const owner = fields.find((f) => f.field === 'tag "owner"');
    expect(owner?.contextKey).toBe("owner");
    expect(fields.find((f) => f.field === 'tag key "owner"')?.contextKey).toBeUndefined();
  });

  it("keeps one row when the Tagging API repeats a describe call's tags", () => {
    expect(rows(fields).filter((r) => r === 'User pool | tag "owner" | team-identity')).toHaveLength(1);
  });

  it("places IAM in the global region and service resources in theirs", () => {
    expect(fields.find((f) => f.resourceType === "IAM user")?.region).toBe("global");
    expect(fields.find((f) => f.resourceType === "Account")?.resourceArn).toBe(`arn:aws:iam::${TEST_ACCOUNT}:root`);
    expect(fields.find((f) => f.resourceType === "Trail")?.region).toBe(TEST_REGION);
  });

  it("gives app clients a pseudo-ARN under their pool", () => {
    const client = fields.find((f) => f.resourceType === "App client");
    expect(client?.resourceArn).toBe(appClientArn(cognitoUserPool().arn, cognitoAppClient().clientId));
  });

  it("yields nothing for parts that were not collected", () => {
    expect(textFields(buildInventory())).toEqual([]);
    const noAuthorization = buildInventory({ iam: { accountAliases: [] } });
    expect(textFields(noAuthorization)).toEqual([]);
    const noClients = buildInventory({
      cognito: {
        regions: [{ region: TEST_REGION, userPools: [cognitoUserPool({ clients: undefined })], identityPools: [] }],
      },
    });
    expect(rows(textFields(noClients)).some((r) => r.startsWith("App client"))).toBe(false);
  });
});

describe("urlFields", () => {
  const fields = urlFields(fullInventory());

  it("lists every configured URL, one row per URL (docs/controls.md#url-credentials)", () => {
    expect(rows(fields)).toEqual(
      expect.arrayContaining([
        "App client | CallbackURLs[0] | https://app.corp.org/callback",
        "App client | CallbackURLs[1] | https://app.corp.org/alt",
        "App client | LogoutURLs | https://app.corp.org/",
        "App client | DefaultRedirectURI | https://app.corp.org/callback",
        "Connect instance | InstanceAccessUrl | https://support-centre.my.connect.aws",
        "Connect instance | ApprovedOrigins | https://agents.corp.org",
        "Integration | SourceApplicationUrl | https://crm.corp.org",
        "OIDC provider | Url | token.actions.githubusercontent.com",
      ]),
    );
  });

  it("adds URLs written inside names, descriptions, paths and tags", () => {
    expect(rows(fields)).toEqual(
      expect.arrayContaining([
        "Batch inference job | inputPath | s3://personalize-input/users.json",
        "Batch inference job | outputPath | s3://personalize-output/nightly/",
      ]),
    );
    const withUrls = buildInventory({
      accountWide: {
        scanner: SCANNER,
        taggedResources: [
          taggedResource({
            tags: [{ key: "runbook", value: "see https://wiki.corp.org/a and https://wiki.corp.org/b." }],
          }),
        ],
      },
    });
    expect(rows(urlFields(withUrls))).toEqual([
      'Replication group | tag "runbook"[0] | https://wiki.corp.org/a',
      'Replication group | tag "runbook"[1] | https://wiki.corp.org/b',
    ]);
  });

  it("yields nothing without URL-bearing parts", () => {
    expect(urlFields(buildInventory())).toEqual([]);
  });
});

describe("describeArn", () => {
  it.each([
    [
      `arn:aws:elasticache:${TEST_REGION}:${TEST_ACCOUNT}:replicationgroup:orders-cache`,
      "Replication group",
      "orders-cache",
    ],
    [`arn:aws:kms:${TEST_REGION}:${TEST_ACCOUNT}:key/1234abcd`, "KMS key", "1234abcd"],
    [`arn:aws:cloudtrail:${TEST_REGION}:${TEST_ACCOUNT}:trail/management`, "Trail", "management"],
    [`arn:aws:sqs:${TEST_REGION}:${TEST_ACCOUNT}:orders-queue`, "sqs resource", "orders-queue"],
  ])("%s → %s %s", (arn, resourceType, resourceName) => {
    expect(describeArn(arn)).toEqual({ resourceType, resourceName });
  });
});

describe("personalDataOptions", () => {
  it("uses the scanned account and the default allow-list", () => {
    expect(personalDataOptions(buildInventory())).toEqual({
      accountId: TEST_ACCOUNT,
      allowedEmailDomains: ["example.com", "amazonaws.com"],
    });
  });
});
