/**
 * What a trail records, read from its event selectors (xc.cloudtrail-multiregion-logging).
 * Shared by the three CloudTrail controls so they agree on which trails "count".
 */
import type { AdvancedEventSelector, ClassicEventSelector, Inventory, Trail } from "@/lib/inventory";
import type { Lookup, ResourceResult } from "../types";

/**
 * Management-event coverage of one trail:
 * - full: reads and writes, from every event source;
 * - restricted: reads and writes, but some sources excluded (kms/rdsdata) or filtered by other fields;
 * - partial: only reads or only writes;
 * - none: no management events (data or Insights events only);
 * - unknown: GetEventSelectors failed.
 */
export type ManagementCoverage =
  | { kind: "full" }
  | { kind: "restricted"; excludedSources: string[]; filters: string[] }
  | { kind: "partial"; only: "reads" | "writes" }
  | { kind: "none" }
  | { kind: "unknown" };

interface SelectorReach {
  reads: boolean;
  writes: boolean;
  excludedSources: string[];
  filters: string[];
}

/** Classic selector; ReadWriteType defaults to All in the API, IncludeManagementEvents to true. */
function classicReach(selector: ClassicEventSelector): SelectorReach | undefined {
  if (selector.includeManagementEvents === false) return undefined;
  const type = selector.readWriteType ?? "All";
  return {
    reads: type !== "WriteOnly",
    writes: type !== "ReadOnly",
    excludedSources: selector.excludeManagementEventSources,
    filters: [],
  };
}

/** Which of reads/writes a `readOnly` field selector lets through ("true" = read-only events). */
function readOnlyReach(field: AdvancedEventSelector["fieldSelectors"][number]): { reads: boolean; writes: boolean } {
  const allowed = new Set(["true", "false"]);
  for (const value of field.notEquals ?? []) allowed.delete(value);
  if (field.equals) for (const value of [...allowed]) if (!field.equals.includes(value)) allowed.delete(value);
  return { reads: allowed.has("true"), writes: allowed.has("false") };
}

/** Advanced selector: management events when `eventCategory` Equals "Management". */
function advancedReach(selector: AdvancedEventSelector): SelectorReach | undefined {
  const fields = selector.fieldSelectors;
  const isManagement = fields.some((f) => f.field === "eventCategory" && (f.equals ?? []).includes("Management"));
  if (!isManagement) return undefined;
  const reach: SelectorReach = { reads: true, writes: true, excludedSources: [], filters: [] };
  for (const field of fields) {
    if (field.field === "eventCategory") continue;
    if (field.field === "readOnly") {
      const { reads, writes } = readOnlyReach(field);
      reach.reads &&= reads;
      reach.writes &&= writes;
    } else if (field.field === "eventSource" && field.notEquals && !field.equals && !field.startsWith) {
      reach.excludedSources.push(...field.notEquals);
    } else {
      reach.filters.push(field.field);
    }
  }
  return reach;
}

function unionOf(reaches: readonly SelectorReach[]): { reads: boolean; writes: boolean } {
  return { reads: reaches.some((r) => r.reads), writes: reaches.some((r) => r.writes) };
}

export function managementCoverage(trail: Trail): ManagementCoverage {
  if (!trail.eventSelectors) return { kind: "unknown" };
  const reaches = [
    ...trail.eventSelectors.classic.map(classicReach),
    ...trail.eventSelectors.advanced.map(advancedReach),
  ].filter((reach): reach is SelectorReach => reach !== undefined && (reach.reads || reach.writes));
  if (reaches.length === 0) return { kind: "none" };
  const clean = unionOf(reaches.filter((r) => r.excludedSources.length === 0 && r.filters.length === 0));
  if (clean.reads && clean.writes) return { kind: "full" };
  const all = unionOf(reaches);
  if (all.reads && all.writes) {
    return {
      kind: "restricted",
      excludedSources: [...new Set(reaches.flatMap((r) => r.excludedSources))].sort(),
      filters: [...new Set(reaches.flatMap((r) => r.filters))].sort(),
    };
  }
  return { kind: "partial", only: all.reads ? "reads" : "writes" };
}

/** Short text for reasons and evidence. */
export function describeCoverage(coverage: ManagementCoverage): string {
  switch (coverage.kind) {
    case "full":
      return "all management events";
    case "restricted": {
      const parts = [
        coverage.excludedSources.length > 0 ? `excluding ${coverage.excludedSources.join(", ")}` : "",
        coverage.filters.length > 0 ? `filtered on ${coverage.filters.join(", ")}` : "",
      ].filter(Boolean);
      return `management events ${parts.join(" and ")}`;
    }
    case "partial":
      return coverage.only === "reads" ? "read-only management events only" : "write management events only";
    case "none":
      return "no management events";
    case "unknown":
      return "unknown";
  }
}

/** Trails the account's CloudTrail collection found (none when CloudTrail was not collected). */
export function trailsOf(inventory: Inventory): Trail[] {
  return inventory.accountWide?.cloudtrail?.trails ?? [];
}

/**
 * A trail that counts for CloudTrail logging: it is logging and records some management events.
 * Undefined when that cannot be told (its status or selectors could not be read).
 */
export function isLoggingManagementTrail(trail: Trail): boolean | undefined {
  if (!trail.status) return undefined;
  if (!trail.status.isLogging) return false;
  const coverage = managementCoverage(trail);
  if (coverage.kind === "unknown") return undefined;
  return coverage.kind !== "none";
}

export const STATUS_ACTION = "cloudtrail:GetTrailStatus";
export const SELECTORS_ACTION = "cloudtrail:GetEventSelectors";
export const DESCRIBE_ACTION = "cloudtrail:DescribeTrails";

/** The lookups that tell whether a trail counts for logging: its status and its event selectors. */
export function detailLookups(trail: Trail): Lookup[] {
  return [
    { action: STATUS_ACTION, region: trail.homeRegion, resource: trail.arn },
    { action: SELECTORS_ACTION, region: trail.homeRegion, resource: trail.arn },
  ];
}

/**
 * Those of a trail's detail lookups whose answer is missing: its status, and its event selectors
 * unless the collector did not need them (the trail is stopped, or its home Region answered nothing,
 * which the status failure already stands for). Empty: the trail can be judged.
 */
export function unreadLookups(trail: Trail): Lookup[] {
  const [status, selectors] = detailLookups(trail);
  const unread: Lookup[] = [];
  if (status && !trail.status) unread.push(status);
  const selectorsNeeded = trail.status?.isLogging !== false && trail.details?.eventSelectors.state !== "not-needed";
  if (selectors && !trail.eventSelectors && selectorsNeeded) unread.push(selectors);
  return unread;
}

/** The account that owns a trail: another account's for an organization trail seen from a member. */
export function ownerAccountOf(trail: Trail): string | null {
  return trail.ownerAccountId ?? (trail.arn.split(":")[4] || null);
}

/**
 * A trail the log-file-validation and KMS controls judge, and what is still missing to judge it:
 * trails that count for logging (nothing missing), and trails that might (their status or
 * selectors could not be read, e.g. an organization trail a member account cannot read). Trails
 * known not to count (stopped, or recording no management events) are left out.
 */
export interface JudgedTrail {
  trail: Trail;
  unread: Lookup[];
}

export function judgedTrails(inventory: Inventory): JudgedTrail[] {
  return trailsOf(inventory)
    .filter((trail) => isLoggingManagementTrail(trail) !== false)
    .map((trail) => ({ trail, unread: isLoggingManagementTrail(trail) === true ? [] : unreadLookups(trail) }));
}

/**
 * "the status of organization trail org of account 999988887777 could not be read
 * (cloudtrail:GetTrailStatus)", for reasons about unread lookups.
 */
export function describeUnread(trail: Trail, unread: readonly Lookup[], inventory: Inventory): string {
  const parts = unread.map((lookup) => (lookup.action === STATUS_ACTION ? "status" : "event selectors"));
  const owner = ownerAccountOf(trail);
  const whose = owner && owner !== inventory.account.id ? ` of account ${owner}` : "";
  const actions = unread.map((lookup) => lookup.action).join(", ");
  return `the ${parts.join(" and ")} of ${trailLabel(trail)}${whose} could not be read (${actions})`;
}

function isRecordedFailure(inventory: Inventory, lookup: Lookup): boolean {
  return inventory.errors.some(
    (error) =>
      error.action === lookup.action &&
      (error.resource === undefined || lookup.resource === undefined || error.resource === lookup.resource),
  );
}

/**
 * A verdict that waits on lookups whose answers are missing. It carries them in `dependsOn`, and the
 * runner reports it as `error` (incomplete) naming the failed calls, so neither a pass nor a fail
 * ever rests on data that was not read. When an inventory lacks the failures themselves (hand-made
 * or trimmed), the result is `error` here already: missing data must not pass for read data.
 */
export function awaiting(
  result: ResourceResult,
  unread: readonly Lookup[],
  inventory: Inventory,
  /** The reason when the result is `error` here: names the resource and what could not be read. */
  errorReason: string,
): ResourceResult {
  if (unread.length === 0) return result;
  const key = (l: Lookup) => `${l.action} ${l.region ?? ""} ${l.resource ?? ""}`;
  const known = new Set((result.dependsOn ?? []).map(key));
  const withLookups = {
    ...result,
    dependsOn: [...(result.dependsOn ?? []), ...unread.filter((l) => !known.has(key(l)))],
  };
  if (unread.every((lookup) => isRecordedFailure(inventory, lookup))) return withLookups;
  const failedActions = [...new Set(unread.map((lookup) => lookup.action))];
  return { ...withLookups, status: "error", reason: errorReason, evidence: { ...result.evidence, failedActions } };
}

/** Where IAM and STS (global endpoint) events are recorded, per partition (docs/controls.md#regions). */
export function globalEventsRegion(partition: string): string {
  if (partition === "aws-us-gov") return "us-gov-west-1";
  if (partition === "aws-cn") return "cn-north-1";
  return "us-east-1";
}

export function trailLabel(trail: Trail): string {
  return `${trail.isOrganizationTrail ? "organization trail" : "trail"} ${trail.name}`;
}
