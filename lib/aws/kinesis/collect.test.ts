import { DescribeStreamSummaryCommand, KinesisClient, type StreamDescriptionSummary } from "@aws-sdk/client-kinesis";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { StreamReference } from "@/lib/inventory/references";
import { createCollectScope } from "../harness";
import { describeKinesisStreams, streamArnParts, toKinesisStream, unreachedKinesisStream } from "./collect";
import { collectKinesisStreams } from "./index";

const ACCOUNT = "111122223333";
const FOREIGN = "444455556666";
const INSTANCE = `arn:aws:connect:us-east-1:${ACCOUNT}:instance/abcd`;
const streamArn = (name: string, region = "us-east-1", account = ACCOUNT) =>
  `arn:aws:kinesis:${region}:${account}:stream/${name}`;
const ref = (arn: string): StreamReference => ({ arn, references: [{ service: "connect", resourceArn: INSTANCE }] });

const summary = (name: string, extra: Partial<StreamDescriptionSummary> = {}): StreamDescriptionSummary => ({
  StreamName: name,
  StreamARN: streamArn(name),
  StreamStatus: "ACTIVE",
  RetentionPeriodHours: 24,
  StreamCreationTimestamp: new Date("2026-01-01T00:00:00Z"),
  EnhancedMonitoring: [],
  OpenShardCount: 1,
  EncryptionType: "KMS",
  KeyId: "alias/aws/kinesis",
  ...extra,
});

function awsError(name: string, message: string, httpStatusCode: number) {
  return Object.assign(new Error(message), { name, $fault: "client", $metadata: { httpStatusCode, attempts: 1 } });
}

const kinesis = mockClient(KinesisClient);
const clientFor = vi.fn((region: string) => new KinesisClient({ region }));

beforeEach(() => {
  kinesis.reset();
  clientFor.mockClear();
});

describe("reshaping", () => {
  it("reads Region, account and name from a stream ARN", () => {
    expect(streamArnParts(streamArn("ctr", "eu-west-2"))).toEqual({
      region: "eu-west-2",
      accountId: ACCOUNT,
      name: "ctr",
    });
    expect(streamArnParts("ctr")).toBeUndefined();
  });

  it("maps the encryption settings of a stream summary", () => {
    expect(toKinesisStream(summary("ctr"), ref(streamArn("ctr")))).toEqual({
      arn: streamArn("ctr"),
      name: "ctr",
      region: "us-east-1",
      access: "ok",
      encryptionType: "KMS",
      keyId: "alias/aws/kinesis",
      referencedBy: [{ service: "connect", resourceArn: INSTANCE }],
    });
    const plain = toKinesisStream(
      summary("plain", { EncryptionType: "NONE", KeyId: undefined }),
      ref(streamArn("plain")),
    );
    expect(plain).toMatchObject({ encryptionType: "NONE", keyId: undefined });
  });

  it("keeps only what the ARN says for a stream it could not read", () => {
    expect(unreachedKinesisStream(ref(streamArn("x", "eu-west-1", FOREIGN)), "denied")).toEqual({
      arn: streamArn("x", "eu-west-1", FOREIGN),
      name: "x",
      region: "eu-west-1",
      access: "denied",
      referencedBy: [{ service: "connect", resourceArn: INSTANCE }],
    });
  });
});

describe("describeKinesisStreams", () => {
  it("describes each stream by ARN with a client in the ARN's Region", async () => {
    kinesis
      .on(DescribeStreamSummaryCommand, { StreamARN: streamArn("ctr") })
      .resolves({ StreamDescriptionSummary: summary("ctr") });
    kinesis.on(DescribeStreamSummaryCommand, { StreamARN: streamArn("rta", "eu-west-2") }).resolves({
      StreamDescriptionSummary: summary("rta", { StreamARN: streamArn("rta", "eu-west-2"), EncryptionType: "NONE" }),
    });

    const { inventory, errors } = await describeKinesisStreams(
      [ref(streamArn("ctr")), ref(streamArn("rta", "eu-west-2"))],
      clientFor,
    );

    expect(errors).toEqual([]);
    expect(inventory.map((s) => [s.name, s.region, s.encryptionType])).toEqual([
      ["ctr", "us-east-1", "KMS"],
      ["rta", "eu-west-2", "NONE"],
    ]);
    expect(clientFor.mock.calls.map(([region]) => region).sort()).toEqual(["eu-west-2", "us-east-1"]);
  });

  it("makes no call without streams", async () => {
    expect(await describeKinesisStreams([], clientFor)).toEqual({ inventory: [], errors: [] });
    expect(kinesis.calls()).toHaveLength(0);
  });

  it("marks a stream that no longer exists not-found", async () => {
    kinesis.on(DescribeStreamSummaryCommand).rejects(awsError("ResourceNotFoundException", "Stream not found", 400));
    const { inventory, errors } = await describeKinesisStreams([ref(streamArn("gone"))], clientFor);
    expect(errors).toEqual([]);
    expect(inventory).toMatchObject([{ name: "gone", access: "not-found" }]);
  });

  it("marks a refused stream denied without an error when the account is not given", async () => {
    kinesis.on(DescribeStreamSummaryCommand).rejects(awsError("AccessDeniedException", "denied", 400));
    const { inventory, errors } = await describeKinesisStreams([ref(streamArn("ctr"))], clientFor);
    expect(errors).toEqual([]);
    expect(inventory).toMatchObject([{ access: "denied" }]);
  });

  it("with the scanned account, reports a refusal on an own stream but not on another account's", async () => {
    kinesis
      .on(DescribeStreamSummaryCommand)
      .rejects(awsError("AccessDeniedException", "is not authorized to perform: kinesis:DescribeStreamSummary", 400));
    const { inventory, errors } = await describeKinesisStreams(
      [ref(streamArn("own")), ref(streamArn("shared", "us-east-1", FOREIGN))],
      clientFor,
      ACCOUNT,
    );
    expect(inventory.map((s) => [s.name, s.access])).toEqual([
      ["own", "denied"],
      ["shared", "denied"],
    ]);
    expect(errors).toEqual([
      {
        service: "account",
        region: "us-east-1",
        action: "kinesis:DescribeStreamSummary",
        kind: "access-denied",
        message: "insufficient permissions: kinesis:DescribeStreamSummary",
      },
    ]);
  });

  it.each([
    { name: "throttled", error: awsError("ThrottlingException", "Rate exceeded", 400), kind: "throttled" },
    { name: "generic", error: awsError("InvalidArgumentException", "bad", 400), kind: "other" },
  ])("a $name failure leaves that stream out with an error; the rest is collected", async ({ error, kind }) => {
    kinesis.on(DescribeStreamSummaryCommand).resolves({ StreamDescriptionSummary: summary("good") });
    kinesis.on(DescribeStreamSummaryCommand, { StreamARN: streamArn("bad") }).rejects(error);
    const { inventory, errors } = await describeKinesisStreams(
      [ref(streamArn("bad")), ref(streamArn("good"))],
      clientFor,
    );
    expect(inventory.map((s) => s.name)).toEqual(["good"]);
    expect(errors).toMatchObject([{ region: "us-east-1", action: "kinesis:DescribeStreamSummary", kind }]);
  });

  it("keeps nothing of a Region that does not answer but that one error", async () => {
    kinesis.on(DescribeStreamSummaryCommand).resolves({ StreamDescriptionSummary: summary("good") });
    kinesis
      .on(DescribeStreamSummaryCommand, { StreamARN: streamArn("a", "ap-east-1") })
      .rejects(awsError("UnrecognizedClientException", "invalid token", 400));
    kinesis
      .on(DescribeStreamSummaryCommand, { StreamARN: streamArn("b", "ap-east-1") })
      .resolves({ StreamDescriptionSummary: summary("b") });
    const { inventory, errors } = await describeKinesisStreams(
      [ref(streamArn("a", "ap-east-1")), ref(streamArn("b", "ap-east-1")), ref(streamArn("good"))],
      clientFor,
    );
    expect(inventory.map((s) => s.name)).toEqual(["good"]);
    expect(errors).toMatchObject([{ region: "ap-east-1", kind: "credentials-rejected" }]);
  });

  it("reports a reference without a Region instead of sending it anywhere", async () => {
    const { inventory, errors } = await describeKinesisStreams([ref("not-an-arn")], clientFor);
    expect(inventory).toEqual([]);
    expect(errors).toMatchObject([{ region: "global", kind: "other", action: "kinesis:DescribeStreamSummary" }]);
    expect(kinesis.calls()).toHaveLength(0);
  });
});

describe("collectKinesisStreams", () => {
  it("sends each call in the stream's Region", async () => {
    kinesis.on(DescribeStreamSummaryCommand).resolves({ StreamDescriptionSummary: summary("ctr") });
    const { inventory } = await collectKinesisStreams(
      [ref(streamArn("ctr", "eu-west-2"))],
      createCollectScope({ accountId: ACCOUNT, partition: "aws" }),
    );
    expect(inventory).toHaveLength(1);
    const sender = kinesis.commandCalls(DescribeStreamSummaryCommand)[0]?.thisValue as KinesisClient;
    expect(await sender.config.region()).toBe("eu-west-2");
  });
});
