/**
 * Collects the account's CloudTrail trails (controls.md §1, §5 "CloudTrail specifics") and a sample
 * of recent events' TLS details. Never throws: each failed call becomes one CollectionError and the
 * other calls go on.
 */
import {
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
  LookupEventsCommand,
  type CloudTrailClient,
  type Trail as SdkTrail,
} from "@aws-sdk/client-cloudtrail";
import pLimit from "p-limit";
import type { CloudTrailInventory, CollectionError, TlsSample, Trail } from "@/lib/inventory";
import { iamActionFor } from "../actions";
import { classifyAwsError, isNotFoundError } from "../errors";
import { toEventSelectors, toTlsObservation, toTrail, toTrailStatus } from "./reshape";

export { maskCallerArn, toEventSelectors, toTlsObservation, toTrail, toTrailStatus } from "./reshape";

/** One client per Region; the caller owns (and destroys) the clients. */
export type CloudTrailClientFor = (region: string) => CloudTrailClient;

export interface CloudTrailResult {
  inventory: CloudTrailInventory;
  errors: CollectionError[];
}

export interface TlsSampleResult {
  /** One sample per target whose LookupEvents answered (an empty sample is still evidence). */
  inventory: TlsSample[];
  errors: CollectionError[];
}

export interface TlsTarget {
  eventSource: string;
  region: string;
}

/** controls.md §6: Regions side by side, at most 3 calls in flight per service and Region. */
const REGION_CONCURRENCY = 4;
const MAX_CONCURRENT_TRAIL_CALLS = 3;

/** controls.md §1 xc.tls-client-versions: one page of 50 events per source. */
const LOOKUP_PAGE_SIZE = 50;
/** LookupEvents allows 2 requests per second per account and Region. */
const LOOKUP_INTERVAL_MS = 500;

function collectionError(commandName: string, region: string, error: unknown): CollectionError {
  const action = iamActionFor(commandName, "cloudtrail") ?? commandName;
  return { service: "account", region, ...classifyAwsError(error, action) };
}

type Outcome<Value> = { value: Value; error?: undefined } | { value?: undefined; error: unknown };

async function attempt<Value>(call: () => Promise<Value>): Promise<Outcome<Value>> {
  try {
    return { value: await call() };
  } catch (error) {
    return { error };
  }
}

function withArn(trails: readonly SdkTrail[] | undefined): Array<SdkTrail & { TrailARN: string }> {
  return (trails ?? []).filter((t): t is SdkTrail & { TrailARN: string } => !!t.TrailARN);
}

/**
 * DescribeTrails with shadow trails in every Region, merged by ARN: a multi-Region or organization
 * trail shows up in each Region, a single-Region trail only in its own.
 */
async function describeAllRegions(clientFor: CloudTrailClientFor, regions: readonly string[]) {
  const limit = pLimit(REGION_CONCURRENCY);
  const answers = await Promise.all(
    regions.map((region) =>
      limit(async () => ({
        region,
        outcome: await attempt(() => clientFor(region).send(new DescribeTrailsCommand({ includeShadowTrails: true }))),
      })),
    ),
  );
  const trails = new Map<string, Trail>();
  const describedRegions: string[] = [];
  const errors: CollectionError[] = [];
  for (const { region, outcome } of answers) {
    if (outcome.error !== undefined || !outcome.value) {
      errors.push(collectionError("DescribeTrailsCommand", region, outcome.error));
      continue;
    }
    describedRegions.push(region);
    for (const sdkTrail of withArn(outcome.value.trailList)) {
      const known = trails.get(sdkTrail.TrailARN);
      if (known) known.seenInRegions.push(region);
      else trails.set(sdkTrail.TrailARN, toTrail(sdkTrail, region));
    }
  }
  return { trails: [...trails.values()], describedRegions, errors };
}

/**
 * Status and event selectors of one trail, asked in its home Region by ARN (a shadow or organization
 * trail is not found by name outside its home Region). Returns undefined when the trail vanished.
 */
async function completeTrail(
  clientFor: CloudTrailClientFor,
  trail: Trail,
  errors: CollectionError[],
): Promise<Trail | undefined> {
  const client = clientFor(trail.homeRegion);
  const [status, selectors] = await Promise.all([
    attempt(() => client.send(new GetTrailStatusCommand({ Name: trail.arn }))),
    attempt(() => client.send(new GetEventSelectorsCommand({ TrailName: trail.arn }))),
  ]);
  // Deleted between DescribeTrails and these calls: drop it rather than report a phantom trail.
  if (isNotFoundError(status.error) || isNotFoundError(selectors.error)) return undefined;
  if (status.error !== undefined) errors.push(collectionError("GetTrailStatusCommand", trail.homeRegion, status.error));
  if (selectors.error !== undefined) {
    errors.push(collectionError("GetEventSelectorsCommand", trail.homeRegion, selectors.error));
  }
  // A failed call leaves its part undefined (absent), so controls yield nothing on it.
  const completed: Trail = { ...trail };
  if (status.value) completed.status = toTrailStatus(status.value);
  if (selectors.value) completed.eventSelectors = toEventSelectors(selectors.value);
  return completed;
}

export async function collectTrails(
  clientFor: CloudTrailClientFor,
  regions: readonly string[],
): Promise<CloudTrailResult> {
  const described = await describeAllRegions(clientFor, regions);
  const errors = [...described.errors];
  const limit = pLimit(MAX_CONCURRENT_TRAIL_CALLS);
  const trailErrors: CollectionError[][] = described.trails.map(() => []);
  const completed = await Promise.all(
    described.trails.map((trail, index) => limit(() => completeTrail(clientFor, trail, trailErrors[index] ?? []))),
  );
  // Errors in trail order (not completion order), so results are the same from one scan to the next.
  errors.push(...trailErrors.flat());
  return {
    inventory: {
      trails: completed.filter((trail): trail is Trail => trail !== undefined),
      describedRegions: described.describedRegions,
    },
    errors,
  };
}

/** How LookupEvents calls are spaced; injectable so tests need not wait. */
export interface Pacing {
  intervalMs: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

export const LOOKUP_PACING: Pacing = {
  intervalMs: LOOKUP_INTERVAL_MS,
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Runs tasks one at a time, starting each at least `intervalMs` after the previous one started:
 * with 500 ms that is CloudTrail's 2 LookupEvents requests per second for one Region.
 */
function createPacedQueue(pacing: Pacing) {
  const limit = pLimit(1);
  let lastStart = Number.NEGATIVE_INFINITY;
  return <Value>(task: () => Promise<Value>) =>
    limit(async () => {
      const wait = lastStart + pacing.intervalMs - pacing.now();
      if (wait > 0) await pacing.sleep(wait);
      lastStart = pacing.now();
      return task();
    });
}

async function sampleOne(client: CloudTrailClient, target: TlsTarget): Promise<TlsSample> {
  const page = await client.send(
    new LookupEventsCommand({
      LookupAttributes: [{ AttributeKey: "EventSource", AttributeValue: target.eventSource }],
      MaxResults: LOOKUP_PAGE_SIZE,
    }),
  );
  return {
    eventSource: target.eventSource,
    region: target.region,
    observations: (page.Events ?? []).flatMap((event) => toTlsObservation(event, target) ?? []),
  };
}

/**
 * One LookupEvents page per (event source, Region) target. Regions run side by side; within a
 * Region calls are paced to CloudTrail's LookupEvents rate limit.
 */
export async function sampleTlsDetails(
  clientFor: CloudTrailClientFor,
  targets: readonly TlsTarget[],
  pacing: Pacing = LOOKUP_PACING,
): Promise<TlsSampleResult> {
  const queues = new Map<string, ReturnType<typeof createPacedQueue>>();
  const queueFor = (region: string) => {
    const queue = queues.get(region) ?? createPacedQueue(pacing);
    queues.set(region, queue);
    return queue;
  };
  const outcomes = await Promise.all(
    targets.map((target) => queueFor(target.region)(() => attempt(() => sampleOne(clientFor(target.region), target)))),
  );
  const inventory: TlsSample[] = [];
  const errors: CollectionError[] = [];
  outcomes.forEach((outcome, index) => {
    const target = targets[index];
    if (!target) return;
    if (outcome.value) inventory.push(outcome.value);
    else errors.push(collectionError("LookupEventsCommand", target.region, outcome.error));
  });
  return { inventory, errors };
}
