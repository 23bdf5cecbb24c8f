import {
  CognitoIdentityClient,
  type ServiceInputTypes as IdentityPoolInput,
  type ServiceOutputTypes as IdentityPoolOutput,
} from "@aws-sdk/client-cognito-identity";
import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { createScopedClient, type CollectScope } from "../harness";
import { collectCognitoWithClients, type CognitoRegionResult } from "./collect";

export type { CognitoContext, CognitoRegionResult } from "./collect";

/**
 * Collects one Region's user pools and identity pools with clients of the scope (counted, and paced
 * at Cognito's category quotas). Identity pool ARNs are built from the scope's account when no user
 * pool ARN in the Region says otherwise.
 */
export async function collectCognitoRegion(region: string, scope: CollectScope): Promise<CognitoRegionResult> {
  const userPools = createScopedClient(CognitoIdentityProviderClient, region, scope, "cognito-idp");
  // Explicit type arguments: TypeScript cannot infer this client's middleware types on its own.
  const identityPools = createScopedClient<CognitoIdentityClient, IdentityPoolInput, IdentityPoolOutput>(
    CognitoIdentityClient,
    region,
    scope,
    "cognito-identity",
  );
  try {
    return await collectCognitoWithClients({ userPools, identityPools }, region, scope);
  } finally {
    userPools.destroy();
    identityPools.destroy();
  }
}
