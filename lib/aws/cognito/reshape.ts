/**
 * Pure mappings from Cognito SDK objects to Safekeep's inventory types. Enum values pass through as
 * the API returns them; a missing field stays undefined so controls can tell "not reported" from
 * "off", and missing lists become [].
 *
 * Secrets: `DescribeUserPoolClient` returns the app client's `ClientSecret`. `toAppClient` reads it
 * only to record `hasSecret`; the value is never copied into anything it returns (docs/controls.md#evidence).
 */
import type {
  GetLogDeliveryConfigurationResponse,
  GetUserPoolMfaConfigResponse,
  LogConfigurationType,
  RiskConfigurationType,
  UserPoolClientType,
  UserPoolType,
} from "@aws-sdk/client-cognito-identity-provider";
import type { IdentityPool as SdkIdentityPool } from "@aws-sdk/client-cognito-identity";
import type {
  AppClient,
  IdentityPool,
  LogConfiguration,
  MfaFactors,
  RiskConfiguration,
  Tag,
  UserPool,
} from "@/lib/inventory";
import { parseArn } from "@/lib/inventory/arn";

export function toTags(tags: Record<string, string> | undefined): Tag[] {
  return Object.entries(tags ?? {}).map(([key, value]) => ({ key, value }));
}

/** Account id and partition of an ARN that names both (`arn:<partition>:<service>:<region>:<account>:...`). */
export function arnParts(arn: string): { partition: string; accountId: string } | undefined {
  const parsed = parseArn(arn);
  if (!parsed?.partition || !parsed.accountId) return undefined;
  return { partition: parsed.partition, accountId: parsed.accountId };
}

/** User pool ARN format, used only when DescribeUserPool leaves `Arn` out. */
export function userPoolArn(partition: string, region: string, accountId: string, id: string): string {
  return `arn:${partition}:cognito-idp:${region}:${accountId}:userpool/${id}`;
}

/**
 * Identity pools have no ARN in any API response; this is the documented format
 * (`arn:<partition>:cognito-identity:<region>:<account>:identitypool/<id>`).
 */
export function identityPoolArn(partition: string, region: string, accountId: string, id: string): string {
  return `arn:${partition}:cognito-identity:${region}:${accountId}:identitypool/${id}`;
}

/**
 * Which MFA factors the pool offers. SMS and email count when their configuration block is present
 * (the API returns them only when the factor is set up); a passkey counts as MFA only when it is
 * configured to satisfy MFA (`MULTI_FACTOR_WITH_USER_VERIFICATION`), otherwise it is a single factor.
 */
export function toMfaFactors(config: GetUserPoolMfaConfigResponse): MfaFactors {
  return {
    sms: config.SmsMfaConfiguration !== undefined,
    softwareToken: config.SoftwareTokenMfaConfiguration?.Enabled === true,
    email: config.EmailMfaConfiguration !== undefined,
    webAuthn: config.WebAuthnConfiguration?.FactorConfiguration === "MULTI_FACTOR_WITH_USER_VERIFICATION",
  };
}

export function toLogConfiguration(config: LogConfigurationType): LogConfiguration {
  const destination: LogConfiguration["destination"] = config.CloudWatchLogsConfiguration
    ? "cloudwatch-logs"
    : config.S3Configuration
      ? "s3"
      : config.FirehoseConfiguration
        ? "firehose"
        : "unknown";
  return { eventSource: config.EventSource, logLevel: config.LogLevel, destination };
}

/** An answer without a configuration block means nothing is configured. */
export function toLogConfigurations(response: GetLogDeliveryConfigurationResponse): LogConfiguration[] {
  return (response.LogDeliveryConfiguration?.LogConfigurations ?? []).map(toLogConfiguration);
}

/**
 * The pool as DescribeUserPool reports it; MFA factors, log delivery and clients are added later.
 * `fallback` fills in identifiers the response leaves out (the request named the pool).
 */
export function toUserPool(pool: UserPoolType, fallback: { id: string; arn: string }, region: string): UserPool {
  return {
    id: pool.Id ?? fallback.id,
    name: pool.Name ?? "",
    arn: pool.Arn ?? fallback.arn,
    region,
    mfaConfiguration: pool.MfaConfiguration,
    deletionProtection: pool.DeletionProtection,
    advancedSecurityMode: pool.UserPoolAddOns?.AdvancedSecurityMode,
    userPoolTier: pool.UserPoolTier,
    // DescribeUserPool reports every trigger the pool has, so a missing one is known to be absent.
    customAuthTrigger: Boolean(pool.LambdaConfig?.DefineAuthChallenge),
    keyConfiguration: pool.KeyConfiguration
      ? { keyType: pool.KeyConfiguration.KeyType, kmsKeyArn: pool.KeyConfiguration.KmsKeyArn }
      : undefined,
    tags: toTags(pool.UserPoolTags),
    domain: pool.Domain,
    customDomain: pool.CustomDomain,
    estimatedNumberOfUsers: pool.EstimatedNumberOfUsers,
  };
}

/**
 * The pool-level actions of threat protection (DescribeRiskConfiguration). A configuration block the
 * answer leaves out sets no action, so its fields stay undefined; notification templates, IP lists
 * and sender addresses are not kept.
 */
export function toRiskConfiguration(config: RiskConfigurationType | undefined): RiskConfiguration {
  const takeover = config?.AccountTakeoverRiskConfiguration?.Actions;
  return {
    lowAction: takeover?.LowAction?.EventAction,
    mediumAction: takeover?.MediumAction?.EventAction,
    highAction: takeover?.HighAction?.EventAction,
    compromisedCredentialsAction: config?.CompromisedCredentialsRiskConfiguration?.Actions?.EventAction,
  };
}

/**
 * Records only whether the client has a secret: the secret itself is dropped here, never stored.
 * `ids` fills in identifiers the response leaves out (the request named them).
 */
export function toAppClient(
  client: UserPoolClientType,
  ids: { clientId: string; userPoolId: string },
  region: string,
): AppClient {
  return {
    clientId: client.ClientId ?? ids.clientId,
    name: client.ClientName ?? "",
    userPoolId: client.UserPoolId ?? ids.userPoolId,
    region,
    explicitAuthFlows: client.ExplicitAuthFlows ?? [],
    allowedOAuthFlows: client.AllowedOAuthFlows ?? [],
    allowedOAuthFlowsUserPoolClient: client.AllowedOAuthFlowsUserPoolClient === true,
    callbackUrls: client.CallbackURLs ?? [],
    logoutUrls: client.LogoutURLs ?? [],
    defaultRedirectUri: client.DefaultRedirectURI,
    supportedIdentityProviders: client.SupportedIdentityProviders ?? [],
    preventUserExistenceErrors: client.PreventUserExistenceErrors,
    enableTokenRevocation: client.EnableTokenRevocation,
    hasSecret: typeof client.ClientSecret === "string" && client.ClientSecret !== "",
  };
}

/** GetIdentityPoolRoles `Roles` map (`authenticated` / `unauthenticated` → role ARN). */
export function toIdentityPoolRoles(roles: Record<string, string> | undefined): IdentityPool["roles"] {
  return { authenticated: roles?.authenticated, unauthenticated: roles?.unauthenticated };
}

export function toIdentityPool(
  pool: SdkIdentityPool,
  ids: { id: string; arn: string },
  region: string,
  roles?: IdentityPool["roles"],
): IdentityPool {
  return {
    id: pool.IdentityPoolId ?? ids.id,
    name: pool.IdentityPoolName ?? "",
    arn: ids.arn,
    region,
    allowUnauthenticatedIdentities: pool.AllowUnauthenticatedIdentities === true,
    allowClassicFlow: pool.AllowClassicFlow,
    tags: toTags(pool.IdentityPoolTags),
    roles,
  };
}
