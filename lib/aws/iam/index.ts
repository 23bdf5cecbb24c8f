import { IAMClient } from "@aws-sdk/client-iam";
import { createAwsClient, type CallStats } from "../clients";
import { collectIamAccount, type IamCollectOptions, type IamResult } from "./collect";

export type { IamCollectOptions, IamResult } from "./collect";

/**
 * Collects the account's IAM data with a client of the shared configuration, counting its calls
 * into `stats`. `region` is the partition's IAM region (us-east-1, us-gov-west-1, cn-north-1):
 * IAM is global, so every error it reports has region "global".
 */
export async function collectIam(region: string, stats: CallStats, options: IamCollectOptions): Promise<IamResult> {
  const client = createAwsClient(IAMClient, region, stats);
  try {
    return await collectIamAccount(client, options);
  } finally {
    client.destroy();
  }
}
