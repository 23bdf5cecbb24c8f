/**
 * Amazon Data Firehose (awsJson1_1): the inverse of lib/aws/firehose/reshape.ts. Streams come
 * from inventory.accountWide.firehoseStreams. DescribeDeliveryStream takes a name, which always
 * means a stream of the caller's own account in the caller's Region, so streams of other accounts
 * are never found this way. A stream marked "denied" is refused, "not-found" does not exist.
 */
import * as schemas from "@aws-sdk/client-firehose";
import type { FirehoseStream } from "@/lib/inventory";
import { parseArn } from "@/lib/inventory/references";
import { FakeAwsError, type FakeRequest, type FakeService } from "../types";

/** Fixed, so answers repeat run after run. */
const CREATE_TIMESTAMP = new Date("2024-03-01T12:00:00Z");

function streamOf(request: FakeRequest): FirehoseStream {
  const { id, partition } = request.scenario.inventory.account;
  const name = String(request.params.DeliveryStreamName ?? "");
  const stream = request.scenario.inventory.accountWide?.firehoseStreams?.find((s) => {
    const arn = parseArn(s.arn);
    return s.name === name && s.region === request.region && arn?.accountId === id;
  });
  if (!stream || stream.access === "not-found") {
    throw new FakeAwsError("ResourceNotFoundException", `Firehose ${name} under account ${id} not found.`, 400);
  }
  if (stream.access === "denied") {
    const action = "firehose:DescribeDeliveryStream";
    throw new FakeAwsError(
      "AccessDeniedException",
      `User: arn:${partition}:iam::${id}:user/safekeep-scanner is not authorized to perform: ${action} on resource: ${stream.arn} because no identity-based policy allows the ${action} action`,
      400,
    );
  }
  return stream;
}

export const firehose: FakeService = {
  model: { signingName: "firehose", actionPrefix: "firehose", protocol: "json", jsonVersion: "1.1", schemas },
  responders: {
    DescribeDeliveryStream: (request) => {
      const stream = streamOf(request);
      const { id, partition } = request.scenario.inventory.account;
      const encrypted = stream.encryptionStatus ?? stream.keyType ?? stream.keyArn;
      return {
        DeliveryStreamDescription: {
          DeliveryStreamName: stream.name,
          DeliveryStreamARN: stream.arn,
          DeliveryStreamStatus: "ACTIVE",
          DeliveryStreamType: stream.deliveryStreamType,
          VersionId: "1",
          CreateTimestamp: CREATE_TIMESTAMP,
          DeliveryStreamEncryptionConfiguration: encrypted
            ? { Status: stream.encryptionStatus, KeyType: stream.keyType, KeyARN: stream.keyArn }
            : undefined,
          Source: stream.sourceStreamArn
            ? {
                KinesisStreamSourceDescription: {
                  KinesisStreamARN: stream.sourceStreamArn,
                  RoleARN: `arn:${partition}:iam::${id}:role/firehose-source-${stream.name}`,
                  DeliveryStartTimestamp: CREATE_TIMESTAMP,
                },
              }
            : undefined,
          Destinations: [],
          HasMoreDestinations: false,
        },
      };
    },
  },
};
