/**
 * Shapes shared by every service inventory. These are Safekeep's own types: collectors in
 * `lib/aws/` produce them from SDK responses, controls in `lib/controls/` read them. Nothing here
 * may import an AWS SDK package.
 */

export const SERVICE_IDS = ["account", "iam", "elasticache", "cognito", "personalize", "connect"] as const;
export type ServiceId = (typeof SERVICE_IDS)[number];

export const SERVICE_NAMES: Record<ServiceId, string> = {
  account: "Account-wide",
  iam: "AWS IAM and STS",
  elasticache: "Amazon ElastiCache",
  cognito: "Amazon Cognito",
  personalize: "Amazon Personalize",
  connect: "Amazon Connect",
};

/** An AWS Region's name (`eu-west-1`, `us-gov-west-1`, `us-isob-east-1`): what a scan may be asked for. */
export const REGION_NAME = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;

/** A service's name without its vendor prefix, for narrow columns ("ElastiCache", "IAM and STS"). */
export function shortServiceName(id: ServiceId): string {
  return SERVICE_NAMES[id].replace(/^(Amazon|AWS) /, "");
}

export function isServiceId(value: string): value is ServiceId {
  return (SERVICE_IDS as readonly string[]).includes(value);
}

/** How a failed AWS API call is classified (docs/controls.md#failed-calls). */
export const ERROR_KINDS = {
  accessDenied: "access-denied",
  throttled: "throttled",
  /** The service is not offered in the Region (no endpoint): the Region is skipped for it. */
  regionUnavailable: "region-unavailable",
  /**
   * The Region answered but rejected the credentials (`UnrecognizedClientException`,
   * `InvalidClientTokenId`, `AuthFailure`): nothing there could be read, so everything the service
   * would have judged in that Region is `error`, never "skipped".
   */
  credentialsRejected: "credentials-rejected",
  timeout: "timeout",
  other: "other",
} as const;
export type ErrorKind = (typeof ERROR_KINDS)[keyof typeof ERROR_KINDS];

/** Errors that speak for a whole Region: nothing else there will answer, so collectors stop at the first. */
export function isRegionWide(kind: ErrorKind): boolean {
  return kind === ERROR_KINDS.regionUnavailable || kind === ERROR_KINDS.credentialsRejected;
}

/**
 * One API call that failed during collection. `action` is the IAM action of the call
 * (e.g. `elasticache:DescribeReplicationGroups`): it is the same vocabulary controls use in
 * `meta.requires`, so a failed call maps straight onto the controls that needed its data.
 */
export interface CollectionError {
  service: ServiceId;
  region: string;
  action: string;
  kind: ErrorKind;
  /** Sanitised, at most 200 characters; never contains secrets. */
  message: string;
  /** The resource the failed call was about (ARN or id), when it was about one; undefined: a list call. */
  resource?: string;
}

/** A region that was not scanned at all for a service, and why. */
export interface SkippedRegion {
  region: string;
  service?: ServiceId;
  reason: string;
}

export interface Tag {
  key: string;
  value: string;
}
