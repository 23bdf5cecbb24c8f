import type { Control } from "../types";
import { CREDENTIAL_REPORT_ACTIONS, daysSince, formatDate, formatDays, GLOBAL_REGION, rootArn, rootRow } from "./scope";

const RESOURCE_TYPE = "Root user";

/** Root use more recent than this looks like daily work rather than a rare root-only task. */
export const ROOT_RECENT_USE_DAYS = 30;

export const control: Control = {
  meta: {
    id: "iam.root-recent-use",
    service: "iam",
    title: "The root user is not used for everyday work",
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
      text: "Administer the account through IAM roles or IAM Identity Center and keep the root user for the few tasks that require it.",
      url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html",
    },
    docs: ["https://docs.aws.amazon.com/IAM/latest/UserGuide/root-user-tasks.html"],
    requires: CREDENTIAL_REPORT_ACTIONS,
    related: ["Prowler iam_avoid_root_usage"],
    verdicts: [
      "pass: the root user's password and access keys were last used more than 30 days ago, or never.",
      "warn: the root user was used within the last 30 days (some tasks need root, so never a failure).",
      "error: the credential report could not be generated or read.",
    ],
  },
  evaluate(inventory, { now }) {
    const row = rootRow(inventory);
    if (!row) return [];
    const uses = [row.passwordLastUsed, row.accessKeys[0].lastUsed, row.accessKeys[1].lastUsed].filter(
      (use): use is string => use !== undefined,
    );
    // Compared as times, not strings: dates may come with or without milliseconds.
    const lastUse = uses.sort((a, b) => Date.parse(a) - Date.parse(b)).at(-1);
    const age = daysSince(lastUse, now);
    const base = {
      resourceArn: rootArn(inventory),
      resourceType: RESOURCE_TYPE,
      region: GLOBAL_REGION,
      evidence: {
        passwordLastUsed: row.passwordLastUsed ?? null,
        accessKey1LastUsed: row.accessKeys[0].lastUsed ?? null,
        accessKey2LastUsed: row.accessKeys[1].lastUsed ?? null,
        daysSinceLastUse: age === undefined ? null : Math.floor(age),
      },
    };
    // Some tasks need the root user, so recent use is a warning, never a failure.
    if (lastUse !== undefined && age !== undefined && age <= ROOT_RECENT_USE_DAYS) {
      return [
        {
          ...base,
          status: "warn",
          reason: `The root user was last used on ${formatDate(lastUse)} (${formatDays(age)} ago); keep it for tasks only root can do.`,
        },
      ];
    }
    return [
      {
        ...base,
        status: "pass",
        reason:
          lastUse === undefined
            ? "The root user has no recorded use of its password or access keys."
            : `The root user was last used on ${formatDate(lastUse)}, over ${ROOT_RECENT_USE_DAYS} days ago.`,
      },
    ];
  },
};
