/**
 * Pure mappings from Amazon Personalize SDK objects to Safekeep's inventory types. Dates become ISO
 * strings, a missing field stays undefined so controls can tell "not reported" from "empty", and
 * missing lists become [].
 */
import type {
  BatchInferenceJob as SdkBatchInferenceJob,
  BatchSegmentJob as SdkBatchSegmentJob,
  DatasetExportJob as SdkDatasetExportJob,
  DatasetGroup as SdkDatasetGroup,
  DatasetGroupSummary as SdkDatasetGroupSummary,
  DatasetImportJob as SdkDatasetImportJob,
  MetricAttribution as SdkMetricAttribution,
  Tag as SdkTag,
} from "@aws-sdk/client-personalize";
import type { DatasetGroup, PersonalizeJob, PersonalizeName, Tag } from "@/lib/inventory";

export function isoDate(date: Date | undefined): string | undefined {
  return date instanceof Date && !Number.isNaN(date.getTime()) ? date.toISOString() : undefined;
}

/** Personalize tags are `{ tagKey, tagValue }`; a tag without a key carries nothing to judge. */
export function toTags(tags: readonly SdkTag[] | undefined): Tag[] {
  return (tags ?? []).flatMap((tag) => (tag.tagKey ? [{ key: tag.tagKey, value: tag.tagValue ?? "" }] : []));
}

/** A described dataset group (`DescribeDatasetGroup`), with the tags read separately. */
export function toDatasetGroup(group: SdkDatasetGroup, region: string, tags: Tag[]): DatasetGroup {
  return {
    arn: group.datasetGroupArn ?? "",
    name: group.name ?? "",
    region,
    status: group.status,
    domain: group.domain,
    kmsKeyArn: group.kmsKeyArn,
    roleArn: group.roleArn,
    tags,
  };
}

/**
 * A dataset group whose describe call failed: what the list call said is kept (so the region still
 * counts as having Personalize resources and the name can be checked), and the key fields are marked
 * unknown instead of being read as "no customer managed key".
 */
export function datasetGroupFromSummary(summary: SdkDatasetGroupSummary, region: string, tags: Tag[]): DatasetGroup {
  return {
    arn: summary.datasetGroupArn ?? "",
    name: summary.name ?? "",
    region,
    status: summary.status,
    domain: summary.domain,
    tags,
    describeFailed: true,
  };
}

export function toDatasetExportJob(job: SdkDatasetExportJob, region: string): PersonalizeJob {
  const destination = job.jobOutput?.s3DataDestination;
  return {
    arn: job.datasetExportJobArn ?? "",
    name: job.jobName ?? "",
    region,
    kind: "dataset-export",
    status: job.status,
    createdAt: isoDate(job.creationDateTime),
    outputPath: destination?.path,
    outputKmsKeyArn: destination?.kmsKeyArn,
  };
}

/** Batch inference and batch segment jobs have the same input/output shape; only the ARN field differs. */
function toBatchJob(
  job: SdkBatchInferenceJob | SdkBatchSegmentJob,
  arn: string | undefined,
  kind: "batch-inference" | "batch-segment",
  region: string,
): PersonalizeJob {
  const source = job.jobInput?.s3DataSource;
  const destination = job.jobOutput?.s3DataDestination;
  return {
    arn: arn ?? "",
    name: job.jobName ?? "",
    region,
    kind,
    status: job.status,
    createdAt: isoDate(job.creationDateTime),
    outputPath: destination?.path,
    outputKmsKeyArn: destination?.kmsKeyArn,
    inputPath: source?.path,
    inputKmsKeyArn: source?.kmsKeyArn,
  };
}

export function toBatchInferenceJob(job: SdkBatchInferenceJob, region: string): PersonalizeJob {
  return toBatchJob(job, job.batchInferenceJobArn, "batch-inference", region);
}

export function toBatchSegmentJob(job: SdkBatchSegmentJob, region: string): PersonalizeJob {
  return toBatchJob(job, job.batchSegmentJobArn, "batch-segment", region);
}

/** A metric attribution writes to S3 only when its output config names a destination (else CloudWatch only). */
export function toMetricAttribution(attribution: SdkMetricAttribution, region: string): PersonalizeJob {
  const destination = attribution.metricsOutputConfig?.s3DataDestination;
  return {
    arn: attribution.metricAttributionArn ?? "",
    name: attribution.name ?? "",
    region,
    kind: "metric-attribution",
    status: attribution.status,
    createdAt: isoDate(attribution.creationDateTime),
    outputPath: destination?.path,
    outputKmsKeyArn: destination?.kmsKeyArn,
  };
}

/** An import only reads: `dataLocation` is the `s3://bucket/prefix` it reads from. */
export function toDatasetImportJob(job: SdkDatasetImportJob, region: string): PersonalizeJob {
  return {
    arn: job.datasetImportJobArn ?? "",
    name: job.jobName ?? "",
    region,
    kind: "dataset-import",
    status: job.status,
    createdAt: isoDate(job.creationDateTime),
    inputPath: job.dataSource?.dataLocation,
  };
}

/**
 * The `limit` most recently created items, newest first. Items without a creation date sort last:
 * they cannot be shown to be recent. The sort is stable, so equal dates keep the list order.
 */
export function newestFirst<Item extends { creationDateTime?: Date }>(items: readonly Item[], limit: number): Item[] {
  const time = (item: Item) => item.creationDateTime?.getTime() ?? Number.NEGATIVE_INFINITY;
  return [...items].sort((a, b) => time(b) - time(a)).slice(0, limit);
}

/** Names of the other Personalize resources (for the personal-data detector); nameless or ARN-less entries are dropped. */
export function toPersonalizeNames(
  kind: PersonalizeName["kind"],
  items: ReadonlyArray<{ name?: string; arn?: string }>,
): PersonalizeName[] {
  return items.flatMap((item) => (item.name && item.arn ? [{ kind, name: item.name, arn: item.arn }] : []));
}
