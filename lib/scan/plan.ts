/**
 * The scan plan, derived rather than written by hand: which collection steps a scan of the chosen
 * services needs, from the IAM actions its controls list in `meta.requires`, and which steps feed
 * which (a step starts as soon as the steps it reads from have ended, not after a whole phase).
 *
 * A step is needed when at least one selected control requires one of its actions. Account-wide
 * controls require the calls that find the KMS keys, buckets and streams they judge and the calls
 * that decide where TLS details are sampled (docs/controls.md#permissions), so choosing only
 * `account` still collects every service's resources that lead to keys: judging fewer keys because a
 * service was not chosen would be a verdict on data that was never read.
 */
import type { Control } from "@/lib/controls/types";
import type { ServiceId } from "@/lib/inventory";
import { descriptorOf, type ServiceDescriptor } from "@/lib/inventory/services";
import { REGIONAL_COLLECTORS, REGIONAL_SERVICES, type RegionalService } from "./collectors";

/** A regional service's collector, or one of the account-level steps. */
export type StepId =
  RegionalService | "iam" | "sts-vpc-endpoints" | "cloudtrail" | "macie" | "tags" | "tls-samples" | "storage" | "kms";

/** In the order they are listed and reported; a step only reads steps listed before it. */
export const STEP_IDS: readonly StepId[] = [
  "iam",
  "sts-vpc-endpoints",
  ...REGIONAL_SERVICES,
  "cloudtrail",
  "macie",
  "tags",
  "tls-samples",
  "storage",
  "kms",
];

export interface StepSpec {
  /** Once per scanned Region, or once for the account. */
  scope: "regional" | "account";
  /** IAM prefixes of the actions the step calls; `actions` narrows a prefix shared with another step. */
  prefixes: readonly string[];
  actions?: readonly string[];
  /** Prefix actions that belong to another step. */
  except?: readonly string[];
  /**
   * Steps whose inventory this one reads, when they are in the plan. TLS samples wait per Region and
   * per service (a Region's samples of one service start when that service's collector for the Region
   * has ended); the storage step follows references until nothing new is referenced; KMS keys come
   * last, since everything may point at a key and keys point at nothing further.
   */
  reads: readonly StepId[];
}

/** The regional services whose descriptors declare what `test` looks for. */
function servicesWhere(test: (descriptor: ServiceDescriptor) => unknown): RegionalService[] {
  return REGIONAL_SERVICES.filter((service) => test(descriptorOf(service)));
}

/** Every step the scanner can take; plan.test.ts checks that each policy action belongs to exactly one. */
export const STEPS: Readonly<Record<StepId, StepSpec>> = {
  ...(Object.fromEntries(
    REGIONAL_SERVICES.map((service) => [
      service,
      {
        scope: "regional",
        prefixes: REGIONAL_COLLECTORS[service].prefixes,
        actions: REGIONAL_COLLECTORS[service].actions,
        reads: [],
      },
    ]),
  ) as unknown as Record<RegionalService, StepSpec>),
  iam: { scope: "account", prefixes: ["iam"], reads: [] },
  "sts-vpc-endpoints": { scope: "regional", prefixes: ["ec2"], actions: ["ec2:DescribeVpcEndpoints"], reads: [] },
  cloudtrail: { scope: "account", prefixes: ["cloudtrail"], except: ["cloudtrail:LookupEvents"], reads: [] },
  macie: { scope: "regional", prefixes: ["macie2"], reads: [] },
  tags: { scope: "regional", prefixes: ["tag"], reads: [] },
  "tls-samples": {
    scope: "regional",
    prefixes: ["cloudtrail"],
    actions: ["cloudtrail:LookupEvents"],
    reads: servicesWhere((d) => d.tls),
  },
  storage: {
    scope: "account",
    prefixes: ["s3", "kinesis", "firehose"],
    reads: [...servicesWhere((d) => d.references.bucketUses ?? d.references.streamUses), "cloudtrail"],
  },
  kms: {
    scope: "account",
    prefixes: ["kms"],
    reads: [...REGIONAL_SERVICES, "cloudtrail", "storage"],
  },
};

/**
 * Calls made before any step: who the caller is, and which Regions are enabled (only with
 * `--regions all`). They decide the plan's Regions, so they are not steps of it.
 */
export const START_ACTIONS: readonly string[] = ["sts:GetCallerIdentity", "account:ListRegions", "ec2:DescribeRegions"];

/** Whether `action` is one the step calls. */
export function stepCalls(step: StepSpec, action: string): boolean {
  const prefix = action.slice(0, action.indexOf(":"));
  if (!step.prefixes.includes(prefix)) return false;
  if (step.actions && !step.actions.includes(action)) return false;
  return !step.except?.includes(action);
}

/** The step that calls `action`, if any (start-up calls belong to none). */
export function stepOf(action: string): StepId | undefined {
  return STEP_IDS.find((id) => stepCalls(STEPS[id], action));
}

export interface ScanPlan {
  services: readonly ServiceId[];
  /** Needed steps, in STEP_IDS order. */
  steps: readonly StepId[];
  /** Each needed step's needed predecessors. */
  after: Readonly<Partial<Record<StepId, readonly StepId[]>>>;
}

/** The plan for a scan of `services`, from what their controls require. */
export function scanPlan(services: readonly ServiceId[], controls: readonly Control[]): ScanPlan {
  const required = new Set(
    controls.filter((control) => services.includes(control.meta.service)).flatMap((control) => control.meta.requires),
  );
  const needed = STEP_IDS.filter((id) => [...required].some((action) => stepCalls(STEPS[id], action)));
  const after: Partial<Record<StepId, StepId[]>> = {};
  for (const id of needed) after[id] = STEPS[id].reads.filter((dependency) => needed.includes(dependency));
  return { services: [...services], steps: needed, after };
}

/** Whether the plan takes `step`. */
export function plans(plan: ScanPlan, step: StepId): boolean {
  return plan.steps.includes(step);
}
