/**
 * Collects the account's CloudTrail trails (xc.cloudtrail-*, docs/controls.md#regions) and a sample
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
import {
  isRegionWide,
  type CloudTrailInventory,
  type CollectionError,
  type TlsSample,
  type Trail,
  type TrailDetails,
  type TrailDetailState,
} from "@/lib/inventory";
import { iamActionFor } from "../actions";
import { classifyAwsError, isNotFoundError } from "../errors";
import { sanitizeMessage } from "@/lib/detectors/sanitize";
import { toEventSelectors, toTlsObservation, toTrail, toTrailStatus } from "./reshape";

export { accountOfArn, maskCallerArn, toEventSelectors, toTlsObservation, toTrail, toTrailStatus } from "./reshape";

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

/** Regions side by side, at most 3 calls in flight per service and Region (docs/controls.md#call-budget). */
const REGION_CONCURRENCY = 4;
const MAX_CONCURRENT_TRAIL_CALLS = 3;

/** xc.tls-client-versions: one page of 50 events per source. */
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

/** What the scanned account is, so another account's (organization) trail can be told apart. */
export interface TrailCollectionContext {
  accountId: string;
}

/**
 * A failed call about another account's trail: an organization trail seen from a member account.
 * AWS documents that members must name such a trail by its full ARN; what they get back is not
 * uniform. Observed answers for GetTrailStatus, GetEventSelectors and ListTags are
 * CloudTrailARNInvalidException ("AccountID in ARN is wrong, you can only access resources with
 * AccountID <member>") and TrailNotFoundException ("Unknown trail: … for the user: <member>")
 * (steampipe-plugin-aws#577, aws-recon#22, cloudquery/cq-provider-aws#405), while other members read
 * the status fine. So an error of that kind ("other": not a throttle, timeout or unreachable Region)
 * about a trail owned by another account is the member view: expected, kept as an error of that
 * lookup, and never a reason to drop the trail (it is not gone, it is just not ours). An access
 * denial stays an access denial: the scanning role lacking the action is the likelier cause, and
 * the permission is what the user can fix.
 */
function isMemberView(trail: Trail, context: TrailCollectionContext, kind: CollectionError["kind"]): boolean {
  const owner = trail.ownerAccountId;
  return owner !== undefined && owner !== context.accountId && kind === "other";
}

function errorCodeOf(error: unknown): string | undefined {
  const name = typeof error === "object" && error !== null ? (error as { name?: unknown }).name : undefined;
  return typeof name === "string" && name !== "" && name !== "Error" ? name : undefined;
}

/**
 * One failed detail call: the CollectionError (about the trail's ARN) and the detail's state. A
 * member-view answer says so in its message, so the snapshot tells it from a permission the
 * scanning role lacks.
 */
function unreadable(
  commandName: string,
  trail: Trail,
  error: unknown,
  context: TrailCollectionContext,
): { error: CollectionError; state: TrailDetailState } {
  const failure = collectionError(commandName, trail.homeRegion, error);
  const memberView = isMemberView(trail, context, failure.kind);
  const label = trail.isOrganizationTrail ? "organization trail" : "trail";
  const message = memberView
    ? sanitizeMessage(`member account view of ${trail.ownerAccountId}'s ${label}: ${failure.message}`)
    : failure.message;
  return {
    error: { ...failure, message, resource: trail.arn },
    state: {
      state: "unreadable",
      action: failure.action,
      errorKind: failure.kind,
      errorCode: errorCodeOf(error),
      memberView,
    },
  };
}

/** Deleted between DescribeTrails and this call. Another account's trail answering "not found" is the member view instead. */
function vanished(trail: Trail, error: unknown, context: TrailCollectionContext): boolean {
  return isNotFoundError(error) && (trail.ownerAccountId === undefined || trail.ownerAccountId === context.accountId);
}

const STATUS_ACTION = "cloudtrail:GetTrailStatus";
const SELECTORS_ACTION = "cloudtrail:GetEventSelectors";

/**
 * Status, then event selectors, of one trail, asked in its home Region by ARN (a shadow or
 * organization trail is not found by name outside its home Region, and a member account must use the
 * ARN of its organization's trail). The selectors are not asked for a trail that is not logging: no
 * verdict reads what a stopped trail would record. Returns undefined when the trail vanished.
 */
async function completeTrail(
  clientFor: CloudTrailClientFor,
  trail: Trail,
  errors: CollectionError[],
  context: TrailCollectionContext,
): Promise<Trail | undefined> {
  const client = clientFor(trail.homeRegion);
  const completed: Trail = { ...trail };
  const details: TrailDetails = {
    status: { state: "read", action: STATUS_ACTION },
    eventSelectors: { state: "read", action: SELECTORS_ACTION },
    logFileValidation: trail.details?.logFileValidation ?? { state: "read", action: "cloudtrail:DescribeTrails" },
    kmsKey: trail.details?.kmsKey ?? { state: "read", action: "cloudtrail:DescribeTrails" },
  };

  const status = await attempt(() => client.send(new GetTrailStatusCommand({ Name: trail.arn })));
  if (vanished(trail, status.error, context)) return undefined;
  // A failed call leaves its part undefined (absent), so controls cannot judge on it.
  if (status.value) {
    completed.status = toTrailStatus(status.value);
  } else {
    const failed = unreadable("GetTrailStatusCommand", trail, status.error, context);
    errors.push(failed.error);
    details.status = failed.state;
  }

  if (completed.status?.isLogging === false) {
    details.eventSelectors = { state: "not-needed", why: "the trail is not logging" };
  } else if (details.status.state === "unreadable" && isRegionWide(details.status.errorKind)) {
    // The home Region answered nothing (no endpoint, or it rejected the credentials): asking it
    // again would only repeat that, and the status failure already stands for the trail.
    details.eventSelectors = { state: "not-needed", why: `its home Region answered ${details.status.errorKind}` };
  } else {
    const selectors = await attempt(() => client.send(new GetEventSelectorsCommand({ TrailName: trail.arn })));
    if (vanished(trail, selectors.error, context)) return undefined;
    if (selectors.value) {
      completed.eventSelectors = toEventSelectors(selectors.value);
    } else {
      const failed = unreadable("GetEventSelectorsCommand", trail, selectors.error, context);
      errors.push(failed.error);
      details.eventSelectors = failed.state;
    }
  }
  completed.details = details;
  return completed;
}

export async function collectTrails(
  clientFor: CloudTrailClientFor,
  regions: readonly string[],
  context: TrailCollectionContext,
): Promise<CloudTrailResult> {
  const described = await describeAllRegions(clientFor, regions);
  const errors = [...described.errors];
  const limit = pLimit(MAX_CONCURRENT_TRAIL_CALLS);
  const trailErrors: CollectionError[][] = described.trails.map(() => []);
  const completed = await Promise.all(
    described.trails.map((trail, index) =>
      limit(() => completeTrail(clientFor, trail, trailErrors[index] ?? [], context)),
    ),
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
