/**
 * Amazon Personalize (awsJson1_1, camelCase members): the inverse of lib/aws/personalize/reshape.ts
 * and collect.ts, with real paging. Every list is account-wide and per Region; describes and
 * ListTagsForResource look the ARN up in the Region the request was signed for.
 *
 * Inventory markers are answered as what produced them, so a recorded scan round-trips:
 * - a dataset group with `describeFailed` answers DescribeDatasetGroup with AccessDeniedException;
 * - a Region in `skippedRegions` (for Personalize, or for every service) answers every call with
 *   UnrecognizedClientException, as a Region the account has not enabled does;
 * - `jobsNotExamined` (older jobs the collector listed but did not describe) is served as that many
 *   extra jobs of the kind, older than every recorded one, so a scan counts them again.
 */
import * as schemas from "@aws-sdk/client-personalize";
import type {
  DatasetGroup,
  JobsNotExamined,
  PersonalizeJob,
  PersonalizeJobKind,
  PersonalizeName,
  PersonalizeRegionInventory,
} from "@/lib/inventory";
import { page } from "../paging";
import { FakeAwsError, type FakeRequest, type FakeService, type Responder } from "../types";

/** Every Personalize list takes `maxResults` 1–100 and defaults to 100. */
const MAX_RESULTS = 100;

function skipped(request: FakeRequest): boolean {
  return request.scenario.inventory.skippedRegions.some(
    (s) => s.region === request.region && (s.service === undefined || s.service === "personalize"),
  );
}

function regionOf(request: FakeRequest): PersonalizeRegionInventory | undefined {
  return request.scenario.inventory.personalize?.regions.find((r) => r.region === request.region);
}

/** Answers a Region the account has not enabled as AWS does, before the responder runs. */
function serve(responder: Responder): Responder {
  return (request) => {
    if (skipped(request)) {
      throw new FakeAwsError("UnrecognizedClientException", "The security token included in the request is invalid.");
    }
    return responder(request);
  };
}

function validationError(member: string, value: unknown, constraint: string): FakeAwsError {
  return new FakeAwsError(
    "ValidationException",
    `1 validation error detected: Value '${String(value)}' at '${member}' failed to satisfy constraint: ${constraint}`,
  );
}

/** One page of a list, with AWS's validation of `maxResults` and `nextToken`. */
function paged<T>(request: FakeRequest, items: readonly T[]): { items: T[]; nextToken?: string } {
  const { maxResults, nextToken } = request.params;
  if (maxResults !== undefined) {
    if (typeof maxResults !== "number" || !Number.isInteger(maxResults) || maxResults < 1) {
      throw validationError("maxResults", maxResults, "Member must have value greater than or equal to 1");
    }
    if (maxResults > MAX_RESULTS) {
      throw validationError("maxResults", maxResults, `Member must have value less than or equal to ${MAX_RESULTS}`);
    }
  }
  if (nextToken !== undefined && !isPageToken(nextToken)) {
    throw new FakeAwsError("InvalidNextTokenException", "The next token is invalid or has expired.");
  }
  const { items: slice, next } = page(items, nextToken, maxResults, MAX_RESULTS);
  return { items: slice, nextToken: next };
}

/** Tokens are the ones paging.ts hands out (`page:<offset>`, base64url). */
function isPageToken(token: unknown): boolean {
  return typeof token === "string" && /^page:\d+$/.test(Buffer.from(token, "base64url").toString("utf8"));
}

function date(iso: string | undefined): Date | undefined {
  if (!iso) return undefined;
  const parsed = new Date(iso);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed;
}

function notFound(arn: unknown): FakeAwsError {
  return new FakeAwsError("ResourceNotFoundException", `Could not find resource: ${String(arn)}`);
}

/** The resource type in each kind's ARN. */
const JOB_ARN_KIND: Record<PersonalizeJobKind, string> = {
  "dataset-export": "dataset-export-job",
  "batch-inference": "batch-inference-job",
  "batch-segment": "batch-segment-job",
  "metric-attribution": "metric-attribution",
  "dataset-import": "dataset-import-job",
};

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Stand-ins for the jobs a recorded scan listed but did not describe: created a day apart before the
 * oldest recorded job, so the collector again leaves them out as the oldest. When a recorded job has
 * no creation date (it sorts last), they get none either and come after it in the list.
 */
function olderJobs(
  request: FakeRequest,
  recorded: readonly PersonalizeJob[],
  entry: JobsNotExamined,
): PersonalizeJob[] {
  const { id: account, partition } = request.scenario.inventory.account;
  const times = recorded.map((job) => (job.createdAt ? Date.parse(job.createdAt) : Number.NaN));
  const dated = times.every((time) => Number.isFinite(time));
  const oldest = times.length > 0 ? Math.min(...times) : Date.parse(request.scenario.inventory.startedAt);
  return Array.from({ length: entry.notExamined }, (_, i) => {
    const name = `older-${entry.kind}-${i + 1}`;
    return {
      arn: `arn:${partition}:personalize:${request.region}:${account}:${JOB_ARN_KIND[entry.kind]}/${name}`,
      name,
      region: request.region,
      kind: entry.kind,
      status: "ACTIVE",
      createdAt: dated && Number.isFinite(oldest) ? new Date(oldest - (i + 1) * DAY_MS).toISOString() : undefined,
    };
  });
}

function jobsOf(request: FakeRequest, kind: PersonalizeJobKind): PersonalizeJob[] {
  const region = regionOf(request);
  const recorded = (region?.jobs ?? []).filter((job) => job.kind === kind);
  const entry = region?.jobsNotExamined?.find((candidate) => candidate.kind === kind);
  return entry && entry.notExamined > 0 ? [...recorded, ...olderJobs(request, recorded, entry)] : recorded;
}

function namesOf(request: FakeRequest, kind: PersonalizeName["kind"]): PersonalizeName[] {
  return (regionOf(request)?.names ?? []).filter((name) => name.kind === kind);
}

function findJob(request: FakeRequest, kind: PersonalizeJobKind, arnParam: string): PersonalizeJob {
  const arn = request.params[arnParam];
  const job = jobsOf(request, kind).find((candidate) => candidate.arn === arn);
  if (!job) throw notFound(arn);
  return job;
}

function findGroup(request: FakeRequest, arn: unknown): DatasetGroup | undefined {
  return regionOf(request)?.datasetGroups.find((group) => group.arn === arn);
}

/** `s3DataSource` / `s3DataDestination` (`S3DataConfig`): present only when the job has a path. */
function s3Config(path: string | undefined, kmsKeyArn: string | undefined) {
  return path === undefined ? undefined : { path, kmsKeyArn };
}

/** The status Personalize gives a job whose creation failed; such jobs also say why. */
const CREATE_FAILED = "CREATE FAILED";

/** The fields every job summary and description shares; metric attributions call the name `name`. */
function jobBase(job: PersonalizeJob, nameField = "jobName") {
  return {
    [nameField]: job.name,
    status: job.status,
    creationDateTime: date(job.createdAt),
    failureReason:
      job.status === CREATE_FAILED ? "The job failed: check the IAM role and the KMS key it uses." : undefined,
  };
}

/** A list of one job kind: `listName` holds summaries with the ARN under `arnField`. */
function listJobs(kind: PersonalizeJobKind, listName: string, arnField: string, nameField?: string): Responder {
  return serve((request) => {
    const { items, nextToken } = paged(request, jobsOf(request, kind));
    return { [listName]: items.map((job) => ({ ...jobBase(job, nameField), [arnField]: job.arn })), nextToken };
  });
}

/** A list of named resources: `listName` holds summaries with the ARN under `arnField`. */
function listNames(kind: PersonalizeName["kind"], listName: string, arnField: string): Responder {
  return serve((request) => {
    const { items, nextToken } = paged(request, namesOf(request, kind));
    return { [listName]: items.map((item) => ({ name: item.name, [arnField]: item.arn })), nextToken };
  });
}

export const personalize: FakeService = {
  model: {
    signingName: "personalize",
    actionPrefix: "personalize",
    protocol: "json",
    jsonVersion: "1.1",
    schemas,
  },
  responders: {
    ListDatasetGroups: serve((request) => {
      const { items, nextToken } = paged(request, regionOf(request)?.datasetGroups ?? []);
      return {
        datasetGroups: items.map((group) => ({
          name: group.name,
          datasetGroupArn: group.arn,
          status: group.status,
          domain: group.domain,
        })),
        nextToken,
      };
    }),
    DescribeDatasetGroup: serve((request) => {
      const { datasetGroupArn } = request.params;
      const group = findGroup(request, datasetGroupArn);
      if (!group) throw notFound(datasetGroupArn);
      if (group.describeFailed) {
        const { id, partition } = request.scenario.inventory.account;
        const action = "personalize:DescribeDatasetGroup";
        throw new FakeAwsError(
          "AccessDeniedException",
          `User: arn:${partition}:iam::${id}:user/safekeep-scanner is not authorized to perform: ${action} on resource: ${group.arn} because no identity-based policy allows the ${action} action`,
          403,
        );
      }
      return {
        datasetGroup: {
          name: group.name,
          datasetGroupArn: group.arn,
          status: group.status,
          domain: group.domain,
          kmsKeyArn: group.kmsKeyArn,
          roleArn: group.roleArn,
        },
      };
    }),
    ListTagsForResource: serve((request) => {
      const { resourceArn } = request.params;
      const region = regionOf(request);
      const group = findGroup(request, resourceArn);
      if (group) return { tags: group.tags.map((tag) => ({ tagKey: tag.key, tagValue: tag.value })) };
      const known =
        region?.jobs.some((job) => job.arn === resourceArn) || region?.names.some((name) => name.arn === resourceArn);
      if (!known) throw notFound(resourceArn);
      return { tags: [] };
    }),

    ListDatasetExportJobs: listJobs("dataset-export", "datasetExportJobs", "datasetExportJobArn"),
    DescribeDatasetExportJob: serve((request) => {
      const job = findJob(request, "dataset-export", "datasetExportJobArn");
      return {
        datasetExportJob: {
          ...jobBase(job),
          datasetExportJobArn: job.arn,
          jobOutput: job.outputPath ? { s3DataDestination: s3Config(job.outputPath, job.outputKmsKeyArn) } : undefined,
        },
      };
    }),
    ListBatchInferenceJobs: listJobs("batch-inference", "batchInferenceJobs", "batchInferenceJobArn"),
    DescribeBatchInferenceJob: serve((request) => {
      const job = findJob(request, "batch-inference", "batchInferenceJobArn");
      return {
        batchInferenceJob: {
          ...jobBase(job),
          batchInferenceJobArn: job.arn,
          jobInput: job.inputPath ? { s3DataSource: s3Config(job.inputPath, job.inputKmsKeyArn) } : undefined,
          jobOutput: job.outputPath ? { s3DataDestination: s3Config(job.outputPath, job.outputKmsKeyArn) } : undefined,
        },
      };
    }),
    ListBatchSegmentJobs: listJobs("batch-segment", "batchSegmentJobs", "batchSegmentJobArn"),
    DescribeBatchSegmentJob: serve((request) => {
      const job = findJob(request, "batch-segment", "batchSegmentJobArn");
      return {
        batchSegmentJob: {
          ...jobBase(job),
          batchSegmentJobArn: job.arn,
          jobInput: job.inputPath ? { s3DataSource: s3Config(job.inputPath, job.inputKmsKeyArn) } : undefined,
          jobOutput: job.outputPath ? { s3DataDestination: s3Config(job.outputPath, job.outputKmsKeyArn) } : undefined,
        },
      };
    }),
    ListMetricAttributions: listJobs("metric-attribution", "metricAttributions", "metricAttributionArn", "name"),
    DescribeMetricAttribution: serve((request) => {
      const job = findJob(request, "metric-attribution", "metricAttributionArn");
      const { id, partition } = request.scenario.inventory.account;
      return {
        metricAttribution: {
          ...jobBase(job, "name"),
          metricAttributionArn: job.arn,
          // Without an S3 destination the attribution publishes to CloudWatch only; the role is always there.
          metricsOutputConfig: {
            roleArn: `arn:${partition}:iam::${id}:role/PersonalizeMetricAttribution`,
            s3DataDestination: s3Config(job.outputPath, job.outputKmsKeyArn),
          },
        },
      };
    }),
    ListDatasetImportJobs: listJobs("dataset-import", "datasetImportJobs", "datasetImportJobArn"),
    DescribeDatasetImportJob: serve((request) => {
      const job = findJob(request, "dataset-import", "datasetImportJobArn");
      return {
        datasetImportJob: {
          ...jobBase(job),
          datasetImportJobArn: job.arn,
          dataSource: job.inputPath ? { dataLocation: job.inputPath } : undefined,
        },
      };
    }),

    ListDatasets: listNames("dataset", "datasets", "datasetArn"),
    ListSolutions: listNames("solution", "solutions", "solutionArn"),
    ListCampaigns: listNames("campaign", "campaigns", "campaignArn"),
    ListEventTrackers: listNames("event-tracker", "eventTrackers", "eventTrackerArn"),
    // The one Personalize list whose member is PascalCase in the model.
    ListFilters: listNames("filter", "Filters", "filterArn"),
    ListRecommenders: listNames("recommender", "recommenders", "recommenderArn"),
  },
};
