import type { PasswordPolicy } from "@/lib/inventory";
import type { Control, ResourceResult } from "../types";
import { accountResourceArn, CREDENTIAL_REPORT_ACTIONS, GLOBAL_REGION, userRows } from "./scope";

const RESOURCE_TYPE = "Account password policy";

/** CIS-style minimums (docs/controls.md#iam.password-policy). */
export const MIN_PASSWORD_LENGTH = 14;
export const MIN_PASSWORD_REUSE_PREVENTION = 24;

/** The settings of a policy weaker than the minimums, as short phrases for the reason. */
export function weakSettings(policy: PasswordPolicy): string[] {
  const weak: string[] = [];
  if ((policy.minimumPasswordLength ?? 0) < MIN_PASSWORD_LENGTH) {
    weak.push(`minimum length ${policy.minimumPasswordLength ?? "unset"} (< ${MIN_PASSWORD_LENGTH})`);
  }
  if (policy.requireSymbols !== true) weak.push("symbols not required");
  if (policy.requireNumbers !== true) weak.push("numbers not required");
  if (policy.requireUppercaseCharacters !== true) weak.push("uppercase letters not required");
  if (policy.requireLowercaseCharacters !== true) weak.push("lowercase letters not required");
  if ((policy.passwordReusePrevention ?? 0) < MIN_PASSWORD_REUSE_PREVENTION) {
    weak.push(`reuse prevention ${policy.passwordReusePrevention ?? "off"} (< ${MIN_PASSWORD_REUSE_PREVENTION})`);
  }
  return weak;
}

export const control: Control = {
  meta: {
    id: "iam.password-policy",
    service: "iam",
    title: "The account password policy is set and strong",
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
      text: "Set an account password policy with a minimum length of 14, all four character classes and reuse prevention of 24, or remove IAM console passwords in favour of federation.",
      url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html",
    },
    docs: ["https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html"],
    requires: ["iam:GetAccountPasswordPolicy", ...CREDENTIAL_REPORT_ACTIONS],
    related: ["Security Hub IAM.7", "Security Hub IAM.10–IAM.17", "Prowler iam_password_policy_*"],
    verdicts: [
      "pass: the policy requires at least 14 characters, symbols, numbers, upper- and lower-case letters, and prevents reuse of the last 24 passwords.",
      "warn: the policy is weaker than that; or there is no policy while no IAM user has a console password (AWS's default rules would apply to a new one).",
      "fail: there is no password policy while IAM users have console passwords.",
      "not applicable: a policy is set but no IAM user has a console password.",
      "error: GetAccountPasswordPolicy or the credential report could not be read.",
    ],
  },
  evaluate(inventory) {
    const iam = inventory.iam;
    const policy = iam?.passwordPolicy;
    if (policy === undefined) return [];

    // Undefined when the credential report could not be read: whether anyone signs in is then unknown.
    const passwordUsers = iam?.credentialReport
      ? userRows(inventory).filter((row) => row.passwordEnabled).length
      : undefined;
    const weak = policy ? weakSettings(policy) : [];
    const base = {
      resourceArn: accountResourceArn(inventory, "account-password-policy"),
      resourceType: RESOURCE_TYPE,
      region: GLOBAL_REGION,
      evidence: {
        policySet: policy !== null,
        minimumPasswordLength: policy?.minimumPasswordLength ?? null,
        requireSymbols: policy?.requireSymbols ?? null,
        requireNumbers: policy?.requireNumbers ?? null,
        requireUppercaseCharacters: policy?.requireUppercaseCharacters ?? null,
        requireLowercaseCharacters: policy?.requireLowercaseCharacters ?? null,
        passwordReusePrevention: policy?.passwordReusePrevention ?? null,
        usersWithPasswords: passwordUsers ?? null,
        weakSettings: weak,
      },
    };

    let result: ResourceResult;
    if (policy === null) {
      result =
        passwordUsers !== undefined && passwordUsers > 0
          ? {
              ...base,
              status: "fail",
              reason: `The account has no password policy, so the ${passwordUsers} IAM user(s) with console passwords get only AWS's default rules.`,
            }
          : {
              ...base,
              status: "warn",
              reason:
                passwordUsers === undefined
                  ? "The account has no password policy (AWS's default rules apply); whether IAM users have console passwords is unknown."
                  : "The account has no password policy; no IAM user has a console password today, but any new one would get only AWS's default rules.",
            };
    } else if (passwordUsers === 0) {
      result = {
        ...base,
        status: "not-applicable",
        reason: "The account password policy applies to no one: no IAM user has a console password.",
      };
    } else if (weak.length > 0) {
      result = {
        ...base,
        status: "warn",
        reason: `The account password policy is weaker than recommended: ${weak.join(", ")}.`,
      };
    } else {
      result = {
        ...base,
        status: "pass",
        reason: "The account password policy meets the recommended length, complexity and reuse settings.",
      };
    }
    return [result];
  },
};
