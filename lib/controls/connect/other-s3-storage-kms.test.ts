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
import type { BucketEncryption, ConnectInstance, StorageEncryption } from "@/lib/inventory";
import { control } from "./other-s3-storage-kms";

const now = new Date("2026-06-01T00:00:00Z");
const BUCKET = "support-reports";

function evaluate(instance: Partial<ConnectInstance>, bucket?: BucketEncryption | null) {
  const buckets = bucket === undefined ? [] : [s3Bucket({ name: BUCKET, encryption: bucket })];
  return control.evaluate(
    connectInventory({ instances: [connectInstance(instance)], accountWide: { buckets, kmsKeys: [kmsKey()] } }),
    { now },
  );
}

describe("connect.other-s3-storage-kms", () => {
  it.each([
    {
      name: "KMS key on the storage config",
      encryption: { type: "KMS", keyId: CONNECT_KEY_ARN } as StorageEncryption,
      bucket: { algorithm: "AES256" },
      status: "pass",
      reason: /encrypted with a customer managed KMS key/,
    },
    {
      name: "no KMS key, bucket defaults to SSE-S3",
      encryption: undefined,
      bucket: { algorithm: "AES256" },
      status: "warn",
      reason: /no KMS key on the storage configuration; objects get only the bucket's default encryption/,
    },
    {
      name: "no KMS key, bucket defaults to SSE-KMS (the remediation's alternative)",
      encryption: undefined,
      bucket: { algorithm: "aws:kms", kmsKeyId: CONNECT_KEY_ARN },
      status: "pass",
      reason: /default SSE-KMS encryption still encrypts new objects/,
    },
    {
      name: "no KMS key, bucket encryption unknown",
      encryption: undefined,
      bucket: undefined,
      status: "warn",
      reason: /no KMS key/,
    },
  ])("$name → $status", ({ encryption, bucket, status, reason }) => {
    const [result] = evaluate(
      { storageConfigs: [connectS3Storage("SCHEDULED_REPORTS", { bucketName: BUCKET, encryption })] },
      bucket,
    );
    expect(result?.status).toBe(status);
    expect(result?.reason).toMatch(reason);
    expect(result?.reason).toContain(CONNECT_INSTANCE_ID);
    expect(result?.reason).toContain("scheduled reports");
  });

  it("covers scheduled reports, contact evaluations and attachments", () => {
    const results = evaluate({
      storageConfigs: [connectS3Storage("ATTACHMENTS", { encryption: undefined })],
      unsupportedResourceTypes: ["CONTACT_EVALUATIONS"],
    });
    expect(results.map((r) => [r.evidence.storageResourceType, r.status])).toEqual([
      ["SCHEDULED_REPORTS", "not-applicable"],
      ["CONTACT_EVALUATIONS", "not-applicable"],
      ["ATTACHMENTS", "warn"],
    ]);
    expect(results[0]?.reason).toMatch(/feature not enabled/);
    expect(results[1]?.reason).toMatch(/does not support/);
  });

  it("records the fields it judged as evidence", () => {
    const [result] = evaluate(
      { storageConfigs: [connectS3Storage("SCHEDULED_REPORTS", { bucketName: BUCKET, encryption: undefined })] },
      { algorithm: "AES256" },
    );
    expect(result?.evidence).toMatchObject({
      instanceId: CONNECT_INSTANCE_ID,
      storageResourceType: "SCHEDULED_REPORTS",
      storageType: "S3",
      bucketName: BUCKET,
      keyId: null,
      bucketDefaultEncryption: "AES256",
    });
  });

  it("skips uncollected types and marks failed instances not-applicable", () => {
    expect(evaluate({ uncollectedResourceTypes: ["SCHEDULED_REPORTS", "CONTACT_EVALUATIONS", "ATTACHMENTS"] })).toEqual(
      [],
    );
    expect(evaluate({ status: "CREATION_FAILED" }).map((r) => r.status)).toEqual(["not-applicable"]);
  });

  it("does not judge a non-S3 association", () => {
    const [result] = evaluate({
      storageConfigs: [{ resourceType: "SCHEDULED_REPORTS", storageType: "KINESIS_STREAM", kinesisStreamArn: "arn:x" }],
    });
    expect(result?.status).toBe("not-applicable");
    expect(result?.reason).toMatch(/not S3/);
  });
});
