import { CREDENTIAL_REPORT_ACTIONS, displayUserName, GLOBAL_REGION, reportGeneratedTime, userRows } from "../iam/scope";
import type { Control, ResourceResult } from "../types";

const RESOURCE_TYPE = "IAM user";

export const control: Control = {
  meta: {
    id: "xc.iam-user-console-mfa",
    service: "account",
    title: "Every IAM user with a console password has MFA",
    severity: "high",
    responsibility: "customer",
    recommendation: "mfa",
    seed: { file: "003_19f6510e5e2315ca.txt", quote: "Use multi-factor authentication (MFA) with each account." },
    resourceType: RESOURCE_TYPE,
    remediation: {
      text: "Enable MFA for each IAM user who signs in to the console, or remove their console password; prefer federation through IAM Identity Center.",
      url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_checking-status.html",
    },
    docs: ["https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html"],
    requires: CREDENTIAL_REPORT_ACTIONS,
    related: [
      "Security Hub IAM.5",
      "Prowler iam_user_mfa_enabled_console_access",
      "AWS Config mfa-enabled-for-iam-console-access",
    ],
    verdicts: [
      "pass: an IAM user with a console password has an active MFA device.",
      "fail: an IAM user can sign in to the console with a password and no active MFA device.",
      "not applicable: the user has no console password (no IAM users at all: the control is not applicable).",
      "error: the credential report could not be generated or read.",
    ],
  },
  evaluate(inventory) {
    // No IAM users (federation or IAM Identity Center only): nothing in scope, the runner says so.
    // Users created after the report's generation are not in it; the report time is in the evidence.
    const generatedTime = reportGeneratedTime(inventory);
    return userRows(inventory).map((row): ResourceResult => {
      const name = displayUserName(row.user);
      const base = {
        resourceArn: row.arn,
        resourceType: RESOURCE_TYPE,
        region: GLOBAL_REGION,
        evidence: {
          passwordEnabled: row.passwordEnabled,
          mfaActive: row.mfaActive,
          reportGeneratedTime: generatedTime,
        },
      };
      if (!row.passwordEnabled) {
        return {
          ...base,
          status: "not-applicable",
          reason: `IAM user ${name} has no console password (programmatic access only; its keys are checked elsewhere).`,
        };
      }
      if (!row.mfaActive) {
        return {
          ...base,
          status: "fail",
          reason: `IAM user ${name} can sign in to the console with a password alone: no MFA device is active.`,
        };
      }
      return { ...base, status: "pass", reason: `IAM user ${name} signs in to the console with MFA.` };
    });
  },
};
