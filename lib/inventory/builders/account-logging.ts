/**
 * Builders for the account-level logging and monitoring inventory (CloudTrail trails, TLS samples,
 * Macie sessions). Defaults describe a healthy account: one logging multi-Region trail capturing all
 * management events, with log file validation and SSE-KMS.
 */
import type {
  AccountInventory,
  AdvancedEventSelector,
  ClassicEventSelector,
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
