import type { CredentialReportRow } from "@/lib/inventory";
import type { Control, ResourceResult } from "../types";
import {
  activeKeys,
  CREDENTIAL_REPORT_ACTIONS,
  daysSince,
  displayUserName,
  formatDays,
  GLOBAL_REGION,
  userRows,
} from "./scope";

const RESOURCE_TYPE = "IAM user credentials";

/** A password or key not used for longer than this should be deactivated. */
export const UNUSED_CREDENTIAL_DAYS = 90;

/**
 * Why each of a user's credentials counts as unused, as phrases for the reason. A credential that
 * was never used counts from when it was created: the user for a password, the key's
 * `last_rotated` (its creation) for a key. Unknown ages are not flagged.
 */
export function unusedCredentials(row: CredentialReportRow, now: Date): string[] {
  const findings: string[] = [];
  const stale = (days: number | undefined) => days !== undefined && days > UNUSED_CREDENTIAL_DAYS;
  if (row.passwordEnabled) {
    const lastUsed = daysSince(row.passwordLastUsed, now);
    const created = daysSince(row.userCreationTime, now);
    if (lastUsed !== undefined && stale(lastUsed)) findings.push(`password last used ${formatDays(lastUsed)} ago`);
    if (lastUsed === undefined && stale(created)) {
      findings.push(`password never used in the ${formatDays(created ?? 0)} since the user was created`);
    }
  }
  for (const { slot, usage } of activeKeys(row)) {
    const lastUsed = daysSince(usage.lastUsed, now);
    const created = daysSince(usage.lastRotated, now);
    if (lastUsed !== undefined && stale(lastUsed))
      findings.push(`access key ${slot} last used ${formatDays(lastUsed)} ago`);
    if (lastUsed === undefined && stale(created)) {
      findings.push(`access key ${slot} never used in the ${formatDays(created ?? 0)} since it was created`);
    }
  }
  return findings;
}

export const control: Control = {
  meta: {
    id: "iam.unused-credentials",
    service: "iam",
    title: "No IAM user keeps a password or access key unused for over 90 days",
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
      text: "Deactivate or delete passwords and access keys that have not been used for 90 days; remove users who no longer need access.",
      url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_finding-unused.html",
    },
    docs: ["https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html"],
    requires: CREDENTIAL_REPORT_ACTIONS,
    related: [
      "Security Hub IAM.8",
      "Security Hub IAM.22",
      "Prowler iam_user_accesskey_unused",
      "Prowler iam_user_console_access_unused",
    ],
    verdicts: [
      "pass: every enabled password and active access key of the user was used in the last 90 days, or created since.",
      "warn: a password or active key was last used over 90 days ago, or never used more than 90 days after it was created (credentials of unknown age are not flagged).",
      "not applicable: the user has no password and no active access key.",
      "error: the credential report could not be generated or read.",
    ],
  },
  evaluate(inventory, { now }) {
    return userRows(inventory).map((row): ResourceResult => {
      const name = displayUserName(row.user);
      const keys = activeKeys(row);
      const findings = unusedCredentials(row, now);
      const base = {
        resourceArn: row.arn,
        resourceType: RESOURCE_TYPE,
        region: GLOBAL_REGION,
        evidence: {
          passwordEnabled: row.passwordEnabled,
          passwordLastUsed: row.passwordLastUsed ?? null,
          userCreationTime: row.userCreationTime ?? null,
          activeKeys: keys.map(({ slot }) => `access_key_${slot}`),
          keysLastUsed: keys.map(({ usage }) => usage.lastUsed ?? "never"),
          unused: findings,
        },
      };
      if (!row.passwordEnabled && keys.length === 0) {
        return {
          ...base,
          status: "not-applicable",
          reason: `IAM user ${name} has no password and no active access keys.`,
        };
      }
      if (findings.length > 0) {
        return { ...base, status: "warn", reason: `IAM user ${name} has unused credentials: ${findings.join("; ")}.` };
      }
      return {
        ...base,
        status: "pass",
        reason: `IAM user ${name} has used each of its credentials in the last ${UNUSED_CREDENTIAL_DAYS} days (or created them since).`,
      };
    });
  },
};
