/**
 * Credentials for scanning another account of the organization: the SDK's own `fromTemporaryCredentials`
 * assumes the member role with the caller's default credential chain, and one set of temporary
 * credentials is shared by every client of that account's scan.
 */
import { fromTemporaryCredentials, type FromTemporaryCredentialsOptions } from "@aws-sdk/credential-providers";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import { sanitizeMessage } from "@/lib/detectors/sanitize";
import { sharedClientConfig } from "../clients";
import { classifyAwsError, type ClassifiedError } from "../errors";
import { DEFAULT_ROLE_SESSION_NAME } from "./role-names";

/** An SDK credential provider, named here so code outside lib/aws need not import SDK types. */
export type AccountCredentials = AwsCredentialIdentityProvider;

export { DEFAULT_ROLE_NAME, DEFAULT_ROLE_SESSION_NAME } from "./role-names";

/**
 * Renew this long before the credentials expire, so a call signed just before the end is not
 * refused on arrival (the SDK clients keep the same margin for credentials they resolve themselves).
 */
export const RENEW_BEFORE_EXPIRY_MS = 5 * 60_000;

export interface AssumeRoleSettings {
  roleName: string;
  /** Only when the member role's trust policy asks for one; it is a shared secret, never shown or stored. */
  externalId?: string;
  roleSessionName?: string;
}

export interface AssumeRoleTarget {
  accountId: string;
  /** The caller's partition: members of an organization are always in its partition. */
  partition: string;
  /** The Region whose STS endpoint issues the credentials (the scan's home Region). */
  region: string;
}

/** The role could not be assumed; `message` is safe to print and store (no secrets, no external id). */
export class AssumeRoleError extends Error {
  override name = "AssumeRoleError";
  constructor(
    readonly roleArn: string,
    readonly classified: ClassifiedError,
  ) {
    super(`could not assume ${roleArn}: ${classified.message}`);
  }
}

export function roleArnFor(partition: string, accountId: string, roleName: string): string {
  return `arn:${partition}:iam::${accountId}:role/${roleName}`;
}

type ProviderFactory = (options: FromTemporaryCredentialsOptions) => AwsCredentialIdentityProvider;

/**
 * A credential provider for the member role `arn:<partition>:iam::<account>:role/<roleName>`.
 * `factory` is the SDK's `fromTemporaryCredentials`, replaced only in tests.
 */
export function assumeRoleCredentials(
  target: AssumeRoleTarget,
  settings: AssumeRoleSettings,
  factory: ProviderFactory = fromTemporaryCredentials,
): AwsCredentialIdentityProvider {
  const roleArn = roleArnFor(target.partition, target.accountId, settings.roleName);
  const config = sharedClientConfig(target.region);
  const provider = factory({
    params: {
      RoleArn: roleArn,
      RoleSessionName: settings.roleSessionName ?? DEFAULT_ROLE_SESSION_NAME,
      ...(settings.externalId === undefined ? {} : { ExternalId: settings.externalId }),
    },
    // Same patience as every other call; fewer attempts, as for GetCallerIdentity, because a
    // refused role should become that account's failure quickly rather than after long retries.
    clientConfig: { ...config, maxAttempts: Math.min(3, config.maxAttempts) },
  });
  const explained: AwsCredentialIdentityProvider = async () => {
    try {
      return await provider();
    } catch (error) {
      const classified = classifyAwsError(error, "sts:AssumeRole");
      throw new AssumeRoleError(roleArn, {
        ...classified,
        message: safeReason(classified, settings.externalId),
      });
    }
  };
  return sharedUntilExpiry(explained);
}

/**
 * For access denied, only the action (AWS's message names the caller's own principal, which is
 * not needed to act on it); otherwise the sanitised message. The external id is removed in any case.
 */
function safeReason(classified: ClassifiedError, externalId: string | undefined): string {
  const text = classified.kind === "access-denied" ? `access denied (${classified.action})` : classified.message;
  const withoutId = externalId && externalId.length > 0 ? text.split(externalId).join("[redacted]") : text;
  return sanitizeMessage(withoutId);
}

/**
 * One set of credentials for every client that asks, until it is close to expiry: each scan
 * creates a client per service and Region, and each SDK client otherwise assumes the role itself,
 * which would cost dozens of AssumeRole calls per account. A failure is not kept, so the next
 * caller tries again.
 */
export function sharedUntilExpiry(
  provider: AwsCredentialIdentityProvider,
  now: () => number = Date.now,
): AwsCredentialIdentityProvider {
  let current: AwsCredentialIdentity | undefined;
  let pending: Promise<AwsCredentialIdentity> | undefined;
  const fresh = (credentials: AwsCredentialIdentity) =>
    credentials.expiration === undefined || credentials.expiration.getTime() - now() > RENEW_BEFORE_EXPIRY_MS;
  return () => {
    if (current && fresh(current)) return Promise.resolve(current);
    pending ??= provider()
      .then((credentials) => {
        current = credentials;
        return credentials;
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };
}
