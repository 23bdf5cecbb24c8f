/**
 * Describes the Kinesis data streams Connect publishes to (
 * connect.data-streams-encryption), each in the Region of its ARN. It never throws.
 *
 * Access semantics match the other referenced storage: a refused read marks the stream "denied"
 * and is not an error, since streams of other accounts are normal. When the scanned account is
 * known, a refusal on one of its own streams is reported too, because then the scanner's policy is
 * what is missing.
 */
import { DescribeStreamSummaryCommand, type KinesisClient } from "@aws-sdk/client-kinesis";
import { ERROR_KINDS, type CollectionError, type KinesisStream } from "@/lib/inventory";
import type { StreamReference } from "@/lib/inventory/references";
import { iamActionFor } from "../actions";
import {
  malformedStreamReference,
  settleStreamOutcomes,
  type StreamOutcome as SharedStreamOutcome,
} from "../stream-outcomes";
import { isNotFoundError } from "../errors";
import { regionCallsFor, type RegionCalls } from "../harness";
import { streamArnParts, toKinesisStream, unreachedKinesisStream } from "./reshape";

export { streamArnParts, toKinesisStream, unreachedKinesisStream } from "./reshape";

export type KinesisClientFor = (region: string) => KinesisClient;

export interface KinesisStreamsResult {
  inventory: KinesisStream[];
  errors: CollectionError[];
}

const ACTION = iamActionFor("DescribeStreamSummaryCommand", "kinesis") ?? "kinesis:DescribeStreamSummary";

type StreamOutcome = SharedStreamOutcome<KinesisStream>;

async function describeStream(
  client: KinesisClient,
  calls: RegionCalls,
  reference: StreamReference,
  accountId: string | undefined,
): Promise<StreamOutcome> {
  const { region } = calls;
  const described = await calls.run("DescribeStreamSummaryCommand", async () => {
    const output = await client.send(new DescribeStreamSummaryCommand({ StreamARN: reference.arn }));
    const summary = output.StreamDescriptionSummary;
    if (!summary) throw new Error("DescribeStreamSummary returned no stream summary");
    return summary;
  });
  if (described.ok) return { region, stream: toKinesisStream(described.value, reference) };
  if (isNotFoundError(described.raw)) return { region, stream: unreachedKinesisStream(reference, "not-found") };
  const failure = described.error;
  if (failure.kind !== ERROR_KINDS.accessDenied) return { region, error: failure };
  const ownStream = accountId !== undefined && streamArnParts(reference.arn)?.accountId === accountId;
  return { region, stream: unreachedKinesisStream(reference, "denied"), error: ownStream ? failure : undefined };
}

function malformed(): StreamOutcome {
  return malformedStreamReference(ACTION, "a referenced Kinesis stream ARN has no Region and was not described");
}

/**
 * DescribeStreamSummary (by StreamARN, which also reaches streams shared from other accounts) for
 * each referenced stream, with a client in the ARN's Region. `accountId`, when given, is the
 * scanned account.
 */
export async function describeKinesisStreams(
  references: readonly StreamReference[],
  clientFor: KinesisClientFor,
  accountId?: string,
): Promise<KinesisStreamsResult> {
  const callsIn = regionCallsFor({ service: "account", prefix: "kinesis" });
  const outcomes = await Promise.all(
    references.map((reference) => {
      const region = streamArnParts(reference.arn)?.region;
      if (!region) return malformed();
      return describeStream(clientFor(region), callsIn(region), reference, accountId);
    }),
  );
  return settleStreamOutcomes(outcomes);
}
