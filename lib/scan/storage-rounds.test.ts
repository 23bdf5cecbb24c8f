import { describe, expect, it } from "vitest";
import type {
  CollectionError,
  ConnectInstance,
  FirehoseStream,
  InstanceStorageConfig,
  Inventory,
  Reference,
} from "@/lib/inventory";
import {
  buildInventory,
  firehoseStream,
  kinesisStream,
  kmsKeyArn,
  s3Bucket,
  TEST_ACCOUNT,
} from "@/lib/inventory/builders";
import { referencedKeys, type BucketReference, type StreamReference } from "@/lib/inventory/references";
import { collectReferencedStorage, pendingStorage, type StorageCollectors } from "./storage-rounds";

const INSTANCE_ARN = `arn:aws:connect:us-east-1:${TEST_ACCOUNT}:instance/11111111-2222-3333-4444-555555555555`;

function connectInstance(storageConfigs: InstanceStorageConfig[]): ConnectInstance {
  return {
    id: "11111111-2222-3333-4444-555555555555",
    arn: INSTANCE_ARN,
    region: "us-east-1",
    tags: [],
    storageConfigs,
    unsupportedResourceTypes: [],
    approvedOrigins: [],
    integrations: [],
    securityProfiles: [],
  };
}

function withServices(parts: Partial<Inventory>): Inventory {
  return buildInventory(parts);
}

describe("collectReferencedStorage", () => {
  const sourceArn = `arn:aws:kinesis:us-east-1:${TEST_ACCOUNT}:stream/rtca-source`;
  const ctrArn = `arn:aws:kinesis:us-east-1:${TEST_ACCOUNT}:stream/ctr`;
  const fedArn = `arn:aws:firehose:us-east-1:${TEST_ACCOUNT}:deliverystream/rtca`;
  const sourceKey = kmsKeyArn("eeeeeeee-1111-2222-3333-444444444444");
  const connect = (configs: InstanceStorageConfig[]) =>
    withServices({
      connect: { regions: [{ region: "us-east-1", instances: [connectInstance(configs)] }] },
      accountWide: { scanner: { useFipsEndpoint: false, homeRegion: "us-east-1" } },
    });
  const recordings: InstanceStorageConfig = {
    resourceType: "CALL_RECORDINGS",
    storageType: "S3",
    s3: { bucketName: "recordings" },
  };
  const ctr: InstanceStorageConfig = {
    resourceType: "CONTACT_TRACE_RECORDS",
    storageType: "KINESIS_STREAM",
    kinesisStreamArn: ctrArn,
  };
  const rtca: InstanceStorageConfig = {
    resourceType: "REAL_TIME_CONTACT_ANALYSIS_VOICE_SEGMENTS",
    storageType: "KINESIS_FIREHOSE",
    firehoseArn: fedArn,
  };
  const connectRef = { service: "connect" as const, resourceArn: INSTANCE_ARN };
  const fedRef = { service: "account" as const, resourceArn: fedArn };

  /** The account as AWS would describe it; the fake collectors answer from it and log every request. */
  function fakeAccount(sourceOf: string = sourceArn) {
    const world = {
      buckets: [s3Bucket({ name: "recordings" })],
      kinesis: [kinesisStream({ name: "ctr" }), kinesisStream({ name: "rtca-source", keyId: sourceKey })],
      firehose: [
        firehoseStream({
          name: "rtca",
          deliveryStreamType: "KinesisStreamAsSource",
          encryptionStatus: "DISABLED",
          keyType: undefined,
          keyArn: undefined,
          sourceStreamArn: sourceOf,
        }),
      ],
    };
    const asked: string[][] = [];
    const answer = <T, R extends { references: Reference[] }>(
      kind: string,
      refs: R[],
      idOf: (ref: R) => string,
      find: (id: string) => T | undefined,
    ) => {
      asked.push([kind, ...refs.map(idOf)]);
      const found = refs.flatMap((ref) => {
        const item = find(idOf(ref));
        return item ? [{ ...item, referencedBy: ref.references }] : [];
      });
      return Promise.resolve({ inventory: found, errors: [] as CollectionError[] });
    };
    const collectors: StorageCollectors = {
      buckets: (refs: BucketReference[]) =>
        answer(
          "s3",
          refs,
          (r) => r.bucket,
          (id) => world.buckets.find((b) => b.name === id),
        ),
      kinesis: (refs: StreamReference[]) =>
        answer(
          "kinesis",
          refs,
          (r) => r.arn,
          (id) => world.kinesis.find((k) => k.arn === id),
        ),
      firehose: (refs: StreamReference[]) =>
        answer(
          "firehose",
          refs,
          (r) => r.arn,
          (id) => world.firehose.find((f) => f.arn === id),
        ),
    };
    return { collectors, asked };
  }

  it("describes a Firehose stream's Kinesis source in a second round, and its key is then referenced", async () => {
    const inventory = connect([recordings, ctr, rtca]);
    const { collectors, asked } = fakeAccount();

    const { storage, errors, rounds } = await collectReferencedStorage(inventory, collectors);

    expect(errors).toEqual([]);
    expect(rounds).toBe(2);
    expect(asked).toEqual([
      ["s3", "recordings"],
      ["kinesis", ctrArn],
      ["firehose", fedArn],
      ["kinesis", sourceArn],
    ]);
    expect(storage.kinesisStreams.map((k) => [k.arn, k.referencedBy])).toEqual([
      [ctrArn, [connectRef]],
      [sourceArn, [fedRef]],
    ]);
    const keys = referencedKeys(withServices({ ...inventory, accountWide: { ...inventory.accountWide!, ...storage } }));
    expect(keys.find((k) => k.keyId === sourceKey)?.references).toEqual([
      { service: "account", resourceArn: sourceArn },
    ]);
  });

  it("never describes a stream twice, and gives it every referrer once the rounds are over", async () => {
    // The Firehose stream reads the stream Connect also writes contact records to.
    const { collectors, asked } = fakeAccount(ctrArn);

    const { storage, rounds } = await collectReferencedStorage(connect([ctr, rtca]), collectors);

    expect(rounds).toBe(1);
    expect(asked).toEqual([
      ["kinesis", ctrArn],
      ["firehose", fedArn],
    ]);
    expect(storage.kinesisStreams).toHaveLength(1);
    expect(storage.kinesisStreams[0]?.referencedBy).toEqual([connectRef, fedRef]);
  });

  it("does not ask again for what a failed call could not describe", async () => {
    const { collectors } = fakeAccount();
    const refused: CollectionError = {
      service: "account",
      region: "us-east-1",
      action: "firehose:DescribeDeliveryStream",
      kind: "throttled",
      message: "Rate exceeded",
    };
    const calls: string[][] = [];
    const failing: StorageCollectors = {
      ...collectors,
      firehose: (refs) => {
        calls.push(refs.map((r) => r.arn));
        return Promise.resolve({ inventory: [] as FirehoseStream[], errors: [refused] });
      },
    };

    const { storage, errors, rounds } = await collectReferencedStorage(connect([rtca]), failing);

    expect(calls).toEqual([[fedArn]]);
    expect(rounds).toBe(1);
    expect(storage.firehoseStreams).toEqual([]);
    expect(errors).toEqual([refused]);
  });

  it("asks the three kinds side by side within a round", async () => {
    const { collectors } = fakeAccount();
    const started: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const held =
      <A, T>(kind: string, collect: (refs: A) => Promise<T>) =>
      async (refs: A) => {
        started.push(kind);
        if (started.length === 3) release();
        await gate;
        return collect(refs);
      };
    const parallel: StorageCollectors = {
      buckets: held("s3", collectors.buckets),
      kinesis: held("kinesis", collectors.kinesis),
      firehose: held("firehose", collectors.firehose),
    };
    // Deadlocks (and times out) unless all three were called before any of them answered.
    const { rounds } = await collectReferencedStorage(connect([recordings, ctr, rtca]), parallel);
    expect(started.slice(0, 3).sort()).toEqual(["firehose", "kinesis", "s3"]);
    expect(rounds).toBe(2);
  });

  it("stops after the last round allowed and names what it left undescribed", async () => {
    const { collectors, asked } = fakeAccount();

    const { storage, errors, rounds } = await collectReferencedStorage(connect([rtca]), collectors, 1);

    expect(rounds).toBe(1);
    expect(asked).toEqual([["firehose", fedArn]]);
    expect(storage.kinesisStreams).toEqual([]);
    expect(errors).toEqual([
      {
        service: "account",
        region: "us-east-1",
        action: "kinesis:DescribeStreamSummary",
        kind: "other",
        message: "A referenced Kinesis stream was not described: the scan stopped following references after 1 round",
        resource: sourceArn,
      },
    ]);
  });

  it("makes no call when nothing is referenced", async () => {
    const { collectors, asked } = fakeAccount();
    const result = await collectReferencedStorage(buildInventory(), collectors);
    expect(result).toEqual({
      storage: { buckets: [], kinesisStreams: [], firehoseStreams: [] },
      errors: [],
      rounds: 0,
    });
    expect(asked).toEqual([]);
  });
});

describe("pendingStorage", () => {
  it("lists only what was never asked for", () => {
    const delivery = firehoseStream({
      deliveryStreamType: "KinesisStreamAsSource",
      sourceStreamArn: `arn:aws:kinesis:us-east-1:${TEST_ACCOUNT}:stream/source`,
    });
    const inventory = withServices({
      connect: {
        regions: [
          {
            region: "us-east-1",
            instances: [
              connectInstance([
                { resourceType: "CALL_RECORDINGS", storageType: "S3", s3: { bucketName: "recordings" } },
                { resourceType: "AGENT_EVENTS", storageType: "KINESIS_FIREHOSE", firehoseArn: delivery.arn },
              ]),
            ],
          },
        ],
      },
      accountWide: { scanner: { useFipsEndpoint: false, homeRegion: "us-east-1" }, firehoseStreams: [delivery] },
    });
    const pending = pendingStorage(inventory, {
      buckets: new Set(["recordings"]),
      kinesis: new Set(),
      firehose: new Set([delivery.arn]),
    });
    expect(pending).toEqual({
      buckets: [],
      kinesis: [
        {
          arn: `arn:aws:kinesis:us-east-1:${TEST_ACCOUNT}:stream/source`,
          references: [{ service: "account", resourceArn: delivery.arn }],
        },
      ],
      firehose: [],
    });
  });
});
