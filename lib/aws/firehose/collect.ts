/**
 * Describes the Firehose streams Connect publishes to (
 * connect.data-streams-encryption), each in the Region of its ARN. It never throws.
 *
 * DescribeDeliveryStream takes a stream *name*, which always means a stream of the caller's own
 * account: another account's stream can never be read this way. So a stream of another account is
 * marked "denied" (cannot verify) without a call when the scanned account is known, and an answer
 * about a different stream than the one referenced is never taken for it.
 */
import { DescribeDeliveryStreamCommand, type FirehoseClient } from "@aws-sdk/client-firehose";
import { ERROR_KINDS, type CollectionError, type FirehoseStream } from "@/lib/inventory";
import type { StreamReference } from "@/lib/inventory/references";
import { iamActionFor } from "../actions";
import {
  malformedStreamReference,
  settleStreamOutcomes,
  type StreamOutcome as SharedStreamOutcome,
} from "../stream-outcomes";
import { isNotFoundError } from "../errors";
import { regionCallsFor, type RegionCalls } from "../harness";
import { deliveryStreamArnParts, toFirehoseStream, unreachedFirehoseStream } from "./reshape";

export { deliveryStreamArnParts, toFirehoseStream, unreachedFirehoseStream } from "./reshape";

export type FirehoseClientFor = (region: string) => FirehoseClient;

export interface FirehoseStreamsResult {
  inventory: FirehoseStream[];
  errors: CollectionError[];
}

const ACTION = iamActionFor("DescribeDeliveryStreamCommand", "firehose") ?? "firehose:DescribeDeliveryStream";

type StreamOutcome = SharedStreamOutcome<FirehoseStream>;

async function describeStream(
  client: FirehoseClient,
  calls: RegionCalls,
  reference: StreamReference,
  parts: { region: string; accountId: string; name: string },
  accountId: string | undefined,
): Promise<StreamOutcome> {
  const { region } = parts;
  const described = await calls.run("DescribeDeliveryStreamCommand", async () => {
    const output = await client.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: parts.name }));
    const description = output.DeliveryStreamDescription;
    if (!description) throw new Error("DescribeDeliveryStream returned no stream description");
    return description;
  });
  if (described.ok) {
    const answered = described.value.DeliveryStreamARN;
    // Same name, other account: the answer is about our own stream, not the referenced one.
    if (answered !== undefined && answered !== reference.arn) {
      return { region, stream: unreachedFirehoseStream(reference, "denied") };
    }
    return { region, stream: toFirehoseStream(described.value, reference) };
  }
  if (isNotFoundError(described.raw)) return { region, stream: unreachedFirehoseStream(reference, "not-found") };
  const failure = described.error;
  if (failure.kind !== ERROR_KINDS.accessDenied) return { region, error: failure };
  const ownStream = accountId !== undefined && parts.accountId === accountId;
  return { region, stream: unreachedFirehoseStream(reference, "denied"), error: ownStream ? failure : undefined };
}

function malformed(): StreamOutcome {
  return malformedStreamReference(
    ACTION,
    "a referenced Firehose stream ARN has no Region or name and was not described",
  );
}

/**
 * DescribeDeliveryStream (name = last ARN segment) for each referenced stream, with a client in
 * the ARN's Region. `accountId`, when given, is the scanned account.
 */
export async function describeFirehoseStreams(
  references: readonly StreamReference[],
  clientFor: FirehoseClientFor,
  accountId?: string,
): Promise<FirehoseStreamsResult> {
  const callsIn = regionCallsFor({ service: "account", prefix: "firehose" });
  const outcomes = await Promise.all(
    references.map(async (reference): Promise<StreamOutcome> => {
      const parts = deliveryStreamArnParts(reference.arn);
      if (!parts) return malformed();
      if (accountId !== undefined && parts.accountId !== accountId) {
        return { region: parts.region, stream: unreachedFirehoseStream(reference, "denied") };
      }
      return describeStream(clientFor(parts.region), callsIn(parts.region), reference, parts, accountId);
    }),
  );
  return settleStreamOutcomes(outcomes);
}
