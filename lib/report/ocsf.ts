/**
 * The snapshot as OCSF 1.3.0 Compliance Finding events (class_uid 2003), what Prowler and Security
 * Hub consumers ingest. Every event validates against the class's JSON Schema generated from the
 * OCSF schema itself (schemas/ocsf-1.3.0-compliance-finding.schema.json, checked by ocsf.test.ts).
 *
 * What is emitted (README, "Exports"):
 * - One event per result that is an open finding: fail, warn, or error (could not be judged: it may
 *   hide a failure, so a consumer must see it). not-applicable results are never emitted.
 * - A pass is emitted only to close a finding: when the same finding (stable finding id) was open
 *   (fail, warn or error) in the account's previous snapshot. Passes that were never open are posture,
 *   not findings; the JSON and CSV exports carry them.
 * - compliance.status from the verdict: pass → Pass (1), warn → Warning (2), fail → Fail (3),
 *   error → Other (99) with status "Error". compliance.status_code is Safekeep's own verdict word.
 * - Finding status (the lifecycle), against the previous snapshot of the same account and source:
 *   muted → Suppressed (3); open now and open before → In Progress (2); open now and not before →
 *   New (1), except a fail or warn whose absence before is not proven (the earlier scan could not
 *   list it: not scanned, call failed), which is Unknown (0) with the reason in status_detail, the
 *   "not checked before" rule of the snapshot comparison; pass closing an open finding → Resolved (4).
 *   Without a previous snapshot every open finding is New. The activity follows: New → Create,
 *   In Progress and Suppressed → Update, Resolved → Close, Unknown → Unknown.
 * - compliance.requirements: the published framework mappings of the control (lib/frameworks), as
 *   "<framework> <requirement>" (e.g. "NIST SP 800-53 Rev. 5 SC-28"), absent when none is published;
 *   compliance.standards: "AWS data protection guidance" then those frameworks.
 */
import type { Severity, Status } from "@/lib/controls/types";
import type { FrameworkId } from "@/lib/frameworks/frameworks";
import { MAPPINGS } from "@/lib/frameworks/mappings";
import { remediationOf } from "@/lib/remediation";
import { compareSnapshots } from "@/lib/snapshot/compare";
import type { Snapshot, SnapshotControl, SnapshotResult } from "@/lib/snapshot/schema";
import type { Sighting } from "@/lib/snapshot/store";
import { displayName } from "./resource-label";

export const OCSF_VERSION = "1.3.0";
const CLASS = {
  class_uid: 2003,
  class_name: "Compliance Finding",
  category_uid: 2,
  category_name: "Findings",
} as const;

/** Safekeep's own standard: the controls measure AWS's "Data protection in …" recommendations. */
export const SAFEKEEP_STANDARD = "AWS data protection guidance";

/** How a requirement is written in `compliance.requirements`: this prefix, a space, the framework's own id. */
export const REQUIREMENT_PREFIX: Record<FrameworkId, string> = {
  "cis-aws-3.0": "CIS AWS Foundations Benchmark v3.0.0",
  "cis-aws-7.0": "CIS AWS Foundations Benchmark v7.0.0",
  "nist-800-53-r5": "NIST SP 800-53 Rev. 5",
  "pci-dss-4.0": "PCI DSS v4.0",
  "iso-27001-2022": "ISO/IEC 27001:2022",
  "soc2-2017": "SOC 2 (2017 TSC)",
  "aws-fsbp": "AWS Foundational Security Best Practices",
};

/** OCSF severity_id and its caption (the schema requires the caption to match). */
const SEVERITY: Record<Severity, { id: number; name: string }> = {
  info: { id: 1, name: "Informational" },
  low: { id: 2, name: "Low" },
  medium: { id: 3, name: "Medium" },
  high: { id: 4, name: "High" },
  critical: { id: 5, name: "Critical" },
};

const COMPLIANCE_STATUS: Record<Exclude<Status, "not-applicable">, { id: number; name: string }> = {
  pass: { id: 1, name: "Pass" },
  warn: { id: 2, name: "Warning" },
  fail: { id: 3, name: "Fail" },
  error: { id: 99, name: "Error" },
};

export const FINDING_STATUS = {
  unknown: { id: 0, name: "Unknown" },
  new: { id: 1, name: "New" },
  inProgress: { id: 2, name: "In Progress" },
  suppressed: { id: 3, name: "Suppressed" },
  resolved: { id: 4, name: "Resolved" },
} as const;
type Lifecycle = keyof typeof FINDING_STATUS;

const ACTIVITY: Record<Lifecycle, { id: number; name: string }> = {
  unknown: { id: 0, name: "Unknown" },
  new: { id: 1, name: "Create" },
  inProgress: { id: 2, name: "Update" },
  suppressed: { id: 2, name: "Update" },
  resolved: { id: 3, name: "Close" },
};

const OPEN: ReadonlySet<Status> = new Set(["fail", "warn", "error"]);

export interface OcsfOptions {
  /** The account's previous snapshot: decides New, In Progress, Unknown and which passes close a finding. */
  previous?: Snapshot;
  /** Per finding id, the first and last time it was failing in the account's history (`findingHistory`). */
  sightings?: ReadonlyMap<string, Sighting>;
  productVersion?: string;
}

/** The parts of an event tests and consumers read; the schema file is the full contract. */
export interface OcsfEvent {
  activity_id: number;
  type_uid: number;
  class_uid: number;
  time: number;
  severity_id: number;
  severity: string;
  status_id: number;
  status: string;
  status_detail?: string;
  message: string;
  finding_info: {
    uid: string;
    title: string;
    desc: string;
    types: string[];
    first_seen_time?: number;
    last_seen_time?: number;
  };
  compliance: {
    control: string;
    standards: string[];
    requirements?: string[];
    status_id: number;
    status: string;
    status_code: string;
    status_detail: string;
  };
  remediation: { desc: string; references: string[] };
  resources: {
    uid: string;
    name: string;
    type: string;
    region: string;
    cloud_partition: string;
    labels?: string[];
    data: object;
  }[];
  cloud: { provider: "AWS"; region: string; account: { uid: string; name?: string; type: string; type_id: number } };
  [key: string]: unknown;
}

/** The control's standards and its published mappings as "<framework> <requirement>", sorted, each once. */
export function requirementsOf(controlId: string): { standards: string[]; requirements: string[] } {
  const mine = MAPPINGS.filter((m) => m.controlId === controlId);
  const frameworks = [...new Set(mine.map((m) => m.framework))].sort();
  const requirements = [...new Set(mine.map((m) => `${REQUIREMENT_PREFIX[m.framework]} ${m.requirement}`))].sort();
  return { standards: [SAFEKEEP_STANDARD, ...frameworks.map((f) => REQUIREMENT_PREFIX[f])], requirements };
}

/** Reference URLs in order of importance (the fix's page first), each once. */
function references(control: SnapshotControl): string[] {
  const catalogDocs = remediationOf(control.id)?.docs;
  return [...new Set([control.remediation.url, ...control.docs, ...(catalogDocs ? [catalogDocs] : [])])];
}

interface Before {
  /** Finding ids open (fail, warn, error) in the previous snapshot. */
  open: ReadonlySet<string>;
  /** Finding ids failing now whose absence before is not proven, with the comparison's reason. */
  notCheckedBefore: ReadonlyMap<string, string>;
}

function before(snapshot: Snapshot, previous: Snapshot | undefined): Before | undefined {
  // A previous snapshot of another account, another source or not earlier says nothing of this one.
  if (
    !previous ||
    previous.account.id !== snapshot.account.id ||
    previous.source !== snapshot.source ||
    previous.finishedAt >= snapshot.finishedAt
  )
    return undefined;
  const open = new Set<string>();
  for (const control of previous.controls)
    for (const result of control.results) if (OPEN.has(result.status)) open.add(result.findingId);
  const comparison = compareSnapshots(previous, snapshot, {
    labels: { from: "the previous snapshot", to: "this one" },
  });
  const notCheckedBefore = new Map<string, string>();
  for (const f of comparison.findings)
    if (f.change === "notCheckedBefore" && f.before === null)
      notCheckedBefore.set(f.id.split("#")[0]!, f.detail ?? "Not checked in the previous snapshot.");
  return { open, notCheckedBefore };
}

/** The finding's lifecycle state, or undefined when the result is not emitted. */
function lifecycle(result: SnapshotResult, was: Before | undefined): { state: Lifecycle; detail?: string } | undefined {
  if (result.status === "not-applicable") return undefined;
  if (result.status === "pass") return was?.open.has(result.findingId) ? { state: "resolved" } : undefined;
  if (result.mute) {
    return {
      state: "suppressed",
      detail: `Muted (${result.mute.kind} mute ${result.mute.id}) until ${result.mute.expiresAt}, owner ${result.mute.owner}`,
    };
  }
  if (!was) return { state: "new" };
  if (was.open.has(result.findingId)) return { state: "inProgress" };
  const why = result.status !== "error" ? was.notCheckedBefore.get(result.findingId) : undefined;
  return why ? { state: "unknown", detail: `Not checked before. ${why}` } : { state: "new" };
}

const toMillis = (iso: string) => Date.parse(iso);

export function toOcsfEvents(snapshot: Snapshot, options: OcsfOptions = {}): OcsfEvent[] {
  const time = toMillis(snapshot.finishedAt);
  const was = before(snapshot, options.previous);
  const productVersion = options.productVersion ?? "0.1.0";
  return snapshot.controls.flatMap((control) => {
    const { standards, requirements } = requirementsOf(control.id);
    const severity = SEVERITY[control.severity];
    return control.results.flatMap((result): OcsfEvent[] => {
      const state = lifecycle(result, was);
      if (!state || result.status === "not-applicable") return [];
      const compliance = COMPLIANCE_STATUS[result.status];
      const findingStatus = FINDING_STATUS[state.state];
      const activity = ACTIVITY[state.state];
      const seen = options.sightings?.get(result.findingId);
      return [
        {
          ...CLASS,
          activity_id: activity.id,
          activity_name: activity.name,
          type_uid: CLASS.class_uid * 100 + activity.id,
          type_name: `${CLASS.class_name}: ${activity.name}`,
          time,
          severity_id: severity.id,
          severity: severity.name,
          status_id: findingStatus.id,
          status: findingStatus.name,
          ...(state.detail ? { status_detail: state.detail } : {}),
          // A muted finding's comment is the mute's reason.
          ...(result.mute && state.state === "suppressed" ? { comment: result.mute.reason } : {}),
          message: result.reason,
          metadata: {
            version: OCSF_VERSION,
            profiles: ["cloud"],
            product: { name: "Safekeep", vendor_name: "Safekeep", version: productVersion },
            correlation_uid: snapshot.id,
          },
          finding_info: {
            // The finding's stable id: the same finding has the same uid in every snapshot's export.
            uid: result.findingId,
            title: control.title,
            desc: result.reason,
            types: [control.recommendation],
            ...(seen ? { first_seen_time: toMillis(seen.firstSeen), last_seen_time: toMillis(seen.lastSeen) } : {}),
          },
          compliance: {
            control: control.id,
            standards,
            ...(requirements.length > 0 ? { requirements } : {}),
            status: compliance.name,
            status_id: compliance.id,
            status_code: result.status,
            status_detail: result.reason,
          },
          remediation: { desc: control.remediation.text, references: references(control) },
          resources: [
            {
              uid: result.resourceArn,
              name: displayName(result),
              // OCSF 1.3 resource details have `labels` (strings), not key/value tags (added in 1.4);
              // `key:value` is how Prowler's OCSF output writes tags there.
              ...(result.tags && result.tags.length > 0
                ? { labels: result.tags.map((tag) => `${tag.key}:${tag.value}`) }
                : {}),
              type: result.resourceType,
              region: result.region,
              cloud_partition: snapshot.account.partition,
              data: result.evidence,
            },
          ],
          cloud: {
            provider: "AWS",
            region: result.region,
            account: {
              uid: snapshot.account.id,
              ...(snapshot.account.name ? { name: snapshot.account.name } : {}),
              type: "AWS Account",
              type_id: 10,
            },
          },
          unmapped: {
            seed_file: control.seed.file,
            seed_quote: control.seed.quote,
            snapshot_source: snapshot.source,
            ...(control.related.length > 0 ? { related_checks: control.related } : {}),
          },
        },
      ];
    });
  });
}

export function renderOcsfJson(snapshot: Snapshot, options: OcsfOptions = {}): string {
  return `${JSON.stringify(toOcsfEvents(snapshot, options), null, 2)}\n`;
}
