/**
 * Amazon Kinesis Data Streams (awsJson1_1): the inverse of lib/aws/kinesis/reshape.ts. Streams
 * come from inventory.accountWide.kinesisStreams, found by StreamARN (or StreamName in the
 * caller's account) in the caller's Region. A stream marked "denied" is refused, "not-found" does
 * not exist.
 */
import * as schemas from "@aws-sdk/client-kinesis";
import type { KinesisStream } from "@/lib/inventory";
import { FakeAwsError, type FakeRequest, type FakeService } from "../types";

/** Fixed, so answers repeat run after run. */
const CREATION_TIMESTAMP = new Date("2024-03-01T12:00:00Z");

function streamOf(request: FakeRequest): KinesisStream {
  const { id, partition } = request.scenario.inventory.account;
  const arn =
    typeof request.params.StreamARN === "string" && request.params.StreamARN
      ? request.params.StreamARN
      : `arn:${partition}:kinesis:${request.region}:${id}:stream/${String(request.params.StreamName ?? "")}`;
  const stream = request.scenario.inventory.accountWide?.kinesisStreams?.find(
    (s) => s.arn === arn && s.region === request.region,
  );
  if (!stream || stream.access === "not-found") {
    const [, account = id, , name = ""] = /^arn:[^:]+:kinesis:[^:]*:(\d*):stream\/(.*)$/.exec(arn) ?? [];
    throw new FakeAwsError("ResourceNotFoundException", `Stream ${name} under account ${account} not found.`, 400);
  }
  if (stream.access === "denied") {
    const action = "kinesis:DescribeStreamSummary";
    throw new FakeAwsError(
      "AccessDeniedException",
      `User: arn:${partition}:iam::${id}:user/safekeep-scanner is not authorized to perform: ${action} on resource: ${stream.arn} because no resource-based policy allows the ${action} action`,
      400,
    );
  }
  return stream;
}

export const kinesis: FakeService = {
  model: { signingName: "kinesis", actionPrefix: "kinesis", protocol: "json", jsonVersion: "1.1", schemas },
  responders: {
    DescribeStreamSummary: (request) => {
      const stream = streamOf(request);
      return {
        StreamDescriptionSummary: {
          StreamName: stream.name,
          StreamARN: stream.arn,
          StreamStatus: "ACTIVE",
          StreamModeDetails: { StreamMode: "ON_DEMAND" },
          RetentionPeriodHours: 24,
          StreamCreationTimestamp: CREATION_TIMESTAMP,
          EnhancedMonitoring: [{ ShardLevelMetrics: [] }],
          EncryptionType: stream.encryptionType,
          KeyId: stream.keyId,
          OpenShardCount: 4,
          ConsumerCount: 0,
        },
      };
    },
  },
};
