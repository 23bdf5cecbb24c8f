import { FirehoseClient } from "@aws-sdk/client-firehose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { describeFirehoseStreams } from "@/lib/aws/firehose/collect";
import type { FirehoseStream } from "@/lib/inventory";
import {
  FOREIGN_ACCOUNT,
  firehoseStream,
  kinesisStream,
  storageInventory,
  TEST_ACCOUNT,
  TEST_REGION,
} from "@/lib/inventory/builders";
import type { StreamReference } from "@/lib/inventory/references";
import { startFakeAws, type FakeAws } from "../server";
import type { Scenario } from "../types";
import { FAKE_SERVICES } from "./index";
import { firehose } from "./firehose";

const EU = "eu-west-1";
const unreached = { encryptionStatus: undefined, keyType: undefined, keyArn: undefined, deliveryStreamType: undefined };
const streams: FirehoseStream[] = [
  firehoseStream(),
  firehoseStream({
    name: "ctr-from-kinesis",
    deliveryStreamType: "KinesisStreamAsSource",
    keyType: "AWS_OWNED_CMK",
    keyArn: undefined,
    sourceStreamArn: kinesisStream().arn,
  }),
  firehoseStream({ name: "plain", encryptionStatus: "DISABLED", keyType: undefined, keyArn: undefined }),
  firehoseStream({ name: "legacy", encryptionStatus: undefined, keyType: undefined, keyArn: undefined }),
  firehoseStream({ name: "connect-agent-events-eu", region: EU }),
  { ...firehoseStream({ name: "own-but-refused" }), ...unreached, access: "denied" },
  { ...firehoseStream({ name: "deleted-stream" }), ...unreached, access: "not-found" },
];
/** Another account's stream: never asked for, since a name always means the caller's own stream. */
const foreign: FirehoseStream = {
  ...firehoseStream({ name: "shared-stream" }),
  ...unreached,
  arn: `arn:aws:firehose:${TEST_REGION}:${FOREIGN_ACCOUNT}:deliverystream/shared-stream`,
  access: "denied",
};

function scenario(list: FirehoseStream[], faults: Scenario["faults"] = []): Scenario {
  return { inventory: storageInventory({ firehoseStreams: list }), faults };
}

function references(list: readonly FirehoseStream[]): StreamReference[] {
  return list.map((stream) => ({ arn: stream.arn, references: stream.referencedBy }));
}

let fake: FakeAws;
const clients: FirehoseClient[] = [];

function clientFor(region: string): FirehoseClient {
  const client = new FirehoseClient({
    region,
    endpoint: fake.url,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts: 1,
  });
  clients.push(client);
  return client;
}

beforeAll(async () => {
  FAKE_SERVICES[firehose.model.signingName] = firehose;
  fake = await startFakeAws(scenario(streams));
});
beforeEach(() => fake.reset());
afterAll(async () => {
  for (const client of clients) client.destroy();
  delete FAKE_SERVICES[firehose.model.signingName];
  await fake.close();
});

describe("fake Firehose", () => {
  it("round-trips the streams through the real collector, each described by name in its Region", async () => {
    const all = [...streams, foreign];
    fake.setScenario(scenario(all));
    const { inventory, errors } = await describeFirehoseStreams(references(all), clientFor, TEST_ACCOUNT);
    expect(inventory).toEqual(all);
    expect(errors).toEqual([
      expect.objectContaining({
        action: "firehose:DescribeDeliveryStream",
        kind: "access-denied",
        region: TEST_REGION,
      }),
    ]);
    expect(fake.counts()).toEqual({ "firehose:DescribeDeliveryStream": streams.length });
  });

  it("does not take another account's stream for a name lookup", async () => {
    fake.setScenario(scenario([foreign]));
    // Without the scanned account the collector asks, and the name finds no stream of the caller's.
    const { inventory, errors } = await describeFirehoseStreams(references([foreign]), clientFor);
    expect(errors).toEqual([]);
    expect(inventory).toEqual([{ ...foreign, access: "not-found" }]);
  });

  it("injects access denied: own streams marked denied and reported", async () => {
    fake.setScenario(scenario(streams, [{ action: "firehose:DescribeDeliveryStream", kind: "access-denied" }]));
    const { inventory, errors } = await describeFirehoseStreams(references(streams), clientFor, TEST_ACCOUNT);
    expect(inventory.map((stream) => stream.access)).toEqual(streams.map(() => "denied"));
    expect(errors).toHaveLength(streams.length);
  });

  it("injects a server error: the streams are left out and the calls reported", async () => {
    fake.setScenario(scenario(streams, [{ action: "firehose:*", kind: "server-error" }]));
    const { inventory, errors } = await describeFirehoseStreams(references(streams), clientFor, TEST_ACCOUNT);
    expect(inventory).toEqual([]);
    expect(errors).toHaveLength(streams.length);
    expect(errors.every((e) => e.kind === "other")).toBe(true);
  });
});
