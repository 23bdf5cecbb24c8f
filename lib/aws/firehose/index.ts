import { FirehoseClient } from "@aws-sdk/client-firehose";
import type { referencedStreams } from "@/lib/inventory/references";
import { createAwsClient, type CallStats } from "../clients";
import { describeFirehoseStreams, type FirehoseStreamsResult } from "./collect";

export type { FirehoseStreamsResult } from "./collect";

/**
 * Describes each referenced Firehose stream with one shared-configuration client per stream
 * Region (created on first use), counting calls into `stats`. Pass `context.accountId` (the
 * scanned account): Firehose can only describe the caller's own streams, so with it other
 * accounts' streams are marked "denied" without a call, and refusals on own streams are reported.
 */
export async function collectFirehoseStreams(
  refs: ReturnType<typeof referencedStreams>["firehose"],
  stats: CallStats,
  context?: { accountId: string },
): Promise<FirehoseStreamsResult> {
  const clients = new Map<string, FirehoseClient>();
  const clientFor = (region: string) => {
    const client = clients.get(region) ?? createAwsClient(FirehoseClient, region, stats);
    clients.set(region, client);
    return client;
  };
  try {
    return await describeFirehoseStreams(refs, clientFor, context?.accountId);
  } finally {
    for (const client of clients.values()) client.destroy();
  }
}
