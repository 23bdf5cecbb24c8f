import {
  CognitoIdentityClient,
  type ServiceInputTypes as IdentityPoolInput,
  type ServiceOutputTypes as IdentityPoolOutput,
} from "@aws-sdk/client-cognito-identity";
import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { createAwsClient, type CallStats } from "../clients";
import { collectCognitoWithClients, type CognitoContext, type CognitoRegionResult } from "./collect";

export type { CognitoContext, CognitoRegionResult } from "./collect";

/**
 * Collects one region's user pools and identity pools with clients of the shared configuration,
 * counting their calls into `stats`. `context` names the scanned account: identity pool ARNs are
 * built from it when no user pool ARN in the region says otherwise.
 */
export async function collectCognitoRegion(
  region: string,
  stats: CallStats,
  context: CognitoContext,
): Promise<CognitoRegionResult> {
  const userPools = createAwsClient(CognitoIdentityProviderClient, region, stats);
  // Explicit type arguments: TypeScript cannot infer this client's middleware types on its own.
  const identityPools = createAwsClient<CognitoIdentityClient, IdentityPoolInput, IdentityPoolOutput>(
    CognitoIdentityClient,
    region,
    stats,
  );
  try {
    return await collectCognitoWithClients({ userPools, identityPools }, region, context);
  } finally {
    userPools.destroy();
    identityPools.destroy();
  }
}
