/**
 * AWS CloudTrail (JSON 1.1): the inverse of lib/aws/cloudtrail/collect.ts and reshape.ts, answered
 * from `inventory.accountWide.cloudtrail` and `inventory.accountWide.tlsSamples`.
 *
 * DescribeTrails (with shadow trails, the default) lists in a Region every trail whose home Region
 * it is, every multi-Region trail (as a shadow), and any trail whose `seenInRegions` names the
 * Region; without shadow trails only the home-Region ones. GetTrailStatus and GetEventSelectors find
 * a trail by ARN from any Region, by name only in its home Region, as CloudTrail does. LookupEvents
 * turns each TLS observation of the Region into one management event whose CloudTrailEvent JSON
 * carries the tlsDetails, in inventory order (taken as newest first), 50 at most per page.
 *
 * An organization trail owned by another account (the management account) is served as a member
 * account sees it: listed by DescribeTrails in every Region it covers, found by ARN but never by name
 * (AWS: "If the trail is an organization trail and you are a member account in the organization in
 * Organizations, you must provide the full ARN of that trail, and not just the name"). Members are
 * not always allowed its details: when the inventory records its status or event selectors as
 * unreadable from this member account (`details.*.memberView`, see `asSeenByMember`), that call
 * answers with the error AWS gives members, CloudTrailARNInvalidException "AccountID in ARN is
 * wrong, you can only access resources with AccountID <member>." (HTTP 400), as reported for
 * GetTrailStatus, GetEventSelectors and ListTags in steampipe-plugin-aws#577, aws-recon#22 and
 * cloudquery/cq-provider-aws#405; an inventory may record TrailNotFoundException instead, which is
 * then answered. An inventory that holds the details is the member that may read them, which is how
 * the demo's organization trail is served.
 *
 * Any other trail whose status or selectors the inventory lacks (those calls failed when it was
 * collected, or the selectors of a stopped trail were not needed) is served as a stopped trail with
 * CloudTrail's default selector. Opt-in Regions the inventory does not list, and Regions its
 * `skippedRegions` records (for "account" or every service), answer UnrecognizedClientException, as
 * AWS does for a Region the account has not enabled.
 */
import { createHash } from "node:crypto";
import * as schemas from "@aws-sdk/client-cloudtrail";
import type { TlsObservation, Trail } from "@/lib/inventory";
import { SERVICE_DESCRIPTORS } from "@/lib/inventory/services";
import { page } from "../paging";
import { FakeAwsError, type FakeRequest, type FakeService } from "../types";
import { isRegionEnabled } from "./ec2";

function assertRegionEnabled(request: FakeRequest) {
  // Safekeep files CloudTrail under the account-wide service.
  if (!isRegionEnabled(request, "account")) {
    throw new FakeAwsError(
      "UnrecognizedClientException",
      "The security token included in the request is invalid.",
      400,
    );
  }
}

function trailsOf(request: FakeRequest): Trail[] {
  return request.scenario.inventory.accountWide?.cloudtrail?.trails ?? [];
}

function visibleIn(trail: Trail, region: string, shadows: boolean): boolean {
  if (trail.homeRegion === region) return true;
  return shadows && (trail.isMultiRegion || trail.seenInRegions.includes(region));
}

function ownerOf(trail: Trail): string | undefined {
  return trail.ownerAccountId ?? trail.arn.split(":")[4];
}

function isAnotherAccounts(request: FakeRequest, trail: Trail): boolean {
  return ownerOf(trail) !== request.scenario.inventory.account.id;
}

/** By ARN from any Region; by name only in the trail's home Region, and never another account's. */
function findTrail(request: FakeRequest, nameOrArn: unknown): Trail {
  const key = typeof nameOrArn === "string" ? nameOrArn : "";
  const trail = key.startsWith("arn:")
    ? trailsOf(request).find((t) => t.arn === key)
    : trailsOf(request).find(
        (t) => t.name === key && t.homeRegion === request.region && !isAnotherAccounts(request, t),
      );
  if (!trail) {
    const arn = key.startsWith("arn:")
      ? key
      : `arn:aws:cloudtrail:${request.region}:${request.scenario.inventory.account.id}:trail/${key}`;
    const account = request.scenario.inventory.account.id;
    throw new FakeAwsError("TrailNotFoundException", `Unknown trail: ${arn} for the user: ${account}`, 404);
  }
  return trail;
}

/** The member-view answer for a detail the inventory records as unreadable from this (member) account. */
function refuseMemberView(request: FakeRequest, trail: Trail, detail: "status" | "eventSelectors", action: string) {
  const state = trail.details?.[detail];
  if (state?.state !== "unreadable" || !state.memberView || !isAnotherAccounts(request, trail)) return;
  const member = request.scenario.inventory.account.id;
  switch (state.errorCode ?? "CloudTrailARNInvalidException") {
    case "CloudTrailARNInvalidException":
      throw new FakeAwsError(
        "CloudTrailARNInvalidException",
        `AccountID in ARN is wrong, you can only access resources with AccountID ${member}.`,
        400,
      );
    case "TrailNotFoundException":
      throw new FakeAwsError("TrailNotFoundException", `Unknown trail: ${trail.arn} for the user: ${member}`, 400);
    default:
      throw new FakeAwsError(
        state.errorCode ?? "CloudTrailARNInvalidException",
        `${action} is not allowed on ${trail.arn}.`,
      );
  }
}

/**
 * A trail as a member account that may not read its details sees it: status and event selectors
 * unreadable (with `errorCode`), everything DescribeTrails answers kept. Served by this endpoint as
 * the member view; also what the collector makes of that answer.
 */
export function asSeenByMember(trail: Trail, errorCode = "CloudTrailARNInvalidException"): Trail {
  const { status: _status, eventSelectors: _selectors, ...described } = trail;
  const refused = (action: string) =>
    ({ state: "unreadable", action, errorKind: "other", errorCode, memberView: true }) as const;
  return {
    ...described,
    ownerAccountId: ownerOf(trail),
    details: {
      status: refused("cloudtrail:GetTrailStatus"),
      eventSelectors: refused("cloudtrail:GetEventSelectors"),
      logFileValidation: { state: "read", action: "cloudtrail:DescribeTrails" },
      kmsKey: { state: "read", action: "cloudtrail:DescribeTrails" },
    },
  };
}

function hasCustomSelectors(trail: Trail): boolean {
  const selectors = trail.eventSelectors;
  if (!selectors) return false;
  if (selectors.advanced.length > 0) return true;
  const [only, ...more] = selectors.classic;
  return (
    more.length > 0 ||
    !only ||
    only.readWriteType !== "All" ||
    only.includeManagementEvents !== true ||
    only.excludeManagementEventSources.length > 0
  );
}

function describeTrails(request: FakeRequest) {
  assertRegionEnabled(request);
  const shadows = request.params.includeShadowTrails !== false;
  const names = Array.isArray(request.params.trailNameList) ? (request.params.trailNameList as string[]) : [];
  const trails = trailsOf(request)
    .filter((t) => visibleIn(t, request.region, shadows))
    .filter((t) => names.length === 0 || names.includes(t.name) || names.includes(t.arn));
  return {
    trailList: trails.map((t) => ({
      Name: t.name,
      S3BucketName: t.s3BucketName,
      S3KeyPrefix: t.s3KeyPrefix,
      IncludeGlobalServiceEvents: t.includeGlobalServiceEvents,
      IsMultiRegionTrail: t.isMultiRegion,
      HomeRegion: t.homeRegion,
      TrailARN: t.arn,
      LogFileValidationEnabled: t.logFileValidationEnabled,
      KmsKeyId: t.kmsKeyId,
      HasCustomEventSelectors: hasCustomSelectors(t),
      HasInsightSelectors: false,
      IsOrganizationTrail: t.isOrganizationTrail,
    })),
  };
}

function getTrailStatus(request: FakeRequest) {
  assertRegionEnabled(request);
  const trail = findTrail(request, request.params.Name);
  refuseMemberView(request, trail, "status", "cloudtrail:GetTrailStatus");
  const status = trail.status;
  const delivered = status?.latestDeliveryTime ? new Date(status.latestDeliveryTime) : undefined;
  return {
    IsLogging: status?.isLogging ?? false,
    LatestDeliveryError: status?.latestDeliveryError,
    LatestDigestDeliveryError: status?.latestDigestDeliveryError,
    LatestDeliveryTime: delivered,
    LatestDigestDeliveryTime: delivered,
    StartLoggingTime: status?.isLogging ? new Date(request.scenario.inventory.startedAt) : undefined,
    TimeLoggingStarted: status?.isLogging ? request.scenario.inventory.startedAt : undefined,
  };
}

function getEventSelectors(request: FakeRequest) {
  assertRegionEnabled(request);
  const trail = findTrail(request, request.params.TrailName);
  refuseMemberView(request, trail, "eventSelectors", "cloudtrail:GetEventSelectors");
  const selectors = trail.eventSelectors ?? {
    classic: [{ readWriteType: "All" as const, includeManagementEvents: true, excludeManagementEventSources: [] }],
    advanced: [],
  };
  // A trail uses one kind or the other; CloudTrail leaves the unused list out.
  return {
    TrailARN: trail.arn,
    EventSelectors:
      selectors.classic.length > 0 || selectors.advanced.length === 0
        ? selectors.classic.map((s) => ({
            ReadWriteType: s.readWriteType,
            IncludeManagementEvents: s.includeManagementEvents,
            DataResources: [],
            ExcludeManagementEventSources: s.excludeManagementEventSources,
          }))
        : undefined,
    AdvancedEventSelectors:
      selectors.advanced.length > 0
        ? selectors.advanced.map((s) => ({
            Name: s.name,
            FieldSelectors: s.fieldSelectors.map((f) => ({
              Field: f.field,
              Equals: f.equals,
              NotEquals: f.notEquals,
              StartsWith: f.startsWith,
              NotStartsWith: f.notStartsWith,
            })),
          }))
        : undefined,
  };
}

/**
 * A plausible API call per event source (CloudTrail's sample does not record which call it saw), as
 * each service's descriptor names it for the sources the scan samples.
 */
const EVENT_NAMES: Record<string, string> = Object.fromEntries(
  SERVICE_DESCRIPTORS.flatMap((d) => d.tls?.sources ?? []).map((s) => [s.eventSource, s.sampleEventName]),
);

function userIdentity(caller: string | undefined, accountId: string, eventSource: string) {
  if (!caller) return { type: "AWSService", invokedBy: eventSource };
  const resource = caller.split(":").slice(5).join(":");
  const type = resource === "root" ? "Root" : resource.startsWith("assumed-role/") ? "AssumedRole" : "IAMUser";
  return {
    type,
    principalId: `AIDA${createHash("sha1").update(caller).digest("hex").slice(0, 17).toUpperCase()}`,
    arn: caller,
    accountId: caller.split(":")[4] || accountId,
    userName: type === "IAMUser" ? resource.split("/").at(-1) : undefined,
  };
}

/** RFC 4122-shaped, stable per event. */
function eventId(seed: string): string {
  const hex = createHash("sha256").update(seed).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function toEvent(observation: TlsObservation, index: number, request: FakeRequest) {
  const accountId = request.scenario.inventory.account.id;
  const id = eventId(`${request.region}/${observation.eventSource}/${index}/${observation.eventTime}`);
  const eventName = EVENT_NAMES[observation.eventSource] ?? "DescribeAccountAttributes";
  const identity = userIdentity(observation.caller, accountId, observation.eventSource);
  const time = Date.parse(observation.eventTime);
  const record = {
    eventVersion: "1.10",
    userIdentity: identity,
    eventTime: observation.eventTime,
    eventSource: observation.eventSource,
    eventName,
    awsRegion: request.region,
    sourceIPAddress: "203.0.113.10",
    userAgent: observation.userAgent,
    requestParameters: null,
    responseElements: null,
    requestID: eventId(`request/${id}`),
    eventID: id,
    readOnly: true,
    eventType: "AwsApiCall",
    managementEvent: true,
    recipientAccountId: accountId,
    eventCategory: "Management",
    tlsDetails: {
      tlsVersion: observation.tlsVersion,
      cipherSuite: observation.cipherSuite,
      clientProvidedHostHeader: observation.clientProvidedHostHeader,
    },
  };
  return {
    event: {
      EventId: id,
      EventName: eventName,
      ReadOnly: "true",
      EventTime: Number.isNaN(time) ? undefined : new Date(time),
      EventSource: observation.eventSource,
      Username: identity.userName,
      Resources: [],
      CloudTrailEvent: JSON.stringify(record),
    },
    time,
  };
}

const LOOKUP_KEYS: Record<string, (event: ReturnType<typeof toEvent>["event"]) => string | undefined> = {
  EventSource: (e) => e.EventSource,
  EventName: (e) => e.EventName,
  EventId: (e) => e.EventId,
  ReadOnly: (e) => e.ReadOnly,
  Username: (e) => e.Username,
  AccessKeyId: () => undefined,
  ResourceType: () => undefined,
  ResourceName: () => undefined,
};

function epochMs(value: unknown): number | undefined {
  if (typeof value === "number") return value * 1000;
  if (typeof value === "string" && value) return Date.parse(value);
  return undefined;
}

function lookupEvents(request: FakeRequest) {
  assertRegionEnabled(request);
  const maxResults = request.params.MaxResults === undefined ? 50 : Number(request.params.MaxResults);
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 50) {
    throw new FakeAwsError("InvalidMaxResultsException", "Value for MaxResults is invalid. Valid range is 1 to 50.");
  }
  const attributes = Array.isArray(request.params.LookupAttributes)
    ? (request.params.LookupAttributes as { AttributeKey?: string; AttributeValue?: string }[])
    : [];
  if (attributes.length > 1) {
    throw new FakeAwsError("InvalidLookupAttributesException", "You cannot specify more than one lookup attribute.");
  }
  const [attribute] = attributes;
  const read = attribute ? LOOKUP_KEYS[attribute.AttributeKey ?? ""] : undefined;
  if (attribute && !read) {
    throw new FakeAwsError("InvalidLookupAttributesException", `Invalid attribute key: ${attribute.AttributeKey}`);
  }
  const start = epochMs(request.params.StartTime);
  const end = epochMs(request.params.EndTime);
  const observations = (request.scenario.inventory.accountWide?.tlsSamples ?? [])
    .filter((sample) => sample.region === request.region)
    .flatMap((sample) => sample.observations);
  const events = observations
    .map((observation, index) => toEvent(observation, index, request))
    .filter(({ event }) => !attribute || !read || read(event) === attribute.AttributeValue)
    .filter(({ time }) => (start === undefined || time >= start) && (end === undefined || time <= end))
    .map(({ event }) => event);
  const { items, next } = page(events, request.params.NextToken, maxResults);
  return { Events: items, NextToken: next };
}

export const cloudtrail: FakeService = {
  model: {
    signingName: "cloudtrail",
    actionPrefix: "cloudtrail",
    protocol: "json",
    jsonVersion: "1.1",
    schemas,
  },
  responders: {
    DescribeTrails: describeTrails,
    GetTrailStatus: getTrailStatus,
    GetEventSelectors: getEventSelectors,
    LookupEvents: lookupEvents,
  },
};
