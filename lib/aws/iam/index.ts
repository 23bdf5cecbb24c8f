import { IAMClient } from "@aws-sdk/client-iam";
import { createScopedClient, type CollectScope } from "../harness";
import { collectIamAccount, type IamResult } from "./collect";

export type { IamCollectOptions, IamResult } from "./collect";

/**
 * Collects the account's IAM data with a client of the scope (counted and paced). `region` is the
 * partition's IAM region (us-east-1, us-gov-west-1, cn-north-1): IAM is global, so every error it
 * reports has region "global". The scope's clock decides whether a stored credential report is
 * recent enough to reuse.
 */
export async function collectIam(region: string, scope: CollectScope): Promise<IamResult> {
  const client = createScopedClient(IAMClient, region, scope, "iam");
  try {
    return await collectIamAccount(client, { now: scope.now() });
  } finally {
    client.destroy();
  }
}
