import { KinesisClient } from "@aws-sdk/client-kinesis";
import type { StreamReference } from "@/lib/inventory/references";
import { withRegionClients, type CollectScope } from "../harness";
import { describeKinesisStreams, type KinesisStreamsResult } from "./collect";

export type { KinesisStreamsResult } from "./collect";

/**
 * Describes each referenced Kinesis data stream with one client of the scope per stream Region
 * (created on first use). A refused read on one of the scope's account's own streams is reported
 * as an error; on another account's stream it only marks the stream.
 */
export function collectKinesisStreams(
  refs: readonly StreamReference[],
  scope: CollectScope,
): Promise<KinesisStreamsResult> {
  return withRegionClients(KinesisClient, scope, "kinesis", (clientFor) =>
    describeKinesisStreams(refs, clientFor, scope.accountId),
  );
}
