import { KinesisClient } from "@aws-sdk/client-kinesis";
import type { referencedStreams } from "@/lib/inventory/references";
import { createAwsClient, type CallStats } from "../clients";
import { describeKinesisStreams, type KinesisStreamsResult } from "./collect";

export type { KinesisStreamsResult } from "./collect";

/**
 * Describes each referenced Kinesis data stream with one shared-configuration client per stream
 * Region (created on first use), counting calls into `stats`. Pass `context.accountId` (the
 * scanned account) so a refused read on one of the account's own streams is reported as an error;
 * without it every refusal is treated as a cross-account stream.
 */
export async function collectKinesisStreams(
  refs: ReturnType<typeof referencedStreams>["kinesis"],
  stats: CallStats,
  context?: { accountId: string },
): Promise<KinesisStreamsResult> {
  const clients = new Map<string, KinesisClient>();
  const clientFor = (region: string) => {
    const client = clients.get(region) ?? createAwsClient(KinesisClient, region, stats);
    clients.set(region, client);
    return client;
  };
  try {
    return await describeKinesisStreams(refs, clientFor, context?.accountId);
  } finally {
    for (const client of clients.values()) client.destroy();
  }
}
