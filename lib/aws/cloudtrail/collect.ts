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
import {
  isRegionWide,
  type CloudTrailInventory,
  type CollectionError,
  type TlsSample,
  type Trail,
  type TrailDetails,
  type TrailDetailState,
} from "@/lib/inventory";
import { errorName, isNotFoundError } from "../errors";
import { regionCallsFor, type RegionCalls } from "../harness";
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

/** xc.tls-client-versions: one page of 50 events per source. */
const LOOKUP_PAGE_SIZE = 50;

/**
 * One call queue per Region: Regions run side by side, at most the shared number of calls in flight
 * within each (docs/controls.md#call-budget). CloudTrail's errors belong to the account-wide
 * recommendations.
 */
function regionQueues(): (region: string) => RegionCalls {
  return regionCallsFor({ service: "account", prefix: "cloudtrail" });
}

function withArn(trails: readonly SdkTrail[] | undefined): Array<SdkTrail & { TrailARN: string }> {
  return (trails ?? []).filter((t): t is SdkTrail & { TrailARN: string } => !!t.TrailARN);
}

/**
 * DescribeTrails with shadow trails in every Region, merged by ARN: a multi-Region or organization
 * trail shows up in each Region, a single-Region trail only in its own.
 */
async function describeAllRegions(
  clientFor: CloudTrailClientFor,
  regions: readonly string[],
  callsIn: (region: string) => RegionCalls,
) {
  const answers = await Promise.all(
    regions.map(async (region) => ({
      region,
      outcome: await callsIn(region).run("DescribeTrailsCommand", () =>
        clientFor(region).send(new DescribeTrailsCommand({ includeShadowTrails: true })),
      ),
    })),
  );
  const trails = new Map<string, Trail>();
  const describedRegions: string[] = [];
  const errors: CollectionError[] = [];
  for (const { region, outcome } of answers) {
    if (!outcome.ok) {
      errors.push(outcome.error);
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

/** The error's name as a code; a bare `Error` names nothing. */
function errorCodeOf(error: unknown): string | undefined {
  const name = errorName(error);
  return name !== "Error" ? name : undefined;
}

/**
 * One failed detail call: the CollectionError (about the trail's ARN) and the detail's state. A
 * member-view answer says so in its message, so the snapshot tells it from a permission the
 * scanning role lacks.
 */
function unreadable(
  failed: { error: CollectionError; raw: unknown },
  trail: Trail,
  context: TrailCollectionContext,
): { error: CollectionError; state: TrailDetailState } {
  const failure = failed.error;
  const error = failed.raw;
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
  calls: RegionCalls,
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

  const status = await calls.run("GetTrailStatusCommand", () =>
    client.send(new GetTrailStatusCommand({ Name: trail.arn })),
  );
  if (!status.ok && vanished(trail, status.raw, context)) return undefined;
  // A failed call leaves its part undefined (absent), so controls cannot judge on it.
  if (status.ok) {
    completed.status = toTrailStatus(status.value);
  } else {
    const failed = unreadable(status, trail, context);
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
    const selectors = await calls.run("GetEventSelectorsCommand", () =>
      client.send(new GetEventSelectorsCommand({ TrailName: trail.arn })),
    );
    if (!selectors.ok && vanished(trail, selectors.raw, context)) return undefined;
    if (selectors.ok) {
      completed.eventSelectors = toEventSelectors(selectors.value);
    } else {
      const failed = unreadable(selectors, trail, context);
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
  const callsIn = regionQueues();
  const described = await describeAllRegions(clientFor, regions, callsIn);
  const errors = [...described.errors];
  const trailErrors: CollectionError[][] = described.trails.map(() => []);
  // Each trail's calls go through its home Region's queue.
  const completed = await Promise.all(
    described.trails.map((trail, index) =>
      completeTrail(clientFor, callsIn(trail.homeRegion), trail, trailErrors[index] ?? [], context),
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
 * Region the calls share its queue, and the scope's pacer keeps them at CloudTrail's LookupEvents
 * quota on the client.
 */
export async function sampleTlsDetails(
  clientFor: CloudTrailClientFor,
  targets: readonly TlsTarget[],
): Promise<TlsSampleResult> {
  const callsIn = regionQueues();
  const outcomes = await Promise.all(
    targets.map((target) =>
      callsIn(target.region).run("LookupEventsCommand", () => sampleOne(clientFor(target.region), target)),
    ),
  );
  // In target order, whatever finished first.
  const inventory: TlsSample[] = [];
  const errors: CollectionError[] = [];
  for (const outcome of outcomes) {
    if (outcome.ok) inventory.push(outcome.value);
    else errors.push(outcome.error);
  }
  return { inventory, errors };
}
