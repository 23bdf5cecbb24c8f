/**
 * The demo account's IAM part: root user, nine IAM users, three groups, roles (including the ones
 * Cognito identity pools, Personalize and Connect point at), policies, the credential report and
 * the password policy. Dates are relative to the demo scan (2026-11-20T08:42Z): 90 days before is
 * 2026-08-22, 365 days before is 2025-11-20, 30 days before is 2026-10-21.
 *
 * Names are job functions, not people, except one role tag planted for the personal-data detector.
 */
import type {
  AttachedPolicy,
  CredentialReportRow,
  IamGroup,
  IamInventory,
  IamRole,
  IamUser,
  ManagedPolicy,
  PolicyStatement,
} from "@/lib/inventory";
import { ROOT_ACCOUNT_USER } from "@/lib/inventory";
import { AP_SOUTHEAST_2, DEMO_ACCOUNT_ID, EU_WEST_1, iamArn, ROLES, US_EAST_1 } from "./ids";

function allow(actions: string[], resources: string[] = ["*"], hasCondition = false): PolicyStatement {
  return { effect: "Allow", actions, resources, hasCondition };
}

const ADMINISTRATOR_ACCESS: AttachedPolicy = {
  name: "AdministratorAccess",
  arn: "arn:aws:iam::aws:policy/AdministratorAccess",
};
const CONNECT_FULL_ACCESS: AttachedPolicy = {
  name: "AmazonConnect_FullAccess",
  arn: "arn:aws:iam::aws:policy/AmazonConnect_FullAccess",
};
const BILLING: AttachedPolicy = { name: "Billing", arn: "arn:aws:iam::aws:policy/job-function/Billing" };
const ELASTICACHE_SERVICE_ROLE: AttachedPolicy = {
  name: "ElastiCacheServiceRolePolicy",
  arn: "arn:aws:iam::aws:policy/aws-service-role/ElastiCacheServiceRolePolicy",
};
const CONNECT_SERVICE_LINKED: AttachedPolicy = {
  name: "AmazonConnectServiceLinkedRolePolicy",
  arn: "arn:aws:iam::aws:policy/aws-service-role/AmazonConnectServiceLinkedRolePolicy",
};
const DEPLOY_POLICY: AttachedPolicy = { name: "NorthwindDeployPolicy", arn: iamArn("policy", "NorthwindDeployPolicy") };
const LEGACY_FULL_ACCESS: AttachedPolicy = { name: "LegacyFullAccess", arn: iamArn("policy", "LegacyFullAccess") };

const CONNECT_INSTANCE_ANY = `arn:aws:connect:*:${DEMO_ACCOUNT_ID}:instance/*`;

// ---------------------------------------------------------------------------------------------
// Managed policies: the customer managed ones, and the AWS managed ones in use (the collector asks
// for AWSManagedPolicy too, so connect.api-access-via-roles can read what they allow).
// ---------------------------------------------------------------------------------------------
const policies: ManagedPolicy[] = [
  // Scoped deployment policy for the CI role: passes least privilege.
  {
    ...DEPLOY_POLICY,
    path: "/",
    description: "Deploys the storefront stacks through CloudFormation",
    attachmentCount: 1,
    awsManaged: false,
    statements: [
      allow(["cloudformation:*"], [`arn:aws:cloudformation:*:${DEMO_ACCOUNT_ID}:stack/storefront-*/*`]),
      allow(["s3:GetObject", "s3:PutObject"], ["arn:aws:s3:::northwind-deploy-artifacts/*"]),
      allow(["iam:PassRole"], [iamArn("role", "storefront-*")], true),
    ],
  },
  // Customer managed `*:*`, attached to a batch role: least privilege fails.
  {
    ...LEGACY_FULL_ACCESS,
    path: "/",
    description: "Pre-2022 batch stack; scheduled for removal",
    attachmentCount: 1,
    awsManaged: false,
    statements: [allow(["*"])],
  },
  // Same wildcard, but attached to nothing: nothing can use it, so it is not judged.
  {
    name: "UnusedWildcardDraft",
    arn: iamArn("policy", "UnusedWildcardDraft"),
    path: "/",
    description: "Draft left over from a workshop",
    attachmentCount: 0,
    awsManaged: false,
    statements: [allow(["*:*"])],
  },
  {
    ...ADMINISTRATOR_ACCESS,
    path: "/",
    description: "Provides full access to AWS services and resources.",
    attachmentCount: 3,
    awsManaged: true,
    statements: [allow(["*"])],
  },
  {
    ...BILLING,
    path: "/job-function/",
    description: "Grants permissions for billing and cost management.",
    attachmentCount: 1,
    awsManaged: true,
    statements: [allow(["aws-portal:*Billing", "budgets:ViewBudget", "ce:Get*", "cur:DescribeReportDefinitions"])],
  },
  {
    ...ELASTICACHE_SERVICE_ROLE,
    path: "/aws-service-role/",
    description: "Lets ElastiCache manage AWS resources for your cache.",
    attachmentCount: 1,
    awsManaged: true,
    statements: [
      allow(["ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface", "ec2:DescribeSubnets", "ec2:DescribeVpcs"]),
    ],
  },
  {
    ...CONNECT_SERVICE_LINKED,
    path: "/aws-service-role/",
    description: "Lets Amazon Connect use the AWS resources it needs.",
    attachmentCount: 3,
    awsManaged: true,
    statements: [
      allow(["lex:RecognizeText", "lex:ListBots", "s3:PutObject", "kinesis:PutRecord", "kms:GenerateDataKey"]),
    ],
  },
  {
    ...CONNECT_FULL_ACCESS,
    path: "/",
    description: "Grants full access to Amazon Connect and the resources it needs.",
    attachmentCount: 1,
    awsManaged: true,
    statements: [
      allow(["connect:*", "ds:CreateAlias", "ds:AuthorizeApplication", "ds:DescribeDirectories"]),
      allow(["iam:CreateServiceLinkedRole"], ["*"], true),
    ],
  },
];

// ---------------------------------------------------------------------------------------------
// Groups.
// ---------------------------------------------------------------------------------------------
const groups: IamGroup[] = [
  {
    name: "Administrators",
    arn: iamArn("group", "Administrators"),
    path: "/",
    inlinePolicies: [],
    attachedPolicies: [ADMINISTRATOR_ACCESS],
  },
  {
    name: "BillingViewers",
    arn: iamArn("group", "BillingViewers"),
    path: "/",
    inlinePolicies: [],
    attachedPolicies: [BILLING],
  },
  {
    name: "QA",
    arn: iamArn("group", "QA"),
    path: "/",
    inlinePolicies: [
      {
        name: "qa-storefront-staging",
        statements: [
          allow(["cloudwatch:GetMetricData", "logs:FilterLogEvents"], ["*"]),
          allow(["s3:GetObject"], ["arn:aws:s3:::northwind-qa-fixtures/*"]),
        ],
      },
    ],
    attachedPolicies: [],
  },
];

// ---------------------------------------------------------------------------------------------
// Users. Each comment says what the user shows; the credential report rows below carry the dates.
// ---------------------------------------------------------------------------------------------
function user(name: string, parts: Partial<IamUser> = {}): IamUser {
  return {
    name,
    arn: iamArn("user", name),
    path: "/",
    groups: [],
    inlinePolicies: [],
    attachedPolicies: [],
    tags: [],
    ...parts,
  };
}

const users: IamUser[] = [
  // CI pipeline user: programmatic only, key rotated 49 days ago and used today.
  user("ci-deploy", {
    inlinePolicies: [
      { name: "assume-deploy-role", statements: [allow(["sts:AssumeRole"], [iamArn("role", "northwind-deploy")])] },
    ],
    tags: [{ key: "team", value: "platform" }],
  }),
  // Point-of-sale sync: key older than a year (rotation fails), still used every night.
  user("pos-sync", {
    inlinePolicies: [
      { name: "pos-sales-upload", statements: [allow(["s3:PutObject"], ["arn:aws:s3:::northwind-pos-sales/*"])] },
    ],
    tags: [{ key: "team", value: "stores" }],
  }),
  // Marketing export: key 129 days old (warning) and unused for 111 days (warning).
  user("marketing-export", {
    inlinePolicies: [
      {
        name: "personalize-segments-read",
        statements: [
          allow(
            ["s3:GetObject", "s3:ListBucket"],
            [
              "arn:aws:s3:::northwind-personalize-input-use1",
              "arn:aws:s3:::northwind-personalize-input-use1/segments/*",
            ],
          ),
        ],
      },
    ],
    tags: [{ key: "team", value: "marketing" }],
  }),
  // Contact-centre wallboard: long-lived key with Connect queue and metrics actions (warning: no contact data actions).
  user("contact-center-reporting", {
    inlinePolicies: [
      {
        name: "connect-metrics-read",
        statements: [
          allow(
            [
              "connect:ListInstances",
              "connect:ListQueues",
              "connect:DescribeQueue",
              "connect:GetMetricDataV2",
              "connect:GetCurrentMetricData",
            ],
            [CONNECT_INSTANCE_ANY],
          ),
        ],
      },
    ],
    tags: [{ key: "team", value: "customer-care" }],
  }),
  // CRM connector from 2019: AmazonConnect_FullAccess with a long-lived key (fails), key 628 days old (fails).
  user("legacy-crm-connector", {
    attachedPolicies: [CONNECT_FULL_ACCESS],
    tags: [{ key: "team", value: "customer-care" }],
  }),
  // Break-glass admin: console with MFA, no keys (admin-with-keys passes); password unused for 93 days (warning).
  user("breakglass-admin", {
    attachedPolicies: [ADMINISTRATOR_ACCESS],
    tags: [{ key: "purpose", value: "emergency-access" }],
  }),
  // Platform operator: admin through the Administrators group AND an active key (fails).
  user("platform-ops", { groups: ["Administrators"], tags: [{ key: "team", value: "platform" }] }),
  // Finance viewer: console password without MFA (fails).
  user("finance-viewer", { groups: ["BillingViewers"], tags: [{ key: "team", value: "finance" }] }),
  // QA tester: console password without MFA, never signed in since March (unused warning, MFA fails).
  user("qa-tester", { groups: ["QA"], tags: [{ key: "team", value: "qa" }] }),
];

// ---------------------------------------------------------------------------------------------
// Roles.
// ---------------------------------------------------------------------------------------------
function role(nameWithPath: string, parts: Partial<IamRole> = {}): IamRole {
  const slash = nameWithPath.lastIndexOf("/");
  return {
    name: nameWithPath.slice(slash + 1),
    arn: iamArn("role", nameWithPath),
    path: slash < 0 ? "/" : `/${nameWithPath.slice(0, slash + 1)}`,
    inlinePolicies: [],
    attachedPolicies: [],
    tags: [],
    ...parts,
  };
}

const roles: IamRole[] = [
  // Cross-account admin role that AWS Organizations creates: AdministratorAccess, listed as a warning row.
  role("OrganizationAccountAccessRole", { attachedPolicies: [ADMINISTRATOR_ACCESS] }),
  // GitHub Actions deployment role (OIDC): scoped customer managed policy.
  role("northwind-deploy", { attachedPolicies: [DEPLOY_POLICY], tags: [{ key: "team", value: "platform" }] }),
  // Old batch role with the customer managed `*:*` policy: least privilege fails.
  role("legacy-batch-role", { attachedPolicies: [LEGACY_FULL_ACCESS], tags: [{ key: "team", value: "data" }] }),
  // Notebook role with NotAction on resource `*`: everything except IAM/Organizations (warning).
  role("data-science-notebook", {
    inlinePolicies: [
      {
        name: "notebook-broad-access",
        statements: [
          {
            effect: "Allow",
            notActions: ["iam:*", "organizations:*", "account:*"],
            resources: ["*"],
            hasCondition: false,
          },
        ],
      },
    ],
    tags: [{ key: "team", value: "data-science" }],
  }),
  // Lambda that serves recommendations: scoped, but tagged with a personal e-mail address.
  role("storefront-recs-lambda", {
    inlinePolicies: [
      {
        name: "personalize-runtime",
        statements: [
          allow(
            ["personalize:GetRecommendations"],
            [
              `arn:aws:personalize:${US_EAST_1}:${DEMO_ACCOUNT_ID}:campaign/email-weekly-picks`,
              `arn:aws:personalize:${US_EAST_1}:${DEMO_ACCOUNT_ID}:recommender/storefront-most-viewed`,
            ],
          ),
        ],
      },
    ],
    tags: [
      { key: "team", value: "recommendations" },
      // planted for the detector demo: a personal e-mail address in a tag value (xc.pii-in-names-tags warns).
      { key: "owner-email", value: "jane.doe@gmail.com" },
    ],
  }),
  // Service role Personalize assumes to use the dataset groups' KMS keys.
  role("service-role/PersonalizeDatasetGroupRole", {
    inlinePolicies: [
      {
        name: "personalize-kms-and-s3",
        statements: [
          allow(
            ["kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey", "kms:CreateGrant", "kms:ListGrants"],
            [`arn:aws:kms:*:${DEMO_ACCOUNT_ID}:key/*`],
          ),
          allow(
            ["s3:GetObject", "s3:PutObject", "s3:ListBucket"],
            ["arn:aws:s3:::northwind-personalize-*", "arn:aws:s3:::northwind-personalize-*/*"],
          ),
        ],
      },
    ],
  }),
  // Cognito identity pool roles: signed-in loyalty app users, and its guests (narrow: send events only).
  role("northwind-loyalty-app-authenticated", {
    inlinePolicies: [
      {
        name: "loyalty-app-signed-in",
        statements: [
          allow(
            ["personalize:GetRecommendations"],
            [`arn:aws:personalize:${US_EAST_1}:${DEMO_ACCOUNT_ID}:recommender/storefront-most-viewed`],
          ),
          allow(["personalize:PutEvents"], ["*"]),
        ],
      },
    ],
  }),
  role("northwind-loyalty-app-guest", {
    inlinePolicies: [{ name: "loyalty-app-guest-events", statements: [allow(["personalize:PutEvents"], ["*"])] }],
  }),
  // Guest role of the AU store locator: `s3:*` on the store-assets bucket (identity pool fails).
  role("store-locator-au-guest", {
    inlinePolicies: [
      {
        name: "store-assets",
        statements: [
          allow(["s3:*"], ["arn:aws:s3:::northwind-store-assets-au", "arn:aws:s3:::northwind-store-assets-au/*"]),
        ],
      },
    ],
    tags: [{ key: "app", value: "store-locator" }],
  }),
  // Service-linked roles: skipped by least privilege.
  role("aws-service-role/elasticache.amazonaws.com/AWSServiceRoleForElastiCache", {
    attachedPolicies: [ELASTICACHE_SERVICE_ROLE],
  }),
  ...[ROLES.connectServiceLinkedCare, ROLES.connectServiceLinkedCareEu, ROLES.connectServiceLinkedCareAu].map((arn) =>
    role(arn.split(":role/")[1]!, { attachedPolicies: [CONNECT_SERVICE_LINKED] }),
  ),
];

// ---------------------------------------------------------------------------------------------
// Credential report (reused: generated 44 minutes before the scan, IAM regenerates at most every 4 h).
// ---------------------------------------------------------------------------------------------
const NO_KEY = { active: false } as const;

function row(name: string, parts: Omit<CredentialReportRow, "user" | "arn">): CredentialReportRow {
  return { user: name, arn: iamArn("user", name), ...parts };
}

const rows: CredentialReportRow[] = [
  // Root: MFA on (virtual device); one active access key from 2017 used by an old billing export
  // (root-access-keys fails); password used 11 days ago to change tax settings (root-recent-use warns).
  {
    user: ROOT_ACCOUNT_USER,
    arn: `arn:aws:iam::${DEMO_ACCOUNT_ID}:root`,
    userCreationTime: "2016-03-14T09:12:55Z",
    passwordEnabled: true,
    passwordLastUsed: "2026-11-09T17:24:08Z",
    mfaActive: true,
    accessKeys: [{ active: true, lastRotated: "2017-05-02T10:31:44Z", lastUsed: "2026-09-30T03:00:12Z" }, NO_KEY],
  },
  row("ci-deploy", {
    userCreationTime: "2023-02-07T15:20:11Z",
    passwordEnabled: false,
    mfaActive: false,
    accessKeys: [
      { active: true, lastRotated: "2026-10-02T14:05:33Z", lastUsed: "2026-11-20T07:31:00Z" },
      // The previous key, deactivated after the rotation and not yet deleted.
      { active: false, lastRotated: "2026-06-30T09:12:40Z", lastUsed: "2026-10-02T13:58:00Z" },
    ],
  }),
  row("pos-sync", {
    userCreationTime: "2021-08-16T11:02:37Z",
    passwordEnabled: false,
    mfaActive: false,
    accessKeys: [{ active: true, lastRotated: "2024-06-11T08:20:00Z", lastUsed: "2026-11-19T23:58:00Z" }, NO_KEY],
  }),
  row("marketing-export", {
    userCreationTime: "2025-04-03T13:44:09Z",
    passwordEnabled: false,
    mfaActive: false,
    accessKeys: [{ active: true, lastRotated: "2026-07-14T10:00:00Z", lastUsed: "2026-08-01T06:15:00Z" }, NO_KEY],
  }),
  row("contact-center-reporting", {
    userCreationTime: "2025-01-20T08:30:52Z",
    passwordEnabled: false,
    mfaActive: false,
    accessKeys: [{ active: true, lastRotated: "2026-09-15T12:00:00Z", lastUsed: "2026-11-20T06:00:00Z" }, NO_KEY],
  }),
  row("legacy-crm-connector", {
    userCreationTime: "2019-11-04T16:48:21Z",
    passwordEnabled: false,
    mfaActive: false,
    accessKeys: [{ active: true, lastRotated: "2025-03-02T09:41:17Z", lastUsed: "2026-11-20T07:40:00Z" }, NO_KEY],
  }),
  row("breakglass-admin", {
    userCreationTime: "2018-05-22T10:05:43Z",
    passwordEnabled: true,
    passwordLastUsed: "2026-08-19T22:14:36Z",
    mfaActive: true,
    accessKeys: [NO_KEY, NO_KEY],
  }),
  row("platform-ops", {
    userCreationTime: "2020-01-13T09:27:05Z",
    passwordEnabled: true,
    passwordLastUsed: "2026-11-19T16:40:12Z",
    mfaActive: true,
    accessKeys: [{ active: true, lastRotated: "2026-10-28T11:22:48Z", lastUsed: "2026-11-20T07:45:00Z" }, NO_KEY],
  }),
  row("finance-viewer", {
    userCreationTime: "2024-02-12T14:10:30Z",
    passwordEnabled: true,
    passwordLastUsed: "2026-11-18T09:05:51Z",
    mfaActive: false,
    accessKeys: [NO_KEY, NO_KEY],
  }),
  row("qa-tester", {
    userCreationTime: "2026-03-10T10:00:19Z",
    passwordEnabled: true,
    mfaActive: false,
    accessKeys: [NO_KEY, NO_KEY],
  }),
];

export const demoIam: IamInventory = {
  summary: { accountMfaEnabled: true, accountAccessKeysPresent: true, accountPasswordPresent: true },
  credentialReport: { generatedTime: "2026-11-20T07:58:41Z", rows },
  // Set, but weaker than the CIS-style thresholds (length 14, reuse 24): a warning.
  passwordPolicy: {
    minimumPasswordLength: 12,
    requireSymbols: true,
    requireNumbers: true,
    requireUppercaseCharacters: true,
    requireLowercaseCharacters: true,
    passwordReusePrevention: 5,
    maxPasswordAge: 90,
    expirePasswords: true,
    hardExpiry: false,
    allowUsersToChangePassword: true,
  },
  authorization: { users, groups, roles, policies },
  virtualMfaDevices: [
    // The root MFA is a virtual device (shown as "virtual, not hardware").
    {
      serialNumber: `arn:aws:iam::${DEMO_ACCOUNT_ID}:mfa/root-account-mfa-device`,
      userArn: `arn:aws:iam::${DEMO_ACCOUNT_ID}:root`,
    },
    {
      serialNumber: `arn:aws:iam::${DEMO_ACCOUNT_ID}:mfa/breakglass-admin`,
      userArn: iamArn("user", "breakglass-admin"),
    },
    { serialNumber: `arn:aws:iam::${DEMO_ACCOUNT_ID}:mfa/platform-ops`, userArn: iamArn("user", "platform-ops") },
  ],
  accountAliases: ["northwind-retail-prod"],
  oidcProviders: [
    // GitHub Actions deploys through the northwind-deploy role.
    {
      arn: `arn:aws:iam::${DEMO_ACCOUNT_ID}:oidc-provider/token.actions.githubusercontent.com`,
      url: "https://token.actions.githubusercontent.com",
    },
    // The storefront EKS cluster's service-account issuer.
    {
      arn: `arn:aws:iam::${DEMO_ACCOUNT_ID}:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/5E1D7C0A9B3F4E26A8C4D7B1F0E93A62`,
      url: "https://oidc.eks.us-east-1.amazonaws.com/id/5E1D7C0A9B3F4E26A8C4D7B1F0E93A62",
    },
  ],
  // One DescribeVpcEndpoints call per region with resources: STS endpoints in two of them.
  stsVpcEndpoints: [
    {
      region: US_EAST_1,
      endpoints: [
        {
          id: "vpce-0a7f3c91d2e84b650",
          vpcId: "vpc-0c41e7a9b2d3f5068",
          serviceName: "com.amazonaws.us-east-1.sts",
          state: "available",
          type: "Interface",
          privateDnsEnabled: true,
        },
      ],
    },
    { region: EU_WEST_1, endpoints: [] },
    { region: "eu-central-1", endpoints: [] },
    {
      region: AP_SOUTHEAST_2,
      endpoints: [
        {
          id: "vpce-06d2b8e4f1a9c3705",
          vpcId: "vpc-09b3d6f1e8a2c4710",
          serviceName: "com.amazonaws.ap-southeast-2.sts",
          state: "available",
          type: "Interface",
          privateDnsEnabled: true,
        },
      ],
    },
  ],
};
