import { KinesisClient } from "@aws-sdk/client-kinesis";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { describeKinesisStreams } from "@/lib/aws/kinesis/collect";
import type { KinesisStream } from "@/lib/inventory";
import { FOREIGN_ACCOUNT, kinesisStream, storageInventory, TEST_ACCOUNT, TEST_REGION } from "@/lib/inventory/builders";
import type { StreamReference } from "@/lib/inventory/references";
import { startFakeAws, type FakeAws } from "../server";
import type { Scenario } from "../types";
import { FAKE_SERVICES } from "./index";
import { kinesis } from "./kinesis";

const EU = "eu-west-1";
const streams: KinesisStream[] = [
  kinesisStream(),
  kinesisStream({ name: "connect-agent-events", encryptionType: "KMS", keyId: "alias/aws/kinesis" }),
  kinesisStream({ name: "unencrypted-ctr", encryptionType: "NONE", keyId: undefined }),
  kinesisStream({ name: "connect-ctr-eu", region: EU }),
  { ...kinesisStream({ name: "own-but-refused" }), access: "denied", encryptionType: undefined, keyId: undefined },
  {
    ...kinesisStream({ name: "shared-analytics" }),
    arn: `arn:aws:kinesis:${TEST_REGION}:${FOREIGN_ACCOUNT}:stream/shared-analytics`,
    access: "denied",
    encryptionType: undefined,
    keyId: undefined,
  },
  { ...kinesisStream({ name: "deleted-stream" }), access: "not-found", encryptionType: undefined, keyId: undefined },
];

function scenario(list: KinesisStream[], faults: Scenario["faults"] = []): Scenario {
  return { inventory: storageInventory({ kinesisStreams: list }), faults };
}

function references(list: readonly KinesisStream[]): StreamReference[] {
  return list.map((stream) => ({ arn: stream.arn, references: stream.referencedBy }));
}

let fake: FakeAws;
const clients: KinesisClient[] = [];

/**
 * The Kinesis client alone speaks HTTP/2 by default (its runtime config wraps any handler options
 * in NodeHttp2Handler, for SubscribeToShard), and the fake endpoint serves HTTP/1.1 only: given an
 * HTTP/1.1 handler, the client sends the very same request.
 */
function clientFor(region: string): KinesisClient {
  const client = new KinesisClient({
    region,
    endpoint: fake.url,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler(),
  });
  clients.push(client);
  return client;
}

beforeAll(async () => {
  FAKE_SERVICES[kinesis.model.signingName] = kinesis;
  fake = await startFakeAws(scenario(streams));
});
beforeEach(() => fake.reset());
afterAll(async () => {
  for (const client of clients) client.destroy();
  delete FAKE_SERVICES[kinesis.model.signingName];
  await fake.close();
});

describe("fake Kinesis", () => {
  it("round-trips the streams through the real collector, each described in its ARN's Region", async () => {
    fake.setScenario(scenario(streams));
    const { inventory, errors } = await describeKinesisStreams(references(streams), clientFor, TEST_ACCOUNT);
    expect(inventory).toEqual(streams);
    // Only the refusal on the scanned account's own stream is the scanner's problem.
    expect(errors).toEqual([
      expect.objectContaining({ action: "kinesis:DescribeStreamSummary", kind: "access-denied", region: TEST_REGION }),
    ]);
    expect(fake.counts()).toEqual({ "kinesis:DescribeStreamSummary": streams.length });
  });

  it("answers ResourceNotFoundException for a stream the scenario does not hold", async () => {
    fake.setScenario(scenario(streams));
    const arn = `arn:aws:kinesis:${TEST_REGION}:${TEST_ACCOUNT}:stream/never-created`;
    const ref = { arn, references: streams[0]!.referencedBy };
    const { inventory, errors } = await describeKinesisStreams([ref], clientFor, TEST_ACCOUNT);
    expect(errors).toEqual([]);
    expect(inventory).toEqual([
      { arn, name: "never-created", region: TEST_REGION, access: "not-found", referencedBy: ref.references },
    ]);
  });

  it("injects access denied: streams marked denied, only own ones reported", async () => {
    fake.setScenario(scenario(streams, [{ action: "kinesis:DescribeStreamSummary", kind: "access-denied" }]));
    const { inventory, errors } = await describeKinesisStreams(references(streams), clientFor, TEST_ACCOUNT);
    expect(inventory.map((stream) => stream.access)).toEqual(streams.map(() => "denied"));
    expect(errors).toHaveLength(streams.length - 1);
  });

  it("injects throttling in one Region: that Region's streams are left out and the calls reported", async () => {
    fake.setScenario(scenario(streams, [{ action: "kinesis:*", region: EU, kind: "throttle" }]));
    const { inventory, errors } = await describeKinesisStreams(references(streams), clientFor, TEST_ACCOUNT);
    expect(inventory.map((stream) => stream.arn)).toEqual(streams.filter((s) => s.region !== EU).map((s) => s.arn));
    expect(errors).toContainEqual(expect.objectContaining({ region: EU, kind: "throttled" }));
  });
});
