import { KMSClient } from "@aws-sdk/client-kms";
import type { referencedKeys } from "@/lib/inventory/references";
import { createAwsClient, type CallStats } from "../clients";
import { collectReferencedKeys, type KmsKeysResult } from "./collect";

export type { KmsKeysResult } from "./collect";

/**
 * Describes every referenced key with one shared-configuration client per key Region (created on
 * first use), counting calls into `stats`. `context.accountId` is the scanned account. Makes no
 * call when nothing refers to a key.
 */
export async function collectKmsKeys(
  refs: ReturnType<typeof referencedKeys>,
  context: { accountId: string },
  stats: CallStats,
): Promise<KmsKeysResult> {
  const clients = new Map<string, KMSClient>();
  const clientFor = (region: string) => {
    const client = clients.get(region) ?? createAwsClient(KMSClient, region, stats);
    clients.set(region, client);
    return client;
  };
  try {
    return await collectReferencedKeys(refs, context.accountId, clientFor);
  } finally {
    for (const client of clients.values()) client.destroy();
  }
}
