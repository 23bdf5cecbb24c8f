import type { AccountCredentials } from "@/lib/aws/sts/assume-role";
import { getCallerIdentity, IdentityError, type CallerIdentity } from "@/lib/aws/sts/identity";
import { CannotStartError } from "./errors";

/**
 * Who the credentials are (the default chain without any): the first call of every scan. When it
 * fails the scan cannot start, and says why in words meant to be shown.
 */
export async function callerIdentity(
  preferredRegion?: string,
  credentials?: AccountCredentials,
): Promise<CallerIdentity> {
  try {
    return await getCallerIdentity(preferredRegion, credentials);
  } catch (error) {
    if (error instanceof IdentityError) throw new CannotStartError(error.message, error.code);
    throw error;
  }
}
