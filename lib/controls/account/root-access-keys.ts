import { activeKeys, CREDENTIAL_REPORT_ACTIONS, formatDate, GLOBAL_REGION, rootArn, rootRow } from "../iam/scope";
import type { Control } from "../types";

const RESOURCE_TYPE = "Root user";

export const control: Control = {
  meta: {
    id: "xc.root-access-keys",
    service: "account",
    title: "The root user has no access keys",
    severity: "critical",
    responsibility: "customer",
    recommendation: "credentials",
    seed: {
      file: "003_19f6510e5e2315ca.txt",
      quote:
        "For data protection purposes, we recommend that you protect AWS account credentials and set up individual user accounts with IAM.",
    },
    resourceType: RESOURCE_TYPE,
    remediation: {
      text: "Delete the root user's access keys and use IAM roles, which have temporary credentials, for automation.",
      url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#lock-away-credentials",
    },
    docs: ["https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html"],
    requires: ["iam:GetAccountSummary", ...CREDENTIAL_REPORT_ACTIONS],
    related: ["Security Hub IAM.4", "Prowler iam_no_root_access_key"],
    verdicts: [
      "pass: neither the account summary nor the credential report shows an active root access key.",
      "warn: the account summary shows none, but the credential report (up to 4 hours old) still lists an active root key.",
      "fail: the account summary shows root access keys (without the summary: the credential report lists an active one).",
      "error: the account summary or the credential report could not be read.",
    ],
  },
  evaluate(inventory) {
    const summary = inventory.iam?.summary;
    const row = rootRow(inventory);
    if (!summary && !row) return [];

    const reportKeys = row ? activeKeys(row).map(({ slot }) => `access_key_${slot}`) : undefined;
    const generatedTime = inventory.iam?.credentialReport?.generatedTime;
    const base = {
      resourceArn: rootArn(inventory),
      resourceType: RESOURCE_TYPE,
      region: GLOBAL_REGION,
      evidence: {
        accountAccessKeysPresent: summary?.accountAccessKeysPresent ?? null,
        reportActiveKeys: reportKeys ?? null,
        reportGeneratedTime: row ? (generatedTime ?? null) : null,
      },
    };
    const reportHasKeys = (reportKeys?.length ?? 0) > 0;

    // The summary is live; the report can be up to 4 hours old, so the summary decides.
    if (summary?.accountAccessKeysPresent === true || (!summary && reportHasKeys)) {
      return [
        {
          ...base,
          status: "fail",
          reason: "The root user has access keys: long-lived credentials with unrestricted access to the account.",
        },
      ];
    }
    if (summary && reportHasKeys) {
      return [
        {
          ...base,
          status: "warn",
          reason: `The account summary shows no root user access keys, but the credential report of ${generatedTime ? formatDate(generatedTime) : "this scan"} lists an active one; confirm it was deleted since.`,
        },
      ];
    }
    return [{ ...base, status: "pass", reason: "The root user has no access keys." }];
  },
};
