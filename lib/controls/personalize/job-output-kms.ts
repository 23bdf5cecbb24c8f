import type {
  Inventory,
  PersonalizeJob,
  PersonalizeJobKind,
  PersonalizeRegionInventory,
  S3Bucket,
} from "@/lib/inventory";
import type { Control, ResourceResult } from "../types";
import { bucketOfS3Path, findBucket, isKmsBucketEncryption, JOB_OUTPUT_ACTIONS, personalizeRegions } from "./scope";

const RESOURCE_TYPE = "Export or batch job";

/** Kinds that write to S3; imports only read and are judged through their bucket instead. */
const OUTPUT_KINDS: ReadonlyMap<PersonalizeJobKind, string> = new Map([
  ["dataset-export", "Dataset export job"],
  ["batch-inference", "Batch inference job"],
  ["batch-segment", "Batch segment job"],
  ["metric-attribution", "Metric attribution"],
]);

/**
 * What the warning says about the bucket: either it is known to default to SSE-S3, or why its
 * default encryption could not be confirmed as SSE-KMS.
 */
function warnReason(label: string, job: PersonalizeJob, bucketName: string | undefined, bucket: S3Bucket | undefined) {
  const subject = `${label} ${job.name} names no KMS key`;
  if (bucketName !== undefined && bucket?.access === "ok") {
    if (bucket.encryption === null) {
      return `${subject} and bucket ${bucketName} has no default encryption configuration, so its output is encrypted with SSE-S3 only (S3's base level for every new object since January 2023).`;
    }
    if (bucket.encryption?.algorithm === "AES256") {
      return `${subject} and bucket ${bucketName} defaults to SSE-S3, so its output is encrypted with SSE-S3 only.`;
    }
  }
  return `${subject}, so its output gets the bucket default encryption, which could not be confirmed as SSE-KMS: ${unconfirmedDetail(bucketName, bucket)}.`;
}

function unconfirmedDetail(bucketName: string | undefined, bucket: S3Bucket | undefined): string {
  if (bucketName === undefined) return "the output location is not an s3:// path";
  if (bucket === undefined) return `the default encryption of bucket ${bucketName} was not read`;
  if (bucket.access === "denied") return `bucket ${bucketName} is cross-account or not readable`;
  if (bucket.access === "not-found") return `bucket ${bucketName} no longer exists`;
  return `the default encryption of bucket ${bucketName} is ${bucket.encryption?.algorithm ?? "unknown"}`;
}

/** The status Personalize gives a job (or metric attribution) whose creation failed. */
const CREATE_FAILED = "CREATE FAILED";

/** Plural, lower-case names of the kinds, for the "older jobs not examined" note. */
const KIND_PLURALS: ReadonlyMap<PersonalizeJobKind, string> = new Map([
  ["dataset-export", "dataset export jobs"],
  ["batch-inference", "batch inference jobs"],
  ["batch-segment", "batch segment jobs"],
  ["metric-attribution", "metric attributions"],
]);

/**
 * Said on every row of a kind with unexamined jobs: the collector describes only the newest jobs of
 * each kind, so what the older ones write is judged nowhere, and whoever reads any one row of that
 * kind and Region should know it.
 */
function olderJobsNote(region: PersonalizeRegionInventory, kind: PersonalizeJobKind): { count: number; text: string } {
  const entry = region.jobsNotExamined?.find((candidate) => candidate.kind === kind);
  if (!entry || entry.notExamined <= 0) return { count: 0, text: "" };
  const plural = KIND_PLURALS.get(kind) ?? "jobs";
  const what = entry.notExamined === 1 ? plural.replace(/s$/, "") : plural;
  const verb = entry.notExamined === 1 ? "was" : "were";
  const examined = entry.listed - entry.notExamined;
  return {
    count: entry.notExamined,
    text: `; ${entry.notExamined} older ${what} in ${region.region} ${verb} not examined (only the newest ${examined} of each kind are)`,
  };
}

function judge(job: PersonalizeJob, label: string, inventory: Inventory): ResourceResult {
  const bucketName = bucketOfS3Path(job.outputPath);
  const bucket = findBucket(inventory, bucketName);
  const base = {
    resourceArn: job.arn,
    resourceType: RESOURCE_TYPE,
    region: job.region,
    evidence: {
      kind: job.kind,
      outputBucket: bucketName ?? null,
      outputKmsKeyArn: job.outputKmsKeyArn ?? null,
      bucketAccess: bucket?.access ?? null,
      bucketEncryption: bucket?.encryption?.algorithm ?? null,
    },
  };
  // A failed creation ran no job: nothing was written, whatever key or bucket it named.
  if (job.status === CREATE_FAILED) {
    return {
      ...base,
      status: "not-applicable",
      reason: `${label} ${job.name} has status ${CREATE_FAILED}: the job failed, so it wrote no output.`,
    };
  }
  if (job.outputPath === undefined) {
    return {
      ...base,
      status: "not-applicable",
      reason: `${label} ${job.name} writes nothing to S3${job.kind === "metric-attribution" ? ": it publishes metrics to Amazon CloudWatch only" : ""}.`,
    };
  }
  if (job.outputKmsKeyArn) {
    return { ...base, status: "pass", reason: `${label} ${job.name} encrypts its S3 output with a KMS key.` };
  }
  if (bucket?.access === "ok" && isKmsBucketEncryption(bucket.encryption)) {
    return {
      ...base,
      status: "pass",
      reason: `${label} ${job.name} names no KMS key, but bucket ${bucket.name} defaults to SSE-KMS, so its output is encrypted with a KMS key.`,
    };
  }
  return {
    ...base,
    status: "warn",
    reason: warnReason(label, job, bucketName, bucket),
  };
}

export const control: Control = {
  meta: {
    id: "personalize.job-output-kms",
    service: "personalize",
    title: "Exports and batch outputs to S3 use a KMS key",
    severity: "medium",
    responsibility: "customer",
    recommendation: "encryption",
    seed: {
      file: "002_1fc69f31043540b1.txt",
      quote:
        "Amazon Personalize uses the default Amazon S3 key (SSE-S3) for server-side encryption of Amazon Personalize data placed in your S3 buckets.",
    },
    resourceType: RESOURCE_TYPE,
    remediation: {
      text: "Pass kmsKeyArn in the s3DataDestination of new export jobs, batch inference and batch segment jobs and metric attributions (the service role must be allowed to use the key), or set SSE-KMS default encryption on the output bucket.",
      url: "https://docs.aws.amazon.com/personalize/latest/dg/granting-personalize-key-access.html",
    },
    docs: [
      "https://docs.aws.amazon.com/personalize/latest/dg/export-data.html",
      "https://docs.aws.amazon.com/personalize/latest/dg/data-encryption.html",
    ],
    requires: [...JOB_OUTPUT_ACTIONS, "s3:GetEncryptionConfiguration"],
    related: [],
    verdicts: [
      "pass: a job (the newest 20 of each kind are examined: dataset export, batch inference, batch segment, metric attribution) names a KMS key for its S3 output, or its output bucket defaults to SSE-KMS.",
      "warn: the job names no key and its bucket defaults to SSE-S3, has no default encryption, or could not be confirmed (another account's, unreadable, gone, or not an s3:// path); rows say how many older jobs were not examined.",
      "not applicable: the job failed to create, or writes nothing to S3 (a metric attribution that publishes to CloudWatch only).",
      "error: a job list or describe, or the bucket's GetEncryptionConfiguration, failed.",
    ],
  },
  /**
   * The collector describes only the newest jobs of each kind; the older ones it listed are counted
   * in the Region's `jobsNotExamined`, and every row of that kind and Region says how many.
   */
  evaluate(inventory) {
    return personalizeRegions(inventory).flatMap((region) =>
      region.jobs.flatMap((job) => {
        const label = OUTPUT_KINDS.get(job.kind);
        if (label === undefined) return [];
        const result = judge(job, label, inventory);
        const older = olderJobsNote(region, job.kind);
        if (older.count === 0) return [result];
        return [
          {
            ...result,
            // One sentence still: the note goes before the reason's closing period.
            reason: `${result.reason.replace(/\.$/, "")}${older.text}.`,
            evidence: { ...result.evidence, olderJobsNotExamined: older.count },
          },
        ];
      }),
    );
  },
};
