import type {
  AccessKeyUsage,
  AccountSummary,
  CredentialReport,
  CredentialReportRow,
  IamGroup,
  IamInventory,
  IamRole,
  IamUser,
  Inventory,
  ManagedPolicy,
  PasswordPolicy,
  PolicyStatement,
  StsVpcEndpointsRegion,
  VpcEndpoint,
} from "../index";
import { ROOT_ACCOUNT_USER } from "../iam";
import { buildInventory, TEST_ACCOUNT, TEST_REGION } from "./common";

/** The clock IAM builders count back from; IAM control tests evaluate with this `now`. */
export const IAM_TEST_NOW = new Date("2026-06-01T00:00:00.000Z");

/** ISO time `days` days before `from` (IAM_TEST_NOW by default), for report dates. */
export function isoDaysAgo(days: number, from: Date = IAM_TEST_NOW): string {
  return new Date(from.getTime() - days * 86_400_000).toISOString();
}

export function iamArn(kind: "user" | "group" | "role" | "policy", name: string): string {
  return `arn:aws:iam::${TEST_ACCOUNT}:${kind}/${name}`;
}

export const TEST_ROOT_ARN = `arn:aws:iam::${TEST_ACCOUNT}:root`;

export const ADMINISTRATOR_ACCESS = {
  name: "AdministratorAccess",
  arn: "arn:aws:iam::aws:policy/AdministratorAccess",
} as const;

/** An inventory holding the given IAM data; the scan covered the IAM and account-level controls. */
export function iamInventory(iam: Partial<IamInventory> = {}): Inventory {
  return buildInventory({ services: ["iam", "account"], iam: { ...iam } });
}

export function accountSummary(overrides: Partial<AccountSummary> = {}): AccountSummary {
  return { accountMfaEnabled: true, accountAccessKeysPresent: false, accountPasswordPresent: true, ...overrides };
}

export function accessKey(overrides: Partial<AccessKeyUsage> = {}): AccessKeyUsage {
  return { active: true, lastRotated: isoDaysAgo(30), lastUsed: isoDaysAgo(1), ...overrides };
}

export const NO_ACCESS_KEY: AccessKeyUsage = { active: false };

/**
 * A healthy console user: password used two days ago, MFA on, one key rotated 30 days ago and used
 * yesterday. `user` sets the ARN too unless `arn` is given.
 */
export function credentialRow(overrides: Partial<CredentialReportRow> = {}): CredentialReportRow {
  const user = overrides.user ?? "deploy-bot";
  return {
    user,
    arn: iamArn("user", user),
    userCreationTime: isoDaysAgo(400),
    passwordEnabled: true,
    passwordLastUsed: isoDaysAgo(2),
    mfaActive: true,
    accessKeys: [accessKey(), NO_ACCESS_KEY],
    ...overrides,
  };
}

/** The root user's row: MFA on, no keys, password last used 200 days ago ("not_supported" → false). */
export function rootCredentialRow(overrides: Partial<CredentialReportRow> = {}): CredentialReportRow {
  return {
    user: ROOT_ACCOUNT_USER,
    arn: TEST_ROOT_ARN,
    userCreationTime: isoDaysAgo(3000),
    passwordEnabled: false,
    passwordLastUsed: isoDaysAgo(200),
    mfaActive: true,
    accessKeys: [NO_ACCESS_KEY, NO_ACCESS_KEY],
    ...overrides,
  };
}

/** A credential report generated an hour before IAM_TEST_NOW. */
export function credentialReport(rows: CredentialReportRow[], generatedTime = isoDaysAgo(1 / 24)): CredentialReport {
  return { generatedTime, rows };
}

/** The CIS-style strong policy (length 14, all character classes, reuse prevention 24). */
export function passwordPolicy(overrides: Partial<PasswordPolicy> = {}): PasswordPolicy {
  return {
    minimumPasswordLength: 14,
    requireSymbols: true,
    requireNumbers: true,
    requireUppercaseCharacters: true,
    requireLowercaseCharacters: true,
    passwordReusePrevention: 24,
    maxPasswordAge: 90,
    expirePasswords: true,
    hardExpiry: false,
    allowUsersToChangePassword: true,
    ...overrides,
  };
}

export function allowStatement(actions: string[], resources: string[] = ["*"], hasCondition = false): PolicyStatement {
  return { effect: "Allow", actions, resources, hasCondition };
}

export function iamUser(overrides: Partial<IamUser> = {}): IamUser {
  const name = overrides.name ?? "deploy-bot";
  return {
    name,
    arn: iamArn("user", name),
    path: "/",
    groups: [],
    inlinePolicies: [],
    attachedPolicies: [],
    tags: [],
    ...overrides,
  };
}

export function iamGroup(overrides: Partial<IamGroup> = {}): IamGroup {
  const name = overrides.name ?? "developers";
  return { name, arn: iamArn("group", name), path: "/", inlinePolicies: [], attachedPolicies: [], ...overrides };
}

export function iamRole(overrides: Partial<IamRole> = {}): IamRole {
  const name = overrides.name ?? "app-role";
  return {
    name,
    arn: iamArn("role", name),
    path: "/",
    inlinePolicies: [],
    attachedPolicies: [],
    tags: [],
    ...overrides,
  };
}

/** A customer managed policy, attached once, granting a scoped read. */
export function managedPolicy(overrides: Partial<ManagedPolicy> = {}): ManagedPolicy {
  const name = overrides.name ?? "ReadOrders";
  return {
    name,
    arn: iamArn("policy", name),
    path: "/",
    attachmentCount: 1,
    awsManaged: false,
    statements: [allowStatement(["s3:GetObject"], ["arn:aws:s3:::orders/*"])],
    ...overrides,
  };
}

/** The authorization details part, empty lists unless given. */
export function authorization(
  parts: Partial<NonNullable<IamInventory["authorization"]>> = {},
): NonNullable<IamInventory["authorization"]> {
  return { users: [], groups: [], roles: [], policies: [], ...parts };
}

export function vpcEndpoint(overrides: Partial<VpcEndpoint> = {}): VpcEndpoint {
  return {
    id: "vpce-0a7f3c91d2e84b650",
    vpcId: "vpc-0c41e7a9b2d3f5068",
    serviceName: `com.amazonaws.${TEST_REGION}.sts`,
    state: "available",
    type: "Interface",
    privateDnsEnabled: true,
    ...overrides,
  };
}

export function stsVpcEndpointsRegion(
  endpoints: VpcEndpoint[] = [vpcEndpoint()],
  region: string = TEST_REGION,
): StsVpcEndpointsRegion {
  return { region, endpoints };
}
