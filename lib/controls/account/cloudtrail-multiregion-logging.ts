import type { Inventory, Trail } from "@/lib/inventory";
import type { Control, Evidence, Lookup, ResourceResult, Status } from "../types";
import {
  awaiting,
  DESCRIBE_ACTION,
  describeCoverage,
  describeUnread,
  detailLookups,
  globalEventsRegion,
  isLoggingManagementTrail,
  managementCoverage,
  ownerAccountOf,
  trailLabel,
  trailsOf,
  unreadLookups,
} from "./cloudtrail-coverage";

/**
 * One result for the whole account, not one per trail: the requirement is "at least one trail logs
 * everywhere", so a second, narrower trail is not a finding, and per-trail rows would fail the
 * control because of it. The trails the verdict used are listed in the evidence.
 *
 * Organization trails count like the account's own: a member account covered by its organization's
 * multi-Region trail passes, with the trail and its owner account as evidence. DescribeTrails tells a
 * member that such a trail exists, that it is multi-Region and an organization trail; whether it is
 * logging (GetTrailStatus) and what it records (GetEventSelectors) a member cannot always read. Then
 * the verdict is never assumed: it depends on those lookups, so the runner reports it as incomplete
 * naming the failed call, unless a trail that could be read already proves coverage.
 */
const RESOURCE_TYPE = "Account";

interface Finding {
  status: Status;
  reason: string;
  judged?: Trail;
  /** The lookups the verdict was built from (precise, so another trail's failure does not touch it). */
  dependsOn: Lookup[];
  /** Trails whose unread details could change the verdict; the row waits on their lookups. */
  pending: Trail[];
  uncoveredRegions?: string[];
  notCheckedRegions?: string[];
}

function arns(trails: readonly Trail[]): string[] {
  return trails.map((t) => t.arn);
}

function problemsOf(trail: Trail, partition: string): string[] {
  const problems: string[] = [];
  const error = trail.status?.latestDeliveryError;
  if (error) problems.push(`its last log delivery failed (${error})`);
  if (!trail.includeGlobalServiceEvents) {
    problems.push(
      `it leaves out global service events, so IAM and STS activity recorded in ${globalEventsRegion(partition)} is missed`,
    );
  }
  return problems;
}

/** "multi-Region organization trail org of account 999988887777" when another account owns it. */
function describeTrail(trail: Trail, account: string): string {
  const owner = ownerAccountOf(trail);
  return `${trailLabel(trail)}${owner && owner !== account ? ` of account ${owner}` : ""}`;
}

/** Only single-Region trails log: which scanned Regions have none, and which could not be checked. */
function singleRegionFinding(inventory: Inventory, logging: Trail[], unknown: Trail[], account: string) {
  const described = inventory.accountWide?.cloudtrail?.describedRegions ?? inventory.regions;
  const covered = new Set(logging.map((t) => t.homeRegion));
  const unknownHomes = new Set(unknown.map((t) => t.homeRegion));
  const notCheckedRegions = inventory.regions.filter(
    (r) => !described.includes(r) || (unknownHomes.has(r) && !covered.has(r)),
  );
  const uncoveredRegions = inventory.regions.filter((r) => !covered.has(r) && !notCheckedRegions.includes(r));
  const globalRegion = globalEventsRegion(inventory.account.partition);
  const globalCovered = logging.some((t) => t.homeRegion === globalRegion && t.includeGlobalServiceEvents);
  const gaps = [
    uncoveredRegions.length > 0
      ? `no trail logs in ${uncoveredRegions.join(", ")}`
      : "Regions enabled later will not be logged",
    globalCovered ? "" : `IAM and STS events (recorded in ${globalRegion}) are not captured`,
  ].filter(Boolean);
  return {
    status: "warn" as const,
    reason: `Account ${account} has only single-Region trails (${logging.map((t) => t.name).join(", ")}): ${gaps.join("; ")}.`,
    uncoveredRegions,
    notCheckedRegions,
  };
}

/**
 * The verdict, or undefined when no Region listed its trails (the runner then reports the failed
 * DescribeTrails calls). A verdict that unread trail details could change names those trails in
 * `pending`, so it is reported as incomplete rather than as a pass or a fail.
 */
function assess(inventory: Inventory): Finding | undefined {
  const account = inventory.account.id;
  const partition = inventory.account.partition;
  const trails = trailsOf(inventory);
  const unknown = trails.filter((t) => isLoggingManagementTrail(t) === undefined);
  const logging = trails.filter((t) => isLoggingManagementTrail(t) === true);
  const multiRegion = logging.filter((t) => t.isMultiRegion);
  const qualifying = multiRegion.filter((t) => managementCoverage(t).kind === "full");

  const healthy = qualifying.find((t) => problemsOf(t, partition).length === 0);
  if (healthy) {
    return {
      status: "pass",
      reason: `Account ${account} has multi-Region ${describeTrail(healthy, account)} logging read and write management events in every Region.`,
      judged: healthy,
      dependsOn: detailLookups(healthy),
      pending: [],
    };
  }
  // A multi-Region trail that could not be read might be the one that logs everywhere.
  const pendingMulti = unknown.filter((t) => t.isMultiRegion);
  const [flawed] = qualifying;
  if (flawed) {
    return {
      status: "warn",
      reason: `Account ${account} has multi-Region ${describeTrail(flawed, account)} logging all management events, but ${problemsOf(flawed, partition).join(" and ")}.`,
      judged: flawed,
      dependsOn: detailLookups(flawed),
      pending: pendingMulti,
    };
  }
  const [narrow] = multiRegion;
  if (narrow) {
    return {
      status: "warn",
      reason: `Account ${account}'s multi-Region ${describeTrail(narrow, account)} records ${describeCoverage(managementCoverage(narrow))}, so some management activity is not logged.`,
      judged: narrow,
      dependsOn: detailLookups(narrow),
      pending: pendingMulti,
    };
  }
  if (logging.length > 0) {
    return {
      ...singleRegionFinding(inventory, logging, unknown, account),
      dependsOn: logging.flatMap(detailLookups),
      pending: pendingMulti,
    };
  }
  const described = inventory.accountWide?.cloudtrail?.describedRegions ?? inventory.regions;
  if (described.length === 0) return undefined;
  // "Nothing logs" rests on every trail's details and on every Region's list: a Region that did not
  // answer could hide a single-Region trail.
  const stopped = trails.filter((t) => t.isMultiRegion && t.status?.isLogging === false);
  return {
    status: "fail",
    reason:
      stopped.length > 0
        ? `Account ${account} has no logging multi-Region trail: ${stopped.map((t) => t.name).join(", ")} ${stopped.length > 1 ? "are" : "is"} stopped.`
        : `Account ${account} has no trail logging management events, so API and user activity is not recorded.`,
    dependsOn: [{ action: DESCRIBE_ACTION }, ...trails.flatMap(detailLookups)],
    pending: unknown,
    notCheckedRegions: inventory.regions.filter((r) => !described.includes(r)),
  };
}

/** Why the row is `error` when the failures of the lookups it waits on are not in the inventory. */
function pendingReason(inventory: Inventory, pending: readonly Trail[]): string {
  const unread = pending.map((t) => describeUnread(t, unreadLookups(t), inventory));
  return `Account ${inventory.account.id}'s CloudTrail logging is not judged: ${unread.join("; ")}.`;
}

export const control: Control = {
  meta: {
    id: "xc.cloudtrail-multiregion-logging",
    service: "account",
    title: "A multi-Region CloudTrail trail logs all management events",
    severity: "high",
    responsibility: "customer",
    recommendation: "logging",
    seed: { file: "000_1318394cfcef3e54.txt", quote: "Set up API and user activity logging with AWS CloudTrail." },
    resourceType: RESOURCE_TYPE,
    remediation: {
      text: "Create (or convert to) a multi-Region trail that records management events for both reads and writes, with global service events, or an organization trail from the management account.",
      url: "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/best-practices-security.html",
    },
    docs: [
      "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/best-practices-security.html",
      "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-concepts.html#cloudtrail-concepts-global-service-events",
    ],
    requires: ["cloudtrail:DescribeTrails", "cloudtrail:GetTrailStatus", "cloudtrail:GetEventSelectors"],
    related: [
      "Security Hub CloudTrail.1",
      "Prowler cloudtrail_multi_region_enabled",
      "AWS Config multi-region-cloudtrail-enabled",
    ],
    verdicts: [
      "pass: one row for the account: a logging multi-Region trail (the account's own or its organization's) records read and write management events from every source, includes global service events, and its last delivery succeeded.",
      "warn: the best multi-Region trail has a delivery error, leaves out global service events, records only reads or only writes, or excludes event sources; or only single-Region trails log (the Regions they miss are listed).",
      "fail: no trail logs management events (every multi-Region trail is stopped, or there is none).",
      "error: a trail that could change the verdict had its status or event selectors unread (e.g. an organization trail seen from a member account), or no Region could list its trails.",
    ],
  },
  evaluate(inventory) {
    if (!inventory.accountWide?.cloudtrail) return [];
    const finding = assess(inventory);
    if (!finding) return [];
    const trails = trailsOf(inventory);
    const logging = trails.filter((t) => isLoggingManagementTrail(t) === true);
    const judged = finding.judged;
    const evidence: Evidence = {
      judgedTrail: judged?.arn ?? null,
      judgedTrailName: judged?.name ?? null,
      // Another account's for an organization trail seen from a member account.
      ownerAccountId: judged ? ownerAccountOf(judged) : null,
      organizationTrail: judged?.isOrganizationTrail ?? null,
      managementEvents: judged ? describeCoverage(managementCoverage(judged)) : null,
      latestDeliveryError: judged?.status?.latestDeliveryError ?? null,
      includeGlobalServiceEvents: judged?.includeGlobalServiceEvents ?? null,
      multiRegionLoggingTrails: arns(logging.filter((t) => t.isMultiRegion)),
      singleRegionLoggingTrails: arns(logging.filter((t) => !t.isMultiRegion)),
      // Trails listed by DescribeTrails whose status or selectors could not be read: never dropped.
      unreadTrails: arns(trails.filter((t) => isLoggingManagementTrail(t) === undefined)),
      uncoveredRegions: finding.uncoveredRegions ?? [],
      notCheckedRegions: finding.notCheckedRegions ?? [],
      // CloudTrail Lake event data stores also record activity; this control does not read them.
      cloudTrailLake: "not checked",
    };
    const result: ResourceResult = {
      resourceArn: `arn:${inventory.account.partition}:cloudtrail::${inventory.account.id}:account`,
      resourceType: RESOURCE_TYPE,
      region: "global",
      status: finding.status,
      reason: finding.reason,
      evidence,
      dependsOn: finding.dependsOn,
    };
    const unread = finding.pending.flatMap(unreadLookups);
    return [awaiting(result, unread, inventory, pendingReason(inventory, finding.pending))];
  },
};
