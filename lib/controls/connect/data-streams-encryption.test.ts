import { describe, expect, it } from "vitest";
import {
  connectFirehoseStorage,
  connectInstance,
  connectInventory,
  connectKinesisStorage,
  FOREIGN_ACCOUNT,
  firehoseStream,
  kinesisStream,
  kmsKey,
  TEST_ACCOUNT,
} from "@/lib/inventory/builders";
import type { AccountInventory, ConnectInstance, FirehoseStream, KinesisStream } from "@/lib/inventory";
import { control } from "./data-streams-encryption";

const now = new Date("2026-06-01T00:00:00Z");
const CTR_STREAM = `arn:aws:kinesis:us-east-1:${TEST_ACCOUNT}:stream/connect-ctr`;
const AGENT_FIREHOSE = `arn:aws:firehose:us-east-1:${TEST_ACCOUNT}:deliverystream/connect-agent-events`;
const SOURCE_STREAM = `arn:aws:kinesis:us-east-1:${TEST_ACCOUNT}:stream/agent-source`;

function evaluate(instances: Partial<ConnectInstance>[], accountWide: Partial<AccountInventory>) {
  return control.evaluate(
    connectInventory({
      instances: instances.map((i) => connectInstance(i)),
      accountWide: { kmsKeys: [], ...accountWide },
    }),
    { now },
  );
}

function judgeKinesis(stream: Partial<KinesisStream>, arn = CTR_STREAM) {
  return evaluate([{ storageConfigs: [connectKinesisStorage("CONTACT_TRACE_RECORDS", arn)] }], {
    kinesisStreams: [kinesisStream({ arn, ...stream })],
    kmsKeys: [kmsKey()],
  })[0];
}

function judgeFirehose(stream: Partial<FirehoseStream>, sources: KinesisStream[] = []) {
  return evaluate([{ storageConfigs: [connectFirehoseStorage("AGENT_EVENTS", AGENT_FIREHOSE)] }], {
    firehoseStreams: [firehoseStream({ arn: AGENT_FIREHOSE, ...stream })],
    kinesisStreams: sources,
  })[0];
}

describe("connect.data-streams-encryption", () => {
  it.each([
    {
      name: "KMS with a customer managed key",
      stream: {},
      status: "pass",
      reason: /is encrypted at rest with a KMS key/,
    },
    {
      name: "encryption off",
      stream: { encryptionType: "NONE" as const, keyId: undefined },
      status: "fail",
      reason: /stores records unencrypted/,
    },
    {
      name: "alias/aws/kinesis (Connect may fail to publish)",
      stream: { keyId: "alias/aws/kinesis" },
      status: "warn",
      reason: /AWS managed key aws\/kinesis: Connect may fail to publish/,
    },
    {
      name: "alias ARN of aws/kinesis",
      stream: { keyId: `arn:aws:kms:us-east-1:${TEST_ACCOUNT}:alias/aws/kinesis` },
      status: "warn",
      reason: /Connect may fail to publish/,
    },
    {
      name: "access refused",
      stream: { access: "denied" as const, encryptionType: undefined },
      status: "warn",
      reason: /cannot verify/,
    },
    {
      name: "stream does not exist",
      stream: { access: "not-found" as const, encryptionType: undefined },
      status: "warn",
      reason: /does not exist/,
    },
  ])("Kinesis: $name → $status", ({ stream, status, reason }) => {
    const result = judgeKinesis(stream);
    expect(result?.status).toBe(status);
    expect(result?.reason).toMatch(reason);
    expect(result?.reason).toContain("Kinesis data stream connect-ctr (Connect contact records)");
  });

  it("warns about a key DescribeKey reported as AWS managed", () => {
    const arn = CTR_STREAM;
    const results = evaluate([{ storageConfigs: [connectKinesisStorage("CONTACT_TRACE_RECORDS", arn)] }], {
      kinesisStreams: [kinesisStream({ arn })],
      kmsKeys: [kmsKey({ keyManager: "AWS" })],
    });
    expect(results[0]?.status).toBe("warn");
    expect(results[0]?.evidence.keyManager).toBe("AWS");
  });

  it("warns 'cannot verify' for a stream in another account, even when it was never described", () => {
    const foreign = `arn:aws:kinesis:us-east-1:${FOREIGN_ACCOUNT}:stream/central-ctr`;
    const results = evaluate([{ storageConfigs: [connectKinesisStorage("CONTACT_TRACE_RECORDS", foreign)] }], {
      kinesisStreams: [],
    });
    expect(results[0]?.status).toBe("warn");
    expect(results[0]?.reason).toMatch(/is in another account: cannot verify its encryption/);
    expect(results[0]?.evidence.streamAccount).toBe(FOREIGN_ACCOUNT);
  });

  it.each([
    {
      name: "DirectPut, encryption enabled",
      stream: {},
      sources: [],
      status: "pass",
      reason: /server-side encryption on with a customer managed key/,
    },
    {
      name: "DirectPut, AWS owned key",
      stream: { keyType: "AWS_OWNED_CMK" as const, keyArn: undefined },
      sources: [],
      status: "pass",
      reason: /an AWS owned key/,
    },
    {
      name: "DirectPut, encryption disabled",
      stream: { encryptionStatus: "DISABLED", keyType: undefined },
      sources: [],
      status: "warn",
      reason: /server-side encryption disabled/,
    },
    {
      name: "DirectPut, enabling failed",
      stream: { encryptionStatus: "ENABLING_FAILED" },
      sources: [],
      status: "warn",
      reason: /server-side encryption enabling failed/,
    },
    {
      name: "Kinesis source that is encrypted",
      stream: {
        deliveryStreamType: "KinesisStreamAsSource",
        encryptionStatus: undefined,
        sourceStreamArn: SOURCE_STREAM,
      },
      sources: [kinesisStream({ arn: SOURCE_STREAM, name: "agent-source" })],
      status: "pass",
      reason: /reads from Kinesis stream agent-source, which is encrypted at rest/,
    },
    {
      name: "Kinesis source that is not encrypted (judge the source)",
      stream: {
        deliveryStreamType: "KinesisStreamAsSource",
        encryptionStatus: "ENABLED",
        sourceStreamArn: SOURCE_STREAM,
      },
      sources: [kinesisStream({ arn: SOURCE_STREAM, name: "agent-source", encryptionType: "NONE", keyId: undefined })],
      status: "fail",
      reason: /which stores records unencrypted/,
    },
    {
      name: "Kinesis source unknown",
      stream: { deliveryStreamType: "KinesisStreamAsSource", sourceStreamArn: undefined },
      sources: [],
      status: "warn",
      reason: /could not identify: cannot verify/,
    },
    {
      name: "Firehose refused",
      stream: { access: "denied" as const, deliveryStreamType: undefined, encryptionStatus: undefined },
      sources: [],
      status: "warn",
      reason: /cannot verify/,
    },
  ])("Firehose: $name → $status", ({ stream, sources, status, reason }) => {
    const result = judgeFirehose(stream, sources);
    expect(result?.status).toBe(status);
    expect(result?.reason).toMatch(reason);
    expect(result?.reason).toContain("Firehose stream connect-agent-events (Connect agent events)");
  });

  it("reports each stream once, with every instance and data type that streams to it", () => {
    const results = evaluate(
      [
        {
          id: "i-1",
          storageConfigs: [
            connectKinesisStorage("CONTACT_TRACE_RECORDS", CTR_STREAM),
            connectKinesisStorage("REAL_TIME_CONTACT_ANALYSIS_VOICE_SEGMENTS", CTR_STREAM),
          ],
        },
        { id: "i-2", storageConfigs: [connectKinesisStorage("CONTACT_TRACE_RECORDS", CTR_STREAM)] },
      ],
      { kinesisStreams: [kinesisStream({ arn: CTR_STREAM })] },
    );
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({
      resourceArn: CTR_STREAM,
      resourceType: "Kinesis data stream",
      region: "us-east-1",
    });
    expect(results[0]?.evidence).toMatchObject({
      connectInstanceIds: ["i-1", "i-2"],
      connectResourceTypes: ["CONTACT_TRACE_RECORDS", "REAL_TIME_CONTACT_ANALYSIS_VOICE_SEGMENTS"],
    });
  });

  it("yields nothing when streams were not collected, or a same-account stream was not described", () => {
    const instances = [{ storageConfigs: [connectKinesisStorage("CONTACT_TRACE_RECORDS", CTR_STREAM)] }];
    expect(evaluate(instances, {})).toEqual([]);
    expect(evaluate(instances, { kinesisStreams: [] })).toEqual([]);
  });

  it("ignores instances whose creation failed, and yields nothing without streaming", () => {
    expect(
      evaluate([{ status: "CREATION_FAILED", storageConfigs: [connectKinesisStorage("AGENT_EVENTS", CTR_STREAM)] }], {
        kinesisStreams: [kinesisStream({ arn: CTR_STREAM })],
      }),
    ).toEqual([]);
    expect(evaluate([{}], { kinesisStreams: [kinesisStream({ arn: CTR_STREAM })] })).toEqual([]);
  });
});
