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
import pLimit from "p-limit";
import { ERROR_KINDS, type CollectionError, type FirehoseStream } from "@/lib/inventory";
import type { StreamReference } from "@/lib/inventory/references";
import { iamActionFor } from "../actions";
import {
  malformedStreamReference,
  settleStreamOutcomes,
  type StreamOutcome as SharedStreamOutcome,
} from "../stream-outcomes";
import { classifyAwsError, isNotFoundError } from "../errors";
import { deliveryStreamArnParts, toFirehoseStream, unreachedFirehoseStream } from "./reshape";

export { deliveryStreamArnParts, toFirehoseStream, unreachedFirehoseStream } from "./reshape";

export type FirehoseClientFor = (region: string) => FirehoseClient;

export interface FirehoseStreamsResult {
  inventory: FirehoseStream[];
  errors: CollectionError[];
}

/** At most 3 calls in flight per service and Region (docs/controls.md#call-budget). */
const MAX_CONCURRENT_CALLS = 3;
const ACTION = iamActionFor("DescribeDeliveryStreamCommand", "firehose") ?? "firehose:DescribeDeliveryStream";

type StreamOutcome = SharedStreamOutcome<FirehoseStream>;

async function describeStream(
  client: FirehoseClient,
  reference: StreamReference,
  parts: { region: string; accountId: string; name: string },
  accountId: string | undefined,
): Promise<StreamOutcome> {
  const { region } = parts;
  try {
    const output = await client.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: parts.name }));
    const description = output.DeliveryStreamDescription;
    if (!description) throw new Error("DescribeDeliveryStream returned no stream description");
    const answered = description.DeliveryStreamARN;
    // Same name, other account: the answer is about our own stream, not the referenced one.
    if (answered !== undefined && answered !== reference.arn) {
      return { region, stream: unreachedFirehoseStream(reference, "denied") };
    }
    return { region, stream: toFirehoseStream(description, reference) };
  } catch (error) {
    if (isNotFoundError(error)) return { region, stream: unreachedFirehoseStream(reference, "not-found") };
    const failure: CollectionError = { service: "account", region, ...classifyAwsError(error, ACTION) };
    if (failure.kind !== ERROR_KINDS.accessDenied) return { region, error: failure };
    const ownStream = accountId !== undefined && parts.accountId === accountId;
    return { region, stream: unreachedFirehoseStream(reference, "denied"), error: ownStream ? failure : undefined };
  }
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
  const limits = new Map<string, ReturnType<typeof pLimit>>();
  const outcomes = await Promise.all(
    references.map(async (reference): Promise<StreamOutcome> => {
      const parts = deliveryStreamArnParts(reference.arn);
      if (!parts) return malformed();
      if (accountId !== undefined && parts.accountId !== accountId) {
        return { region: parts.region, stream: unreachedFirehoseStream(reference, "denied") };
      }
      const limit = limits.get(parts.region) ?? pLimit(MAX_CONCURRENT_CALLS);
      limits.set(parts.region, limit);
      return limit(() => describeStream(clientFor(parts.region), reference, parts, accountId));
    }),
  );
  return settleStreamOutcomes(outcomes);
}
