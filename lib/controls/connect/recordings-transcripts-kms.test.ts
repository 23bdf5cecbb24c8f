import { describe, expect, it } from "vitest";
import {
  CONNECT_INSTANCE_ID,
  CONNECT_KEY_ARN,
  connectInstance,
  connectInventory,
  connectS3Storage,
  kmsKey,
  s3Bucket,
} from "@/lib/inventory/builders";
import type { ConnectInstance, S3Bucket } from "@/lib/inventory";
import { control } from "./recordings-transcripts-kms";

const now = new Date("2026-06-01T00:00:00Z");
const BUCKET = "support-recordings";

function evaluate(instance: Partial<ConnectInstance>, buckets: S3Bucket[] = [], keys = [kmsKey()]) {
  return control.evaluate(
    connectInventory({ instances: [connectInstance(instance)], accountWide: { buckets, kmsKeys: keys } }),
    { now },
  );
}

/** The one result for call recordings (the other three types are not configured in these tests). */
function callRecordings(instance: Partial<ConnectInstance>, buckets: S3Bucket[] = [], keys = [kmsKey()]) {
  return evaluate(instance, buckets, keys).find((r) => r.evidence.storageResourceType === "CALL_RECORDINGS");
}

describe("connect.recordings-transcripts-kms", () => {
  it.each([
    {
      name: "KMS key on the storage config (customer managed)",
      encryption: { type: "KMS", keyId: CONNECT_KEY_ARN },
      bucket: { algorithm: "AES256" },
      status: "pass",
      reason: /customer managed KMS key/,
    },
    {
      name: "no KMS key, bucket defaults to SSE-S3",
      encryption: undefined,
      bucket: { algorithm: "AES256" },
      status: "fail",
      reason: /no KMS key on the storage configuration; objects get only the bucket's default encryption/,
    },
    {
      name: "no KMS key, bucket defaults to SSE-KMS (downgraded to warn)",
      encryption: undefined,
      bucket: { algorithm: "aws:kms" },
      status: "warn",
      reason: /default SSE-KMS encryption still encrypts/,
    },
    {
      name: "no KMS key, bucket defaults to DSSE-KMS (downgraded to warn)",
      encryption: undefined,
      bucket: { algorithm: "aws:kms:dsse" },
      status: "warn",
      reason: /default SSE-KMS/,
    },
    {
      name: "encryption type KMS but no key id",
      encryption: { type: "KMS", keyId: "" },
      bucket: { algorithm: "AES256" },
      status: "fail",
      reason: /no KMS key/,
    },
  ])("$name → $status", ({ encryption, bucket, status, reason }) => {
    const result = callRecordings(
      { storageConfigs: [connectS3Storage("CALL_RECORDINGS", { bucketName: BUCKET, encryption })] },
      [s3Bucket({ name: BUCKET, encryption: bucket })],
    );
    expect(result?.status).toBe(status);
    expect(result?.reason).toMatch(reason);
    expect(result?.reason).toContain(CONNECT_INSTANCE_ID);
    expect(result?.reason).toContain("call recordings");
  });

  it("fails without a key when the bucket could not be read, since only the storage config is known", () => {
    const result = callRecordings(
      { storageConfigs: [connectS3Storage("CALL_RECORDINGS", { bucketName: BUCKET, encryption: undefined })] },
      [s3Bucket({ name: BUCKET, access: "denied", encryption: undefined })],
    );
    expect(result?.status).toBe("fail");
    expect(result?.evidence.bucketDefaultEncryption).toBeNull();
  });

  it("names an AWS managed key when DescribeKey said so, and a plain KMS key when the key was not described", () => {
    const configs = [connectS3Storage("CALL_RECORDINGS", { encryption: { type: "KMS", keyId: CONNECT_KEY_ARN } })];
    expect(callRecordings({ storageConfigs: configs }, [], [kmsKey({ keyManager: "AWS" })])?.reason).toMatch(
      /an AWS managed KMS key/,
    );
    const unknown = callRecordings({ storageConfigs: configs }, [], []);
    expect(unknown?.reason).toMatch(/with a KMS key\./);
    expect(unknown?.evidence).toMatchObject({ keyId: CONNECT_KEY_ARN, keyManager: null });
  });

  it("finds a key referenced by bare id in the instance's Region", () => {
    const configs = [
      connectS3Storage("CALL_RECORDINGS", {
        encryption: { type: "KMS", keyId: "1234abcd-12ab-34cd-56ef-1234567890ab" },
      }),
    ];
    expect(callRecordings({ storageConfigs: configs })?.evidence.keyManager).toBe("CUSTOMER");
  });

  it("covers call recordings, chat transcripts, screen recordings and email messages, one row each", () => {
    const results = evaluate({
      storageConfigs: [connectS3Storage("CALL_RECORDINGS"), connectS3Storage("CHAT_TRANSCRIPTS")],
      unsupportedResourceTypes: ["EMAIL_MESSAGES"],
    });
    expect(results.map((r) => [r.evidence.storageResourceType, r.status])).toEqual([
      ["CALL_RECORDINGS", "pass"],
      ["CHAT_TRANSCRIPTS", "pass"],
      ["SCREEN_RECORDINGS", "not-applicable"],
      ["EMAIL_MESSAGES", "not-applicable"],
    ]);
    expect(results[2]?.reason).toMatch(/no storage configured for screen recordings \(feature not enabled\)/);
    expect(results[3]?.reason).toMatch(/does not support storage for email messages/);
  });

  it("ignores types the other S3 control covers", () => {
    const results = evaluate({ storageConfigs: [connectS3Storage("ATTACHMENTS", { encryption: undefined })] });
    expect(results.every((r) => r.status === "not-applicable")).toBe(true);
  });

  it("says nothing about a type whose storage call failed (the runner reports the error)", () => {
    const results = evaluate({ uncollectedResourceTypes: ["CALL_RECORDINGS", "CHAT_TRANSCRIPTS"] });
    expect(results.map((r) => r.evidence.storageResourceType)).toEqual(["SCREEN_RECORDINGS", "EMAIL_MESSAGES"]);
  });

  it("marks an instance whose creation failed not-applicable", () => {
    const results = evaluate({ status: "CREATION_FAILED" });
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ status: "not-applicable", resourceType: "Connect instance" });
    expect(results[0]?.reason).toMatch(/failed to create/);
  });

  it("gives each association its own resource id under the instance", () => {
    const [result] = evaluate({ storageConfigs: [connectS3Storage("CALL_RECORDINGS")] });
    expect(result?.resourceArn).toBe(`${connectInstance().arn}/storage-config/assoc-call_recordings`);
  });

  it("yields nothing without instances or without Connect", () => {
    expect(control.evaluate(connectInventory({}), { now })).toEqual([]);
    expect(control.evaluate(connectInventory({ instances: [] }), { now })).toEqual([]);
  });
});
