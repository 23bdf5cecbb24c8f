import { FirehoseClient } from "@aws-sdk/client-firehose";
import type { StreamReference } from "@/lib/inventory/references";
import { withRegionClients, type CollectScope } from "../harness";
import { describeFirehoseStreams, type FirehoseStreamsResult } from "./collect";

export type { FirehoseStreamsResult } from "./collect";

/**
 * Describes each referenced Firehose stream with one client of the scope per stream Region
 * (created on first use). Firehose can only describe the caller's own streams, so other accounts'
 * streams are marked "denied" without a call, and refusals on own streams are reported.
 */
export function collectFirehoseStreams(
  refs: readonly StreamReference[],
  scope: CollectScope,
): Promise<FirehoseStreamsResult> {
  return withRegionClients(FirehoseClient, scope, "firehose", (clientFor) =>
    describeFirehoseStreams(refs, clientFor, scope.accountId),
  );
}
