import type { Control, ResourceResult } from "../types";
import {
  awaiting,
  describeUnread,
  detailLookups,
  judgedTrails,
  ownerAccountOf,
  trailLabel,
} from "./cloudtrail-coverage";

const RESOURCE_TYPE = "Trail";

export const control: Control = {
  meta: {
    id: "xc.cloudtrail-kms",
    service: "account",
    title: "Logging CloudTrail trails encrypt their log files with SSE-KMS",
    severity: "medium",
    responsibility: "customer",
    recommendation: "logging",
    seed: {
      file: "000_1318394cfcef3e54.txt",
      quote: "Use AWS encryption solutions, along with all default security controls within AWS services.",
    },
    resourceType: RESOURCE_TYPE,
    remediation: {
      text: "Create a customer managed KMS key whose key policy lets CloudTrail encrypt and your auditors decrypt, and set it on the trail.",
      url: "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html",
    },
    docs: ["https://docs.aws.amazon.com/awscloudtrail/latest/userguide/best-practices-security.html"],
    requires: ["cloudtrail:DescribeTrails", "cloudtrail:GetTrailStatus", "cloudtrail:GetEventSelectors"],
    related: ["Security Hub CloudTrail.2", "Prowler cloudtrail_kms_encryption_enabled"],
    verdicts: [
      "pass: a trail that logs management events encrypts its log files with a KMS key (KmsKeyId set).",
      "fail: the trail's log files are encrypted with SSE-S3 only.",
      "not applicable: no trail logs management events; the key's own health is xc.kms-key-usable's.",
      "error: the trail's status or event selectors could not be read, so whether it logs is unknown.",
    ],
  },
  evaluate(inventory) {
    // The key's own health (and a cross-account key that cannot be described) is xc.kms-key-usable's job.
    // KmsKeyId comes from DescribeTrails, which answers it for another account's organization trail too;
    // what a member may not read is whether that trail logs, so such a row waits on that lookup.
    return judgedTrails(inventory).map(({ trail, unread }): ResourceResult => {
      const base = {
        resourceArn: trail.arn,
        resourceType: RESOURCE_TYPE,
        region: trail.homeRegion,
        name: trail.name,
        evidence: { kmsKeyId: trail.kmsKeyId ?? null, ownerAccountId: ownerAccountOf(trail) },
        dependsOn: detailLookups(trail),
      };
      const verdict: ResourceResult = trail.kmsKeyId
        ? {
            ...base,
            status: "pass",
            reason: `CloudTrail ${trailLabel(trail)} encrypts its log files with KMS key ${trail.kmsKeyId}.`,
          }
        : {
            ...base,
            status: "fail",
            reason: `CloudTrail ${trailLabel(trail)} stores its log files with SSE-S3 only, not with a KMS key.`,
          };
      return awaiting(
        verdict,
        unread,
        inventory,
        `CloudTrail ${trailLabel(trail)} is not judged: ${describeUnread(trail, unread, inventory)}.`,
      );
    });
  },
};
