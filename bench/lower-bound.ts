/**
 * What a scan of a scenario cannot beat: the minimum API calls the control catalog's call budget
 * requires (with the page sizes it gives), and the shortest wall time in which
 * those calls could be made given the per-call latency, the per-API rate limits and the concurrency
 * caps the scanner uses. Pure: inventory and parameters in, numbers out.
 *
 * The time bound is a true lower bound, not a simulation of a good schedule: for each collector task
 * (one service in one Region) it takes the largest of
 *   - its longest chain of calls that must run one after another (list pages, then describes),
 *   - its calls divided by its concurrency cap, one latency each,
 *   - for each rate-limited action, the time its token bucket needs to admit every call;
 * and it combines tasks along the data dependencies (identity first; storage after Connect and
 * Personalize; KMS keys after everything that refers to them), with the Region slots the scanner
 * shares between services bounded by max(longest task, total work / slots). It ignores CPU time
 * (parsing, serialising, evaluating), so any real scan is slower.
 */
import { rateLimitFor } from "@/fake-aws/faults";
import { MAX_CONCURRENT_CALLS } from "@/lib/aws/harness";
import type { RateLimit } from "@/fake-aws/types";
import type { Inventory } from "@/lib/inventory";
import { referencedBuckets, referencedKeys, referencedStreams } from "@/lib/inventory/references";
import { iamRegionFor } from "@/lib/scan/regions";
import { tlsTargets } from "@/lib/scan/tls-targets";

/** The concurrency caps the scanner uses (lib/scan/scan-aws.ts and the collectors' MAX_CONCURRENT_CALLS). */
export interface ConcurrencyCaps {
  /** Regional collector tasks in flight at once (scan-aws REGION_CONCURRENCY). */
  regionSlots: number;
  /** Whether all services share those slots or each service has its own (scan-aws: its own, per step). */
  sharedRegionSlots: boolean;
  /** Calls in flight within one service and Region (ElastiCache, Cognito, Personalize, IAM, KMS, S3). */
  callsPerTask: number;
  /** Calls in flight within Connect's Region (the same cap; the pacer keeps each API at its quota). */
  connectCallsPerTask: number;
  /** CloudTrail's DescribeTrails Regions in flight. */
  cloudTrailRegions: number;
}

export const SCANNER_CAPS: ConcurrencyCaps = {
  regionSlots: 4,
  sharedRegionSlots: false,
  callsPerTask: MAX_CONCURRENT_CALLS,
  connectCallsPerTask: MAX_CONCURRENT_CALLS,
  cloudTrailRegions: 4,
};

export interface LowerBoundInput {
  inventory: Inventory;
  latencyMs: number;
  rateLimits?: Readonly<Record<string, number | RateLimit>>;
  caps?: ConcurrencyCaps;
  /**
   * Whether IAM already holds a credential report younger than 4 hours (one call) or must generate
   * one (get → generate → get). The fake endpoint starts every scenario without one.
   */
  credentialReportCached?: boolean;
}

/** One kind of call of a task: how many, and how many calls must have answered before the first. */
export interface CallGroup {
  action: string;
  count: number;
  after: number;
}

export interface Task {
  name: string;
  service: string;
  region: string;
  calls: CallGroup[];
  /** Longest chain of calls that must run one after another. */
  depth: number;
  concurrency: number;
}

export interface TaskBound {
  name: string;
  calls: number;
  ms: number;
}

export interface LowerBound {
  /** Minimum calls the catalog's budget requires for this account. */
  minimumCalls: number;
  callsByService: Record<string, number>;
  /** Shortest possible scan, in milliseconds. */
  wallMs: number;
  /** Which path sets `wallMs`. */
  critical: string;
  /** The slowest tasks, slowest first (at most ten). */
  slowestTasks: TaskBound[];
  /** Every task with its own bound, in the order built (an organization's bound sums them). */
  tasks: TaskBound[];
}

const pages = (items: number, pageSize: number) => Math.max(1, Math.ceil(items / pageSize));

/**
 * Page sizes of docs/controls.md#call-budget (the maximum each API accepts, except
 * GetAccountAuthorizationDetails' ≈500).
 */
export const PAGE_SIZES = {
  iamAuthorization: 500,
  iamList: 1000,
  elasticacheCaches: 100,
  elasticacheServerless: 50,
  elasticacheSnapshots: 50,
  /** Users and user groups take the service default (100): the API documents no maximum. */
  elasticacheUsers: 100,
  cognito: 60,
  personalize: 100,
  connectInstances: 10,
  connectStorage: 10,
  connectOrigins: 25,
  connectIntegrations: 100,
  connectProfiles: 1000,
  tagging: 100,
} as const;

/** Personalize describes only the newest jobs of each kind (docs/controls.md#call-budget). */
const NEWEST_JOBS_PER_KIND = 20;

/** The storage resource types Connect must be asked about one by one (docs/controls.md#call-budget). */
const CONNECT_STORAGE_TYPES = 13;

function task(name: string, service: string, region: string, concurrency: number, calls: CallGroup[]): Task {
  const kept = calls.filter((c) => c.count > 0);
  const depth = Math.max(0, ...kept.map((c) => c.after + 1));
  return { name, service, region, calls: kept, depth, concurrency };
}

function hasResources(inventory: Inventory, region: string): boolean {
  const ec = inventory.elasticache?.regions.find((r) => r.region === region);
  const cognito = inventory.cognito?.regions.find((r) => r.region === region);
  const personalize = inventory.personalize?.regions.find((r) => r.region === region);
  const connect = inventory.connect?.regions.find((r) => r.region === region);
  return (
    (ec ? ec.replicationGroups.length + ec.cacheClusters.length + ec.serverlessCaches.length : 0) +
      (cognito ? cognito.userPools.length + cognito.identityPools.length : 0) +
      (personalize?.datasetGroups.length ?? 0) +
      (connect?.instances.length ?? 0) >
    0
  );
}

function iamTask(inventory: Inventory, cached: boolean, caps: ConcurrencyCaps): Task {
  const iam = inventory.iam ?? {};
  const auth = iam.authorization;
  const entities = auth ? auth.users.length + auth.groups.length + auth.roles.length + auth.policies.length : 0;
  const oidc = iam.oidcProviders?.length ?? 0;
  const region = iamRegionFor(inventory.account.partition);
  return task("iam", "iam", region, caps.callsPerTask, [
    { action: "iam:GetAccountSummary", count: 1, after: 0 },
    // Not cached: GetCredentialReport (absent) → GenerateCredentialReport → GetCredentialReport.
    { action: "iam:GetCredentialReport", count: 1, after: 0 },
    { action: "iam:GenerateCredentialReport", count: cached ? 0 : 1, after: 1 },
    { action: "iam:GetCredentialReport#again", count: cached ? 0 : 1, after: 2 },
    { action: "iam:GetAccountPasswordPolicy", count: 1, after: 0 },
    {
      action: "iam:GetAccountAuthorizationDetails",
      count: pages(entities, PAGE_SIZES.iamAuthorization),
      after: pages(entities, PAGE_SIZES.iamAuthorization) - 1,
    },
    {
      action: "iam:ListVirtualMFADevices",
      count: pages(iam.virtualMfaDevices?.length ?? 0, PAGE_SIZES.iamList),
      after: pages(iam.virtualMfaDevices?.length ?? 0, PAGE_SIZES.iamList) - 1,
    },
    { action: "iam:ListAccountAliases", count: 1, after: 0 },
    { action: "iam:ListOpenIDConnectProviders", count: 1, after: 0 },
    { action: "iam:GetOpenIDConnectProvider", count: oidc, after: 1 },
  ]);
}

function elasticacheTask(inventory: Inventory, region: string, caps: ConcurrencyCaps): Task {
  const r = inventory.elasticache?.regions.find((x) => x.region === region);
  const rg = pages(r?.replicationGroups.length ?? 0, PAGE_SIZES.elasticacheCaches);
  const cc = pages(r?.cacheClusters.length ?? 0, PAGE_SIZES.elasticacheCaches);
  const sc = pages(r?.serverlessCaches.length ?? 0, PAGE_SIZES.elasticacheServerless);
  const calls: CallGroup[] = [
    { action: "elasticache:DescribeReplicationGroups", count: rg, after: rg - 1 },
    { action: "elasticache:DescribeCacheClusters", count: cc, after: cc - 1 },
    { action: "elasticache:DescribeServerlessCaches", count: sc, after: sc - 1 },
  ];
  const anyCache =
    r !== undefined && r.replicationGroups.length + r.cacheClusters.length + r.serverlessCaches.length > 0;
  if (anyCache) {
    // Users, groups and backups are read only once a cache is known to exist (docs/controls.md#call-budget).
    const first = Math.max(rg, cc, sc);
    const nodeSnapshots = r.snapshots.filter((s) => s.kind === "node-based").length;
    const serverlessSnapshots = r.snapshots.length - nodeSnapshots;
    const follow = [
      ["elasticache:DescribeUserGroups", pages(r.userGroups.length, PAGE_SIZES.elasticacheUsers)],
      ["elasticache:DescribeUsers", pages(r.users.length, PAGE_SIZES.elasticacheUsers)],
      ["elasticache:DescribeSnapshots", pages(nodeSnapshots, PAGE_SIZES.elasticacheSnapshots)],
      ["elasticache:DescribeServerlessCacheSnapshots", pages(serverlessSnapshots, PAGE_SIZES.elasticacheSnapshots)],
    ] as const;
    for (const [action, count] of follow) calls.push({ action, count, after: first + count - 1 });
  }
  return task(`elasticache/${region}`, "elasticache", region, caps.callsPerTask, calls);
}

function cognitoTask(inventory: Inventory, region: string, caps: ConcurrencyCaps): Task {
  const r = inventory.cognito?.regions.find((x) => x.region === region);
  const pools = r?.userPools ?? [];
  const identityPools = r?.identityPools ?? [];
  const up = pages(pools.length, PAGE_SIZES.cognito);
  const ip = pages(identityPools.length, PAGE_SIZES.cognito);
  const clientPages = pools.map((p) => pages(p.clients?.length ?? 0, PAGE_SIZES.cognito));
  const maxClientPages = Math.max(1, ...clientPages);
  return task(`cognito/${region}`, "cognito", region, caps.callsPerTask, [
    { action: "cognito-idp:ListUserPools", count: up, after: up - 1 },
    { action: "cognito-idp:DescribeUserPool", count: pools.length, after: up },
    { action: "cognito-idp:GetLogDeliveryConfiguration", count: pools.length, after: up },
    // The MFA factors are asked only when the pool's MFA is not OFF, which DescribeUserPool says.
    {
      action: "cognito-idp:GetUserPoolMfaConfig",
      count: pools.filter((p) => p.mfaConfiguration !== "OFF").length,
      after: up + 1,
    },
    // Threat protection's risk configuration is read only for pools that enforce it.
    {
      action: "cognito-idp:DescribeRiskConfiguration",
      count: pools.filter((p) => p.advancedSecurityMode === "ENFORCED").length,
      after: up + 1,
    },
    {
      action: "cognito-idp:ListUserPoolClients",
      count: clientPages.reduce((a, b) => a + b, 0),
      after: up + maxClientPages - 1,
    },
    {
      action: "cognito-idp:DescribeUserPoolClient",
      count: pools.reduce((sum, p) => sum + (p.clients?.length ?? 0), 0),
      after: up + maxClientPages,
    },
    { action: "cognito-identity:ListIdentityPools", count: ip, after: ip - 1 },
    { action: "cognito-identity:DescribeIdentityPool", count: identityPools.length, after: ip },
    {
      action: "cognito-identity:GetIdentityPoolRoles",
      count: identityPools.filter((p) => p.allowUnauthenticatedIdentities).length,
      after: ip + 1,
    },
  ]);
}

const PERSONALIZE_JOB_ACTIONS = {
  "dataset-export": ["ListDatasetExportJobs", "DescribeDatasetExportJob"],
  "batch-inference": ["ListBatchInferenceJobs", "DescribeBatchInferenceJob"],
  "batch-segment": ["ListBatchSegmentJobs", "DescribeBatchSegmentJob"],
  "metric-attribution": ["ListMetricAttributions", "DescribeMetricAttribution"],
  "dataset-import": ["ListDatasetImportJobs", "DescribeDatasetImportJob"],
} as const;

const PERSONALIZE_NAME_ACTIONS = {
  dataset: "ListDatasets",
  solution: "ListSolutions",
  campaign: "ListCampaigns",
  "event-tracker": "ListEventTrackers",
  filter: "ListFilters",
  recommender: "ListRecommenders",
} as const;

function personalizeTask(inventory: Inventory, region: string, caps: ConcurrencyCaps): Task {
  const r = inventory.personalize?.regions.find((x) => x.region === region);
  const groups = r?.datasetGroups ?? [];
  const dg = pages(groups.length, PAGE_SIZES.personalize);
  const calls: CallGroup[] = [{ action: "personalize:ListDatasetGroups", count: dg, after: dg - 1 }];
  // An empty Region costs one call (docs/controls.md#call-budget): the account-wide lists are read
  // only where groups exist.
  if (r && groups.length > 0) {
    calls.push(
      { action: "personalize:DescribeDatasetGroup", count: groups.length, after: dg },
      { action: "personalize:ListTagsForResource", count: groups.length, after: dg },
    );
    for (const [kind, [list, describe]] of Object.entries(PERSONALIZE_JOB_ACTIONS)) {
      const jobs = r.jobs.filter((job) => job.kind === kind).length;
      const listPages = pages(jobs, PAGE_SIZES.personalize);
      calls.push(
        { action: `personalize:${list}`, count: listPages, after: dg + listPages - 1 },
        { action: `personalize:${describe}`, count: Math.min(NEWEST_JOBS_PER_KIND, jobs), after: dg + listPages },
      );
    }
    for (const [kind, list] of Object.entries(PERSONALIZE_NAME_ACTIONS)) {
      const names = r.names.filter((name) => name.kind === kind).length;
      const listPages = pages(names, PAGE_SIZES.personalize);
      calls.push({ action: `personalize:${list}`, count: listPages, after: dg + listPages - 1 });
    }
  }
  return task(`personalize/${region}`, "personalize", region, caps.callsPerTask, calls);
}

function connectTask(inventory: Inventory, region: string, caps: ConcurrencyCaps): Task {
  const r = inventory.connect?.regions.find((x) => x.region === region);
  // An instance whose creation failed holds nothing to check: it is listed, never described.
  const instances = (r?.instances ?? []).filter((i) => i.status !== "CREATION_FAILED");
  const list = pages(r?.instances.length ?? 0, PAGE_SIZES.connectInstances);
  const sum = (f: (i: (typeof instances)[number]) => number) => instances.reduce((a, i) => a + f(i), 0);
  const storageCalls = sum((instance) => {
    const configs = new Map<string, number>();
    for (const c of instance.storageConfigs) configs.set(c.resourceType, (configs.get(c.resourceType) ?? 0) + 1);
    // One call per resource type (a refused type costs its call too), more for long lists.
    let calls = CONNECT_STORAGE_TYPES;
    for (const count of configs.values()) calls += pages(count, PAGE_SIZES.connectStorage) - 1;
    return calls;
  });
  return task(`connect/${region}`, "connect", region, caps.connectCallsPerTask, [
    { action: "connect:ListInstances", count: list, after: list - 1 },
    { action: "connect:DescribeInstance", count: instances.length, after: list },
    { action: "connect:ListInstanceStorageConfigs", count: storageCalls, after: list },
    {
      action: "connect:ListApprovedOrigins",
      count: sum((i) => pages(i.approvedOrigins.length, PAGE_SIZES.connectOrigins)),
      after: list,
    },
    {
      action: "connect:ListIntegrationAssociations",
      count: sum((i) => pages(i.integrations.length, PAGE_SIZES.connectIntegrations)),
      after: list,
    },
    {
      action: "connect:ListSecurityProfiles",
      count: sum((i) => pages(i.securityProfiles.length, PAGE_SIZES.connectProfiles)),
      after: list,
    },
  ]);
}

function macieTask(inventory: Inventory, region: string, caps: ConcurrencyCaps): Task {
  const macie = inventory.accountWide?.macie?.find((m) => m.region === region);
  return task(`macie/${region}`, "account", region, caps.callsPerTask, [
    { action: "macie2:GetMacieSession", count: 1, after: 0 },
    { action: "macie2:GetAutomatedDiscoveryConfiguration", count: macie?.status === "ENABLED" ? 1 : 0, after: 1 },
  ]);
}

function taggingTask(inventory: Inventory, region: string, caps: ConcurrencyCaps): Task {
  const tagged = (inventory.accountWide?.taggedResources ?? []).filter((t) => t.region === region).length;
  const count = pages(tagged, PAGE_SIZES.tagging);
  return task(`tags/${region}`, "account", region, caps.callsPerTask, [
    { action: "tag:GetResources", count, after: count - 1 },
  ]);
}

function vpcEndpointTask(region: string, caps: ConcurrencyCaps): Task {
  return task(`sts-vpc-endpoints/${region}`, "iam", region, caps.callsPerTask, [
    { action: "ec2:DescribeVpcEndpoints", count: 1, after: 0 },
  ]);
}

/** Bound of one task, in ms. */
export function taskBound(
  t: Task,
  latencyMs: number,
  rateLimits: Readonly<Record<string, number | RateLimit>> = {},
): number {
  const total = t.calls.reduce((sum, c) => sum + c.count, 0);
  if (total === 0) return 0;
  let bound = Math.max(t.depth * latencyMs, Math.ceil(total / t.concurrency) * latencyMs);
  const byAction = new Map<string, { count: number; after: number }>();
  for (const c of t.calls) {
    const action = c.action.split("#")[0] as string;
    const known = byAction.get(action);
    byAction.set(action, { count: (known?.count ?? 0) + c.count, after: Math.min(known?.after ?? c.after, c.after) });
  }
  for (const [action, { count, after }] of byAction) {
    if (count === 0) continue;
    const limit = rateLimitFor(rateLimits, action);
    const burst = limit ? Math.max(1, limit.burst ?? limit.rate) : Infinity;
    // The n-th call is admitted no earlier than (n − burst) / rate after the first could be sent.
    const admission = limit && count > burst ? ((count - burst) / limit.rate) * 1000 : 0;
    const spread = Math.ceil(count / t.concurrency) * latencyMs;
    bound = Math.max(bound, after * latencyMs + Math.max(admission + latencyMs, spread));
  }
  return bound;
}

/** Tasks sharing `slots` Region slots: none can be split, so max(longest, total work / slots). */
function poolBound(bounds: readonly number[], slots: number): number {
  if (bounds.length === 0) return 0;
  const total = bounds.reduce((a, b) => a + b, 0);
  return Math.max(Math.max(...bounds), total / slots);
}

export function lowerBound(input: LowerBoundInput): LowerBound {
  const { inventory, latencyMs: L } = input;
  const limits = input.rateLimits ?? {};
  const caps = input.caps ?? SCANNER_CAPS;
  const regions = inventory.regions;
  const withResources = regions.filter((r) => hasResources(inventory, r));
  const bound = (t: Task) => taskBound(t, L, limits);

  const iam = iamTask(inventory, input.credentialReportCached ?? false, caps);
  const regional = {
    elasticache: regions.map((r) => elasticacheTask(inventory, r, caps)),
    cognito: regions.map((r) => cognitoTask(inventory, r, caps)),
    personalize: regions.map((r) => personalizeTask(inventory, r, caps)),
    connect: regions.map((r) => connectTask(inventory, r, caps)),
    macie: regions.map((r) => macieTask(inventory, r, caps)),
    tags: withResources.map((r) => taggingTask(inventory, r, caps)),
    vpcEndpoints: withResources.map((r) => vpcEndpointTask(r, caps)),
  };
  const pooled = Object.values(regional).flat();

  // CloudTrail: DescribeTrails per Region, then status and selectors per distinct trail.
  const trails = inventory.accountWide?.cloudtrail?.trails ?? [];
  const describeTrails = task("cloudtrail/describe", "account", "*", caps.cloudTrailRegions, [
    { action: "cloudtrail:DescribeTrails", count: regions.length, after: 0 },
  ]);
  const trailCalls = task("cloudtrail/trails", "account", "*", caps.callsPerTask, [
    { action: "cloudtrail:GetTrailStatus", count: trails.length, after: 0 },
    { action: "cloudtrail:GetEventSelectors", count: trails.length, after: 0 },
  ]);
  // TLS samples: one LookupEvents per (event source, Region with resources), 2 per second per Region.
  const targets = tlsTargets(inventory);
  const lookupRegions = [...new Set(targets.map((t) => t.region))];
  const lookups = lookupRegions.map((region) =>
    task(`cloudtrail/lookups/${region}`, "account", region, 1, [
      { action: "cloudtrail:LookupEvents", count: targets.filter((t) => t.region === region).length, after: 0 },
    ]),
  );

  // Storage: each referenced bucket and stream once; then every referenced key.
  const buckets = referencedBuckets(inventory).length;
  const streams = referencedStreams(inventory);
  const storage = [
    task("s3", "account", "*", caps.callsPerTask, [{ action: "s3:GetBucketEncryption", count: buckets, after: 0 }]),
    task("kinesis", "account", "*", caps.callsPerTask, [
      { action: "kinesis:DescribeStreamSummary", count: streams.kinesis.length, after: 0 },
    ]),
    task("firehose", "account", "*", caps.callsPerTask, [
      { action: "firehose:DescribeDeliveryStream", count: streams.firehose.length, after: 0 },
    ]),
  ];
  const keys = referencedKeys(inventory);
  const described = new Map((inventory.accountWide?.kmsKeys ?? []).map((k) => [k.arn, k]));
  const kms = [...new Set(keys.map((k) => k.region))].map((region) => {
    const inRegion = keys.filter((k) => k.region === region);
    const rotation = inRegion.filter((k) => {
      const key = described.get(k.keyId);
      return !key || (key.keyManager !== "AWS" && (key.keySpec ?? "SYMMETRIC_DEFAULT") === "SYMMETRIC_DEFAULT");
    }).length;
    return task(`kms/${region}`, "account", region, caps.callsPerTask, [
      { action: "kms:DescribeKey", count: inRegion.length, after: 0 },
      { action: "kms:GetKeyRotationStatus", count: rotation, after: 1 },
    ]);
  });

  const identity = task("setup", "setup", "*", 1, [{ action: "sts:GetCallerIdentity", count: 1, after: 0 }]);
  const all = [identity, iam, ...pooled, describeTrails, trailCalls, ...lookups, ...storage, ...kms];

  // Time: identity first, then the paths below side by side; the slowest sets the wall time.
  const start = bound(identity);
  const slotsFor = (tasks: readonly Task[]) => {
    if (caps.sharedRegionSlots) return poolBound(tasks.map(bound), caps.regionSlots);
    const services = new Set(tasks.map((t) => t.name.split("/")[0]));
    return Math.max(
      0,
      ...[...services].map((s) =>
        poolBound(tasks.filter((t) => t.name.split("/")[0] === s).map(bound), caps.regionSlots),
      ),
    );
  };
  const pooledEnd = slotsFor(pooled);
  const trailEnd = bound(describeTrails) + bound(trailCalls);
  const taskEnd = (service: keyof typeof regional, region: string) =>
    bound(regional[service].find((t) => t.region === region) ?? identity);
  const lookupEnd = Math.max(
    0,
    ...lookups.map((t) => {
      // A target exists only once its service's collector found resources in that Region.
      const services = targets
        .filter((x) => x.region === t.region)
        .map((x) => x.eventSource.split(".")[0] ?? "")
        .map((source) => (source.startsWith("cognito") ? "cognito" : source))
        .filter((s): s is keyof typeof regional => s in regional);
      const readyAt = Math.max(0, ...services.map((s) => taskEnd(s, t.region)));
      return Math.max(bound(t), readyAt + L);
    }),
  );
  const storageStart = Math.max(slotsFor([...regional.connect, ...regional.personalize]), trailEnd);
  const storageEnd = Math.max(...storage.map(bound)) > 0 ? storageStart + Math.max(...storage.map(bound)) : 0;
  const referencingEnd = slotsFor([
    ...regional.elasticache,
    ...regional.cognito,
    ...regional.personalize,
    ...regional.connect,
  ]);
  const kmsBound = Math.max(0, ...kms.map(bound));
  const kmsEnd = kmsBound > 0 ? Math.max(storageEnd, referencingEnd, trailEnd) + kmsBound : 0;
  const paths: Record<string, number> = {
    iam: bound(iam),
    "regional collectors (shared Region slots)": pooledEnd,
    "cloudtrail + TLS lookups": Math.max(trailEnd, lookupEnd),
    "storage after Connect/Personalize": storageEnd,
    "KMS after every reference": kmsEnd,
  };
  const [critical, longest] = Object.entries(paths).reduce((a, b) => (b[1] > a[1] ? b : a));

  const callsByService: Record<string, number> = {};
  for (const t of all) {
    const calls = t.calls.reduce((sum, c) => sum + c.count, 0);
    callsByService[t.service] = (callsByService[t.service] ?? 0) + calls;
  }
  const tasks = all.map((t) => ({
    name: t.name,
    calls: t.calls.reduce((sum, c) => sum + c.count, 0),
    ms: Math.round(bound(t)),
  }));
  const slowestTasks = [...tasks].sort((a, b) => b.ms - a.ms).slice(0, 10);
  return {
    minimumCalls: Object.values(callsByService).reduce((a, b) => a + b, 0),
    callsByService,
    wallMs: Math.round(start + longest),
    critical,
    slowestTasks,
    tasks,
  };
}
