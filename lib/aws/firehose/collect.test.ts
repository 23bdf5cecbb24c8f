import {
  DescribeDeliveryStreamCommand,
  FirehoseClient,
  type DeliveryStreamDescription,
} from "@aws-sdk/client-firehose";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { StreamReference } from "@/lib/inventory/references";
import { createCollectScope } from "../harness";
import { deliveryStreamArnParts, describeFirehoseStreams, toFirehoseStream, unreachedFirehoseStream } from "./collect";
import { collectFirehoseStreams } from "./index";

const ACCOUNT = "111122223333";
const FOREIGN = "444455556666";
const INSTANCE = `arn:aws:connect:us-east-1:${ACCOUNT}:instance/abcd`;
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const SOURCE = `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/source`;
const deliveryArn = (name: string, region = "us-east-1", account = ACCOUNT) =>
  `arn:aws:firehose:${region}:${account}:deliverystream/${name}`;
const ref = (arn: string): StreamReference => ({ arn, references: [{ service: "connect", resourceArn: INSTANCE }] });

const description = (name: string, extra: Partial<DeliveryStreamDescription> = {}): DeliveryStreamDescription => ({
  DeliveryStreamName: name,
  DeliveryStreamARN: deliveryArn(name),
  DeliveryStreamStatus: "ACTIVE",
  DeliveryStreamType: "DirectPut",
  VersionId: "1",
  Destinations: [],
  HasMoreDestinations: false,
  DeliveryStreamEncryptionConfiguration: { Status: "ENABLED", KeyType: "CUSTOMER_MANAGED_CMK", KeyARN: KEY },
  ...extra,
});

function awsError(name: string, message: string, httpStatusCode: number) {
  return Object.assign(new Error(message), { name, $fault: "client", $metadata: { httpStatusCode, attempts: 1 } });
}

const firehose = mockClient(FirehoseClient);
const clientFor = vi.fn((region: string) => new FirehoseClient({ region }));

beforeEach(() => {
  firehose.reset();
  clientFor.mockClear();
});

describe("reshaping", () => {
  it("reads Region, account and name from a delivery stream ARN", () => {
    expect(deliveryStreamArnParts(deliveryArn("events", "eu-west-2"))).toEqual({
      region: "eu-west-2",
      accountId: ACCOUNT,
      name: "events",
    });
    expect(deliveryStreamArnParts("events")).toBeUndefined();
    expect(deliveryStreamArnParts("arn:aws:firehose:us-east-1:111122223333:deliverystream/")).toBeUndefined();
  });

  it("maps encryption, type and source stream", () => {
    const sourced = description("events", {
      DeliveryStreamType: "KinesisStreamAsSource",
      DeliveryStreamEncryptionConfiguration: undefined,
      Source: { KinesisStreamSourceDescription: { KinesisStreamARN: SOURCE } },
    });
    expect(toFirehoseStream(sourced, ref(deliveryArn("events")))).toEqual({
      arn: deliveryArn("events"),
      name: "events",
      region: "us-east-1",
      access: "ok",
      deliveryStreamType: "KinesisStreamAsSource",
      encryptionStatus: undefined,
      keyType: undefined,
      keyArn: undefined,
      sourceStreamArn: SOURCE,
      referencedBy: [{ service: "connect", resourceArn: INSTANCE }],
    });
    expect(toFirehoseStream(description("direct"), ref(deliveryArn("direct")))).toMatchObject({
      deliveryStreamType: "DirectPut",
      encryptionStatus: "ENABLED",
      keyType: "CUSTOMER_MANAGED_CMK",
      keyArn: KEY,
    });
  });

  it("keeps only what the ARN says for a stream it could not read", () => {
    expect(unreachedFirehoseStream(ref(deliveryArn("x", "eu-west-1")), "not-found")).toEqual({
      arn: deliveryArn("x", "eu-west-1"),
      name: "x",
      region: "eu-west-1",
      access: "not-found",
      referencedBy: [{ service: "connect", resourceArn: INSTANCE }],
    });
  });
});

describe("describeFirehoseStreams", () => {
  it("describes each stream by name with a client in the ARN's Region", async () => {
    firehose
      .on(DescribeDeliveryStreamCommand, { DeliveryStreamName: "events" })
      .resolves({ DeliveryStreamDescription: description("events") });
    firehose.on(DescribeDeliveryStreamCommand, { DeliveryStreamName: "ctr" }).resolves({
      DeliveryStreamDescription: description("ctr", {
        DeliveryStreamARN: deliveryArn("ctr", "eu-west-2"),
        DeliveryStreamEncryptionConfiguration: { Status: "DISABLED" },
      }),
    });

    const { inventory, errors } = await describeFirehoseStreams(
      [ref(deliveryArn("events")), ref(deliveryArn("ctr", "eu-west-2"))],
      clientFor,
      ACCOUNT,
    );

    expect(errors).toEqual([]);
    expect(inventory.map((s) => [s.name, s.region, s.encryptionStatus])).toEqual([
      ["events", "us-east-1", "ENABLED"],
      ["ctr", "eu-west-2", "DISABLED"],
    ]);
    expect(clientFor.mock.calls.map(([region]) => region).sort()).toEqual(["eu-west-2", "us-east-1"]);
  });

  it("marks another account's stream denied without a call when the scanned account is known", async () => {
    const { inventory, errors } = await describeFirehoseStreams(
      [ref(deliveryArn("shared", "us-east-1", FOREIGN))],
      clientFor,
      ACCOUNT,
    );
    expect(errors).toEqual([]);
    expect(inventory).toMatchObject([{ name: "shared", access: "denied" }]);
    expect(firehose.calls()).toHaveLength(0);
  });

  it("never takes an answer about a same-named stream of the own account for another account's stream", async () => {
    firehose.on(DescribeDeliveryStreamCommand).resolves({ DeliveryStreamDescription: description("shared") });
    const { inventory } = await describeFirehoseStreams([ref(deliveryArn("shared", "us-east-1", FOREIGN))], clientFor);
    expect(inventory).toEqual([unreachedFirehoseStream(ref(deliveryArn("shared", "us-east-1", FOREIGN)), "denied")]);
  });

  it("marks a stream that no longer exists not-found", async () => {
    firehose.on(DescribeDeliveryStreamCommand).rejects(awsError("ResourceNotFoundException", "not found", 400));
    const { inventory, errors } = await describeFirehoseStreams([ref(deliveryArn("gone"))], clientFor, ACCOUNT);
    expect(errors).toEqual([]);
    expect(inventory).toMatchObject([{ name: "gone", access: "not-found" }]);
  });

  it("reports a refusal on an own stream when the scanned account is known, and only marks it otherwise", async () => {
    firehose.on(DescribeDeliveryStreamCommand).rejects(awsError("AccessDeniedException", "denied", 400));
    const known = await describeFirehoseStreams([ref(deliveryArn("events"))], clientFor, ACCOUNT);
    expect(known.inventory).toMatchObject([{ access: "denied" }]);
    expect(known.errors).toMatchObject([
      { service: "account", region: "us-east-1", action: "firehose:DescribeDeliveryStream", kind: "access-denied" },
    ]);
    const unknown = await describeFirehoseStreams([ref(deliveryArn("events"))], clientFor);
    expect(unknown.inventory).toMatchObject([{ access: "denied" }]);
    expect(unknown.errors).toEqual([]);
  });

  it.each([
    { name: "throttled", error: awsError("ThrottlingException", "Rate exceeded", 400), kind: "throttled" },
    { name: "generic", error: awsError("InvalidArgumentException", "bad", 400), kind: "other" },
  ])("a $name failure leaves that stream out with an error; the rest is collected", async ({ error, kind }) => {
    firehose.on(DescribeDeliveryStreamCommand).resolves({ DeliveryStreamDescription: description("good") });
    firehose.on(DescribeDeliveryStreamCommand, { DeliveryStreamName: "bad" }).rejects(error);
    const { inventory, errors } = await describeFirehoseStreams(
      [ref(deliveryArn("bad")), ref(deliveryArn("good"))],
      clientFor,
      ACCOUNT,
    );
    expect(inventory.map((s) => s.name)).toEqual(["good"]);
    expect(errors).toMatchObject([{ region: "us-east-1", action: "firehose:DescribeDeliveryStream", kind }]);
  });

  it("keeps nothing of a Region that does not answer but that one error", async () => {
    firehose
      .on(DescribeDeliveryStreamCommand)
      .rejects(
        Object.assign(new Error("getaddrinfo ENOTFOUND firehose.ap-east-1.amazonaws.com"), { code: "ENOTFOUND" }),
      );
    const { inventory, errors } = await describeFirehoseStreams(
      [ref(deliveryArn("a", "ap-east-1")), ref(deliveryArn("b", "ap-east-1"))],
      clientFor,
      ACCOUNT,
    );
    expect(inventory).toEqual([]);
    expect(errors).toMatchObject([{ region: "ap-east-1", kind: "region-unavailable" }]);
  });

  it("makes no call without streams", async () => {
    expect(await describeFirehoseStreams([], clientFor, ACCOUNT)).toEqual({ inventory: [], errors: [] });
    expect(firehose.calls()).toHaveLength(0);
  });
});

describe("collectFirehoseStreams", () => {
  it("sends each call in the stream's Region", async () => {
    firehose.on(DescribeDeliveryStreamCommand).resolves({
      DeliveryStreamDescription: description("events", { DeliveryStreamARN: deliveryArn("events", "eu-west-2") }),
    });
    const scope = createCollectScope({ accountId: ACCOUNT, partition: "aws" });
    const { inventory } = await collectFirehoseStreams([ref(deliveryArn("events", "eu-west-2"))], scope);
    expect(inventory).toMatchObject([{ access: "ok", region: "eu-west-2" }]);
    const sender = firehose.commandCalls(DescribeDeliveryStreamCommand)[0]?.thisValue as FirehoseClient;
    expect(await sender.config.region()).toBe("eu-west-2");
  });
});
