import { KMSClient } from "@aws-sdk/client-kms";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { collectReferencedKeys } from "@/lib/aws/kms/collect";
import type { KmsKey } from "@/lib/inventory";
import {
  foreignDeniedKey,
  kinesisStream,
  kmsKey,
  kmsKeyArn,
  storageInventory,
  TEST_ACCOUNT,
  TEST_REGION,
} from "@/lib/inventory/builders";
import type { KeyReference } from "@/lib/inventory/references";
import { startFakeAws, type FakeAws } from "../server";
import type { Scenario } from "../types";
import { FAKE_SERVICES } from "./index";
import { kms } from "./kms";

const EU = "eu-west-1";
const stream = kinesisStream({ keyId: "alias/aws/kinesis", encryptionType: "KMS" });
const streamRef = { service: "account" as const, resourceArn: stream.arn };

const rotating = kmsKey();
/** AWS managed: rotation is not asked; referenced by its alias only. */
const kinesisManaged = kmsKey({
  arn: kmsKeyArn("22222222-2222-2222-2222-222222222222"),
  keyManager: "AWS",
  description: "Default key that protects my Kinesis data when no other key is defined",
  rotationEnabled: undefined,
  rotationPeriodInDays: undefined,
  referencedBy: [streamRef],
});
const pendingDeletion = kmsKey({
  arn: kmsKeyArn("33333333-3333-3333-3333-333333333333"),
  keyState: "PendingDeletion",
  deletionDate: "2026-12-01T00:00:00.000Z",
  rotationEnabled: undefined,
  rotationPeriodInDays: undefined,
});
const imported = kmsKey({
  arn: kmsKeyArn("44444444-4444-4444-4444-444444444444"),
  origin: "EXTERNAL",
  rotationEnabled: undefined,
  rotationPeriodInDays: undefined,
});
const euNotRotating = kmsKey({
  arn: kmsKeyArn("55555555-5555-5555-5555-555555555555", TEST_ACCOUNT, EU),
  region: EU,
  multiRegion: true,
  rotationEnabled: false,
  rotationPeriodInDays: undefined,
});
const foreign = foreignDeniedKey();
const gone: KmsKey = {
  arn: kmsKeyArn("66666666-6666-6666-6666-666666666666"),
  region: TEST_REGION,
  accountId: TEST_ACCOUNT,
  access: "not-found",
  referencedBy: rotating.referencedBy,
};
const keys = [rotating, kinesisManaged, pendingDeletion, imported, euNotRotating, foreign, gone];

function scenario(kmsKeys: KmsKey[], faults: Scenario["faults"] = []): Scenario {
  return { inventory: storageInventory({ kmsKeys, kinesisStreams: [stream] }), faults };
}

/** Each key referenced by its ARN, except the AWS managed one, referenced by alias as the stream does. */
function references(list: readonly KmsKey[]): KeyReference[] {
  return list.map((key) => ({
    keyId: key === kinesisManaged ? "alias/aws/kinesis" : key.arn,
    region: key.region,
    references: key.referencedBy,
  }));
}

let fake: FakeAws;
const clients: KMSClient[] = [];

function clientFor(region: string): KMSClient {
  const client = new KMSClient({
    region,
    endpoint: fake.url,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts: 1,
  });
  clients.push(client);
  return client;
}

beforeAll(async () => {
  FAKE_SERVICES[kms.model.signingName] = kms;
  fake = await startFakeAws(scenario(keys));
});
beforeEach(() => fake.reset());
afterAll(async () => {
  for (const client of clients) client.destroy();
  delete FAKE_SERVICES[kms.model.signingName];
  await fake.close();
});

describe("fake KMS", () => {
  it("round-trips the keys through the real collector, aliases resolved to their key", async () => {
    fake.setScenario(scenario(keys));
    const { inventory, errors } = await collectReferencedKeys(references(keys), TEST_ACCOUNT, clientFor);
    expect(errors).toEqual([]);
    // A key referred to by an alias keeps that alias, so results can name the key by it.
    expect(inventory).toEqual(
      keys.map((key) => (key.arn === kinesisManaged.arn ? { ...key, aliases: ["alias/aws/kinesis"] } : key)),
    );
    // Rotation is asked only for symmetric customer managed KMS-generated keys.
    expect(fake.counts()).toEqual({ "kms:DescribeKey": 7, "kms:GetKeyRotationStatus": 3 });
  });

  it("answers the alias ARN, the bare key id and the key ARN with the same key", async () => {
    fake.setScenario(scenario(keys));
    const aliasArn = `arn:aws:kms:${TEST_REGION}:${TEST_ACCOUNT}:alias/aws/kinesis`;
    const bareId = "22222222-2222-2222-2222-222222222222";
    const refs = [aliasArn, bareId, kinesisManaged.arn].map((keyId) => ({
      keyId,
      region: TEST_REGION,
      references: [streamRef],
    }));
    const { inventory, errors } = await collectReferencedKeys(refs, TEST_ACCOUNT, clientFor);
    expect(errors).toEqual([]);
    expect(inventory).toEqual([{ ...kinesisManaged, aliases: ["alias/aws/kinesis"] }]);
  });

  it("refuses a denied key of the scanned account, which the collector reports", async () => {
    const own = { ...foreign, arn: kmsKeyArn("77777777-7777-7777-7777-777777777777"), accountId: TEST_ACCOUNT };
    fake.setScenario(scenario([own]));
    const { inventory, errors } = await collectReferencedKeys(references([own]), TEST_ACCOUNT, clientFor);
    expect(inventory).toEqual([own]);
    expect(errors).toEqual([
      expect.objectContaining({ action: "kms:DescribeKey", kind: "access-denied", region: TEST_REGION }),
    ]);
  });

  it("answers NotFoundException for an alias nothing resolves", async () => {
    fake.setScenario(scenario(keys));
    const ref = { keyId: "alias/retired", region: TEST_REGION, references: rotating.referencedBy };
    const { inventory, errors } = await collectReferencedKeys([ref], TEST_ACCOUNT, clientFor);
    expect(errors).toEqual([]);
    expect(inventory).toEqual([
      {
        arn: "alias/retired",
        region: TEST_REGION,
        accountId: TEST_ACCOUNT,
        access: "not-found",
        referencedBy: ref.references,
      },
    ]);
  });

  it("injects access denied on DescribeKey: own keys reported, the foreign one only marked", async () => {
    fake.setScenario(scenario(keys, [{ action: "kms:DescribeKey", kind: "access-denied" }]));
    const { inventory, errors } = await collectReferencedKeys(references(keys), TEST_ACCOUNT, clientFor);
    expect(inventory.every((key) => key.access === "denied")).toBe(true);
    expect(errors).toHaveLength(keys.length - 1);
    expect(errors.every((e) => e.action === "kms:DescribeKey" && e.kind === "access-denied")).toBe(true);
  });

  it("injects throttling on GetKeyRotationStatus: keys kept without rotation, calls reported", async () => {
    fake.setScenario(scenario(keys, [{ action: "kms:GetKeyRotationStatus", kind: "throttle" }]));
    const { inventory, errors } = await collectReferencedKeys(references(keys), TEST_ACCOUNT, clientFor);
    expect(inventory.find((key) => key.arn === rotating.arn)).toEqual({
      ...rotating,
      rotationEnabled: undefined,
      rotationPeriodInDays: undefined,
    });
    // Faults are answered before the responder runs, so the key pending deletion is throttled too.
    expect(errors).toHaveLength(3);
    expect(errors.every((e) => e.action === "kms:GetKeyRotationStatus" && e.kind === "throttled")).toBe(true);
  });

  it("injects a server error on DescribeKey: the key is left out and the call reported", async () => {
    fake.setScenario(scenario([rotating], [{ action: "kms:DescribeKey", kind: "server-error" }]));
    const { inventory, errors } = await collectReferencedKeys(references([rotating]), TEST_ACCOUNT, clientFor);
    expect(inventory).toEqual([]);
    expect(errors).toEqual([expect.objectContaining({ action: "kms:DescribeKey", kind: "other" })]);
  });
});
