import { DescribeKeyCommand, GetKeyRotationStatusCommand, KMSClient, type KeyMetadata } from "@aws-sdk/client-kms";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { createCollectScope } from "../harness";
import type { KeyReference } from "@/lib/inventory/references";
import {
  aliasOf,
  collectReferencedKeys,
  mergeKeysByArn,
  ownerAccountOf,
  supportsAutomaticRotation,
  toKmsKey,
  unreachedKey,
} from "./collect";
import { collectKmsKeys } from "./index";

const ACCOUNT = "111122223333";
const FOREIGN = "444455556666";
const keyArn = (id: string, region = "us-east-1", account = ACCOUNT) => `arn:aws:kms:${region}:${account}:key/${id}`;
const GROUP_ARN = `arn:aws:elasticache:us-east-1:${ACCOUNT}:replicationgroup:orders`;
const TRAIL_ARN = `arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:trail/org`;

const ref = (keyId: string, region = "us-east-1", resourceArn = GROUP_ARN): KeyReference => ({
  keyId,
  region,
  references: [{ service: "elasticache", resourceArn }],
});

// SDK-shaped KeyMetadata, as DescribeKey returns it.
const sdkKey = (id: string, extra: Partial<KeyMetadata> = {}): KeyMetadata => ({
  KeyId: id,
  Arn: keyArn(id),
  AWSAccountId: ACCOUNT,
  Enabled: true,
  KeyState: "Enabled",
  KeyManager: "CUSTOMER",
  KeySpec: "SYMMETRIC_DEFAULT",
  KeyUsage: "ENCRYPT_DECRYPT",
  Origin: "AWS_KMS",
  MultiRegion: false,
  ...extra,
});

function awsError(name: string, message: string, httpStatusCode: number) {
  return Object.assign(new Error(message), { name, $fault: "client", $metadata: { httpStatusCode, attempts: 1 } });
}

const kms = mockClient(KMSClient);
const clientFor = vi.fn((region: string) => new KMSClient({ region }));

beforeEach(() => {
  kms.reset();
  clientFor.mockClear();
  kms.on(GetKeyRotationStatusCommand).resolves({ KeyRotationEnabled: true, RotationPeriodInDays: 365 });
});

/** Answers DescribeKey for each key id with its metadata. */
function describes(...keys: KeyMetadata[]) {
  for (const key of keys) kms.on(DescribeKeyCommand, { KeyId: key.Arn }).resolves({ KeyMetadata: key });
}

describe("reshaping", () => {
  it("maps key metadata, taking Region and account from the described key", () => {
    const metadata = sdkKey("k1", {
      Arn: keyArn("k1", "eu-west-1"),
      KeyState: "PendingDeletion",
      DeletionDate: new Date("2026-07-01T00:00:00Z"),
      Description: "orders data",
      MultiRegion: true,
    });
    expect(toKmsKey(metadata, ref("alias/orders", "eu-west-1"), ACCOUNT)).toEqual({
      arn: keyArn("k1", "eu-west-1"),
      region: "eu-west-1",
      accountId: ACCOUNT,
      access: "ok",
      keyState: "PendingDeletion",
      keyManager: "CUSTOMER",
      keySpec: "SYMMETRIC_DEFAULT",
      keyUsage: "ENCRYPT_DECRYPT",
      origin: "AWS_KMS",
      multiRegion: true,
      deletionDate: "2026-07-01T00:00:00.000Z",
      description: "orders data",
      aliases: ["alias/orders"],
      referencedBy: [{ service: "elasticache", resourceArn: GROUP_ARN }],
    });
  });

  it("falls back to the deprecated CustomerMasterKeySpec", () => {
    const key = toKmsKey(sdkKey("k1", { KeySpec: undefined, CustomerMasterKeySpec: "RSA_2048" }), ref("x"), ACCOUNT);
    expect(key.keySpec).toBe("RSA_2048");
  });

  it("keeps only the reference for a key it could not describe", () => {
    expect(unreachedKey(ref(keyArn("k9", "eu-central-1", FOREIGN), "eu-central-1"), "denied", ACCOUNT)).toEqual({
      arn: keyArn("k9", "eu-central-1", FOREIGN),
      region: "eu-central-1",
      accountId: FOREIGN,
      access: "denied",
      referencedBy: [{ service: "elasticache", resourceArn: GROUP_ARN }],
    });
  });

  it.each([
    [keyArn("k", "us-east-1", FOREIGN), FOREIGN],
    [`arn:aws:kms:us-east-1:${FOREIGN}:alias/shared`, FOREIGN],
    ["alias/aws/kinesis", ACCOUNT],
  ])("owner of %s is %s", (keyId, owner) => {
    expect(ownerAccountOf(keyId, ACCOUNT)).toBe(owner);
  });

  it.each([
    { name: "customer symmetric AWS_KMS", extra: {}, rotates: true },
    { name: "AWS managed", extra: { KeyManager: "AWS" as const }, rotates: false },
    { name: "asymmetric", extra: { KeySpec: "RSA_2048" as const }, rotates: false },
    { name: "HMAC", extra: { KeySpec: "HMAC_256" as const }, rotates: false },
    { name: "imported material", extra: { Origin: "EXTERNAL" as const }, rotates: false },
    { name: "CloudHSM key store", extra: { Origin: "AWS_CLOUDHSM" as const }, rotates: false },
    { name: "external key store", extra: { Origin: "EXTERNAL_KEY_STORE" as const }, rotates: false },
  ])("automatic rotation for $name: $rotates", ({ extra, rotates }) => {
    expect(supportsAutomaticRotation(sdkKey("k", extra))).toBe(rotates);
  });

  it("joins keys that described to the same ARN, keeping each reference once", () => {
    const byAlias = { ...unreachedKey(ref("alias/a", "us-east-1", TRAIL_ARN), "denied", ACCOUNT), arn: keyArn("k") };
    const byArn = unreachedKey(ref(keyArn("k")), "denied", ACCOUNT);
    const other = unreachedKey(ref(keyArn("k2")), "denied", ACCOUNT);
    const merged = mergeKeysByArn([byArn, byAlias, other, byArn]);
    expect(merged.map((k) => [k.arn, k.referencedBy.map((r) => r.resourceArn)])).toEqual([
      [keyArn("k"), [GROUP_ARN, TRAIL_ARN]],
      [keyArn("k2"), [GROUP_ARN]],
    ]);
  });

  it("joins the aliases keys were referred to by, each once", () => {
    const described = (keyId: string) => toKmsKey(sdkKey("k"), ref(keyId), ACCOUNT);
    const merged = mergeKeysByArn([
      described(keyArn("k")),
      described("alias/a"),
      described("alias/b"),
      described("alias/a"),
    ]);
    expect(merged).toHaveLength(1);
    expect(merged[0]?.aliases).toEqual(["alias/a", "alias/b"]);
  });
});

describe("collectReferencedKeys", () => {
  it("makes no call when nothing refers to a key", async () => {
    expect(await collectReferencedKeys([], ACCOUNT, clientFor)).toEqual({ inventory: [], errors: [] });
    expect(kms.calls()).toHaveLength(0);
    expect(clientFor).not.toHaveBeenCalled();
  });

  it("describes each key in its own Region and reads rotation for a symmetric customer managed key", async () => {
    const eu = sdkKey("eu", { Arn: keyArn("eu", "eu-west-1") });
    describes(sdkKey("us"), eu);
    kms.on(GetKeyRotationStatusCommand, { KeyId: eu.Arn }).resolves({ KeyRotationEnabled: false });

    const { inventory, errors } = await collectReferencedKeys(
      [ref(keyArn("us")), ref(keyArn("eu", "eu-west-1"), "eu-west-1")],
      ACCOUNT,
      clientFor,
    );

    expect(errors).toEqual([]);
    expect(inventory.map((k) => [k.arn, k.region, k.access, k.rotationEnabled, k.rotationPeriodInDays])).toEqual([
      [keyArn("us"), "us-east-1", "ok", true, 365],
      [keyArn("eu", "eu-west-1"), "eu-west-1", "ok", false, undefined],
    ]);
    expect(clientFor.mock.calls.map(([region]) => region).sort()).toEqual(["eu-west-1", "us-east-1"]);
    expect(kms).toHaveReceivedCommandWith(GetKeyRotationStatusCommand, { KeyId: keyArn("us") });
  });

  it.each([
    { name: "an AWS managed key", extra: { KeyManager: "AWS" as const } },
    { name: "an asymmetric key", extra: { KeySpec: "ECC_NIST_P256" as const, KeyUsage: "SIGN_VERIFY" as const } },
    { name: "a key with imported material", extra: { Origin: "EXTERNAL" as const } },
    { name: "a key in an external key store", extra: { Origin: "EXTERNAL_KEY_STORE" as const } },
  ])("does not ask rotation for $name (call budget)", async ({ extra }) => {
    describes(sdkKey("k", extra));
    const { inventory, errors } = await collectReferencedKeys([ref(keyArn("k"))], ACCOUNT, clientFor);
    expect(errors).toEqual([]);
    expect(inventory[0]?.rotationEnabled).toBeUndefined();
    expect(kms).toHaveReceivedCommandTimes(GetKeyRotationStatusCommand, 0);
  });

  it("passes alias names as they are and joins them with the key they resolve to", async () => {
    describes(sdkKey("k"));
    kms.on(DescribeKeyCommand, { KeyId: "alias/orders" }).resolves({ KeyMetadata: sdkKey("k") });
    const { inventory } = await collectReferencedKeys(
      [ref(keyArn("k")), ref("alias/orders", "us-east-1", TRAIL_ARN)],
      ACCOUNT,
      clientFor,
    );
    expect(inventory).toHaveLength(1);
    expect(inventory[0]?.referencedBy.map((r) => r.resourceArn)).toEqual([GROUP_ARN, TRAIL_ARN]);
    // The alias is the key's readable name; DescribeKey alone would have dropped it.
    expect(inventory[0]?.aliases).toEqual(["alias/orders"]);
  });

  it.each([
    ["alias/orders", "alias/orders"],
    [`arn:aws:kms:us-east-1:${FOREIGN}:alias/shared`, "alias/shared"],
    [keyArn("k"), undefined],
    ["1234abcd-12ab-34cd-56ef-1234567890ab", undefined],
  ])("the alias named by %s is %s", (keyId, alias) => {
    expect(aliasOf(keyId)).toBe(alias);
    expect(toKmsKey(sdkKey("k"), ref(keyId), ACCOUNT).aliases).toEqual(alias ? [alias] : undefined);
  });

  describe("refusals and missing keys", () => {
    it("marks a key of another account that refuses DescribeKey as denied, without an error", async () => {
      const foreign = keyArn("org", "eu-central-1", FOREIGN);
      kms.on(DescribeKeyCommand).rejects(awsError("AccessDeniedException", "not authorized", 400));
      const { inventory, errors } = await collectReferencedKeys([ref(foreign, "eu-central-1")], ACCOUNT, clientFor);
      expect(errors).toEqual([]);
      expect(inventory).toEqual([
        {
          arn: foreign,
          region: "eu-central-1",
          accountId: FOREIGN,
          access: "denied",
          referencedBy: [{ service: "elasticache", resourceArn: GROUP_ARN }],
        },
      ]);
    });

    it("reports an own key that refuses DescribeKey, in the key's Region, and marks it denied", async () => {
      kms
        .on(DescribeKeyCommand)
        .rejects(
          awsError(
            "AccessDeniedException",
            `User: arn:aws:sts::${ACCOUNT}:assumed-role/scanner/s is not authorized to perform: kms:DescribeKey on resource: ${keyArn("k", "eu-west-1")}`,
            400,
          ),
        );
      const { inventory, errors } = await collectReferencedKeys(
        [ref(keyArn("k", "eu-west-1"), "eu-west-1"), ref("alias/local", "eu-west-1")],
        ACCOUNT,
        clientFor,
      );
      expect(inventory.map((k) => [k.arn, k.access])).toEqual([
        [keyArn("k", "eu-west-1"), "denied"],
        ["alias/local", "denied"],
      ]);
      expect(errors).toHaveLength(2);
      expect(errors[0]).toEqual({
        service: "account",
        region: "eu-west-1",
        action: "kms:DescribeKey",
        kind: "access-denied",
        message: "insufficient permissions: kms:DescribeKey",
      });
    });

    it("marks a key that no longer exists as not-found, without an error", async () => {
      kms.on(DescribeKeyCommand).rejects(awsError("NotFoundException", "Key ... does not exist", 400));
      const { inventory, errors } = await collectReferencedKeys([ref(keyArn("gone"))], ACCOUNT, clientFor);
      expect(errors).toEqual([]);
      expect(inventory.map((k) => k.access)).toEqual(["not-found"]);
    });

    it.each(["UnsupportedOperationException", "KMSInvalidStateException", "NotFoundException"])(
      "leaves rotation unknown, without an error, when GetKeyRotationStatus answers %s",
      async (name) => {
        describes(sdkKey("k"));
        kms.on(GetKeyRotationStatusCommand).rejects(awsError(name, "cannot", 400));
        const { inventory, errors } = await collectReferencedKeys([ref(keyArn("k"))], ACCOUNT, clientFor);
        expect(errors).toEqual([]);
        expect(inventory[0]?.access).toBe("ok");
        expect(inventory[0]?.rotationEnabled).toBeUndefined();
      },
    );

    it("reports a refused rotation read on an own key and keeps the described key", async () => {
      describes(sdkKey("k"));
      kms.on(GetKeyRotationStatusCommand).rejects(awsError("AccessDeniedException", "denied", 400));
      const { inventory, errors } = await collectReferencedKeys([ref(keyArn("k"))], ACCOUNT, clientFor);
      expect(inventory[0]).toMatchObject({ access: "ok", keyState: "Enabled" });
      expect(inventory[0]?.rotationEnabled).toBeUndefined();
      expect(errors.map((e) => [e.action, e.kind, e.region])).toEqual([
        ["kms:GetKeyRotationStatus", "access-denied", "us-east-1"],
      ]);
    });

    it("does not report a refused rotation read on another account's key", async () => {
      const foreign = sdkKey("org", { Arn: keyArn("org", "us-east-1", FOREIGN), AWSAccountId: FOREIGN });
      describes(foreign);
      kms.on(GetKeyRotationStatusCommand).rejects(awsError("AccessDeniedException", "denied", 400));
      const { inventory, errors } = await collectReferencedKeys([ref(foreign.Arn ?? "")], ACCOUNT, clientFor);
      expect(errors).toEqual([]);
      expect(inventory[0]).toMatchObject({ access: "ok", accountId: FOREIGN });
      expect(inventory[0]?.rotationEnabled).toBeUndefined();
    });
  });

  describe("failed calls", () => {
    it.each([
      { name: "throttled", error: awsError("ThrottlingException", "Rate exceeded", 400), kind: "throttled" },
      {
        name: "timed out",
        error: Object.assign(new Error("socket timed out"), { name: "TimeoutError" }),
        kind: "timeout",
      },
      { name: "generic", error: awsError("KMSInternalException", "internal", 500), kind: "other" },
    ])("a $name DescribeKey leaves that key out and the rest is still collected", async ({ error, kind }) => {
      describes(sdkKey("ok"));
      kms.on(DescribeKeyCommand, { KeyId: keyArn("bad") }).rejects(error);
      const { inventory, errors } = await collectReferencedKeys(
        [ref(keyArn("bad")), ref(keyArn("ok"))],
        ACCOUNT,
        clientFor,
      );
      expect(inventory.map((k) => k.arn)).toEqual([keyArn("ok")]);
      expect(errors).toMatchObject([{ service: "account", region: "us-east-1", action: "kms:DescribeKey", kind }]);
    });

    it("a throttled rotation read keeps the key and reports the error", async () => {
      describes(sdkKey("k"));
      kms.on(GetKeyRotationStatusCommand).rejects(awsError("ThrottlingException", "Rate exceeded", 400));
      const { inventory, errors } = await collectReferencedKeys([ref(keyArn("k"))], ACCOUNT, clientFor);
      expect(inventory).toHaveLength(1);
      expect(errors.map((e) => [e.action, e.kind])).toEqual([["kms:GetKeyRotationStatus", "throttled"]]);
    });

    it("a Region that does not answer keeps only its one error; other Regions are kept", async () => {
      describes(sdkKey("us"));
      const optIn = (id: string) => keyArn(id, "ap-east-1");
      kms
        .on(DescribeKeyCommand, { KeyId: optIn("a") })
        .rejects(awsError("UnrecognizedClientException", "The security token included in the request is invalid", 400));
      kms
        .on(DescribeKeyCommand, { KeyId: optIn("b") })
        .rejects(awsError("UnrecognizedClientException", "The security token included in the request is invalid", 400));
      const { inventory, errors } = await collectReferencedKeys(
        [ref(optIn("a"), "ap-east-1"), ref(keyArn("us")), ref(optIn("b"), "ap-east-1")],
        ACCOUNT,
        clientFor,
      );
      expect(inventory.map((k) => k.arn)).toEqual([keyArn("us")]);
      expect(errors).toMatchObject([{ region: "ap-east-1", kind: "credentials-rejected", action: "kms:DescribeKey" }]);
    });
  });

  it("keeps at most three calls in flight per Region", async () => {
    let inFlight = 0;
    let peak = 0;
    kms.on(DescribeKeyCommand).callsFake(async (input: { KeyId: string }) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight -= 1;
      return { KeyMetadata: sdkKey(input.KeyId, { Arn: input.KeyId, KeyManager: "AWS" }) };
    });
    const refs = ["a", "b", "c", "d", "e", "f"].map((id) => ref(keyArn(id)));
    const { inventory } = await collectReferencedKeys(refs, ACCOUNT, clientFor);
    expect(inventory).toHaveLength(6);
    expect(peak).toBe(3);
  });
});

describe("collectKmsKeys", () => {
  it("creates one client per key Region, sends each call there, and makes none without keys", async () => {
    const eu = sdkKey("eu", { Arn: keyArn("eu", "eu-west-1"), KeyManager: "AWS" });
    describes(sdkKey("us", { KeyManager: "AWS" }), eu);
    const scope = createCollectScope({ accountId: ACCOUNT, partition: "aws" });

    const result = await collectKmsKeys([ref(keyArn("us")), ref(keyArn("eu", "eu-west-1"), "eu-west-1")], scope);

    expect(result.errors).toEqual([]);
    expect(result.inventory.map((k) => k.region)).toEqual(["us-east-1", "eu-west-1"]);
    const regions = await Promise.all(
      kms.commandCalls(DescribeKeyCommand).map((call) => (call.thisValue as KMSClient).config.region()),
    );
    expect(regions.sort()).toEqual(["eu-west-1", "us-east-1"]);

    kms.resetHistory();
    expect(await collectKmsKeys([], scope)).toEqual({ inventory: [], errors: [] });
    expect(kms.calls()).toHaveLength(0);
  });
});
