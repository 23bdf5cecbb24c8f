import type { S3Bucket } from "@/lib/inventory";
import type { Control, ResourceResult } from "../types";
import { isKmsBucketEncryption, JOB_INPUT_ACTIONS, JOB_OUTPUT_ACTIONS, personalizeBuckets } from "./scope";

const RESOURCE_TYPE = "S3 bucket";

function judge(bucket: S3Bucket): Pick<ResourceResult, "status" | "reason"> | undefined {
  if (bucket.access === "not-found") {
    return {
      status: "not-applicable",
      reason: `S3 bucket ${bucket.name} is referenced by Amazon Personalize but no longer exists.`,
    };
  }
  if (bucket.access === "denied") {
    return {
      status: "warn",
      reason: `S3 bucket ${bucket.name} is used by Amazon Personalize but is cross-account or not readable, so its default encryption cannot be verified.`,
    };
  }
  if (bucket.encryption === undefined) return undefined;
  if (bucket.encryption === null) {
    return {
      status: "warn",
      reason: `S3 bucket ${bucket.name} has no default encryption configuration: since January 2023 S3 encrypts every new object with SSE-S3 (AWS managed keys) anyway, but not with a KMS key.`,
    };
  }
  if (isKmsBucketEncryption(bucket.encryption)) {
    return {
      status: "pass",
      reason: `S3 bucket ${bucket.name} defaults to ${bucket.encryption.algorithm === "aws:kms:dsse" ? "dual-layer SSE-KMS" : "SSE-KMS"}.`,
    };
  }
  if (bucket.encryption.algorithm === "AES256") {
    return {
      status: "warn",
      reason: `S3 bucket ${bucket.name} defaults to SSE-S3: the AWS managed default the Personalize page describes, not a KMS key.`,
    };
  }
  return {
    status: "warn",
    reason: `S3 bucket ${bucket.name} defaults to ${bucket.encryption.algorithm}, which is not SSE-KMS.`,
  };
}

export const control: Control = {
  meta: {
    id: "personalize.s3-bucket-encryption",
    service: "personalize",
    title: "Buckets used by Personalize default to SSE-KMS",
    severity: "low",
    responsibility: "customer",
    recommendation: "encryption",
    seed: {
      file: "002_1fc69f31043540b1.txt",
      quote:
        "Amazon Personalize uses the default Amazon S3 key (SSE-S3) for server-side encryption of Amazon Personalize data placed in your S3 buckets.",
    },
    resourceType: RESOURCE_TYPE,
    remediation: {
      text: "Set the bucket's default encryption to SSE-KMS with a customer managed key (enable S3 Bucket Keys to cut KMS request costs), and allow the Amazon Personalize service role to use the key.",
      url: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-bucket-encryption.html",
    },
    docs: [
      "https://docs.aws.amazon.com/personalize/latest/dg/data-encryption.html",
      "https://docs.aws.amazon.com/personalize/latest/dg/granting-personalize-key-access.html",
      "https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-encryption-faq.html",
    ],
    requires: ["s3:GetEncryptionConfiguration", ...JOB_OUTPUT_ACTIONS, ...JOB_INPUT_ACTIONS],
    related: [],
    verdicts: [
      "pass: a bucket a Personalize job reads or writes defaults to SSE-KMS or dual-layer SSE-KMS.",
      "warn: it defaults to SSE-S3 or another non-KMS algorithm, has no default encryption configuration, or is another account's or unreadable (cannot verify).",
      "not applicable: the bucket no longer exists.",
      "error: GetEncryptionConfiguration, or a job list or describe that names buckets, failed.",
    ],
  },
  evaluate(inventory) {
    const partition = inventory.account.partition;
    return personalizeBuckets(inventory).flatMap((bucket): ResourceResult[] => {
      // Not read (no access verdict, no configuration): nothing to judge; the failed call is an error.
      const verdict = judge(bucket);
      if (verdict === undefined) return [];
      return [
        {
          resourceArn: `arn:${partition}:s3:::${bucket.name}`,
          resourceType: RESOURCE_TYPE,
          // Buckets are account-wide; the inventory does not record their Region.
          region: "global",
          ...verdict,
          evidence: {
            access: bucket.access,
            algorithm: bucket.encryption?.algorithm ?? null,
            kmsKeyId: bucket.encryption?.kmsKeyId ?? null,
            bucketKeyEnabled: bucket.encryption?.bucketKeyEnabled ?? null,
          },
        },
      ];
    });
  },
};
