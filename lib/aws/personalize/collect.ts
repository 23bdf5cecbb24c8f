/**
 * Collects one Region's Amazon Personalize resources (docs/controls.md#service-personalize) into Safekeep's inventory
 * types. It never throws: each failed call becomes a CollectionError and the other calls go on, so a
 * missing permission costs only the controls that needed that call.
 */
import {
  DescribeBatchInferenceJobCommand,
  DescribeBatchSegmentJobCommand,
  DescribeDatasetExportJobCommand,
  DescribeDatasetGroupCommand,
  DescribeDatasetImportJobCommand,
  DescribeMetricAttributionCommand,
  ListTagsForResourceCommand,
  paginateListBatchInferenceJobs,
  paginateListBatchSegmentJobs,
  paginateListCampaigns,
  paginateListDatasetExportJobs,
  paginateListDatasetGroups,
  paginateListDatasetImportJobs,
  paginateListDatasets,
  paginateListEventTrackers,
  paginateListFilters,
  paginateListMetricAttributions,
  paginateListRecommenders,
  paginateListSolutions,
  type DatasetGroupSummary,
  type PersonalizeClient,
} from "@aws-sdk/client-personalize";
import {
  isRegionWide,
  type CollectionError,
  type DatasetGroup,
  type JobsNotExamined,
  type PersonalizeJob,
  type PersonalizeJobKind,
  type PersonalizeName,
  type PersonalizeRegionInventory,
  type Tag,
} from "@/lib/inventory";
import { isNotFoundError } from "../errors";
import { createRegionCalls, distinctErrors, pagingOf, readAllPages, type RegionCalls } from "../harness";
import {
  datasetGroupFromSummary,
  newestFirst,
  toBatchInferenceJob,
  toBatchSegmentJob,
  toDatasetExportJob,
  toDatasetGroup,
  toDatasetImportJob,
  toMetricAttribution,
  toPersonalizeNames,
  toTags,
} from "./reshape";

export {
  datasetGroupFromSummary,
  isoDate,
  newestFirst,
  toBatchInferenceJob,
  toBatchSegmentJob,
  toDatasetExportJob,
  toDatasetGroup,
  toDatasetImportJob,
  toMetricAttribution,
  toPersonalizeNames,
  toTags,
} from "./reshape";

export interface PersonalizeRegionResult {
  inventory: PersonalizeRegionInventory;
  /** Failed calls, one per action and kind. A `region-unavailable` entry means the Region was not scanned. */
  errors: CollectionError[];
}

/**
 * Every Personalize list takes `maxResults` 1–100; the maximum keeps the call count low
 * (docs/controls.md#call-budget).
 */
const PAGE_SIZE = 100;

/** A fresh input per list: the SDK paginator writes `nextToken` into the object it is given. */
function listInput() {
  return { maxResults: PAGE_SIZE };
}

/**
 * Only the most recent jobs of each kind are described (older ones are history, and describing every
 * job of a busy account would cost a call each). The rest are not dropped silently: how many were
 * listed and left undescribed is recorded per kind, so the scan's coverage can say so.
 */
export const NEWEST_JOBS_PER_KIND = 20;

type ListOutcome<Item> = { items: Item[]; error?: undefined } | { items?: undefined; error: CollectionError };

/** A describe either answers, finds the resource deleted since the list call ("gone"), or fails. */
type DescribeOutcome<Value> =
  { status: "ok"; value: Value } | { status: "gone" } | { status: "failed"; error: CollectionError };

function emptyRegion(region: string): PersonalizeRegionInventory {
  return { region, datasetGroups: [], jobs: [], names: [] };
}

/**
 * Every call of one Region goes through its queue. Each call is queued on its own (never a queued
 * task waiting for another queued task), so chained calls cannot deadlock the limit.
 */
function createCaller(calls: RegionCalls) {
  return {
    /**
     * Reads one paginated list to the end. A list that fails on a later page yields no items: half a
     * list would let controls judge incomplete data as if it were complete.
     */
    async list<Page, Item>(
      commandName: string,
      pages: () => AsyncIterable<Page>,
      itemsOf: (page: Page) => Item[] | undefined,
    ): Promise<ListOutcome<Item>> {
      const outcome = await calls.run(commandName, () => readAllPages(pages(), itemsOf));
      return outcome.ok ? { items: outcome.value } : { error: outcome.error };
    },

    /** One describe-style call; `undefined` from `send` (no object in the answer) counts as gone. */
    async describe<Value>(
      commandName: string,
      send: () => Promise<Value | undefined>,
    ): Promise<DescribeOutcome<Value>> {
      const outcome = await calls.run(commandName, send);
      if (outcome.ok) return outcome.value === undefined ? { status: "gone" } : { status: "ok", value: outcome.value };
      // Deleted between the list call and this one (docs/controls.md#failed-calls): dropped, not reported.
      if (isNotFoundError(outcome.raw)) return { status: "gone" };
      return { status: "failed", error: outcome.error };
    },
  };
}

type Caller = ReturnType<typeof createCaller>;

interface Collected<Value> {
  value: Value;
  errors: CollectionError[];
}

/** Resources without an ARN cannot be described, reported or fixed, so they are left out. */
function hasArn(arn: string | undefined): arn is string {
  return typeof arn === "string" && arn !== "";
}

/**
 * Describes a dataset group and reads its tags. A failed describe keeps the group from the list call,
 * marked `describeFailed`; a failed tag call leaves the tags empty and reports the error.
 */
async function collectDatasetGroup(
  call: Caller,
  client: PersonalizeClient,
  summary: DatasetGroupSummary & { datasetGroupArn: string },
  region: string,
): Promise<Collected<DatasetGroup | undefined>> {
  const datasetGroupArn = summary.datasetGroupArn;
  const [described, tagged] = await Promise.all([
    call.describe(
      "DescribeDatasetGroupCommand",
      async () => (await client.send(new DescribeDatasetGroupCommand({ datasetGroupArn }))).datasetGroup,
    ),
    call.describe(
      "ListTagsForResourceCommand",
      async () => (await client.send(new ListTagsForResourceCommand({ resourceArn: datasetGroupArn }))).tags ?? [],
    ),
  ]);
  if (described.status === "gone") return { value: undefined, errors: [] };

  const errors: CollectionError[] = [];
  let tags: Tag[] = [];
  if (tagged.status === "ok") tags = toTags(tagged.value);
  if (tagged.status === "failed") errors.push(tagged.error);

  if (described.status === "failed") {
    errors.unshift(described.error);
    return { value: datasetGroupFromSummary(summary, region, tags), errors };
  }
  const group = toDatasetGroup(described.value, region, tags);
  return { value: { ...group, arn: group.arn || datasetGroupArn }, errors };
}

/** How to list, pick and describe one kind of job. */
interface JobKindSpec<Page, Summary extends { creationDateTime?: Date }, Detail> {
  kind: PersonalizeJobKind;
  listCommand: string;
  describeCommand: string;
  pages: () => AsyncIterable<Page>;
  itemsOf: (page: Page) => Summary[] | undefined;
  arnOf: (summary: Summary) => string | undefined;
  describe: (arn: string) => Promise<Detail | undefined>;
  reshape: (detail: Detail) => PersonalizeJob;
}

interface JobKindResult {
  jobs: PersonalizeJob[];
  /** Set when the list held more jobs than were described. */
  notExamined?: JobsNotExamined;
}

/**
 * Lists every job of one kind account-wide (no filter), then describes only the newest
 * NEWEST_JOBS_PER_KIND and counts the others. A job whose describe fails is left out and the failure
 * reported: its output settings are unknown, and the list call alone cannot say where it writes.
 */
async function collectJobKind<Page, Summary extends { creationDateTime?: Date }, Detail>(
  call: Caller,
  spec: JobKindSpec<Page, Summary, Detail>,
): Promise<Collected<JobKindResult>> {
  const listed = await call.list(spec.listCommand, spec.pages, spec.itemsOf);
  if (listed.error) return { value: { jobs: [] }, errors: [listed.error] };

  const withArns = listed.items.filter((summary) => hasArn(spec.arnOf(summary)));
  const newest = newestFirst(withArns, NEWEST_JOBS_PER_KIND);
  const left = withArns.length - newest.length;
  const notExamined = left > 0 ? { kind: spec.kind, listed: withArns.length, notExamined: left } : undefined;
  const outcomes = await Promise.all(
    newest.map(async (summary) => {
      const arn = spec.arnOf(summary) ?? "";
      return { arn, outcome: await call.describe(spec.describeCommand, () => spec.describe(arn)) };
    }),
  );

  const jobs: PersonalizeJob[] = [];
  const errors: CollectionError[] = [];
  for (const { arn, outcome } of outcomes) {
    if (outcome.status === "failed") errors.push(outcome.error);
    if (outcome.status !== "ok") continue;
    const job = spec.reshape(outcome.value);
    jobs.push({ ...job, arn: job.arn || arn });
  }
  return { value: notExamined ? { jobs, notExamined } : { jobs }, errors };
}

function collectJobs(call: Caller, client: PersonalizeClient, region: string): Promise<Collected<JobKindResult>>[] {
  const paging = pagingOf(client);
  return [
    collectJobKind(call, {
      kind: "dataset-export",
      listCommand: "ListDatasetExportJobsCommand",
      describeCommand: "DescribeDatasetExportJobCommand",
      pages: () => paginateListDatasetExportJobs(paging, listInput()),
      itemsOf: (page) => page.datasetExportJobs,
      arnOf: (summary) => summary.datasetExportJobArn,
      describe: async (datasetExportJobArn) =>
        (await client.send(new DescribeDatasetExportJobCommand({ datasetExportJobArn }))).datasetExportJob,
      reshape: (job) => toDatasetExportJob(job, region),
    }),
    collectJobKind(call, {
      kind: "batch-inference",
      listCommand: "ListBatchInferenceJobsCommand",
      describeCommand: "DescribeBatchInferenceJobCommand",
      pages: () => paginateListBatchInferenceJobs(paging, listInput()),
      itemsOf: (page) => page.batchInferenceJobs,
      arnOf: (summary) => summary.batchInferenceJobArn,
      describe: async (batchInferenceJobArn) =>
        (await client.send(new DescribeBatchInferenceJobCommand({ batchInferenceJobArn }))).batchInferenceJob,
      reshape: (job) => toBatchInferenceJob(job, region),
    }),
    collectJobKind(call, {
      kind: "batch-segment",
      listCommand: "ListBatchSegmentJobsCommand",
      describeCommand: "DescribeBatchSegmentJobCommand",
      pages: () => paginateListBatchSegmentJobs(paging, listInput()),
      itemsOf: (page) => page.batchSegmentJobs,
      arnOf: (summary) => summary.batchSegmentJobArn,
      describe: async (batchSegmentJobArn) =>
        (await client.send(new DescribeBatchSegmentJobCommand({ batchSegmentJobArn }))).batchSegmentJob,
      reshape: (job) => toBatchSegmentJob(job, region),
    }),
    collectJobKind(call, {
      kind: "metric-attribution",
      listCommand: "ListMetricAttributionsCommand",
      describeCommand: "DescribeMetricAttributionCommand",
      pages: () => paginateListMetricAttributions(paging, listInput()),
      itemsOf: (page) => page.metricAttributions,
      arnOf: (summary) => summary.metricAttributionArn,
      describe: async (metricAttributionArn) =>
        (await client.send(new DescribeMetricAttributionCommand({ metricAttributionArn }))).metricAttribution,
      reshape: (attribution) => toMetricAttribution(attribution, region),
    }),
    collectJobKind(call, {
      kind: "dataset-import",
      listCommand: "ListDatasetImportJobsCommand",
      describeCommand: "DescribeDatasetImportJobCommand",
      pages: () => paginateListDatasetImportJobs(paging, listInput()),
      itemsOf: (page) => page.datasetImportJobs,
      arnOf: (summary) => summary.datasetImportJobArn,
      describe: async (datasetImportJobArn) =>
        (await client.send(new DescribeDatasetImportJobCommand({ datasetImportJobArn }))).datasetImportJob,
      reshape: (job) => toDatasetImportJob(job, region),
    }),
  ];
}

/** The six account-wide name lists (docs/controls.md#call-budget), names and ARNs only. */
function collectNames(call: Caller, client: PersonalizeClient): Promise<Collected<PersonalizeName[]>>[] {
  const paging = pagingOf(client);
  const names = async (
    kind: PersonalizeName["kind"],
    outcome: Promise<ListOutcome<{ name?: string; arn?: string }>>,
  ): Promise<Collected<PersonalizeName[]>> => {
    const listed = await outcome;
    return listed.error
      ? { value: [], errors: [listed.error] }
      : { value: toPersonalizeNames(kind, listed.items), errors: [] };
  };
  return [
    names(
      "dataset",
      call.list(
        "ListDatasetsCommand",
        () => paginateListDatasets(paging, listInput()),
        (page) => page.datasets?.map((item) => ({ name: item.name, arn: item.datasetArn })),
      ),
    ),
    names(
      "solution",
      call.list(
        "ListSolutionsCommand",
        () => paginateListSolutions(paging, listInput()),
        (page) => page.solutions?.map((item) => ({ name: item.name, arn: item.solutionArn })),
      ),
    ),
    names(
      "campaign",
      call.list(
        "ListCampaignsCommand",
        () => paginateListCampaigns(paging, listInput()),
        (page) => page.campaigns?.map((item) => ({ name: item.name, arn: item.campaignArn })),
      ),
    ),
    names(
      "event-tracker",
      call.list(
        "ListEventTrackersCommand",
        () => paginateListEventTrackers(paging, listInput()),
        (page) => page.eventTrackers?.map((item) => ({ name: item.name, arn: item.eventTrackerArn })),
      ),
    ),
    names(
      "filter",
      call.list(
        "ListFiltersCommand",
        () => paginateListFilters(paging, listInput()),
        (page) => page.Filters?.map((item) => ({ name: item.name, arn: item.filterArn })),
      ),
    ),
    names(
      "recommender",
      call.list(
        "ListRecommendersCommand",
        () => paginateListRecommenders(paging, listInput()),
        (page) => page.recommenders?.map((item) => ({ name: item.name, arn: item.recommenderArn })),
      ),
    ),
  ];
}

/** Nothing from a Region that does not answer is kept: the caller reports it as skipped. */
function regionUnavailable(region: string, errors: readonly CollectionError[]): PersonalizeRegionResult | undefined {
  const error = errors.find((candidate) => isRegionWide(candidate.kind));
  return error ? { inventory: emptyRegion(region), errors: [error] } : undefined;
}

/**
 * Collects one Region with the given client (tests pass a mocked one). `calls` is the Region's
 * queue; by default one of the shared concurrency limit.
 */
export async function collectPersonalizeWithClient(
  client: PersonalizeClient,
  region: string,
  calls: RegionCalls = createRegionCalls({ service: "personalize", region, prefix: "personalize" }),
): Promise<PersonalizeRegionResult> {
  const call = createCaller(calls);
  const groups = await call.list(
    "ListDatasetGroupsCommand",
    () => paginateListDatasetGroups(pagingOf(client), listInput()),
    (page) => page.datasetGroups,
  );
  const listErrors = groups.error ? [groups.error] : [];
  const unavailable = regionUnavailable(region, listErrors);
  if (unavailable) return unavailable;

  // Budget rule (docs/controls.md#call-budget): an empty Region costs one call. When the group list
  // failed we cannot know whether the Region is empty, so the account-wide lists are still read
  // rather than silently skipped.
  if (groups.items?.length === 0) return { inventory: emptyRegion(region), errors: [] };

  const summaries = (groups.items ?? []).filter(
    (summary): summary is DatasetGroupSummary & { datasetGroupArn: string } => hasArn(summary.datasetGroupArn),
  );
  const [groupResults, jobResults, nameResults] = await Promise.all([
    Promise.all(summaries.map((summary) => collectDatasetGroup(call, client, summary, region))),
    Promise.all(collectJobs(call, client, region)),
    Promise.all(collectNames(call, client)),
  ]);

  // One error per action and kind: twenty job describes refused for the same reason are one missing
  // permission, and the runner turns each error into a result on every control that needed it.
  const errors = distinctErrors([
    ...listErrors,
    ...[...groupResults, ...jobResults, ...nameResults].flatMap((result) => result.errors),
  ]);
  const unavailableLater = regionUnavailable(region, errors);
  if (unavailableLater) return unavailableLater;

  const jobsNotExamined = jobResults.flatMap((result) => (result.value.notExamined ? [result.value.notExamined] : []));
  return {
    inventory: {
      region,
      datasetGroups: groupResults.flatMap((result) => (result.value ? [result.value] : [])),
      jobs: jobResults.flatMap((result) => result.value.jobs),
      names: nameResults.flatMap((result) => result.value),
      // Only when some job went unexamined, so a Region that was read in full looks as it always did.
      ...(jobsNotExamined.length > 0 ? { jobsNotExamined } : {}),
    },
    errors,
  };
}
