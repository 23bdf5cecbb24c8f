import { describe, expect, it } from "vitest";
import type { S3Bucket } from "@/lib/inventory";
import { personalizeBucket, personalizeInventory, PERSONALIZE_TEST_KEY } from "@/lib/inventory/builders";
import { control } from "./s3-bucket-encryption";

const now = new Date("2026-06-01T00:00:00Z");

function evaluateBuckets(buckets: S3Bucket[] | undefined) {
  return control.evaluate(personalizeInventory({}, buckets), { now });
}

describe("personalize.s3-bucket-encryption", () => {
  it.each([
    { name: "SSE-KMS", bucket: {}, status: "pass", reason: /defaults to SSE-KMS/ },
    {
      name: "dual-layer SSE-KMS",
      bucket: { encryption: { algorithm: "aws:kms:dsse" } },
      status: "pass",
      reason: /dual-layer SSE-KMS/,
    },
    {
      name: "SSE-S3 (AES256)",
      bucket: { encryption: { algorithm: "AES256" } },
      status: "warn",
      reason: /defaults to SSE-S3.*not a KMS key/,
    },
    {
      name: "no default encryption configuration",
      bucket: { encryption: null },
      status: "warn",
      reason: /no default encryption configuration: since January 2023 S3 encrypts every new object with SSE-S3/,
    },
    {
      name: "cross-account or unreadable",
      bucket: { access: "denied" as const, encryption: undefined },
      status: "warn",
      reason: /cross-account or not readable, so its default encryption cannot be verified/,
    },
    {
      name: "bucket no longer exists",
      bucket: { access: "not-found" as const, encryption: undefined },
      status: "not-applicable",
      reason: /no longer exists/,
    },
    {
      name: "an algorithm S3 may add later",
      bucket: { encryption: { algorithm: "aws:future" } },
      status: "warn",
      reason: /aws:future, which is not SSE-KMS/,
    },
  ])("$name → $status", ({ bucket, status, reason }) => {
    const results = evaluateBuckets([personalizeBucket(bucket)]);
    expect(results).toHaveLength(1);
    expect(results[0]?.status).toBe(status);
    expect(results[0]?.reason).toContain("personalize-output");
    expect(results[0]?.reason).toMatch(reason);
  });

  it("judges only buckets Personalize references", () => {
    const results = evaluateBuckets([
      personalizeBucket({ name: "used-by-personalize" }),
      personalizeBucket({
        name: "used-by-connect",
        referencedBy: [{ service: "connect", resourceArn: "arn:aws:connect:us-east-1:111122223333:instance/1" }],
      }),
      personalizeBucket({
        name: "shared",
        encryption: { algorithm: "AES256" },
        referencedBy: [
          { service: "connect", resourceArn: "arn:aws:connect:us-east-1:111122223333:instance/1" },
          { service: "personalize", resourceArn: "arn:aws:personalize:us-east-1:111122223333:dataset-import-job/x" },
        ],
      }),
    ]);
    expect(results.map((r) => [r.resourceArn, r.status])).toEqual([
      ["arn:aws:s3:::used-by-personalize", "pass"],
      ["arn:aws:s3:::shared", "warn"],
    ]);
  });

  it("does not judge a bucket whose configuration was not read", () => {
    expect(evaluateBuckets([personalizeBucket({ encryption: undefined })])).toEqual([]);
  });

  it("yields nothing when no bucket was collected", () => {
    expect(evaluateBuckets(undefined)).toEqual([]);
    expect(evaluateBuckets([])).toEqual([]);
  });

  it("reports buckets as account-wide, with the partition in the ARN", () => {
    const [result] = control.evaluate(
      personalizeInventory({}, [personalizeBucket()], { account: { id: "111122223333", partition: "aws-cn" } }),
      { now },
    );
    expect(result).toMatchObject({ resourceArn: "arn:aws-cn:s3:::personalize-output", region: "global" });
  });

  it("records the fields it judged as evidence", () => {
    const [result] = evaluateBuckets([personalizeBucket()]);
    expect(result?.evidence).toEqual({
      access: "ok",
      algorithm: "aws:kms",
      kmsKeyId: PERSONALIZE_TEST_KEY,
      bucketKeyEnabled: true,
    });
    const [denied] = evaluateBuckets([personalizeBucket({ access: "denied", encryption: undefined })]);
    expect(denied?.evidence).toEqual({ access: "denied", algorithm: null, kmsKeyId: null, bucketKeyEnabled: null });
  });

  it("needs GetBucketEncryption and the job calls that find the buckets", () => {
    expect(control.meta.requires).toContain("s3:GetEncryptionConfiguration");
    expect(control.meta.requires).toContain("personalize:DescribeDatasetImportJob");
  });
});
