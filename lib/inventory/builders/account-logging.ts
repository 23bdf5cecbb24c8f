/**
 * Builders for the account-level logging and monitoring inventory (CloudTrail trails, TLS samples,
 * Macie sessions). Defaults describe a healthy account: one logging multi-Region trail capturing all
 * management events, with log file validation and SSE-KMS.
 */
import type {
  AccountInventory,
  AdvancedEventSelector,
  ClassicEventSelector,
  CollectionError,
  Inventory,
  MacieRegion,
  TlsObservation,
  TlsSample,
  Trail,
} from "../index";
import { buildInventory, TEST_ACCOUNT, TEST_REGION } from "./common";

export function cloudTrailArn(name: string, region = TEST_REGION): string {
  return `arn:aws:cloudtrail:${region}:${TEST_ACCOUNT}:trail/${name}`;
}

/** Classic selector logging all management events, reads and writes. */
export function classicSelector(overrides: Partial<ClassicEventSelector> = {}): ClassicEventSelector {
  return { readWriteType: "All", includeManagementEvents: true, excludeManagementEventSources: [], ...overrides };
}

/** Advanced selector `eventCategory = Management` plus any extra field selectors (e.g. readOnly). */
export function managementAdvancedSelector(
  extraFields: AdvancedEventSelector["fieldSelectors"] = [],
): AdvancedEventSelector {
  return {
    name: "Management events",
    fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }, ...extraFields],
  };
}

export function loggingTrail(overrides: Partial<Trail> = {}): Trail {
  const name = overrides.name ?? "management-trail";
  const homeRegion = overrides.homeRegion ?? TEST_REGION;
  return {
    name,
    arn: cloudTrailArn(name, homeRegion),
    homeRegion,
    isMultiRegion: true,
    isOrganizationTrail: false,
    includeGlobalServiceEvents: true,
    logFileValidationEnabled: true,
    kmsKeyId: `arn:aws:kms:${homeRegion}:${TEST_ACCOUNT}:key/11111111-2222-3333-4444-555555555555`,
    s3BucketName: "cloudtrail-logs",
    status: { isLogging: true, latestDeliveryTime: "2026-01-01T00:00:00.000Z" },
    eventSelectors: { classic: [classicSelector()], advanced: [] },
    seenInRegions: [homeRegion],
    ...overrides,
  };
}

/** The organization's management account, owner of the organization trail a member account sees. */
export const MANAGEMENT_ACCOUNT = "999988887777";

/**
 * An organization trail of the management account as the member account TEST_ACCOUNT sees it:
 * listed by DescribeTrails (multi-Region, in every Region), with the details in `unreadable` refused
 * to the member (CloudTrailARNInvalidException) and left out. `memberViewErrors` gives the
 * collection errors that go with it.
 */
export function memberViewTrail(
  unreadable: ReadonlyArray<"status" | "eventSelectors"> = ["status", "eventSelectors"],
  overrides: Partial<Trail> = {},
): Trail {
  const name = overrides.name ?? "org-main";
  const trail = loggingTrail({
    name,
    arn: `arn:aws:cloudtrail:${TEST_REGION}:${MANAGEMENT_ACCOUNT}:trail/${name}`,
    ownerAccountId: MANAGEMENT_ACCOUNT,
    isOrganizationTrail: true,
    kmsKeyId: `arn:aws:kms:${TEST_REGION}:444455556666:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0`,
    s3BucketName: "org-cloudtrail-logs-444455556666",
    s3KeyPrefix: "o-a1b2c3d4e5",
    ...overrides,
  });
  const refused = (action: string) =>
    ({
      state: "unreadable",
      action,
      errorKind: "other",
      errorCode: "CloudTrailARNInvalidException",
      memberView: true,
    }) as const;
  const read = (action: string) => ({ state: "read", action }) as const;
  return {
    ...trail,
    status: unreadable.includes("status") ? undefined : trail.status,
    eventSelectors: unreadable.includes("eventSelectors") ? undefined : trail.eventSelectors,
    details: {
      status: unreadable.includes("status") ? refused("cloudtrail:GetTrailStatus") : read("cloudtrail:GetTrailStatus"),
      eventSelectors: unreadable.includes("eventSelectors")
        ? refused("cloudtrail:GetEventSelectors")
        : read("cloudtrail:GetEventSelectors"),
      logFileValidation: read("cloudtrail:DescribeTrails"),
      kmsKey: read("cloudtrail:DescribeTrails"),
    },
  };
}

/** The collection errors recorded for the details of `trail` the member could not read. */
export function memberViewErrors(trail: Trail): CollectionError[] {
  const details = trail.details;
  if (!details) return [];
  return [details.status, details.eventSelectors].flatMap((state) =>
    state.state === "unreadable"
      ? [
          {
            service: "account" as const,
            region: trail.homeRegion,
            action: state.action,
            kind: state.errorKind,
            message: `member account view of ${trail.ownerAccountId}'s organization trail: CloudTrailARNInvalidException: AccountID in ARN is wrong, you can only access resources with AccountID ${TEST_ACCOUNT}.`,
            resource: trail.arn,
          },
        ]
      : [],
  );
}

export function tlsObservation(overrides: Partial<TlsObservation> = {}): TlsObservation {
  return {
    eventSource: "elasticache.amazonaws.com",
    region: TEST_REGION,
    eventTime: "2026-01-01T00:00:00Z",
    tlsVersion: "TLSv1.3",
    cipherSuite: "TLS_AES_128_GCM_SHA256",
    clientProvidedHostHeader: `elasticache.${TEST_REGION}.amazonaws.com`,
    caller: `arn:aws:iam::${TEST_ACCOUNT}:user/d•••`,
    userAgent: "aws-sdk-js/3.0.0",
    ...overrides,
  };
}

export function tlsSample(overrides: Partial<TlsSample> = {}): TlsSample {
  const eventSource = overrides.eventSource ?? "elasticache.amazonaws.com";
  const region = overrides.region ?? TEST_REGION;
  return { eventSource, region, observations: [tlsObservation({ eventSource, region })], ...overrides };
}

export function macieRegion(overrides: Partial<MacieRegion> = {}): MacieRegion {
  return { region: TEST_REGION, status: "ENABLED", automatedDiscovery: "ENABLED", ...overrides };
}

function buildAccountWide(overrides: Partial<AccountInventory> = {}): AccountInventory {
  return { scanner: { useFipsEndpoint: false, homeRegion: TEST_REGION }, ...overrides };
}

/**
 * An inventory with the account service scanned and the given account-wide parts; `inventory`
 * overrides top-level fields (regions, services, account, errors).
 */
export function accountLoggingInventory(
  accountWide: Partial<AccountInventory> = {},
  inventory: Partial<Inventory> = {},
): Inventory {
  return buildInventory({ services: ["account"], accountWide: buildAccountWide(accountWide), ...inventory });
}

/** Shorthand: an inventory whose CloudTrail part holds these trails. */
export function trailsInventory(trails: Trail[], inventory: Partial<Inventory> = {}): Inventory {
  return accountLoggingInventory({ cloudtrail: { trails } }, inventory);
}
