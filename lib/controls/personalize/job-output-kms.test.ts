import { describe, expect, it } from "vitest";
import type { PersonalizeJob, PersonalizeRegionInventory, S3Bucket } from "@/lib/inventory";
import {
  personalizeBucket,
  personalizeInventory,
  personalizeJob,
  PERSONALIZE_TEST_KEY,
} from "@/lib/inventory/builders";
import { control } from "./job-output-kms";

const now = new Date("2026-06-01T00:00:00Z");

function evaluateJob(job: Partial<PersonalizeJob>, buckets?: S3Bucket[]) {
  return control.evaluate(personalizeInventory({ jobs: [personalizeJob(job)] }, buckets), { now });
}

const noKey = { outputKmsKeyArn: undefined };

describe("personalize.job-output-kms", () => {
  it.each([
    { name: "job names a KMS key", job: {}, buckets: undefined, status: "pass", reason: /encrypts its S3 output/ },
    {
      name: "no key, bucket defaults to SSE-KMS",
      job: noKey,
      buckets: [personalizeBucket()],
      status: "pass",
      reason: /bucket personalize-output defaults to SSE-KMS/,
    },
    {
      name: "no key, bucket defaults to dual-layer SSE-KMS",
      job: noKey,
      buckets: [personalizeBucket({ encryption: { algorithm: "aws:kms:dsse" } })],
      status: "pass",
      reason: /defaults to SSE-KMS/,
    },
    {
      name: "no key, bucket defaults to SSE-S3",
      job: noKey,
      buckets: [personalizeBucket({ encryption: { algorithm: "AES256" } })],
      status: "warn",
      reason: /bucket personalize-output defaults to SSE-S3/,
    },
    {
      name: "no key, bucket without default encryption",
      job: noKey,
      buckets: [personalizeBucket({ encryption: null })],
      status: "warn",
      reason: /no default encryption configuration.*SSE-S3/,
    },
    {
      name: "no key, bucket cross-account or unreadable",
      job: noKey,
      buckets: [personalizeBucket({ access: "denied", encryption: undefined })],
      status: "warn",
      reason: /could not be confirmed as SSE-KMS: bucket personalize-output is cross-account or not readable/,
    },
    {
      name: "no key, bucket gone",
      job: noKey,
      buckets: [personalizeBucket({ access: "not-found", encryption: undefined })],
      status: "warn",
      reason: /no longer exists/,
    },
    {
      name: "no key, an SSE-KMS bucket that denied access is not trusted",
      job: noKey,
      buckets: [personalizeBucket({ access: "denied" })],
      status: "warn",
      reason: /not readable/,
    },
    {
      name: "no key, bucket not collected",
      job: noKey,
      buckets: undefined,
      status: "warn",
      reason: /default encryption of bucket personalize-output was not read/,
    },
    {
      name: "no key, only a bucket with a similar name is known",
      job: noKey,
      buckets: [personalizeBucket({ name: "personalize-output-archive" })],
      status: "warn",
      reason: /was not read/,
    },
    {
      name: "no key, output location not an s3:// path",
      job: { ...noKey, outputPath: "https://example.com/out" },
      buckets: [personalizeBucket()],
      status: "warn",
      reason: /not an s3:\/\/ path/,
    },
    {
      name: "dataset export job with a key",
      job: { kind: "dataset-export" as const, name: "weekly-export" },
      buckets: undefined,
      status: "pass",
      reason: /^Dataset export job weekly-export/,
    },
    {
      name: "batch segment job without a key",
      job: { kind: "batch-segment" as const, name: "segments", ...noKey },
      buckets: [personalizeBucket({ encryption: { algorithm: "AES256" } })],
      status: "warn",
      reason: /^Batch segment job segments names no KMS key/,
    },
    {
      name: "metric attribution writing to S3 without a key",
      job: { kind: "metric-attribution" as const, name: "revenue", ...noKey },
      buckets: [personalizeBucket({ encryption: null })],
      status: "warn",
      reason: /^Metric attribution revenue/,
    },
    {
      name: "failed batch inference job without a key (it wrote nothing)",
      job: { status: "CREATE FAILED", ...noKey },
      buckets: [personalizeBucket({ encryption: { algorithm: "AES256" } })],
      status: "not-applicable",
      reason: /^Batch inference job nightly-recs has status CREATE FAILED: the job failed, so it wrote no output\.$/,
    },
    {
      name: "failed dataset export job with a key",
      job: { kind: "dataset-export" as const, name: "weekly-export", status: "CREATE FAILED" },
      buckets: undefined,
      status: "not-applicable",
      reason: /the job failed, so it wrote no output/,
    },
    {
      name: "failed metric attribution",
      job: { kind: "metric-attribution" as const, name: "revenue", status: "CREATE FAILED", ...noKey },
      buckets: [personalizeBucket({ encryption: null })],
      status: "not-applicable",
      reason: /^Metric attribution revenue has status CREATE FAILED/,
    },
    {
      name: "job still being created is judged (it will write)",
      job: { status: "CREATE IN_PROGRESS", ...noKey },
      buckets: [personalizeBucket({ encryption: { algorithm: "AES256" } })],
      status: "warn",
      reason: /defaults to SSE-S3/,
    },
    {
      name: "metric attribution publishing to CloudWatch only",
      job: { kind: "metric-attribution" as const, name: "clicks", outputPath: undefined, ...noKey },
      buckets: undefined,
      status: "not-applicable",
      reason: /CloudWatch only/,
    },
  ])("$name → $status", ({ job, buckets, status, reason }) => {
    const results = evaluateJob(job, buckets);
    expect(results).toHaveLength(1);
    expect(results[0]?.status).toBe(status);
    expect(results[0]?.reason).toMatch(reason);
  });

  it("names the job in every reason", () => {
    const [result] = evaluateJob(noKey);
    expect(result?.reason).toMatch(/^Batch inference job nightly-recs names no KMS key/);
  });

  it("does not judge dataset import jobs: they only read, and their bucket is judged instead", () => {
    expect(evaluateJob({ kind: "dataset-import", outputPath: undefined, outputKmsKeyArn: undefined })).toEqual([]);
  });

  it("records the fields it judged as evidence", () => {
    const [withKey] = evaluateJob({});
    expect(withKey?.evidence).toEqual({
      kind: "batch-inference",
      outputBucket: "personalize-output",
      outputKmsKeyArn: PERSONALIZE_TEST_KEY,
      bucketAccess: null,
      bucketEncryption: null,
    });
    const [viaBucket] = evaluateJob(noKey, [personalizeBucket()]);
    expect(viaBucket?.evidence).toMatchObject({
      outputKmsKeyArn: null,
      bucketAccess: "ok",
      bucketEncryption: "aws:kms",
    });
  });

  it("yields nothing without jobs", () => {
    expect(control.evaluate(personalizeInventory({}, [personalizeBucket()]), { now })).toEqual([]);
  });

  it("needs the bucket's encryption configuration as well as the job calls", () => {
    expect(control.meta.requires).toContain("s3:GetEncryptionConfiguration");
    expect(control.meta.requires).toContain("personalize:DescribeBatchInferenceJob");
    expect(control.meta.requires).not.toContain("personalize:DescribeDatasetImportJob");
  });

  describe("older jobs the collector did not examine", () => {
    /** 20 described batch inference jobs (the newest), and what the collector counted beyond them. */
    const described = Array.from({ length: 20 }, (_, i) =>
      personalizeJob({ name: `nightly-${String(i + 6).padStart(2, "0")}` }),
    );
    const exportJob = personalizeJob({ kind: "dataset-export", name: "weekly-export" });

    function evaluateRegion(jobsNotExamined: PersonalizeRegionInventory["jobsNotExamined"]) {
      return control.evaluate(personalizeInventory({ jobs: [...described, exportJob], jobsNotExamined }), { now });
    }

    it("says on every row of that kind how many older jobs were not examined, in one sentence", () => {
      const results = evaluateRegion([{ kind: "batch-inference", listed: 25, notExamined: 5 }]);
      const batch = results.filter((r) => r.evidence.kind === "batch-inference");
      expect(batch).toHaveLength(20);
      for (const result of batch) {
        expect(result.status).toBe("pass");
        expect(result.reason).toMatch(
          /^Batch inference job nightly-\d\d encrypts its S3 output with a KMS key; 5 older batch inference jobs in us-east-1 were not examined \(only the newest 20 of each kind are\)\.$/,
        );
        expect(result.evidence.olderJobsNotExamined).toBe(5);
      }
      // Other kinds were examined in full: their rows say nothing of it.
      const [exported] = results.filter((r) => r.evidence.kind === "dataset-export");
      expect(exported?.reason).toBe("Dataset export job weekly-export encrypts its S3 output with a KMS key.");
      expect(exported?.evidence).not.toHaveProperty("olderJobsNotExamined");
    });

    it("uses the singular for one older job", () => {
      const [result] = evaluateRegion([{ kind: "batch-inference", listed: 21, notExamined: 1 }]);
      expect(result?.reason).toMatch(/; 1 older batch inference job in us-east-1 was not examined/);
    });

    it("adds nothing when every listed job was examined", () => {
      const results = evaluateRegion(undefined);
      expect(results.every((r) => !/not examined/.test(r.reason))).toBe(true);
    });
  });
});
