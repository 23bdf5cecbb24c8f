import { adminGrantSources } from "../shared/iam-policies";
import type { Control, ResourceResult } from "../types";
import { activeKeys, CREDENTIAL_REPORT_ACTIONS, displayUserName, formatDate, GLOBAL_REGION, userRows } from "./scope";

const RESOURCE_TYPE = "IAM user";

export const control: Control = {
  meta: {
    id: "iam.admin-users-with-keys",
    service: "iam",
    title: "No IAM user combines administrator rights with long-lived access keys",
    severity: "high",
    responsibility: "customer",
    recommendation: "least-privilege",
    seed: {
      file: "004_fb70acf13c3fd86e.txt",
      quote: "IAM roles have temporary credentials versus the long-lived credentials for IAM users.",
    },
    resourceType: RESOURCE_TYPE,
    remediation: {
      text: "Remove the administrator's access keys and use IAM roles or IAM Identity Center (temporary credentials) instead, or reduce the user's permissions to what its automation needs.",
      url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-workloads-use-roles",
    },
    docs: ["https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege"],
    requires: ["iam:GetAccountAuthorizationDetails", ...CREDENTIAL_REPORT_ACTIONS],
    related: [],
    verdicts: [
      'fail: an IAM user with administrator rights (AdministratorAccess directly or through a group, or a "*:*" statement; denies and conditions not evaluated) has an active access key.',
      "warn: the administrator is missing from the credential report, so its keys are unknown.",
      "pass: the administrator has no active access key.",
      "not applicable: the user has no administrator rights.",
      "error: the authorization details or the credential report could not be read.",
    ],
  },
  evaluate(inventory) {
    const iam = inventory.iam;
    const details = iam?.authorization;
    const report = iam?.credentialReport;
    if (!iam || !details || !report) return [];

    const rowsByArn = new Map(userRows(inventory).map((row) => [row.arn, row]));
    return details.users.map((user): ResourceResult => {
      const name = displayUserName(user.name);
      const sources = adminGrantSources(iam, user);
      const row = rowsByArn.get(user.arn);
      const keys = row ? activeKeys(row).map(({ slot }) => `access_key_${slot}`) : [];
      const base = {
        resourceArn: user.arn,
        resourceType: RESOURCE_TYPE,
        region: GLOBAL_REGION,
        evidence: {
          adminSources: sources,
          activeKeys: row ? keys : null,
          reportGeneratedTime: report.generatedTime,
        },
      };
      if (sources.length === 0) {
        return { ...base, status: "not-applicable", reason: `IAM user ${name} has no administrator rights.` };
      }
      if (!row) {
        return {
          ...base,
          status: "warn",
          reason: `IAM user ${name} has administrator rights but is missing from the credential report of ${formatDate(report.generatedTime)}, so its keys are unknown.`,
        };
      }
      if (keys.length > 0) {
        return {
          ...base,
          status: "fail",
          reason: `IAM user ${name} has administrator rights and ${keys.length === 1 ? "an active access key" : "two active access keys"}: long-lived credentials that can do anything.`,
        };
      }
      return {
        ...base,
        status: "pass",
        reason: `IAM user ${name} has administrator rights but no active access keys.`,
      };
    });
  },
};
