import {
  DescribeBatchInferenceJobCommand,
  DescribeDatasetGroupCommand,
  ListDatasetExportJobsCommand,
  ListDatasetGroupsCommand,
  ListFiltersCommand,
  ListTagsForResourceCommand,
  PersonalizeClient,
} from "@aws-sdk/client-personalize";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { collectPersonalizeWithClient, NEWEST_JOBS_PER_KIND } from "@/lib/aws/personalize/collect";
import { isNotFoundError } from "@/lib/aws/errors";
import { demoInventory } from "@/lib/demo/inventory";
import type { Inventory, PersonalizeJob, PersonalizeRegionInventory } from "@/lib/inventory";
import {
  PERSONALIZE_TEST_KEY,
  personalizeDatasetGroup,
  personalizeInventory,
  personalizeJob,
  personalizeName,
  TEST_REGION,
} from "@/lib/inventory/builders";
import { startFakeAws, type FakeAws } from "../server";
import type { Fault } from "../types";
import { FAKE_SERVICES } from "./index";
import { personalize } from "./personalize";

let fake: FakeAws;

beforeAll(async () => {
  FAKE_SERVICES[personalize.model.signingName] = personalize;
  fake = await startFakeAws({ inventory: personalizeInventory({}) });
});
afterAll(async () => {
  await fake.close();
});

function client(region = TEST_REGION, requestTimeout?: number) {
  return new PersonalizeClient({
    region,
    endpoint: fake.url,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts: 1,
    ...(requestTimeout ? { requestHandler: { requestTimeout, throwOnRequestTimeout: true } } : {}),
  });
}

function serve(inventory: Inventory, faults: Fault[] = []) {
  fake.setScenario({ inventory, faults });
  fake.reset();
}

async function collect(region = TEST_REGION) {
  return collectPersonalizeWithClient(client(region), region);
}

/** A region with every kind of resource, in the order the collector returns them. */
const retail = personalizeDatasetGroup({ name: "retail", tags: [{ key: "team", value: "ml" }] });
const media = personalizeDatasetGroup({
  name: "media",
  domain: undefined,
  kmsKeyArn: undefined,
  roleArn: undefined,
  status: "CREATE PENDING",
  tags: [],
});
const jobs: PersonalizeJob[] = [
  personalizeJob({
    kind: "dataset-export",
    name: "export-new",
    createdAt: "2026-03-02T10:00:00.000Z",
    inputPath: undefined,
    outputKmsKeyArn: undefined,
  }),
  personalizeJob({
    kind: "dataset-export",
    name: "export-old",
    createdAt: "2026-03-01T10:00:00.000Z",
    inputPath: undefined,
  }),
  personalizeJob({ kind: "batch-inference", name: "nightly", inputKmsKeyArn: PERSONALIZE_TEST_KEY }),
  personalizeJob({ kind: "batch-segment", name: "segments", outputKmsKeyArn: undefined, createdAt: undefined }),
  personalizeJob({ kind: "metric-attribution", name: "revenue", inputPath: undefined }),
  personalizeJob({
    kind: "metric-attribution",
    name: "clicks-cloudwatch-only",
    createdAt: "2025-12-01T00:00:00.000Z",
    inputPath: undefined,
    outputPath: undefined,
    outputKmsKeyArn: undefined,
  }),
  personalizeJob({
    kind: "dataset-import",
    name: "initial-load",
    inputPath: "s3://raw-data/interactions.csv",
    outputPath: undefined,
    outputKmsKeyArn: undefined,
  }),
];
const full: PersonalizeRegionInventory = {
  region: TEST_REGION,
  datasetGroups: [retail, media],
  jobs,
  names: [
    personalizeName({ kind: "dataset", name: "interactions" }),
    personalizeName({ kind: "dataset", name: "items" }),
    personalizeName({ kind: "solution", name: "sims" }),
    personalizeName({ kind: "campaign", name: "home-page" }),
    personalizeName({ kind: "event-tracker", name: "clickstream" }),
    personalizeName({ kind: "filter", name: "in-stock" }),
    personalizeName({ kind: "recommender", name: "top-picks" }),
  ],
};

/** Collector order: jobs by kind, newest first within a kind; names by list; ISO dates with milliseconds. */
const KIND_ORDER = ["dataset-export", "batch-inference", "batch-segment", "metric-attribution", "dataset-import"];
const NAME_ORDER = ["dataset", "solution", "campaign", "event-tracker", "filter", "recommender"];
function collectorOrder(region: PersonalizeRegionInventory): PersonalizeRegionInventory {
  const time = (job: PersonalizeJob) => (job.createdAt ? Date.parse(job.createdAt) : Number.NEGATIVE_INFINITY);
  return {
    ...region,
    jobs: [...region.jobs]
      .sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || time(b) - time(a))
      .map((job) => ({ ...job, createdAt: job.createdAt && new Date(job.createdAt).toISOString() })),
    names: [...region.names].sort((a, b) => NAME_ORDER.indexOf(a.kind) - NAME_ORDER.indexOf(b.kind)),
  };
}

describe("fake Personalize", () => {
  beforeEach(() => serve(personalizeInventory(full)));

  it("round-trips a region with every kind of resource through the real collector", async () => {
    const { inventory, errors } = await collect();
    expect(errors).toEqual([]);
    expect(inventory).toEqual(full);
    // Call budget (docs/controls.md#call-budget): 1 + 2 groups + 5 job lists + 7 jobs + 6 name lists + 2 tag reads.
    const counts = fake.counts();
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(23);
    expect(counts["personalize:DescribeDatasetGroup"]).toBe(2);
    expect(counts["personalize:DescribeMetricAttribution"]).toBe(2);
  });

  it.each(demoInventory.personalize!.regions.map((r) => [r.region, r] as const))(
    "round-trips the demo account's %s",
    async (region, expected) => {
      serve({ ...demoInventory, errors: [] });
      const { inventory, errors } = await collect(region);
      expect(errors).toEqual([]);
      expect(inventory).toEqual(collectorOrder(expected));
    },
  );

  it("costs one call in a region without dataset groups, and serves regions apart", async () => {
    serve(personalizeInventory(full));
    const { inventory, errors } = await collect("eu-west-1");
    expect(errors).toEqual([]);
    expect(inventory).toEqual({ region: "eu-west-1", datasetGroups: [], jobs: [], names: [] });
    expect(fake.counts()).toEqual({ "personalize:ListDatasetGroups": 1 });
  });

  it("pages dataset groups and names with nextToken, 100 per page", async () => {
    const groups = Array.from({ length: 101 }, (_, i) => personalizeDatasetGroup({ name: `group-${i}` }));
    const datasets = Array.from({ length: 230 }, (_, i) => personalizeName({ kind: "dataset", name: `dataset-${i}` }));
    serve(personalizeInventory({ datasetGroups: groups, names: datasets }));

    const { inventory, errors } = await collect();

    expect(errors).toEqual([]);
    expect(inventory.datasetGroups).toEqual(groups);
    expect(inventory.names).toEqual(datasets);
    const counts = fake.counts();
    expect(counts["personalize:ListDatasetGroups"]).toBe(2);
    expect(counts["personalize:ListDatasets"]).toBe(3);
    expect(counts["personalize:DescribeDatasetGroup"]).toBe(101);
  });

  it("honours a smaller maxResults and rejects what AWS rejects", async () => {
    const groups = Array.from({ length: 5 }, (_, i) => personalizeDatasetGroup({ name: `group-${i}` }));
    serve(personalizeInventory({ datasetGroups: groups }));
    const pz = client();

    const first = await pz.send(new ListDatasetGroupsCommand({ maxResults: 2 }));
    expect(first.datasetGroups?.map((g) => g.name)).toEqual(["group-0", "group-1"]);
    const second = await pz.send(new ListDatasetGroupsCommand({ maxResults: 2, nextToken: first.nextToken }));
    expect(second.datasetGroups?.map((g) => g.name)).toEqual(["group-2", "group-3"]);

    await expect(pz.send(new ListDatasetGroupsCommand({ maxResults: 101 }))).rejects.toMatchObject({
      name: "ValidationException",
    });
    await expect(pz.send(new ListDatasetGroupsCommand({ nextToken: "not-a-token" }))).rejects.toMatchObject({
      name: "InvalidNextTokenException",
    });
  });

  it(`lets the collector describe only the newest ${NEWEST_JOBS_PER_KIND} jobs of a kind`, async () => {
    const exports = Array.from({ length: 25 }, (_, i) =>
      personalizeJob({
        kind: "dataset-export",
        name: `export-${i + 1}`,
        createdAt: new Date(Date.UTC(2026, 0, i + 1)).toISOString(),
        inputPath: undefined,
      }),
    );
    serve(personalizeInventory({ datasetGroups: [retail], jobs: exports }));

    const { inventory } = await collect();

    expect(fake.counts()["personalize:DescribeDatasetExportJob"]).toBe(NEWEST_JOBS_PER_KIND);
    expect(inventory.jobs.map((j) => j.name)).toEqual(
      exports
        .slice(-NEWEST_JOBS_PER_KIND)
        .reverse()
        .map((j) => j.name),
    );
  });

  it(`serves more than ${NEWEST_JOBS_PER_KIND} jobs of a kind, and the collector counts the ones it did not examine`, async () => {
    // 24 batch inference jobs, the newest of which failed, and 3 batch segment jobs.
    const inference = Array.from({ length: 24 }, (_, i) =>
      personalizeJob({
        name: `weekly-recs-${String(i + 1).padStart(2, "0")}`,
        createdAt: new Date(Date.UTC(2026, 0, 1 + 7 * i)).toISOString(),
        status: i === 23 ? "CREATE FAILED" : "ACTIVE",
      }),
    );
    const segments = Array.from({ length: 3 }, (_, i) =>
      personalizeJob({ kind: "batch-segment", name: `segments-${i}`, createdAt: `2026-02-0${i + 1}T00:00:00.000Z` }),
    );
    serve(personalizeInventory({ datasetGroups: [retail], jobs: [...inference, ...segments] }));

    const { inventory, errors } = await collect();

    expect(errors).toEqual([]);
    expect(inventory.jobsNotExamined).toEqual([{ kind: "batch-inference", listed: 24, notExamined: 4 }]);
    expect(fake.counts()["personalize:DescribeBatchInferenceJob"]).toBe(NEWEST_JOBS_PER_KIND);
    const described = inventory.jobs.filter((j) => j.kind === "batch-inference");
    expect(described.map((j) => j.name)).toEqual(
      inference
        .slice(-NEWEST_JOBS_PER_KIND)
        .reverse()
        .map((j) => j.name),
    );
    // The failed job is served as failed, with the reason AWS gives.
    expect(described[0]).toMatchObject({ name: "weekly-recs-24", status: "CREATE FAILED" });
    const raw = await client().send(new DescribeBatchInferenceJobCommand({ batchInferenceJobArn: inference[23]!.arn }));
    expect(raw.batchInferenceJob?.failureReason).toMatch(/failed/);
  });

  it("round-trips a recording with older jobs not examined, serving them as older jobs of the kind", async () => {
    const exports = Array.from({ length: NEWEST_JOBS_PER_KIND }, (_, i) =>
      personalizeJob({
        kind: "dataset-export",
        name: `export-${String(i + 1).padStart(2, "0")}`,
        createdAt: new Date(Date.UTC(2026, 1, 1 + i)).toISOString(),
        inputPath: undefined,
      }),
    );
    const recorded: PersonalizeRegionInventory = {
      ...personalizeInventory({ datasetGroups: [retail] }).personalize!.regions[0]!,
      jobs: [...exports].reverse(),
      jobsNotExamined: [{ kind: "dataset-export", listed: 27, notExamined: 7 }],
    };
    serve(personalizeInventory(recorded));

    const { inventory, errors } = await collect();

    expect(errors).toEqual([]);
    expect(inventory).toEqual(recorded);
    const listed = await client().send(new ListDatasetExportJobsCommand({ maxResults: 100 }));
    expect(listed.datasetExportJobs).toHaveLength(27);
    const older = listed.datasetExportJobs!.slice(NEWEST_JOBS_PER_KIND);
    expect(older.every((job) => job.creationDateTime! < new Date(exports[0]!.createdAt!))).toBe(true);
  });

  it("answers an unknown ARN with ResourceNotFoundException, which the collector drops as deleted", async () => {
    const pz = client();
    const missing = `${retail.arn}-deleted`;
    const describe = pz.send(new DescribeDatasetGroupCommand({ datasetGroupArn: missing }));
    await expect(describe).rejects.toMatchObject({ name: "ResourceNotFoundException" });
    const error = await describe.catch((e: unknown) => e);
    expect(isNotFoundError(error)).toBe(true);
    await expect(pz.send(new ListTagsForResourceCommand({ resourceArn: missing }))).rejects.toMatchObject({
      name: "ResourceNotFoundException",
    });
    // Known ARNs other than dataset groups carry no tags.
    await expect(pz.send(new ListTagsForResourceCommand({ resourceArn: jobs[0]!.arn }))).resolves.toMatchObject({
      tags: [],
    });
  });

  it("round-trips a group whose describe was refused as describeFailed, with the access-denied error", async () => {
    const refused = { ...personalizeDatasetGroup({ name: "refused", tags: [{ key: "team", value: "ml" }] }) };
    const expected = {
      arn: refused.arn,
      name: refused.name,
      region: refused.region,
      status: refused.status,
      domain: refused.domain,
      tags: refused.tags,
      describeFailed: true,
    };
    serve(personalizeInventory({ datasetGroups: [expected] }));

    const { inventory, errors } = await collect();

    expect(inventory.datasetGroups).toEqual([expected]);
    expect(errors).toEqual([
      expect.objectContaining({ action: "personalize:DescribeDatasetGroup", kind: "access-denied" }),
    ]);
  });

  it("answers a skipped region as not enabled, which the collector reports as region-unavailable", async () => {
    serve({
      ...personalizeInventory(full),
      skippedRegions: [{ region: TEST_REGION, service: "personalize", reason: "not enabled" }],
    });
    const { inventory, errors } = await collect();
    expect(inventory).toEqual({ region: TEST_REGION, datasetGroups: [], jobs: [], names: [] });
    expect(errors).toEqual([
      expect.objectContaining({ action: "personalize:ListDatasetGroups", kind: "credentials-rejected" }),
    ]);
  });
});

describe("fake Personalize faults, as the collector tells them apart", () => {
  it("access denied on DescribeDatasetGroup keeps the group from its summary, marked describeFailed", async () => {
    serve(personalizeInventory(full), [{ action: "personalize:DescribeDatasetGroup", kind: "access-denied" }]);
    const { inventory, errors } = await collect();
    expect(errors).toEqual([
      {
        service: "personalize",
        region: TEST_REGION,
        action: "personalize:DescribeDatasetGroup",
        kind: "access-denied",
        message: "insufficient permissions: personalize:DescribeDatasetGroup",
      },
    ]);
    expect(inventory.datasetGroups).toEqual([
      {
        arn: retail.arn,
        name: "retail",
        region: TEST_REGION,
        status: "ACTIVE",
        domain: "ECOMMERCE",
        tags: retail.tags,
        describeFailed: true,
      },
      { ...media, describeFailed: true },
    ]);
    expect(inventory.jobs).toEqual(full.jobs);
  });

  it("throttling on ListTagsForResource leaves the tags empty and reports throttled", async () => {
    serve(personalizeInventory(full), [{ action: "personalize:ListTagsForResource", kind: "throttle" }]);
    const { inventory, errors } = await collect();
    expect(errors.map((e) => [e.action, e.kind])).toEqual([["personalize:ListTagsForResource", "throttled"]]);
    expect(inventory.datasetGroups).toEqual([{ ...retail, tags: [] }, media]);
  });

  it("access denied on ListDatasetGroups still reads the account-wide lists", async () => {
    serve(personalizeInventory(full), [{ action: "personalize:ListDatasetGroups", kind: "access-denied" }]);
    const { inventory, errors } = await collect();
    expect(errors.map((e) => [e.action, e.kind])).toEqual([["personalize:ListDatasetGroups", "access-denied"]]);
    expect(inventory).toEqual({ ...full, datasetGroups: [] });
    expect(fake.counts()["personalize:DescribeDatasetGroup"]).toBeUndefined();
  });

  it("a refused job describe drops that kind's jobs and is reported once", async () => {
    serve(personalizeInventory(full), [{ action: "personalize:DescribeDatasetExportJob", kind: "access-denied" }]);
    const { inventory, errors } = await collect();
    expect(errors.map((e) => [e.action, e.kind])).toEqual([["personalize:DescribeDatasetExportJob", "access-denied"]]);
    expect(fake.counts()["personalize:DescribeDatasetExportJob"]).toBe(2);
    expect(inventory.jobs).toEqual(full.jobs.filter((j) => j.kind !== "dataset-export"));
  });

  it("a server error on a name list loses that list only, reported as other", async () => {
    serve(personalizeInventory(full), [{ action: "personalize:ListFilters", kind: "server-error" }]);
    const { inventory, errors } = await collect();
    expect(errors.map((e) => [e.action, e.kind])).toEqual([["personalize:ListFilters", "other"]]);
    expect(inventory.names).toEqual(full.names.filter((n) => n.kind !== "filter"));
  });

  it("a slow answer past the client's request timeout is reported as a timeout", async () => {
    serve(personalizeInventory(full), [{ action: "personalize:ListRecommenders", kind: "latency", latencyMs: 1_000 }]);
    const { inventory, errors } = await collectPersonalizeWithClient(client(TEST_REGION, 200), TEST_REGION);
    expect(errors.map((e) => [e.action, e.kind])).toEqual([["personalize:ListRecommenders", "timeout"]]);
    expect(inventory.names).toEqual(full.names.filter((n) => n.kind !== "recommender"));
  });

  it.each([
    ["drop-connection", "ListCampaigns"],
    ["malformed-body", "ListSolutions"],
  ] as const)("%s on %s fails that list alone", async (kind, operation) => {
    serve(personalizeInventory(full), [{ action: `personalize:${operation}`, kind }]);
    const { inventory, errors } = await collect();
    expect(errors.map((e) => e.action)).toEqual([`personalize:${operation}`]);
    expect(inventory.datasetGroups).toEqual(full.datasetGroups);
    expect(inventory.names).toHaveLength(full.names.length - 1);
  });

  it("answers ListFilters with its PascalCase member", async () => {
    serve(personalizeInventory(full));
    const answer = await client().send(new ListFiltersCommand({ maxResults: 100 }));
    expect(answer.Filters).toEqual([{ name: "in-stock", filterArn: full.names.find((n) => n.kind === "filter")!.arn }]);
  });
});
