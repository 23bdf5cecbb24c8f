/**
 * A scan cut into units of work: one unit per step of the plan that reads no other step's inventory,
 * per Region for regional steps (an account × service × Region), once for account-level ones (IAM,
 * CloudTrail). Units are independent of each other, so they can run anywhere: side by side in this
 * process (./scan-aws.ts) or as queue jobs on any worker (lib/queue). Their results are plain data and
 * are filed into the account's one inventory in plan order, whatever order they ended in; the steps
 * that read other steps (TLS samples, storage, KMS) then run on the whole inventory (./finish-steps.ts).
 */
import { discoverEnabledRegions } from "@/lib/aws/account/regions";
import type { CallStats } from "@/lib/aws/clients";
import type { CollectScope } from "@/lib/aws/harness";
import { collectCloudTrail } from "@/lib/aws/cloudtrail";
import { collectStsVpcEndpoints } from "@/lib/aws/ec2";
import { collectIam } from "@/lib/aws/iam";
import { collectMacieRegion } from "@/lib/aws/macie";
import type { AccountCredentials } from "@/lib/aws/sts/assume-role";
import type { CallerIdentity } from "@/lib/aws/sts/identity";
import { collectTaggedResources } from "@/lib/aws/tagging";
import type { Control } from "@/lib/controls/types";
import type { CollectionError, Inventory, ServiceId, SkippedRegion } from "@/lib/inventory";
import { callerIdentity } from "./caller-identity";
import { collectRegion, REGIONAL_SERVICES, type RegionalService } from "./collectors";
import { CannotStartError } from "./errors";
import { STEPS, stepCalls, type ScanPlan, type StepId } from "./plan";
import { iamRegionFor, regionsFor } from "./regions";

/** The steps that read no other step: each is cut into units. */
export type UnitStep = Exclude<StepId, "tls-samples" | "storage" | "kms">;

export function isUnitStep(step: StepId): step is UnitStep {
  return STEPS[step].reads.length === 0;
}

export interface WorkUnit {
  step: UnitStep;
  /** The Region of a regional step; none for an account-level one. */
  region?: string;
}

/** What one unit found: plain, serialisable data (a queue job's return value). */
export interface UnitResult {
  unit: WorkUnit;
  /** The unit's part of the inventory; undefined when the Region was skipped or nothing was read. */
  found?: unknown;
  errors: CollectionError[];
  /** Set when the service has no endpoint in the unit's Region. */
  skipped?: SkippedRegion;
  /** What the unit cost, when it ran with its own stats (a queue job). */
  stats?: CallStats;
}

/** Who is scanned, where: decided once per account scan, before any unit. Plain data. */
export interface ScanStart {
  accountId: string;
  partition: string;
  /** The Region the identity answered in; account-level steps and storage describes start there. */
  homeRegion: string;
  regions: string[];
  /** Regions named by the caller (every service is tried in each) rather than discovered. */
  explicit: boolean;
  services: ServiceId[];
  /** What went wrong while deciding the Regions without stopping the scan. */
  errors: CollectionError[];
}

export interface StartOptions {
  regions?: "all" | string[];
  services: ServiceId[];
  credentials?: AccountCredentials;
}

/**
 * Who the credentials are and which Regions to scan. Throws CannotStartError when the identity
 * cannot be read or, with `regions: "all"`, when no enabled Region can be listed.
 */
export async function startScan(
  options: StartOptions,
  scopeFor: (identity: CallerIdentity) => CollectScope,
): Promise<{ start: ScanStart; scope: CollectScope }> {
  const explicitRegions = Array.isArray(options.regions) ? options.regions : undefined;
  const identity = await callerIdentity(explicitRegions?.[0], options.credentials);
  const scope = scopeFor(identity);
  const errors: CollectionError[] = [];
  let regions = explicitRegions ?? [identity.region];
  if (options.regions === "all") {
    const discovered = await discoverEnabledRegions(identity.region, scope);
    if (discovered.regions.length === 0) {
      throw new CannotStartError(
        `could not list the account's enabled regions (${discovered.errors.map((e) => e.message).join("; ")}); pass --regions explicitly`,
        "regions-unreadable",
      );
    }
    errors.push(...discovered.errors);
    regions = discovered.regions;
  }
  return {
    start: {
      accountId: identity.accountId,
      partition: identity.partition,
      homeRegion: identity.region,
      regions,
      explicit: options.regions !== "all",
      services: [...options.services],
      errors,
    },
    scope,
  };
}

/** The Regions a regional unit step runs in. */
function stepRegions(step: UnitStep, start: ScanStart): string[] {
  if ((REGIONAL_SERVICES as readonly string[]).includes(step)) {
    return regionsFor(step as RegionalService, start.regions, start.explicit);
  }
  if (step === "macie") return regionsFor("macie", start.regions, start.explicit);
  return start.regions;
}

/** The plan's units, in the order their results are filed. */
export function workUnits(plan: ScanPlan, start: ScanStart): WorkUnit[] {
  return plan.steps
    .filter(isUnitStep)
    .flatMap((step): WorkUnit[] =>
      STEPS[step].scope === "account" ? [{ step }] : stepRegions(step, start).map((region) => ({ step, region })),
    );
}

/** A stable name for a unit, unique within one account's scan (a queue job id's tail). */
export function unitKey(unit: WorkUnit): string {
  return unit.region === undefined ? unit.step : `${unit.step}@${unit.region}`;
}

/** The service a unit's skipped Region and errors are filed under. */
function unitService(step: UnitStep): ServiceId {
  if (step === "sts-vpc-endpoints" || step === "iam") return "iam";
  if (step === "cloudtrail" || step === "macie" || step === "tags") return "account";
  return step;
}

/** A Region's result, or a skipped Region when the service has no endpoint there. */
function regional(unit: WorkUnit, result: { inventory: unknown; errors: CollectionError[] }): UnitResult {
  const unavailable = result.errors.find((e) => e.kind === "region-unavailable");
  if (unavailable) {
    return {
      unit,
      errors: [],
      skipped: { region: unit.region ?? "", service: unitService(unit.step), reason: unavailable.message },
    };
  }
  return { unit, found: result.inventory, errors: result.errors };
}

/** Runs one unit. Never throws for what AWS answered: failed calls come back as classified errors. */
export async function collectUnit(unit: WorkUnit, start: ScanStart, scope: CollectScope): Promise<UnitResult> {
  const region = unit.region ?? start.homeRegion;
  switch (unit.step) {
    case "iam": {
      const { inventory, errors } = await collectIam(iamRegionFor(start.partition), scope);
      return { unit, found: inventory, errors };
    }
    case "cloudtrail": {
      const { inventory, errors } = await collectCloudTrail(start.regions, scope);
      return { unit, found: inventory, errors };
    }
    case "sts-vpc-endpoints":
      return regional(unit, await collectStsVpcEndpoints(region, scope));
    case "macie": {
      const { inventory, errors } = await collectMacieRegion(region, scope);
      return regional(unit, { inventory: { region, macie: inventory }, errors });
    }
    case "tags": {
      const { inventory, errors } = await collectTaggedResources(region, scope);
      return regional(unit, { inventory: { region, tagged: inventory }, errors });
    }
    default:
      return regional(unit, await collectRegion(unit.step, region, scope));
  }
}

/**
 * A unit that never finished (its job failed for good): every action of its step that a control
 * needs is recorded as failed in its Region, so whatever was to be judged from it is `error`, never
 * judged on the absence of data.
 */
export function unitFailure(
  unit: WorkUnit,
  start: ScanStart,
  controls: readonly Control[],
  reason: string,
): UnitResult {
  const actions = [
    ...new Set(
      controls
        .filter((control) => start.services.includes(control.meta.service))
        .flatMap((control) => control.meta.requires)
        .filter((action) => stepCalls(STEPS[unit.step], action)),
    ),
  ].sort();
  const region = unit.region ?? (unit.step === "iam" ? iamRegionFor(start.partition) : start.homeRegion);
  // CloudTrail's account-level step reads every scanned Region.
  const regions = unit.step === "cloudtrail" ? start.regions : [region];
  return {
    unit,
    errors: regions.flatMap((r) =>
      actions.map((action) => ({
        service: unitService(unit.step),
        region: r,
        action,
        kind: "other" as const,
        message: `collection did not finish: ${reason}`.slice(0, 200),
      })),
    ),
  };
}

/** An empty inventory for the scan `start` describes, to file units into. */
export function newInventory(start: ScanStart, startedAt: Date, label: { name?: string; ou?: string } = {}): Inventory {
  return {
    source: "aws",
    account: { id: start.accountId, partition: start.partition, ...label },
    regions: start.regions,
    services: [...start.services],
    startedAt: startedAt.toISOString(),
    finishedAt: startedAt.toISOString(),
    errors: [...start.errors],
    skippedRegions: [],
    stats: { apiCalls: 0, retries: 0, throttled: 0, durationMs: 0 },
    accountWide: {
      scanner: { useFipsEndpoint: process.env.AWS_USE_FIPS_ENDPOINT === "true", homeRegion: start.homeRegion },
    },
  };
}

/**
 * Files the results of every unit of one step into the inventory: its Regions in the order given
 * (callers pass them in plan order), its errors and skipped Regions. Called once per step.
 */
export function fileStep(inventory: Inventory, step: UnitStep, results: readonly UnitResult[]): void {
  for (const result of results) {
    inventory.errors.push(...result.errors);
    if (result.skipped) inventory.skippedRegions.push(result.skipped);
  }
  const found = results.flatMap((r) => (r.found === undefined ? [] : [r.found]));
  // newInventory always sets it.
  const accountWide = inventory.accountWide!;
  switch (step) {
    case "iam":
      inventory.iam = { ...inventory.iam, ...(found[0] as object) } as Inventory["iam"];
      return;
    case "sts-vpc-endpoints":
      inventory.iam = { ...inventory.iam, stsVpcEndpoints: found } as Inventory["iam"];
      return;
    case "cloudtrail":
      accountWide.cloudtrail = found[0] as NonNullable<Inventory["accountWide"]>["cloudtrail"];
      return;
    case "macie":
      accountWide.macie = (found as { macie?: unknown }[]).flatMap((f) => (f.macie ? [f.macie] : [])) as NonNullable<
        Inventory["accountWide"]
      >["macie"];
      return;
    case "tags":
      accountWide.taggedResources = (found as { tagged: unknown[] }[]).flatMap((f) => f.tagged) as NonNullable<
        Inventory["accountWide"]
      >["taggedResources"];
      return;
    default:
      // Each collector returns its own part's Region type (REGIONAL_COLLECTORS is typed so).
      (inventory as Record<RegionalService, unknown>)[step] = { regions: found };
  }
}

/** Files all units' results, step by step in plan order; each step's Regions in unit order. */
export function fileUnits(inventory: Inventory, units: readonly WorkUnit[], results: readonly UnitResult[]): void {
  const byKey = new Map(results.map((r) => [unitKey(r.unit), r]));
  const steps = [...new Set(units.map((u) => u.step))];
  for (const step of steps) {
    const ofStep = units.filter((u) => u.step === step).flatMap((u) => byKey.get(unitKey(u)) ?? []);
    fileStep(inventory, step, ofStep);
  }
}

/** Adds up the cost of units that ran with their own stats. */
export function addStats(total: CallStats, results: readonly UnitResult[]): CallStats {
  for (const r of results) {
    if (!r.stats) continue;
    total.apiCalls += r.stats.apiCalls;
    total.retries += r.stats.retries;
    total.throttled += r.stats.throttled;
  }
  return total;
}
