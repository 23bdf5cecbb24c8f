/**
 * Pure mappings from IAM SDK objects to Safekeep's inventory types. Policy documents arrive
 * URL-encoded (RFC 3986) from GetAccountAuthorizationDetails and are decoded and parsed here into
 * PolicyStatement, so controls never see raw JSON. Secrets are never copied: virtual MFA devices
 * keep only their serial number and user, not the seed or QR code the API can return.
 */
import type {
  AttachedPolicy as SdkAttachedPolicy,
  GetAccountPasswordPolicyResponse,
  GetOpenIDConnectProviderResponse,
  GroupDetail,
  ManagedPolicyDetail,
  PolicyDetail,
  RoleDetail,
  Tag as SdkTag,
  UserDetail,
  VirtualMFADevice,
} from "@aws-sdk/client-iam";
import type {
  AccountSummary,
  AttachedPolicy,
  IamGroup,
  IamRole,
  IamUser,
  InlinePolicy,
  ManagedPolicy,
  OidcProvider,
  PasswordPolicy,
  PolicyStatement,
  Tag,
} from "@/lib/inventory";

/** `arn:<partition>:iam::aws:policy/...`: policies AWS owns and maintains. */
const AWS_MANAGED_POLICY_ARN = /^arn:[\w-]+:iam::aws:policy\//;

export function isAwsManagedPolicyArn(arn: string): boolean {
  return AWS_MANAGED_POLICY_ARN.test(arn);
}

/** GetAccountSummary's SummaryMap: only the root user's part. */
export function toAccountSummary(summaryMap: Partial<Record<string, number>> | undefined): AccountSummary {
  const map = summaryMap ?? {};
  return {
    accountMfaEnabled: map.AccountMFAEnabled === 1,
    accountAccessKeysPresent: (map.AccountAccessKeysPresent ?? 0) > 0,
    accountPasswordPresent: map.AccountPasswordPresent === undefined ? undefined : map.AccountPasswordPresent > 0,
  };
}

export function toPasswordPolicy(policy: GetAccountPasswordPolicyResponse["PasswordPolicy"]): PasswordPolicy {
  return {
    minimumPasswordLength: policy?.MinimumPasswordLength,
    requireSymbols: policy?.RequireSymbols,
    requireNumbers: policy?.RequireNumbers,
    requireUppercaseCharacters: policy?.RequireUppercaseCharacters,
    requireLowercaseCharacters: policy?.RequireLowercaseCharacters,
    passwordReusePrevention: policy?.PasswordReusePrevention,
    maxPasswordAge: policy?.MaxPasswordAge,
    expirePasswords: policy?.ExpirePasswords,
    hardExpiry: policy?.HardExpiry,
    allowUsersToChangePassword: policy?.AllowUsersToChangePassword,
  };
}

/** `Action: "s3:GetObject"` and `Action: ["s3:GetObject"]` mean the same; undefined stays undefined. */
function asList(value: unknown): string[] | undefined {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === "string");
  return undefined;
}

function toStatement(raw: unknown): PolicyStatement | undefined {
  if (typeof raw !== "object" || raw === null) return undefined;
  const statement = raw as Record<string, unknown>;
  if (statement.Effect !== "Allow" && statement.Effect !== "Deny") return undefined;
  const condition = statement.Condition;
  return {
    effect: statement.Effect,
    actions: asList(statement.Action),
    notActions: asList(statement.NotAction),
    resources: asList(statement.Resource),
    notResources: asList(statement.NotResource),
    // An empty Condition block restricts nothing.
    hasCondition: typeof condition === "object" && condition !== null && Object.keys(condition).length > 0,
  };
}

/**
 * Decodes and parses one policy document. The API URL-encodes documents; one that already starts
 * with "{" is taken as plain JSON (some endpoints and emulators return it decoded). A document that
 * cannot be read yields no statements: IAM only stores valid JSON, so this does not happen with AWS.
 */
export function parsePolicyDocument(document: string | undefined): PolicyStatement[] {
  if (!document) return [];
  try {
    const json = document.trimStart().startsWith("{") ? document : decodeURIComponent(document);
    const parsed = JSON.parse(json) as { Statement?: unknown };
    const statements = Array.isArray(parsed.Statement) ? parsed.Statement : [parsed.Statement];
    return statements.flatMap((raw) => toStatement(raw) ?? []);
  } catch {
    return [];
  }
}

function toInlinePolicies(list: readonly PolicyDetail[] | undefined): InlinePolicy[] {
  return (list ?? []).map((policy) => ({
    name: policy.PolicyName ?? "",
    statements: parsePolicyDocument(policy.PolicyDocument),
  }));
}

function toAttachedPolicies(list: readonly SdkAttachedPolicy[] | undefined): AttachedPolicy[] {
  return (list ?? []).flatMap((policy) =>
    policy.PolicyArn ? [{ name: policy.PolicyName ?? "", arn: policy.PolicyArn }] : [],
  );
}

function toTags(tags: readonly SdkTag[] | undefined): Tag[] {
  return (tags ?? []).map((tag) => ({ key: tag.Key ?? "", value: tag.Value ?? "" }));
}

export function toIamUser(user: UserDetail): IamUser {
  return {
    name: user.UserName ?? "",
    arn: user.Arn ?? "",
    path: user.Path,
    groups: user.GroupList ?? [],
    inlinePolicies: toInlinePolicies(user.UserPolicyList),
    attachedPolicies: toAttachedPolicies(user.AttachedManagedPolicies),
    tags: toTags(user.Tags),
  };
}

export function toIamGroup(group: GroupDetail): IamGroup {
  return {
    name: group.GroupName ?? "",
    arn: group.Arn ?? "",
    path: group.Path,
    inlinePolicies: toInlinePolicies(group.GroupPolicyList),
    attachedPolicies: toAttachedPolicies(group.AttachedManagedPolicies),
  };
}

/** Service-linked roles are kept (with their path); controls decide to skip them. */
export function toIamRole(role: RoleDetail): IamRole {
  return {
    name: role.RoleName ?? "",
    arn: role.Arn ?? "",
    path: role.Path,
    inlinePolicies: toInlinePolicies(role.RolePolicyList),
    attachedPolicies: toAttachedPolicies(role.AttachedManagedPolicies),
    tags: toTags(role.Tags),
  };
}

/** The default version's statements: the only version IAM evaluates. */
export function toManagedPolicy(policy: ManagedPolicyDetail): ManagedPolicy {
  const versions = policy.PolicyVersionList ?? [];
  const defaultVersion =
    versions.find((version) => version.IsDefaultVersion === true) ??
    versions.find((version) => version.VersionId === policy.DefaultVersionId);
  const arn = policy.Arn ?? "";
  return {
    name: policy.PolicyName ?? "",
    arn,
    path: policy.Path,
    description: policy.Description,
    attachmentCount: policy.AttachmentCount ?? 0,
    awsManaged: isAwsManagedPolicyArn(arn),
    statements: parsePolicyDocument(defaultVersion?.Document),
  };
}

/**
 * AWS managed policies come back only to read what attached ones allow; the hundreds nobody in
 * the account uses are dropped. Customer managed policies are all kept (controls judge attachment).
 */
export function isPolicyKept(policy: ManagedPolicy): boolean {
  return !policy.awsManaged || policy.attachmentCount > 0;
}

/** Serial number and user only: never the Base32 seed or QR code PNG. */
export function toVirtualMfaDevice(device: VirtualMFADevice): { serialNumber: string; userArn?: string } {
  return { serialNumber: device.SerialNumber ?? "", userArn: device.User?.Arn };
}

/**
 * IAM stores an OIDC provider's URL without its scheme ("token.actions.githubusercontent.com"),
 * although it must be https when created; the scheme is put back so URL checks see a real URL.
 */
export function toOidcProvider(arn: string, provider: GetOpenIDConnectProviderResponse): OidcProvider | undefined {
  const url = provider.Url?.trim();
  if (!url) return undefined;
  return { arn, url: /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `https://${url}` };
}
