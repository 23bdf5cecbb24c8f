import type { Trail } from "@/lib/inventory";
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
    id: "xc.cloudtrail-log-file-validation",
    service: "account",
    title: "Logging CloudTrail trails have log file integrity validation on",
    severity: "medium",
    responsibility: "customer",
    recommendation: "logging",
    seed: { file: "000_1318394cfcef3e54.txt", quote: "Set up API and user activity logging with AWS CloudTrail." },
    resourceType: RESOURCE_TYPE,
    remediation: {
      text: "Turn on log file validation for the trail (UpdateTrail with EnableLogFileValidation), and make sure CloudTrail can write digest files to the bucket.",
      url: "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html",
    },
    docs: ["https://docs.aws.amazon.com/awscloudtrail/latest/userguide/best-practices-security.html"],
    requires: ["cloudtrail:DescribeTrails", "cloudtrail:GetTrailStatus", "cloudtrail:GetEventSelectors"],
    related: ["Security Hub CloudTrail.4", "Prowler cloudtrail_log_file_validation_enabled"],
    verdicts: [
      "pass: a trail that logs management events has log file validation on, and its last digest file was delivered.",
      "warn: validation is on, but the last digest file delivery failed.",
      "fail: log file validation is off.",
      "not applicable: no trail logs management events (xc.cloudtrail-multiregion-logging reports that); stopped trails are not judged.",
      "error: the trail's status or event selectors could not be read, so whether it logs is unknown.",
    ],
  },
  evaluate(inventory) {
    // Only trails that log management events are judged; with none, xc.cloudtrail-multiregion-logging
    // fails. LogFileValidationEnabled comes from DescribeTrails; the digest delivery error from
    // GetTrailStatus, which a member account may not be able to read for its organization's trail:
    // then the row waits on that lookup rather than passing or failing on what was not read.
    return judgedTrails(inventory).map(({ trail, unread }): ResourceResult => {
      const digestError = trail.status?.latestDigestDeliveryError;
      const base = {
        resourceArn: trail.arn,
        resourceType: RESOURCE_TYPE,
        region: trail.homeRegion,
        name: trail.name,
        evidence: {
          logFileValidationEnabled: trail.logFileValidationEnabled,
          latestDigestDeliveryError: digestError ?? null,
          ownerAccountId: ownerAccountOf(trail),
        },
        dependsOn: detailLookups(trail),
      };
      return awaiting(
        verdictFor(trail, base, digestError),
        unread,
        inventory,
        `CloudTrail ${trailLabel(trail)} is not judged: ${describeUnread(trail, unread, inventory)}.`,
      );
    });
  },
};

function verdictFor(
  trail: Trail,
  base: Omit<ResourceResult, "status" | "reason">,
  digestError?: string,
): ResourceResult {
  if (!trail.logFileValidationEnabled) {
    return {
      ...base,
      status: "fail",
      reason: `CloudTrail ${trailLabel(trail)} has log file validation off, so changes to its log files would go unnoticed.`,
    };
  }
  if (digestError) {
    return {
      ...base,
      status: "warn",
      reason: `CloudTrail ${trailLabel(trail)} has log file validation on, but its last digest file delivery failed (${digestError}).`,
    };
  }
  return {
    ...base,
    status: "pass",
    reason: `CloudTrail ${trailLabel(trail)} has log file validation on and delivers digest files.`,
  };
}
