import { describe, expect, it } from "vitest";
import {
  CONNECT_KEY_ARN,
  connectInstance,
  connectInstanceArn,
  connectInventory,
  connectS3Storage,
  kmsKey,
  s3Bucket,
} from "@/lib/inventory/builders";
import type { ConnectInstance, S3Bucket } from "@/lib/inventory";
import { control } from "./storage-bucket-encryption";

const now = new Date("2026-06-01T00:00:00Z");
const BUCKET = "support-recordings";

function evaluate(instances: Partial<ConnectInstance>[], buckets: S3Bucket[] | undefined) {
  return control.evaluate(
    connectInventory({
      instances: instances.map((i) => connectInstance(i)),
      accountWide: { buckets, kmsKeys: [kmsKey()] },
    }),
    { now },
  );
}

const recordingsIn = (bucketName: string) => ({
  storageConfigs: [connectS3Storage("CALL_RECORDINGS", { bucketName })],
});

describe("connect.storage-bucket-encryption", () => {
  it.each([
    {
      name: "SSE-KMS with a customer managed key",
      bucket: { encryption: { algorithm: "aws:kms", kmsKeyId: CONNECT_KEY_ARN } },
      status: "pass",
      reason: /defaults to SSE-KMS with a customer managed KMS key/,
    },
    {
      name: "DSSE-KMS",
      bucket: { encryption: { algorithm: "aws:kms:dsse" } },
      status: "pass",
      reason: /dual-layer SSE-KMS/,
    },
    {
      name: "SSE-S3",
      bucket: { encryption: { algorithm: "AES256" } },
      status: "warn",
      reason: /defaults to SSE-S3/,
    },
    {
      name: "no default encryption",
      bucket: { encryption: null },
      status: "warn",
      reason: /has no default encryption configured/,
    },
    {
      name: "access refused or another account",
      bucket: { access: "denied" as const, encryption: undefined },
      status: "warn",
      reason: /cannot verify its default encryption/,
    },
    {
      name: "bucket does not exist",
      bucket: { access: "not-found" as const, encryption: undefined },
      status: "warn",
      reason: /does not exist/,
    },
  ])("$name → $status", ({ bucket, status, reason }) => {
    const [result] = evaluate([recordingsIn(BUCKET)], [s3Bucket({ name: BUCKET, ...bucket })]);
    expect(result?.status).toBe(status);
    expect(result?.reason).toMatch(reason);
    expect(result?.reason).toContain(`S3 bucket ${BUCKET}, used by Amazon Connect`);
    expect(result?.resourceArn).toBe(`arn:aws:s3:::${BUCKET}`);
  });

  it("reports a bucket shared by several storage configs and instances once", () => {
    const results = evaluate(
      [
        {
          id: "i-1",
          storageConfigs: [
            connectS3Storage("CALL_RECORDINGS", { bucketName: BUCKET }),
            connectS3Storage("CHAT_TRANSCRIPTS", { bucketName: BUCKET }),
          ],
        },
        { id: "i-2", ...recordingsIn(BUCKET) },
      ],
      [s3Bucket({ name: BUCKET })],
    );
    expect(results).toHaveLength(1);
    expect(results[0]?.evidence.connectInstanceIds).toEqual(["i-1", "i-2"]);
    expect(results[0]?.region).toBe("us-east-1");
  });

  it("also judges buckets the account-wide scan recorded as used by Connect", () => {
    const results = evaluate(
      [{ uncollectedResourceTypes: ["CALL_RECORDINGS"] }],
      [
        s3Bucket({
          name: "other-bucket",
          encryption: { algorithm: "AES256" },
          referencedBy: [{ service: "connect", resourceArn: connectInstanceArn("i-9", "eu-west-2") }],
        }),
        s3Bucket({
          name: "trail-bucket",
          referencedBy: [{ service: "cloudtrail", resourceArn: "arn:aws:cloudtrail:x" }],
        }),
      ],
    );
    expect(results.map((r) => [r.evidence.bucketName, r.status, r.region])).toEqual([
      ["other-bucket", "warn", "eu-west-2"],
    ]);
  });

  it("records the fields it judged as evidence", () => {
    const [result] = evaluate([recordingsIn(BUCKET)], [s3Bucket({ name: BUCKET })]);
    expect(result?.evidence).toMatchObject({
      bucketName: BUCKET,
      access: "ok",
      defaultEncryption: "aws:kms",
      kmsKeyId: CONNECT_KEY_ARN,
      bucketKeyEnabled: true,
    });
  });

  it("yields nothing for buckets that were not collected", () => {
    expect(evaluate([recordingsIn(BUCKET)], undefined)).toEqual([]);
    expect(evaluate([recordingsIn(BUCKET)], [])).toEqual([]);
    expect(evaluate([recordingsIn(BUCKET)], [s3Bucket({ name: BUCKET, encryption: undefined })])).toEqual([]);
  });

  it("ignores instances whose creation failed", () => {
    expect(
      evaluate(
        [{ status: "CREATION_FAILED", ...recordingsIn(BUCKET) }],
        [s3Bucket({ name: BUCKET, referencedBy: [] })],
      ),
    ).toEqual([]);
  });
});
