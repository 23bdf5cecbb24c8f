/**
 * The snapshot as OCSF Compliance Finding events (class 2003, OCSF 1.3): one event per resource
 * result, which is what Prowler and Security Hub consumers ingest.
 */
import type { Severity, Status } from "@/lib/controls/types";
import type { Snapshot } from "@/lib/snapshot/schema";
import { displayName } from "./resource-label";

export const OCSF_VERSION = "1.3.0";
const COMPLIANCE_FINDING = { class_uid: 2003, category_uid: 2, activity_id: 1, type_uid: 200301 } as const;

const SEVERITY_IDS: Record<Severity, number> = { info: 1, low: 2, medium: 3, high: 4, critical: 5 };
const COMPLIANCE_STATUS: Record<Status, { id: number; name: string }> = {
  pass: { id: 1, name: "Pass" },
  warn: { id: 2, name: "Warning" },
  fail: { id: 3, name: "Fail" },
  "not-applicable": { id: 99, name: "Not applicable" },
  error: { id: 99, name: "Error" },
};

export function toOcsfEvents(snapshot: Snapshot, productVersion = "0.1.0"): object[] {
  const time = Date.parse(snapshot.finishedAt);
  return snapshot.controls.flatMap((control) =>
    control.results.map((result) => {
      const status = COMPLIANCE_STATUS[result.status];
      return {
        ...COMPLIANCE_FINDING,
        class_name: "Compliance Finding",
        category_name: "Findings",
        activity_name: "Create",
        time,
        severity_id: SEVERITY_IDS[control.severity],
        severity: control.severity.charAt(0).toUpperCase() + control.severity.slice(1),
        // A muted finding is "Suppressed" (OCSF status_id 3), with the mute's reason as the comment.
        ...(result.mute
          ? {
              status_id: 3,
              status: "Suppressed",
              status_detail: `Muted (${result.mute.kind} mute ${result.mute.id}) until ${result.mute.expiresAt}, owner ${result.mute.owner}`,
              comment: result.mute.reason,
            }
          : { status_id: 1, status: "New" }),
        message: result.reason,
        metadata: {
          version: OCSF_VERSION,
          product: { name: "Safekeep", vendor_name: "Safekeep", version: productVersion },
          correlation_uid: snapshot.id,
        },
        finding_info: {
          // The finding's stable id: the same finding has the same uid in every snapshot's export.
          uid: result.findingId,
          title: control.title,
          desc: result.reason,
          types: [control.recommendation],
        },
        compliance: {
          control: control.id,
          standards: ["AWS data protection guidance"],
          requirements: control.related,
          status: status.name,
          status_id: status.id,
          status_detail: result.reason,
        },
        remediation: { desc: control.remediation.text, references: [control.remediation.url, ...control.docs] },
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
        cloud: { provider: "AWS", account: { uid: snapshot.account.id, type: "AWS Account" }, region: result.region },
        unmapped: { seed_file: control.seed.file, seed_quote: control.seed.quote, snapshot_source: snapshot.source },
      };
    }),
  );
}

export function renderOcsfJson(snapshot: Snapshot): string {
  return `${JSON.stringify(toOcsfEvents(snapshot), null, 2)}\n`;
}
