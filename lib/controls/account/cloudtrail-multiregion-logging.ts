import type { Inventory, Trail } from "@/lib/inventory";
import type { Control, Evidence, ResourceResult, Status } from "../types";
import {
  describeCoverage,
  globalEventsRegion,
  isLoggingManagementTrail,
  managementCoverage,
  trailLabel,
  trailsOf,
} from "./cloudtrail-coverage";

/**
 * One result for the whole account, not one per trail: the requirement is "at least one trail logs
 * everywhere", so a second, narrower trail is not a finding, and per-trail rows would fail the
 * control because of it. The trails the verdict used are listed in the evidence.
 */
const RESOURCE_TYPE = "Account";

interface Finding {
  status: Status;
  reason: string;
  judged?: Trail;
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

/** Only single-Region trails log: which scanned Regions have none, and which could not be checked. */
function singleRegionFinding(inventory: Inventory, logging: Trail[], unknown: Trail[], account: string): Finding {
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
    status: "warn",
    reason: `Account ${account} has only single-Region trails (${logging.map((t) => t.name).join(", ")}): ${gaps.join("; ")}.`,
    uncoveredRegions,
    notCheckedRegions,
  };
}

/**
 * The verdict, or undefined when missing data (a trail whose status or selectors could not be read,
 * or no Region listed its trails) could change it: the runner then reports the failed calls.
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
      reason: `Account ${account} has multi-Region ${trailLabel(healthy)} logging read and write management events in every Region.`,
      judged: healthy,
    };
  }
  // A trail we could not read might be the one that logs everywhere.
  if (unknown.some((t) => t.isMultiRegion)) return undefined;
  const [flawed] = qualifying;
  if (flawed) {
    return {
      status: "warn",
      reason: `Account ${account} has multi-Region ${trailLabel(flawed)} logging all management events, but ${problemsOf(flawed, partition).join(" and ")}.`,
      judged: flawed,
    };
  }
  const [narrow] = multiRegion;
  if (narrow) {
    return {
      status: "warn",
      reason: `Account ${account}'s multi-Region ${trailLabel(narrow)} records ${describeCoverage(managementCoverage(narrow))}, so some management activity is not logged.`,
      judged: narrow,
    };
  }
  if (logging.length > 0) return singleRegionFinding(inventory, logging, unknown, account);
  // Never fail on missing data: an unreadable trail, or no Region that answered, could hide a logging trail.
  const described = inventory.accountWide?.cloudtrail?.describedRegions ?? inventory.regions;
  if (unknown.length > 0 || described.length === 0) return undefined;
  const stopped = trails.filter((t) => t.isMultiRegion && t.status?.isLogging === false);
  return {
    status: "fail",
    reason:
      stopped.length > 0
        ? `Account ${account} has no logging multi-Region trail: ${stopped.map((t) => t.name).join(", ")} ${stopped.length > 1 ? "are" : "is"} stopped.`
        : `Account ${account} has no trail logging management events, so API and user activity is not recorded.`,
    notCheckedRegions: inventory.regions.filter((r) => !described.includes(r)),
  };
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
      managementEvents: judged ? describeCoverage(managementCoverage(judged)) : null,
      latestDeliveryError: judged?.status?.latestDeliveryError ?? null,
      includeGlobalServiceEvents: judged?.includeGlobalServiceEvents ?? null,
      multiRegionLoggingTrails: arns(logging.filter((t) => t.isMultiRegion)),
      singleRegionLoggingTrails: arns(logging.filter((t) => !t.isMultiRegion)),
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
    };
    return [result];
  },
};
