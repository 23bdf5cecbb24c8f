import type { Control, ResourceResult } from "../types";
import { countedTrails, trailLabel } from "./cloudtrail-coverage";

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
  },
  evaluate(inventory) {
    // Only trails that log management events are judged; with none, xc.cloudtrail-multiregion-logging fails.
    return countedTrails(inventory).map((trail): ResourceResult => {
      const digestError = trail.status?.latestDigestDeliveryError;
      const base = {
        resourceArn: trail.arn,
        resourceType: RESOURCE_TYPE,
        region: trail.homeRegion,
        evidence: {
          logFileValidationEnabled: trail.logFileValidationEnabled,
          latestDigestDeliveryError: digestError ?? null,
        },
      };
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
    });
  },
};
