import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import { accessProblemCode, type AccessProblemCode } from "../access-problem";
import { sharedClientConfig } from "../clients";
import { classifyAwsError } from "../errors";
import { sanitizeMessage } from "@/lib/detectors/sanitize";
import { parseArn } from "@/lib/inventory/arn";
import { AssumeRoleError } from "./assume-role";

export interface CallerIdentity {
  accountId: string;
  partition: string;
  /** The region the SDK resolved from AWS_REGION or the profile: the scan's home region. */
  region: string;
}

export class IdentityError extends Error {
  override name = "IdentityError";
  /** The cause, for callers that word it for their own audience (the web page: lib/scan/start-problems.ts). */
  constructor(
    message: string,
    readonly code: AccessProblemCode = "other",
  ) {
    super(message);
  }
}

/** `arn:<partition>:sts::<account>:assumed-role/...` → partition. */
export function partitionOf(arn: string | undefined): string {
  return parseArn(arn ?? "")?.partition || "aws";
}

/**
 * Who the credentials say we are: the default chain's, or `credentials` (another account's role).
 * This is the scan's first call: when it fails there are no usable credentials, the role cannot be
 * assumed or no endpoint is reachable, and the scan cannot start.
 */
export async function getCallerIdentity(
  preferredRegion?: string,
  credentials?: AwsCredentialIdentityProvider,
): Promise<CallerIdentity> {
  let region = preferredRegion;
  if (!region) {
    try {
      region = await new STSClient({}).config.region();
    } catch {
      throw new IdentityError(
        "no AWS region configured: set AWS_REGION, a region in your profile, or pass --regions",
        "no-region",
      );
    }
  }
  const config = sharedClientConfig(region);
  // Fewer attempts than other calls: an unreachable endpoint should not hold up "cannot start" for long.
  const client = new STSClient({
    ...config,
    maxAttempts: Math.min(3, config.maxAttempts),
    ...(credentials ? { credentials } : {}),
  });
  try {
    const identity = await client.send(new GetCallerIdentityCommand({}));
    if (!identity.Account) throw new IdentityError("the caller identity has no account id");
    return { accountId: identity.Account, partition: partitionOf(identity.Arn), region };
  } catch (error) {
    if (error instanceof IdentityError) throw error;
    // Its message is already safe and names the role; wrapping it as a GetCallerIdentity failure would hide that.
    if (error instanceof AssumeRoleError) throw new IdentityError(error.message);
    const name = (error as Error).name;
    if (name === "CredentialsProviderError") {
      throw new IdentityError(
        "no AWS credentials found (profile, SSO, environment or instance role)",
        accessProblemCode(error),
      );
    }
    const classified = classifyAwsError(error, "sts:GetCallerIdentity");
    throw new IdentityError(
      `sts:GetCallerIdentity failed (${classified.kind}): ${sanitizeMessage(classified.message)}`,
      accessProblemCode(error),
    );
  } finally {
    client.destroy();
  }
}
