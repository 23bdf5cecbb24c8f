/** IAM and STS inventory (global: collected once per partition). */
import type { Tag } from "./common";
import type { AttachedPolicy, InlinePolicy, PolicyStatement } from "./policy";

/** GetAccountSummary, the root user's part. */
export interface AccountSummary {
  accountMfaEnabled: boolean;
  accountAccessKeysPresent: boolean;
  /** Undocumented semantics; only used to soften a root-MFA failure (docs/controls.md#caveats). */
  accountPasswordPresent?: boolean;
}

export interface AccessKeyUsage {
  active: boolean;
  /** ISO date, undefined for "N/A". */
  lastRotated?: string;
  lastUsed?: string;
}

/** One row of the credential report. The root user's row has `user === "<root_account>"`. */
export interface CredentialReportRow {
  user: string;
  arn: string;
  userCreationTime?: string;
  /** "not_supported" is what the report says for the root user in some accounts. */
  passwordEnabled: boolean;
  /** ISO date; undefined when never used or no information. */
  passwordLastUsed?: string;
  mfaActive: boolean;
  accessKeys: [AccessKeyUsage, AccessKeyUsage];
}

export interface CredentialReport {
  generatedTime: string;
  rows: CredentialReportRow[];
}

export const ROOT_ACCOUNT_USER = "<root_account>";

export interface PasswordPolicy {
  minimumPasswordLength?: number;
  requireSymbols?: boolean;
  requireNumbers?: boolean;
  requireUppercaseCharacters?: boolean;
  requireLowercaseCharacters?: boolean;
  passwordReusePrevention?: number;
  maxPasswordAge?: number;
  expirePasswords?: boolean;
  hardExpiry?: boolean;
  allowUsersToChangePassword?: boolean;
}

export interface IamUser {
  name: string;
  arn: string;
  path?: string;
  groups: string[];
  inlinePolicies: InlinePolicy[];
  attachedPolicies: AttachedPolicy[];
  tags: Tag[];
}

export interface IamGroup {
  name: string;
  arn: string;
  path?: string;
  inlinePolicies: InlinePolicy[];
  attachedPolicies: AttachedPolicy[];
}

export interface IamRole {
  name: string;
  arn: string;
  path?: string;
  inlinePolicies: InlinePolicy[];
  attachedPolicies: AttachedPolicy[];
  tags: Tag[];
}

export interface ManagedPolicy {
  name: string;
  arn: string;
  path?: string;
  description?: string;
  attachmentCount: number;
  /** `arn:aws:iam::aws:policy/...` */
  awsManaged: boolean;
  /** The default version's statements. */
  statements: PolicyStatement[];
}

export interface OidcProvider {
  arn: string;
  url: string;
}

export interface VpcEndpoint {
  id: string;
  vpcId?: string;
  serviceName: string;
  state?: string;
  type?: string;
  privateDnsEnabled?: boolean;
}

export interface StsVpcEndpointsRegion {
  region: string;
  endpoints: VpcEndpoint[];
}

/**
 * Fields are undefined when their call failed (the failure is in `Inventory.errors`), so a control
 * can tell "not collected" from "empty".
 */
export interface IamInventory {
  summary?: AccountSummary;
  credentialReport?: CredentialReport;
  /** null: no custom policy is set (NoSuchEntity), the AWS default applies. */
  passwordPolicy?: PasswordPolicy | null;
  /** From GetAccountAuthorizationDetails; undefined when that call failed. */
  authorization?: {
    users: IamUser[];
    groups: IamGroup[];
    roles: IamRole[];
    /** Customer managed policies, plus AWS managed ones when collected. */
    policies: ManagedPolicy[];
  };
  virtualMfaDevices?: { serialNumber: string; userArn?: string }[];
  accountAliases?: string[];
  oidcProviders?: OidcProvider[];
  stsVpcEndpoints?: StsVpcEndpointsRegion[];
}
