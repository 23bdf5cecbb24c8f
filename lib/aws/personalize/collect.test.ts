import {
  DescribeBatchInferenceJobCommand,
  DescribeBatchSegmentJobCommand,
  DescribeDatasetExportJobCommand,
  DescribeDatasetGroupCommand,
  DescribeDatasetImportJobCommand,
  DescribeMetricAttributionCommand,
  ListBatchInferenceJobsCommand,
  ListBatchSegmentJobsCommand,
  ListCampaignsCommand,
  ListDatasetExportJobsCommand,
  ListDatasetGroupsCommand,
  ListDatasetImportJobsCommand,
  ListDatasetsCommand,
  ListEventTrackersCommand,
  ListFiltersCommand,
  ListMetricAttributionsCommand,
  ListRecommendersCommand,
  ListSolutionsCommand,
  ListTagsForResourceCommand,
  PersonalizeClient,
  PersonalizeServiceException,
  type DatasetExportJobSummary,
  type DatasetGroup as SdkDatasetGroup,
  type DatasetGroupSummary,
} from "@aws-sdk/client-personalize";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import {
  collectPersonalizeWithClient,
  datasetGroupFromSummary,
  isoDate,
  newestFirst,
  NEWEST_JOBS_PER_KIND,
  toBatchInferenceJob,
  toBatchSegmentJob,
  toDatasetExportJob,
  toDatasetGroup,
  toDatasetImportJob,
  toMetricAttribution,
  toPersonalizeNames,
  toTags,
} from "./collect";

const REGION = "eu-west-1";
const ACCOUNT = "111122223333";
const arn = (kind: string, name: string) => `arn:aws:personalize:${REGION}:${ACCOUNT}:${kind}/${name}`;
const KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/PersonalizeKms`;
const day = (n: number) => new Date(Date.UTC(2026, 0, n));

// SDK-shaped fixtures, as the List/Describe calls return them.
const groupSummary = (name: string, extra: Partial<DatasetGroupSummary> = {}): DatasetGroupSummary => ({
  name,
  datasetGroupArn: arn("dataset-group", name),
  status: "ACTIVE",
  creationDateTime: day(1),
  ...extra,
});
const describedGroup = (name: string, extra: Partial<SdkDatasetGroup> = {}): SdkDatasetGroup => ({
  name,
  datasetGroupArn: arn("dataset-group", name),
  status: "ACTIVE",
  creationDateTime: day(1),
  ...extra,
});
const exportSummary = (name: string, created: Date): DatasetExportJobSummary => ({
  jobName: name,
  datasetExportJobArn: arn("dataset-export-job", name),
  status: "ACTIVE",
  creationDateTime: created,
});

const client = new PersonalizeClient({ region: REGION });
const pz = mockClient(PersonalizeClient);

/** Every list empty unless a test says otherwise; describes answer for whatever ARN they get. */
function emptyAnswers() {
  pz.on(ListDatasetGroupsCommand).resolves({ datasetGroups: [] });
  pz.on(ListDatasetExportJobsCommand).resolves({ datasetExportJobs: [] });
  pz.on(ListBatchInferenceJobsCommand).resolves({ batchInferenceJobs: [] });
  pz.on(ListBatchSegmentJobsCommand).resolves({ batchSegmentJobs: [] });
  pz.on(ListMetricAttributionsCommand).resolves({ metricAttributions: [] });
  pz.on(ListDatasetImportJobsCommand).resolves({ datasetImportJobs: [] });
  pz.on(ListDatasetsCommand).resolves({ datasets: [] });
  pz.on(ListSolutionsCommand).resolves({ solutions: [] });
  pz.on(ListCampaignsCommand).resolves({ campaigns: [] });
  pz.on(ListEventTrackersCommand).resolves({ eventTrackers: [] });
  pz.on(ListFiltersCommand).resolves({ Filters: [] });
  pz.on(ListRecommendersCommand).resolves({ recommenders: [] });
  pz.on(ListTagsForResourceCommand).resolves({ tags: [] });
  pz.on(DescribeDatasetGroupCommand).callsFake((input: { datasetGroupArn: string }) => ({
    datasetGroup: describedGroup(input.datasetGroupArn.split("/").pop() ?? "", {
      datasetGroupArn: input.datasetGroupArn,
    }),
  }));
  pz.on(DescribeDatasetExportJobCommand).callsFake((input: { datasetExportJobArn: string }) => ({
    datasetExportJob: {
      jobName: input.datasetExportJobArn.split("/").pop(),
      datasetExportJobArn: input.datasetExportJobArn,
      jobOutput: { s3DataDestination: { path: "s3://exports/out/" } },
    },
  }));
}

/** An SDK-style error: what the SDK throws after its own retries are spent. */
function awsError(name: string, message: string, httpStatusCode: number, attempts = 1) {
  return Object.assign(new Error(message), { name, $fault: "client", $metadata: { httpStatusCode, attempts } });
}

/** A region with one dataset group, so the account-wide lists are read. */
function oneGroup(name = "retail") {
  pz.on(ListDatasetGroupsCommand).resolves({ datasetGroups: [groupSummary(name)] });
}

beforeEach(() => {
  pz.reset();
  emptyAnswers();
});

describe("reshaping SDK objects", () => {
  it("maps a described dataset group with its key, role and tags", () => {
    const group = describedGroup("retail", {
      domain: "ECOMMERCE",
      kmsKeyArn: KEY,
      roleArn: ROLE,
      lastUpdatedDateTime: day(2),
    });
    expect(toDatasetGroup(group, REGION, [{ key: "team", value: "ml" }])).toEqual({
      arn: arn("dataset-group", "retail"),
      name: "retail",
      region: REGION,
      status: "ACTIVE",
      domain: "ECOMMERCE",
      kmsKeyArn: KEY,
      roleArn: ROLE,
      tags: [{ key: "team", value: "ml" }],
    });
  });

  it("keeps a group whose describe failed from its summary, marked so its key is unknown", () => {
    const group = datasetGroupFromSummary(groupSummary("retail", { domain: "VIDEO_ON_DEMAND" }), REGION, []);
    expect(group).toEqual({
      arn: arn("dataset-group", "retail"),
      name: "retail",
      region: REGION,
      status: "ACTIVE",
      domain: "VIDEO_ON_DEMAND",
      tags: [],
      describeFailed: true,
    });
    expect(group.kmsKeyArn).toBeUndefined();
  });

  it("maps Personalize tags and drops key-less ones", () => {
    expect(
      toTags([
        { tagKey: "team", tagValue: "ml" },
        { tagKey: "empty", tagValue: undefined },
        { tagKey: undefined, tagValue: "orphan" },
      ]),
    ).toEqual([
      { key: "team", value: "ml" },
      { key: "empty", value: "" },
    ]);
    expect(toTags(undefined)).toEqual([]);
  });

  it("maps a dataset export job's destination and key, with an ISO creation date", () => {
    const job = toDatasetExportJob(
      {
        jobName: "weekly-export",
        datasetExportJobArn: arn("dataset-export-job", "weekly-export"),
        status: "ACTIVE",
        creationDateTime: day(3),
        jobOutput: { s3DataDestination: { path: "s3://exports/weekly/", kmsKeyArn: KEY } },
      },
      REGION,
    );
    expect(job).toEqual({
      arn: arn("dataset-export-job", "weekly-export"),
      name: "weekly-export",
      region: REGION,
      kind: "dataset-export",
      status: "ACTIVE",
      createdAt: "2026-01-03T00:00:00.000Z",
      outputPath: "s3://exports/weekly/",
      outputKmsKeyArn: KEY,
    });
  });

  it.each([
    { kind: "batch-inference", reshape: toBatchInferenceJob, arnField: "batchInferenceJobArn" },
    { kind: "batch-segment", reshape: toBatchSegmentJob, arnField: "batchSegmentJobArn" },
  ] as const)("maps a $kind job's input and output locations and keys", ({ kind, reshape, arnField }) => {
    const job = reshape(
      {
        jobName: "nightly",
        [arnField]: arn(`${kind}-job`, "nightly"),
        status: "ACTIVE",
        creationDateTime: day(4),
        jobInput: { s3DataSource: { path: "s3://inputs/users.json", kmsKeyArn: KEY } },
        jobOutput: { s3DataDestination: { path: "s3://outputs/nightly/" } },
      },
      REGION,
    );
    expect(job).toEqual({
      arn: arn(`${kind}-job`, "nightly"),
      name: "nightly",
      region: REGION,
      kind,
      status: "ACTIVE",
      createdAt: "2026-01-04T00:00:00.000Z",
      inputPath: "s3://inputs/users.json",
      inputKmsKeyArn: KEY,
      outputPath: "s3://outputs/nightly/",
      outputKmsKeyArn: undefined,
    });
  });

  it("maps a metric attribution's S3 output, and none when it publishes to CloudWatch only", () => {
    const withS3 = toMetricAttribution(
      {
        name: "revenue",
        metricAttributionArn: arn("metric-attribution", "revenue"),
        status: "ACTIVE",
        metricsOutputConfig: { roleArn: ROLE, s3DataDestination: { path: "s3://metrics/", kmsKeyArn: KEY } },
      },
      REGION,
    );
    expect(withS3).toMatchObject({
      name: "revenue",
      kind: "metric-attribution",
      outputPath: "s3://metrics/",
      outputKmsKeyArn: KEY,
    });
    const cloudWatchOnly = toMetricAttribution(
      {
        name: "clicks",
        metricAttributionArn: arn("metric-attribution", "clicks"),
        metricsOutputConfig: { roleArn: ROLE },
      },
      REGION,
    );
    expect(cloudWatchOnly.outputPath).toBeUndefined();
    expect(cloudWatchOnly.createdAt).toBeUndefined();
  });

  it("maps a dataset import job's data location as its input", () => {
    expect(
      toDatasetImportJob(
        {
          jobName: "initial-load",
          datasetImportJobArn: arn("dataset-import-job", "initial-load"),
          status: "ACTIVE",
          dataSource: { dataLocation: "s3://raw-data/interactions.csv" },
        },
        REGION,
      ),
    ).toEqual({
      arn: arn("dataset-import-job", "initial-load"),
      name: "initial-load",
      region: REGION,
      kind: "dataset-import",
      status: "ACTIVE",
      createdAt: undefined,
      inputPath: "s3://raw-data/interactions.csv",
    });
  });

  it("turns dates into ISO strings and leaves missing or invalid dates undefined", () => {
    expect(isoDate(day(5))).toBe("2026-01-05T00:00:00.000Z");
    expect(isoDate(undefined)).toBeUndefined();
    expect(isoDate(new Date("not a date"))).toBeUndefined();
  });

  it("picks the newest items first, undated ones last, up to the limit", () => {
    const items = [
      { id: "old", creationDateTime: day(1) },
      { id: "undated" },
      { id: "newest", creationDateTime: day(9) },
      { id: "middle", creationDateTime: day(5) },
    ];
    expect(newestFirst(items, 10).map((i) => i.id)).toEqual(["newest", "middle", "old", "undated"]);
    expect(newestFirst(items, 2).map((i) => i.id)).toEqual(["newest", "middle"]);
  });

  it("keeps only names with an ARN", () => {
    expect(
      toPersonalizeNames("campaign", [
        { name: "home-page", arn: arn("campaign", "home-page") },
        { name: "nameless" },
        { arn: arn("campaign", "x") },
      ]),
    ).toEqual([{ kind: "campaign", name: "home-page", arn: arn("campaign", "home-page") }]);
  });
});

describe("collectPersonalizeWithClient", () => {
  it("makes one call in a region without dataset groups (call budget)", async () => {
    const { inventory, errors } = await collectPersonalizeWithClient(client, REGION);

    expect(errors).toEqual([]);
    expect(inventory).toEqual({ region: REGION, datasetGroups: [], jobs: [], names: [] });
    expect(pz.calls()).toHaveLength(1);
    expect(pz).toHaveReceivedCommandWith(ListDatasetGroupsCommand, { maxResults: 100 });
  });

  it("collects groups, the newest jobs of every kind and every name list in a region with resources", async () => {
    pz.on(ListDatasetGroupsCommand).resolves({
      datasetGroups: [groupSummary("retail"), groupSummary("media", { domain: "VIDEO_ON_DEMAND" })],
    });
    pz.on(DescribeDatasetGroupCommand, { datasetGroupArn: arn("dataset-group", "retail") }).resolves({
      datasetGroup: describedGroup("retail", { kmsKeyArn: KEY, roleArn: ROLE }),
    });
    pz.on(ListTagsForResourceCommand, { resourceArn: arn("dataset-group", "retail") }).resolves({
      tags: [{ tagKey: "team", tagValue: "ml" }],
    });
    pz.on(ListDatasetExportJobsCommand).resolves({ datasetExportJobs: [exportSummary("export-1", day(2))] });
    pz.on(ListBatchInferenceJobsCommand).resolves({
      batchInferenceJobs: [{ jobName: "bi-1", batchInferenceJobArn: arn("batch-inference-job", "bi-1") }],
    });
    pz.on(DescribeBatchInferenceJobCommand).resolves({
      batchInferenceJob: {
        jobName: "bi-1",
        batchInferenceJobArn: arn("batch-inference-job", "bi-1"),
        creationDateTime: day(3),
        jobInput: { s3DataSource: { path: "s3://inputs/bi.json" } },
        jobOutput: { s3DataDestination: { path: "s3://outputs/bi/", kmsKeyArn: KEY } },
      },
    });
    pz.on(ListBatchSegmentJobsCommand).resolves({
      batchSegmentJobs: [{ jobName: "seg-1", batchSegmentJobArn: arn("batch-segment-job", "seg-1") }],
    });
    pz.on(DescribeBatchSegmentJobCommand).resolves({
      batchSegmentJob: {
        jobName: "seg-1",
        batchSegmentJobArn: arn("batch-segment-job", "seg-1"),
        jobOutput: { s3DataDestination: { path: "s3://outputs/seg/" } },
      },
    });
    pz.on(ListMetricAttributionsCommand).resolves({
      metricAttributions: [{ name: "revenue", metricAttributionArn: arn("metric-attribution", "revenue") }],
    });
    pz.on(DescribeMetricAttributionCommand).resolves({
      metricAttribution: {
        name: "revenue",
        metricAttributionArn: arn("metric-attribution", "revenue"),
        metricsOutputConfig: { roleArn: ROLE, s3DataDestination: { path: "s3://metrics/" } },
      },
    });
    pz.on(ListDatasetImportJobsCommand).resolves({
      datasetImportJobs: [{ jobName: "load", datasetImportJobArn: arn("dataset-import-job", "load") }],
    });
    pz.on(DescribeDatasetImportJobCommand).resolves({
      datasetImportJob: {
        jobName: "load",
        datasetImportJobArn: arn("dataset-import-job", "load"),
        dataSource: { dataLocation: "s3://raw/interactions.csv" },
      },
    });
    pz.on(ListDatasetsCommand).resolves({ datasets: [{ name: "interactions", datasetArn: arn("dataset", "i") }] });
    pz.on(ListSolutionsCommand).resolves({ solutions: [{ name: "sims", solutionArn: arn("solution", "sims") }] });
    pz.on(ListCampaignsCommand).resolves({ campaigns: [{ name: "home", campaignArn: arn("campaign", "home") }] });
    pz.on(ListEventTrackersCommand).resolves({
      eventTrackers: [{ name: "clicks", eventTrackerArn: arn("event-tracker", "clicks") }],
    });
    pz.on(ListFiltersCommand).resolves({ Filters: [{ name: "in-stock", filterArn: arn("filter", "in-stock") }] });
    pz.on(ListRecommendersCommand).resolves({
      recommenders: [{ name: "top-picks", recommenderArn: arn("recommender", "top-picks") }],
    });

    const { inventory, errors } = await collectPersonalizeWithClient(client, REGION);

    expect(errors).toEqual([]);
    expect(inventory.datasetGroups).toEqual([
      {
        arn: arn("dataset-group", "retail"),
        name: "retail",
        region: REGION,
        status: "ACTIVE",
        domain: undefined,
        kmsKeyArn: KEY,
        roleArn: ROLE,
        tags: [{ key: "team", value: "ml" }],
      },
      expect.objectContaining({ name: "media", kmsKeyArn: undefined, tags: [] }),
    ]);
    expect(inventory.jobs.map((j) => [j.kind, j.name, j.outputPath ?? null, j.outputKmsKeyArn ?? null])).toEqual([
      ["dataset-export", "export-1", "s3://exports/out/", null],
      ["batch-inference", "bi-1", "s3://outputs/bi/", KEY],
      ["batch-segment", "seg-1", "s3://outputs/seg/", null],
      ["metric-attribution", "revenue", "s3://metrics/", null],
      ["dataset-import", "load", null, null],
    ]);
    expect(inventory.jobs.find((j) => j.kind === "batch-inference")).toMatchObject({
      inputPath: "s3://inputs/bi.json",
      createdAt: "2026-01-03T00:00:00.000Z",
    });
    expect(inventory.jobs.find((j) => j.kind === "dataset-import")?.inputPath).toBe("s3://raw/interactions.csv");
    expect(inventory.names.map((n) => [n.kind, n.name])).toEqual([
      ["dataset", "interactions"],
      ["solution", "sims"],
      ["campaign", "home"],
      ["event-tracker", "clicks"],
      ["filter", "in-stock"],
      ["recommender", "top-picks"],
    ]);
    // Call budget (docs/controls.md#call-budget): 1 + DG + 5 + J + 6 + DG = 1 + 2 + 5 + 5 + 6 + 2.
    expect(pz.calls()).toHaveLength(21);
  });

  it("sends maxResults 100 on every list and lists jobs account-wide, without a filter", async () => {
    oneGroup();
    await collectPersonalizeWithClient(client, REGION);

    for (const command of [
      ListDatasetGroupsCommand,
      ListDatasetExportJobsCommand,
      ListBatchInferenceJobsCommand,
      ListBatchSegmentJobsCommand,
      ListMetricAttributionsCommand,
      ListDatasetImportJobsCommand,
      ListDatasetsCommand,
      ListSolutionsCommand,
      ListCampaignsCommand,
      ListEventTrackersCommand,
      ListFiltersCommand,
      ListRecommendersCommand,
    ]) {
      expect(pz.commandCalls(command)[0]?.args[0].input).toEqual({ maxResults: 100 });
    }
    expect(pz).toHaveReceivedCommandWith(ListTagsForResourceCommand, { resourceArn: arn("dataset-group", "retail") });
  });

  it("follows nextToken pages of dataset groups and of jobs", async () => {
    // Later pages answer only when asked with the right token, so the test proves the token is sent.
    pz.on(ListDatasetGroupsCommand).resolves({ datasetGroups: [groupSummary("dg-1")], nextToken: "dg-page-2" });
    pz.on(ListDatasetGroupsCommand, { nextToken: "dg-page-2" }).resolves({ datasetGroups: [groupSummary("dg-2")] });
    pz.on(ListDatasetExportJobsCommand).resolves({
      datasetExportJobs: [exportSummary("e-1", day(1))],
      nextToken: "e-page-2",
    });
    pz.on(ListDatasetExportJobsCommand, { nextToken: "e-page-2" }).resolves({
      datasetExportJobs: [exportSummary("e-2", day(2))],
      nextToken: "e-page-3",
    });
    pz.on(ListDatasetExportJobsCommand, { nextToken: "e-page-3" }).resolves({
      datasetExportJobs: [exportSummary("e-3", day(3))],
    });

    const { inventory, errors } = await collectPersonalizeWithClient(client, REGION);

    expect(errors).toEqual([]);
    expect(inventory.datasetGroups.map((g) => g.name)).toEqual(["dg-1", "dg-2"]);
    expect(inventory.jobs.map((j) => j.name)).toEqual(["e-3", "e-2", "e-1"]);
    expect(pz).toHaveReceivedCommandTimes(ListDatasetGroupsCommand, 2);
    expect(pz).toHaveReceivedCommandTimes(ListDatasetExportJobsCommand, 3);
    expect(pz).toHaveReceivedLastCommandWith(ListDatasetExportJobsCommand, { nextToken: "e-page-3", maxResults: 100 });
  });

  it("stops paging when the service repeats its last token", async () => {
    pz.on(ListDatasetGroupsCommand)
      .resolvesOnce({ datasetGroups: [groupSummary("dg-1")], nextToken: "same" })
      .resolves({ datasetGroups: [], nextToken: "same" });
    const { inventory } = await collectPersonalizeWithClient(client, REGION);
    expect(inventory.datasetGroups.map((g) => g.name)).toEqual(["dg-1"]);
    expect(pz).toHaveReceivedCommandTimes(ListDatasetGroupsCommand, 2);
  });

  it(`describes only the newest ${NEWEST_JOBS_PER_KIND} jobs of a kind`, async () => {
    oneGroup();
    // 25 jobs, listed oldest first, so picking the first 20 of the list would be wrong.
    const summaries = Array.from({ length: 25 }, (_, i) => exportSummary(`export-${i + 1}`, day(i + 1)));
    pz.on(ListDatasetExportJobsCommand).resolves({ datasetExportJobs: summaries });

    const { inventory } = await collectPersonalizeWithClient(client, REGION);

    expect(pz).toHaveReceivedCommandTimes(DescribeDatasetExportJobCommand, 20);
    const described = pz.commandCalls(DescribeDatasetExportJobCommand).map((c) => c.args[0].input.datasetExportJobArn);
    expect(described).not.toContain(arn("dataset-export-job", "export-5"));
    expect(described).toContain(arn("dataset-export-job", "export-6"));
    expect(described).toContain(arn("dataset-export-job", "export-25"));
    expect(inventory.jobs).toHaveLength(20);
    expect(inventory.jobs[0]?.name).toBe("export-25");
    // The five older ones are not dropped silently.
    expect(inventory.jobsNotExamined).toEqual([{ kind: "dataset-export", listed: 25, notExamined: 5 }]);
  });

  it("counts, per kind, the jobs listed beyond the newest and not examined", async () => {
    oneGroup();
    // 23 batch inference jobs over two pages, 20 batch segment jobs (all examined), 21 imports;
    // one listed entry without an ARN cannot be described and is not counted.
    const inference = Array.from({ length: 23 }, (_, i) => ({
      jobName: `recs-${i + 1}`,
      batchInferenceJobArn: arn("batch-inference-job", `recs-${i + 1}`),
      status: i === 22 ? "CREATE FAILED" : "ACTIVE",
      creationDateTime: day(i + 1),
    }));
    pz.on(ListBatchInferenceJobsCommand)
      .resolvesOnce({ batchInferenceJobs: inference.slice(0, 12), nextToken: "p2" })
      .resolves({ batchInferenceJobs: [...inference.slice(12), { jobName: "no-arn", creationDateTime: day(30) }] });
    pz.on(DescribeBatchInferenceJobCommand).callsFake((input: { batchInferenceJobArn: string }) => ({
      batchInferenceJob: {
        jobName: input.batchInferenceJobArn.split("/").pop(),
        batchInferenceJobArn: input.batchInferenceJobArn,
        jobOutput: { s3DataDestination: { path: "s3://recs/out/" } },
      },
    }));
    pz.on(ListBatchSegmentJobsCommand).resolves({
      batchSegmentJobs: Array.from({ length: 20 }, (_, i) => ({
        jobName: `seg-${i}`,
        batchSegmentJobArn: arn("batch-segment-job", `seg-${i}`),
        creationDateTime: day(i + 1),
      })),
    });
    pz.on(DescribeBatchSegmentJobCommand).callsFake((input: { batchSegmentJobArn: string }) => ({
      batchSegmentJob: { jobName: "seg", batchSegmentJobArn: input.batchSegmentJobArn },
    }));
    pz.on(ListDatasetImportJobsCommand).resolves({
      datasetImportJobs: Array.from({ length: 21 }, (_, i) => ({
        jobName: `load-${i}`,
        datasetImportJobArn: arn("dataset-import-job", `load-${i}`),
        creationDateTime: day(i + 1),
      })),
    });
    pz.on(DescribeDatasetImportJobCommand).callsFake((input: { datasetImportJobArn: string }) => ({
      datasetImportJob: { jobName: "load", datasetImportJobArn: input.datasetImportJobArn },
    }));

    const { inventory, errors } = await collectPersonalizeWithClient(client, REGION);

    expect(errors).toEqual([]);
    expect(inventory.jobsNotExamined).toEqual([
      { kind: "batch-inference", listed: 23, notExamined: 3 },
      { kind: "dataset-import", listed: 21, notExamined: 1 },
    ]);
    expect(pz).toHaveReceivedCommandTimes(DescribeBatchInferenceJobCommand, 20);
    expect(inventory.jobs.filter((j) => j.kind === "batch-inference")).toHaveLength(20);
    expect(inventory.jobs.filter((j) => j.kind === "batch-segment")).toHaveLength(20);
  });

  it("records nothing not examined when a kind's list failed: its jobs are an error, not a count", async () => {
    oneGroup();
    pz.on(ListBatchInferenceJobsCommand).rejects(awsError("AccessDeniedException", "denied", 400));
    const { inventory, errors } = await collectPersonalizeWithClient(client, REGION);
    expect(errors.map((e) => e.action)).toEqual(["personalize:ListBatchInferenceJobs"]);
    expect(inventory).not.toHaveProperty("jobsNotExamined");
  });

  it("drops a dataset group or job deleted between the list and the describe, silently", async () => {
    pz.on(ListDatasetGroupsCommand).resolves({ datasetGroups: [groupSummary("kept"), groupSummary("gone")] });
    pz.on(DescribeDatasetGroupCommand, { datasetGroupArn: arn("dataset-group", "gone") }).rejects(
      awsError("ResourceNotFoundException", "Could not find resource", 400),
    );
    pz.on(ListTagsForResourceCommand, { resourceArn: arn("dataset-group", "gone") }).rejects(
      awsError("ResourceNotFoundException", "Could not find resource", 400),
    );
    pz.on(ListDatasetExportJobsCommand).resolves({
      datasetExportJobs: [exportSummary("kept-job", day(2)), exportSummary("gone-job", day(1))],
    });
    pz.on(DescribeDatasetExportJobCommand, { datasetExportJobArn: arn("dataset-export-job", "gone-job") }).rejects(
      awsError("ResourceNotFoundException", "Could not find resource", 400),
    );

    const { inventory, errors } = await collectPersonalizeWithClient(client, REGION);

    expect(errors).toEqual([]);
    expect(inventory.datasetGroups.map((g) => g.name)).toEqual(["kept"]);
    expect(inventory.jobs.map((j) => j.name)).toEqual(["kept-job"]);
  });

  it("keeps a group whose describe failed, marked describeFailed, and reports the action", async () => {
    oneGroup();
    pz.on(DescribeDatasetGroupCommand).rejects(awsError("AccessDeniedException", "denied", 400));
    pz.on(ListTagsForResourceCommand).resolves({ tags: [{ tagKey: "team", tagValue: "ml" }] });

    const { inventory, errors } = await collectPersonalizeWithClient(client, REGION);

    expect(errors).toEqual([
      {
        service: "personalize",
        region: REGION,
        action: "personalize:DescribeDatasetGroup",
        kind: "access-denied",
        message: "insufficient permissions: personalize:DescribeDatasetGroup",
      },
    ]);
    expect(inventory.datasetGroups).toEqual([
      expect.objectContaining({ name: "retail", describeFailed: true, tags: [{ key: "team", value: "ml" }] }),
    ]);
  });

  it("leaves tags empty and reports the error when ListTagsForResource fails", async () => {
    oneGroup();
    pz.on(ListTagsForResourceCommand).rejects(awsError("ThrottlingException", "Rate exceeded", 400, 8));

    const { inventory, errors } = await collectPersonalizeWithClient(client, REGION);

    expect(errors.map((e) => [e.action, e.kind])).toEqual([["personalize:ListTagsForResource", "throttled"]]);
    expect(inventory.datasetGroups).toEqual([expect.objectContaining({ name: "retail", tags: [] })]);
    expect(inventory.datasetGroups[0]?.describeFailed).toBeUndefined();
  });

  it("reports a job describe refused many times as one error and keeps the jobs it could describe", async () => {
    oneGroup();
    pz.on(ListDatasetExportJobsCommand).resolves({
      datasetExportJobs: [exportSummary("a", day(1)), exportSummary("b", day(2)), exportSummary("c", day(3))],
    });
    pz.on(DescribeDatasetExportJobCommand).rejects(awsError("AccessDeniedException", "denied", 400));

    const { inventory, errors } = await collectPersonalizeWithClient(client, REGION);

    expect(errors.map((e) => e.action)).toEqual(["personalize:DescribeDatasetExportJob"]);
    expect(pz).toHaveReceivedCommandTimes(DescribeDatasetExportJobCommand, 3);
    expect(inventory.jobs).toEqual([]);
    expect(inventory.datasetGroups).toHaveLength(1);
  });

  it("still reads the account-wide lists when the dataset group list failed, since resources may exist", async () => {
    pz.on(ListDatasetGroupsCommand).rejects(awsError("AccessDeniedException", "denied", 400));
    pz.on(ListDatasetExportJobsCommand).resolves({ datasetExportJobs: [exportSummary("e-1", day(1))] });

    const { inventory, errors } = await collectPersonalizeWithClient(client, REGION);

    expect(errors.map((e) => e.action)).toEqual(["personalize:ListDatasetGroups"]);
    expect(inventory.datasetGroups).toEqual([]);
    expect(inventory.jobs.map((j) => j.name)).toEqual(["e-1"]);
    expect(pz).toHaveReceivedCommandTimes(ListRecommendersCommand, 1);
    expect(pz).toHaveReceivedCommandTimes(DescribeDatasetGroupCommand, 0);
  });

  it("keeps at most three calls in flight", async () => {
    let inFlight = 0;
    let peak = 0;
    const slow = (answer: object) => async () => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight -= 1;
      return answer;
    };
    pz.on(ListDatasetGroupsCommand).callsFake(slow({ datasetGroups: [groupSummary("a"), groupSummary("b")] }));
    pz.on(DescribeDatasetGroupCommand).callsFake(slow({ datasetGroup: describedGroup("a") }));
    pz.on(ListTagsForResourceCommand).callsFake(slow({ tags: [] }));
    pz.on(ListDatasetExportJobsCommand).callsFake(
      slow({ datasetExportJobs: [exportSummary("e-1", day(1)), exportSummary("e-2", day(2))] }),
    );
    pz.on(DescribeDatasetExportJobCommand).callsFake(
      slow({ datasetExportJob: { jobName: "e", datasetExportJobArn: arn("dataset-export-job", "e") } }),
    );
    for (const command of [ListBatchInferenceJobsCommand, ListDatasetsCommand, ListSolutionsCommand]) {
      pz.on(command).callsFake(slow({}));
    }

    await collectPersonalizeWithClient(client, REGION);

    expect(peak).toBe(3);
    expect(pz.calls()).toHaveLength(1 + 2 + 2 + 5 + 2 + 6);
  });

  it("leaves out resources that come back without an ARN", async () => {
    pz.on(ListDatasetGroupsCommand).resolves({ datasetGroups: [groupSummary("ok"), { name: "arnless" }] });
    pz.on(ListDatasetExportJobsCommand).resolves({
      datasetExportJobs: [exportSummary("job", day(1)), { jobName: "arnless", creationDateTime: day(2) }],
    });
    const { inventory } = await collectPersonalizeWithClient(client, REGION);
    expect(inventory.datasetGroups.map((g) => g.name)).toEqual(["ok"]);
    expect(inventory.jobs.map((j) => j.name)).toEqual(["job"]);
    expect(pz).toHaveReceivedCommandTimes(DescribeDatasetGroupCommand, 1);
    expect(pz).toHaveReceivedCommandTimes(DescribeDatasetExportJobCommand, 1);
  });

  describe("failed calls", () => {
    beforeEach(() => {
      oneGroup();
      pz.on(ListCampaignsCommand).resolves({ campaigns: [{ name: "home", campaignArn: arn("campaign", "home") }] });
    });

    it("turns access denied into an error naming the action, and collects the rest", async () => {
      const message =
        "User: arn:aws:iam::111122223333:user/x is not authorized to perform: personalize:ListBatchInferenceJobs on resource: arn:aws:personalize:eu-west-1:111122223333:batch-inference-job/* because no identity-based policy allows the personalize:ListBatchInferenceJobs action";
      pz.on(ListBatchInferenceJobsCommand).rejects(
        new PersonalizeServiceException({
          name: "AccessDeniedException",
          $fault: "client",
          $metadata: { httpStatusCode: 400 },
          message,
        }),
      );

      const { inventory, errors } = await collectPersonalizeWithClient(client, REGION);

      expect(errors).toEqual([
        {
          service: "personalize",
          region: REGION,
          action: "personalize:ListBatchInferenceJobs",
          kind: "access-denied",
          message: "insufficient permissions: personalize:ListBatchInferenceJobs",
        },
      ]);
      expect(inventory.datasetGroups.map((g) => g.name)).toEqual(["retail"]);
      expect(inventory.names.map((n) => n.name)).toEqual(["home"]);
    });

    it("reports throttling that outlasted the SDK's retries", async () => {
      pz.on(ListFiltersCommand).rejects(awsError("ThrottlingException", "Rate exceeded", 400, 8));

      const { inventory, errors } = await collectPersonalizeWithClient(client, REGION);

      expect(errors).toEqual([
        {
          service: "personalize",
          region: REGION,
          action: "personalize:ListFilters",
          kind: "throttled",
          message: "throttled: ThrottlingException: Rate exceeded",
        },
      ]);
      expect(inventory.names.map((n) => n.name)).toEqual(["home"]);
    });

    it("stops a region that is not enabled and returns only that error", async () => {
      pz.on(ListDatasetGroupsCommand).rejects(
        awsError("UnrecognizedClientException", "The security token included in the request is invalid.", 400),
      );

      const { inventory, errors } = await collectPersonalizeWithClient(client, REGION);

      expect(errors).toEqual([
        {
          service: "personalize",
          region: REGION,
          action: "personalize:ListDatasetGroups",
          kind: "credentials-rejected",
          message:
            "the Region rejected the credentials: UnrecognizedClientException: The security token included in the request is invalid.",
        },
      ]);
      expect(inventory).toEqual({ region: REGION, datasetGroups: [], jobs: [], names: [] });
      expect(pz.calls()).toHaveLength(1);
    });

    it("drops everything when a later call finds the region unavailable", async () => {
      pz.on(ListSolutionsCommand).rejects(
        Object.assign(new Error("getaddrinfo ENOTFOUND personalize.xx-new-1.amazonaws.com"), { code: "ENOTFOUND" }),
      );
      const { inventory, errors } = await collectPersonalizeWithClient(client, REGION);
      expect(errors.map((e) => [e.kind, e.action])).toEqual([["region-unavailable", "personalize:ListSolutions"]]);
      expect(inventory.datasetGroups).toEqual([]);
      expect(inventory.names).toEqual([]);
    });

    it("reports any other error with its name and message, and collects the rest", async () => {
      pz.on(ListRecommendersCommand).rejects(awsError("InvalidInputException", "maxResults is not valid.", 400));

      const { inventory, errors } = await collectPersonalizeWithClient(client, REGION);

      expect(errors).toEqual([
        {
          service: "personalize",
          region: REGION,
          action: "personalize:ListRecommenders",
          kind: "other",
          message: "InvalidInputException: maxResults is not valid.",
        },
      ]);
      expect(inventory.names.map((n) => n.name)).toEqual(["home"]);
    });

    it("drops a list that failed on a later page rather than reporting half of it", async () => {
      pz.on(ListDatasetExportJobsCommand)
        .resolvesOnce({ datasetExportJobs: [exportSummary("e-1", day(1))], nextToken: "page-2" })
        .rejectsOnce(awsError("ThrottlingException", "Rate exceeded", 400, 8));

      const { inventory, errors } = await collectPersonalizeWithClient(client, REGION);

      expect(errors.map((e) => e.action)).toEqual(["personalize:ListDatasetExportJobs"]);
      expect(inventory.jobs).toEqual([]);
      expect(pz).toHaveReceivedCommandTimes(DescribeDatasetExportJobCommand, 0);
    });

    it("never throws, whatever the client throws", async () => {
      pz.on(DescribeDatasetGroupCommand).rejects("plain string rejection");
      await expect(collectPersonalizeWithClient(client, REGION)).resolves.toMatchObject({
        errors: [{ action: "personalize:DescribeDatasetGroup", kind: "other" }],
      });
    });
  });
});
