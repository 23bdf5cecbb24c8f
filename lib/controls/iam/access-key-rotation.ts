import type { Control, ResourceResult } from "../types";
import {
  accessKeyArn,
  activeKeys,
  CREDENTIAL_REPORT_ACTIONS,
  daysSince,
  displayUserName,
  formatDays,
  GLOBAL_REGION,
  userRows,
} from "./scope";

const RESOURCE_TYPE = "Access key";

/** A key older than this should have been rotated (warn). */
export const ROTATION_WARN_DAYS = 90;
/** A key older than this has gone a year without rotation (fail). */
export const ROTATION_FAIL_DAYS = 365;

export const control: Control = {
  meta: {
    id: "iam.access-key-rotation",
    service: "iam",
    title: "IAM user access keys are rotated at least every 90 days",
    severity: "medium",
    responsibility: "customer",
    recommendation: "credentials",
    seed: {
      file: "003_19f6510e5e2315ca.txt",
      quote:
        "For data protection purposes, we recommend that you protect AWS account credentials and set up individual user accounts with IAM.",
    },
    resourceType: RESOURCE_TYPE,
    remediation: {
      text: "Rotate the key (create a new one, switch the application to it, deactivate and then delete the old one), or replace it with an IAM role whose credentials are temporary.",
      url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html",
    },
    docs: ["https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#rotate-credentials"],
    requires: CREDENTIAL_REPORT_ACTIONS,
    related: ["Security Hub IAM.3", "Prowler iam_rotate_access_key_90_days"],
    verdicts: [
      "pass: an active access key was rotated at most 90 days ago.",
      "warn: it was last rotated more than 90 days ago, or the credential report gives no rotation date.",
      "fail: it was last rotated more than 365 days ago.",
      "not applicable: the IAM user has no active access key (the root user's keys are xc.root-access-keys').",
      "error: the credential report could not be generated or read.",
    ],
  },
  evaluate(inventory, { now }) {
    // The root user's keys are xc.root-access-keys' concern: they should not exist at all.
    return userRows(inventory).flatMap((row): ResourceResult[] => {
      const name = displayUserName(row.user);
      const keys = activeKeys(row);
      if (keys.length === 0) {
        return [
          {
            resourceArn: row.arn,
            resourceType: "IAM user",
            region: GLOBAL_REGION,
            status: "not-applicable",
            reason: `IAM user ${name} has no active access keys.`,
            evidence: { activeKeys: 0 },
          },
        ];
      }
      return keys.map(({ slot, usage }): ResourceResult => {
        const age = daysSince(usage.lastRotated, now);
        const base = {
          resourceArn: accessKeyArn(row.arn, slot),
          resourceType: RESOURCE_TYPE,
          region: GLOBAL_REGION,
          evidence: {
            keySlot: slot,
            lastRotated: usage.lastRotated ?? null,
            ageDays: age === undefined ? null : Math.floor(age),
          },
        };
        const key = `Access key ${slot} of IAM user ${name}`;
        if (age === undefined) {
          return {
            ...base,
            status: "warn",
            reason: `${key} is active but the credential report gives no rotation date.`,
          };
        }
        if (age > ROTATION_FAIL_DAYS) {
          return {
            ...base,
            status: "fail",
            reason: `${key} was last rotated ${formatDays(age)} ago, more than a year.`,
          };
        }
        if (age > ROTATION_WARN_DAYS) {
          return {
            ...base,
            status: "warn",
            reason: `${key} was last rotated ${formatDays(age)} ago, more than ${ROTATION_WARN_DAYS} days.`,
          };
        }
        return { ...base, status: "pass", reason: `${key} was rotated ${formatDays(age)} ago.` };
      });
    });
  },
};
