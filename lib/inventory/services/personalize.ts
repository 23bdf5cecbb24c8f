/** Amazon Personalize, described once for the cross-cutting code (see ./types.ts). */
import { SERVICE_NAMES } from "../common";
import type { Inventory } from "../index";
import { bucketOfS3Path, push, pushTags, NOT_WALKED } from "./fields";
import type { BucketUse, OfferedIn, ServiceDescriptor, TextField } from "./types";

/**
 * The list and describe actions whose data tells where Personalize jobs read and write. A failure
 * of any of them leaves jobs, or the buckets they reference, unknown.
 */
export const JOB_OUTPUT_ACTIONS = [
  "personalize:ListDatasetExportJobs",
  "personalize:DescribeDatasetExportJob",
  "personalize:ListBatchInferenceJobs",
  "personalize:DescribeBatchInferenceJob",
  "personalize:ListBatchSegmentJobs",
  "personalize:DescribeBatchSegmentJob",
  "personalize:ListMetricAttributions",
  "personalize:DescribeMetricAttribution",
] as const;

export const JOB_INPUT_ACTIONS = ["personalize:ListDatasetImportJobs", "personalize:DescribeDatasetImportJob"] as const;

/** From the SDK's endpoint metadata (docs/controls.md#regions); newer Regions may be missing. */
const OFFERED_IN: OfferedIn = {
  aws: [
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-south-1",
    "ap-southeast-1",
    "ap-southeast-2",
    "ca-central-1",
    "eu-central-1",
    "eu-west-1",
    "us-east-1",
    "us-east-2",
    "us-west-2",
  ],
  "aws-us-gov": [],
  "aws-cn": ["cn-north-1"],
};

const KIND_LABELS: Readonly<Record<string, string>> = {
  dataset: "Personalize dataset",
  solution: "Personalize solution",
  campaign: "Personalize campaign",
  "event-tracker": "Event tracker",
  filter: "Personalize filter",
  recommender: "Recommender",
  "dataset-export": "Dataset export job",
  "batch-inference": "Batch inference job",
  "batch-segment": "Batch segment job",
  "metric-attribution": "Metric attribution",
  "dataset-import": "Dataset import job",
};

function textFields(inventory: Inventory): TextField[] {
  const into: TextField[] = [];
  for (const region of inventory.personalize?.regions ?? []) {
    for (const group of region.datasetGroups) {
      const resource = {
        resourceArn: group.arn,
        resourceType: "Dataset group",
        region: group.region,
        resourceName: group.name,
      };
      push(into, resource, "name", group.name);
      pushTags(into, resource, group.tags);
    }
    for (const named of region.names) {
      const resourceType = KIND_LABELS[named.kind] ?? "Personalize resource";
      push(
        into,
        { resourceArn: named.arn, resourceType, region: region.region, resourceName: named.name },
        "name",
        named.name,
      );
    }
    for (const job of region.jobs) {
      const resourceType = KIND_LABELS[job.kind] ?? "Personalize job";
      const resource = { resourceArn: job.arn, resourceType, region: job.region, resourceName: job.name };
      push(into, resource, "jobName", job.name);
      push(into, resource, "inputPath", job.inputPath);
      push(into, resource, "outputPath", job.outputPath);
    }
  }
  return into;
}

function bucketUses(inventory: Inventory): BucketUse[] {
  return (inventory.personalize?.regions ?? []).flatMap((region) =>
    region.jobs.flatMap((job) => {
      const reference = { service: "personalize" as const, resourceArn: job.arn };
      return [
        { bucket: bucketOfS3Path(job.outputPath), reference },
        { bucket: bucketOfS3Path(job.inputPath), reference },
      ];
    }),
  );
}

export const personalize: ServiceDescriptor = {
  id: "personalize",
  name: SERVICE_NAMES.personalize,
  part: "personalize",
  iamPrefixes: ["personalize"],
  taggedResourceTypes: ["personalize"],
  offeredIn: OFFERED_IN,
  textFields,
  urlFields: () => [],
  textFieldActions: [
    "personalize:ListDatasetGroups",
    "personalize:ListDatasets",
    "personalize:ListSolutions",
    "personalize:ListCampaigns",
    "personalize:ListEventTrackers",
    "personalize:ListFilters",
    "personalize:ListRecommenders",
    "personalize:ListTagsForResource",
    // Job names and their S3 input/output paths.
    ...JOB_OUTPUT_ACTIONS,
    ...JOB_INPUT_ACTIONS,
  ],
  urlFieldActions: [],
  textFieldExemptions: {
    "regions[].region": NOT_WALKED.region,
    "regions[].datasetGroups[].arn": NOT_WALKED.arn,
    "regions[].datasetGroups[].region": NOT_WALKED.region,
    "regions[].datasetGroups[].status": NOT_WALKED.awsValue,
    "regions[].datasetGroups[].domain": NOT_WALKED.awsValue,
    "regions[].datasetGroups[].kmsKeyArn": NOT_WALKED.key,
    "regions[].datasetGroups[].roleArn": NOT_WALKED.role,
    "regions[].jobs[].arn": NOT_WALKED.arn,
    "regions[].jobs[].region": NOT_WALKED.region,
    "regions[].jobs[].kind": NOT_WALKED.awsValue,
    "regions[].jobs[].status": NOT_WALKED.awsValue,
    "regions[].jobs[].createdAt": NOT_WALKED.time,
    "regions[].jobs[].outputKmsKeyArn": NOT_WALKED.key,
    "regions[].jobs[].inputKmsKeyArn": NOT_WALKED.key,
    "regions[].names[].arn": NOT_WALKED.arn,
    "regions[].names[].kind": NOT_WALKED.awsValue,
    "regions[].jobsNotExamined": "counts of jobs per kind",
  },
  tls: {
    sources: [{ eventSource: "personalize.amazonaws.com", sampleEventName: "ListDatasetGroups" }],
    regionsWithResources: (inventory) =>
      (inventory.personalize?.regions ?? []).filter((r) => r.datasetGroups.length > 0).map((r) => r.region),
    reads: ["personalize.regions[].region", "personalize.regions[].datasetGroups"],
  },
  fips: [
    {
      id: "personalize",
      name: "Amazon Personalize",
      eventSource: "personalize.amazonaws.com",
      scannedAs: "personalize",
      global: false,
      offeredIn: OFFERED_IN,
      fipsEndpoints: {},
    },
  ],
  arnLabels: {
    services: { personalize: "Personalize" },
    resourceTypes: { "personalize:dataset-group": "Dataset group" },
  },
  references: {
    keyUses: (inventory) =>
      (inventory.personalize?.regions ?? []).flatMap((region) => [
        ...region.datasetGroups.map((group) => ({
          keyId: group.kmsKeyArn,
          region: group.region,
          reference: { service: "personalize" as const, resourceArn: group.arn },
        })),
        ...region.jobs.flatMap((job) =>
          [job.outputKmsKeyArn, job.inputKmsKeyArn].map((keyId) => ({
            keyId,
            region: job.region,
            reference: { service: "personalize" as const, resourceArn: job.arn },
          })),
        ),
      ]),
    bucketUses,
    reads: [
      "personalize.regions[].datasetGroups",
      "personalize.regions[].datasetGroups[].kmsKeyArn",
      "personalize.regions[].jobs",
    ],
  },
  names(inventory, into) {
    for (const region of inventory.personalize?.regions ?? []) {
      for (const group of region.datasetGroups) into.add(group.arn, group.name, group.tags);
      for (const job of region.jobs) into.add(job.arn, job.name);
      for (const named of region.names) into.add(named.arn, named.name);
    }
  },
  inventorySources: {
    "personalize.regions[].region": [],
    "personalize.regions[].datasetGroups": ["personalize:ListDatasetGroups"],
    // A dataset group whose DescribeDatasetGroup fails is kept from the list call but loses its key.
    "personalize.regions[].datasetGroups[].kmsKeyArn": ["personalize:DescribeDatasetGroup"],
    // Every kind of job is listed, then the newest of each described; a job whose describe fails is left out.
    "personalize.regions[].jobs": [...JOB_OUTPUT_ACTIONS, ...JOB_INPUT_ACTIONS],
  },
};
