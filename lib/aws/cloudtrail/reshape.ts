/**
 * Pure mappings from CloudTrail SDK objects to Safekeep's inventory types. A missing field stays
 * undefined (controls tell "not reported" from "false") except the booleans the Trail type requires,
 * which default to the API's own default (false); missing lists become [].
 */
import type {
  AdvancedEventSelector as SdkAdvancedEventSelector,
  Event as SdkEvent,
  EventSelector as SdkEventSelector,
  GetEventSelectorsResponse,
  GetTrailStatusResponse,
  Trail as SdkTrail,
} from "@aws-sdk/client-cloudtrail";
import type { AdvancedEventSelector, ClassicEventSelector, TlsObservation, Trail, TrailStatus } from "@/lib/inventory";
import { sanitizeMessage } from "@/lib/detectors/sanitize";
import { parseArn } from "@/lib/inventory/arn";

/** The account in an ARN (`arn:partition:service:region:account:resource`); undefined if it has none. */
export function accountOfArn(arn: string): string | undefined {
  return parseArn(arn)?.accountId || undefined;
}

const DESCRIBE_TRAILS = "cloudtrail:DescribeTrails";

/**
 * A trail as DescribeTrails returned it, before the status and selector calls. DescribeTrails'
 * trailList carries LogFileValidationEnabled and KmsKeyId itself (and answers them for another
 * account's organization trail too), so those two details are read here; status and event selectors
 * stay "not-needed" until the collector asks for them.
 */
export function toTrail(trail: SdkTrail & { TrailARN: string }, seenInRegion: string): Trail {
  return {
    name: trail.Name ?? trail.TrailARN,
    arn: trail.TrailARN,
    // Always set by the API; the Region that listed it is the best fallback.
    homeRegion: trail.HomeRegion ?? seenInRegion,
    ownerAccountId: accountOfArn(trail.TrailARN),
    isMultiRegion: trail.IsMultiRegionTrail === true,
    isOrganizationTrail: trail.IsOrganizationTrail === true,
    includeGlobalServiceEvents: trail.IncludeGlobalServiceEvents === true,
    logFileValidationEnabled: trail.LogFileValidationEnabled === true,
    kmsKeyId: trail.KmsKeyId || undefined,
    s3BucketName: trail.S3BucketName || undefined,
    s3KeyPrefix: trail.S3KeyPrefix || undefined,
    seenInRegions: [seenInRegion],
    details: {
      status: { state: "not-needed", why: "not asked yet" },
      eventSelectors: { state: "not-needed", why: "not asked yet" },
      logFileValidation: { state: "read", action: DESCRIBE_TRAILS },
      kmsKey: { state: "read", action: DESCRIBE_TRAILS },
    },
  };
}

/** Delivery errors are AWS-written text about buckets and keys; scrubbed like any error message. */
function deliveryError(text: string | undefined): string | undefined {
  return text ? sanitizeMessage(text) : undefined;
}

export function toTrailStatus(status: GetTrailStatusResponse): TrailStatus {
  return {
    isLogging: status.IsLogging === true,
    latestDeliveryError: deliveryError(status.LatestDeliveryError),
    latestDigestDeliveryError: deliveryError(status.LatestDigestDeliveryError),
    latestDeliveryTime: status.LatestDeliveryTime?.toISOString(),
  };
}

function toClassicSelector(selector: SdkEventSelector): ClassicEventSelector {
  return {
    readWriteType: selector.ReadWriteType,
    includeManagementEvents: selector.IncludeManagementEvents,
    excludeManagementEventSources: selector.ExcludeManagementEventSources ?? [],
  };
}

function toAdvancedSelector(selector: SdkAdvancedEventSelector): AdvancedEventSelector {
  return {
    name: selector.Name,
    fieldSelectors: (selector.FieldSelectors ?? []).flatMap((field) =>
      field.Field
        ? [
            {
              field: field.Field,
              equals: field.Equals,
              notEquals: field.NotEquals,
              startsWith: field.StartsWith,
              notStartsWith: field.NotStartsWith,
            },
          ]
        : [],
    ),
  };
}

/** A trail uses either classic or advanced selectors; both lists are kept so controls need not know which. */
export function toEventSelectors(answer: GetEventSelectorsResponse): NonNullable<Trail["eventSelectors"]> {
  return {
    classic: (answer.EventSelectors ?? []).map(toClassicSelector),
    advanced: (answer.AdvancedEventSelectors ?? []).map(toAdvancedSelector),
  };
}

const MASK = "•••";

/** First character of a name, then the mask: enough to tell callers apart, not enough to identify one. */
function maskName(name: string): string {
  return name ? `${[...name][0]}${MASK}` : MASK;
}

/**
 * Masks the person-identifying part of a caller ARN, keeping partition, service, account and the
 * kind of principal (never raw personal data: docs/controls.md#evidence). User and federated-user names and
 * session names are often e-mail addresses, so they are masked; role names describe workloads and
 * are kept; the root ARN carries no name.
 *   arn:aws:iam::111122223333:user/ops/alice              → arn:aws:iam::111122223333:user/ops/a•••
 *   arn:aws:sts::111122223333:assumed-role/Admin/jane@x.io → arn:aws:sts::111122223333:assumed-role/Admin/j•••
 */
export function maskCallerArn(arn: string): string {
  const parsed = parseArn(arn);
  if (!parsed) return MASK;
  const { partition, service, region, accountId, resource } = parsed;
  const prefix = `arn:${partition}:${service}:${region}:${accountId}`;
  if (resource === "root") return `${prefix}:root`;
  const segments = resource.split("/");
  const [kind = ""] = segments;
  if (segments.length < 2) return `${prefix}:${maskName(kind)}`;
  // assumed-role/<role>/<session>: keep the role, mask the session; otherwise mask the last segment (the name).
  const last = segments.length - 1;
  const masked = segments.map((segment, index) => (index === last && index > 0 ? maskName(segment) : segment));
  return `${prefix}:${masked.join("/")}`;
}

interface EventRecord {
  eventTime?: unknown;
  eventSource?: unknown;
  userAgent?: unknown;
  userIdentity?: { arn?: unknown };
  tlsDetails?: { tlsVersion?: unknown; cipherSuite?: unknown; clientProvidedHostHeader?: unknown };
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function parseRecord(json: string | undefined): EventRecord | undefined {
  if (!json) return undefined;
  try {
    const record: unknown = JSON.parse(json);
    return typeof record === "object" && record !== null ? (record as EventRecord) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The TLS facts of one LookupEvents event, or undefined when it has none (events recorded before
 * CloudTrail added tlsDetails, or calls made by AWS services). Only the listed fields are read:
 * request parameters, source IP and the rest of the record are never kept.
 */
export function toTlsObservation(
  event: SdkEvent,
  target: { eventSource: string; region: string },
): TlsObservation | undefined {
  const record = parseRecord(event.CloudTrailEvent);
  const tlsVersion = text(record?.tlsDetails?.tlsVersion);
  if (!record || !tlsVersion) return undefined;
  const callerArn = text(record.userIdentity?.arn);
  const userAgent = text(record.userAgent);
  return {
    eventSource: text(record.eventSource) ?? target.eventSource,
    region: target.region,
    eventTime: text(record.eventTime) ?? event.EventTime?.toISOString() ?? "",
    tlsVersion,
    cipherSuite: text(record.tlsDetails?.cipherSuite),
    clientProvidedHostHeader: text(record.tlsDetails?.clientProvidedHostHeader),
    caller: callerArn ? maskCallerArn(callerArn) : undefined,
    // User agents are free text a caller chooses; scrubbed of anything credential-like and capped.
    userAgent: userAgent ? sanitizeMessage(userAgent) : undefined,
  };
}
