import type { Inventory, ServiceId, Tag } from "@/lib/inventory";
import type { RecommendationId } from "./recommendations";

/** Verdict of one control on one resource, and of a control as a whole. */
export const STATUS = {
  pass: "pass",
  fail: "fail",
  warn: "warn",
  notApplicable: "not-applicable",
  error: "error",
} as const;
export type Status = (typeof STATUS)[keyof typeof STATUS];
export const STATUSES = ["pass", "fail", "warn", "not-applicable", "error"] as const satisfies readonly Status[];
export const STATUS_LABELS: Record<Status, string> = {
  pass: "Pass",
  fail: "Fail",
  warn: "Warning",
  "not-applicable": "Not applicable",
  error: "Error",
};

export const SEVERITY = {
  critical: "critical",
  high: "high",
  medium: "medium",
  low: "low",
  info: "info",
} as const;
export type Severity = (typeof SEVERITY)[keyof typeof SEVERITY];
/** Most severe first: the order every list and chart uses. */
export const SEVERITIES = ["critical", "high", "medium", "low", "info"] as const satisfies readonly Severity[];
export const SEVERITY_LABELS: Record<Severity, string> = {
  critical: "Critical",
  high: "High",
  medium: "Medium",
  low: "Low",
  info: "Info",
};

/** Who satisfies the control: the customer, or AWS under the shared responsibility model. */
export type Responsibility = "customer" | "aws";

export type EvidenceValue = string | number | boolean | null | string[];
/** The fields a verdict was based on: plain values only, never secrets or raw personal data. */
export type Evidence = Record<string, EvidenceValue>;

/**
 * One piece of data a verdict was built from: the IAM action whose answer it came from, where, and
 * (when the call was about one resource) which resource. A verdict whose lookups failed is turned
 * into `error` by the runner, so missing data can never relax it.
 */
export interface Lookup {
  action: string;
  /** Region of the call; undefined: the call in any Region (account-wide verdicts). */
  region?: string;
  /** The resource the call was about (ARN or id as the collector records it); undefined: any. */
  resource?: string;
}

export interface ResourceResult {
  resourceArn: string;
  resourceType: string;
  region: string;
  status: Status;
  /** One sentence that names the resource and says why. */
  reason: string;
  evidence: Evidence;
  /** The resource's human name (pool name, instance alias...); filled from the inventory when absent. */
  name?: string;
  /** The resource's tags, when known; filled from the inventory when absent. */
  tags?: Tag[];
  /**
   * For controls that give several rows per resource: which field or aspect this row is about. Part
   * of the finding's stable id, so it must not change between scans.
   */
  field?: string;
  /**
   * The lookups this verdict depends on. Default: every action in `meta.requires`, in the result's
   * Region ("global" results: in any Region). Give it to be more precise, never less.
   */
  dependsOn?: Lookup[];
}

export interface SeedCitation {
  /** File name of the seed page in the seed list (`lib/controls/seeds.ts`). */
  file: string;
  /** A sentence quoted verbatim from that page. */
  quote: string;
}

export interface ControlMeta {
  /** `<service>.<slug>` for service controls, `xc.<slug>` for account-level ones; equals the file name. */
  id: string;
  service: ServiceId;
  title: string;
  severity: Severity;
  responsibility: Responsibility;
  /** The seed recommendation this control is grouped under (`lib/controls/recommendations.ts`). */
  recommendation: RecommendationId;
  seed: SeedCitation;
  /** What kind of resource each result is about, e.g. "Replication group". */
  resourceType: string;
  remediation: { text: string; url: string };
  /** Further documentation links. */
  docs: string[];
  /** IAM actions whose data the control reads; a failed call to one makes the control `error`. */
  requires: string[];
  /** Ids other tools use for the same check (Security Hub, Prowler, AWS Config...). */
  related: string[];
  /**
   * The verdict rules in a few short lines, each starting with the status it gives ("pass: …",
   * "fail: …", "warn: …", "not applicable: …", "error: …"), for the catalog in docs/controls.md.
   * Optional in the type so test doubles need none; every registered control has them (the
   * catalog generator's test checks).
   */
  verdicts?: string[];
}

export interface EvaluationContext {
  /** Injected clock: controls never read the system time. */
  now: Date;
  /**
   * The installation's secret key (lib/snapshot/installation-key.ts) for the keyed hashes some
   * evidence carries (xc.pii-in-names-tags); without it those hashes are left out, never unkeyed.
   */
  hashKey?: Uint8Array;
}

export interface Control {
  meta: ControlMeta;
  /** Pure: inventory in, one result per resource in scope out. */
  evaluate(inventory: Inventory, context: EvaluationContext): ResourceResult[];
}
