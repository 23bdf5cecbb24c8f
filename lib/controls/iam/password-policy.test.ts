import { describe, expect, it } from "vitest";
import type { IamInventory } from "@/lib/inventory";
import {
  credentialReport,
  credentialRow,
  IAM_TEST_NOW,
  iamInventory,
  passwordPolicy,
  rootCredentialRow,
} from "@/lib/inventory/builders";
import { control, MIN_PASSWORD_LENGTH, MIN_PASSWORD_REUSE_PREVENTION, weakSettings } from "./password-policy";

const now = IAM_TEST_NOW;
const withPasswords = credentialReport([
  rootCredentialRow({ passwordEnabled: true }),
  credentialRow({ passwordEnabled: true }),
]);
const programmaticOnly = credentialReport([
  rootCredentialRow({ passwordEnabled: true }),
  credentialRow({ passwordEnabled: false }),
]);

function evaluate(iam: Partial<IamInventory>) {
  return control.evaluate(iamInventory(iam), { now });
}

describe("iam.password-policy", () => {
  it.each([
    {
      name: "strong policy",
      iam: { passwordPolicy: passwordPolicy(), credentialReport: withPasswords },
      status: "pass",
      reason: /meets/,
    },
    {
      name: "exactly at the minimums",
      iam: {
        passwordPolicy: passwordPolicy({
          minimumPasswordLength: MIN_PASSWORD_LENGTH,
          passwordReusePrevention: MIN_PASSWORD_REUSE_PREVENTION,
        }),
        credentialReport: withPasswords,
      },
      status: "pass",
      reason: /meets/,
    },
    {
      name: "too short",
      iam: { passwordPolicy: passwordPolicy({ minimumPasswordLength: 13 }), credentialReport: withPasswords },
      status: "warn",
      reason: /minimum length 13 \(< 14\)/,
    },
    {
      name: "no reuse prevention, no symbols",
      iam: {
        passwordPolicy: passwordPolicy({ passwordReusePrevention: undefined, requireSymbols: false }),
        credentialReport: withPasswords,
      },
      status: "warn",
      reason: /symbols not required, reuse prevention off \(< 24\)/,
    },
    {
      name: "no policy, users with passwords",
      iam: { passwordPolicy: null, credentialReport: withPasswords },
      status: "fail",
      reason: /no password policy, so the 1 IAM user/,
    },
    {
      name: "no policy, no users with passwords",
      iam: { passwordPolicy: null, credentialReport: programmaticOnly },
      status: "warn",
      reason: /no IAM user has a console password today/,
    },
    {
      name: "no policy, report unavailable",
      iam: { passwordPolicy: null },
      status: "warn",
      reason: /unknown/,
    },
    {
      name: "strong policy, nobody uses passwords",
      iam: { passwordPolicy: passwordPolicy(), credentialReport: programmaticOnly },
      status: "not-applicable",
      reason: /applies to no one/,
    },
    {
      name: "weak policy, report unavailable: still judged",
      iam: { passwordPolicy: passwordPolicy({ requireNumbers: false }) },
      status: "warn",
      reason: /numbers not required/,
    },
  ])("$name → $status", ({ iam, status, reason }) => {
    const results = evaluate(iam);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({
      status,
      region: "global",
      resourceArn: "arn:aws:iam::111122223333:account-password-policy",
    });
    expect(results[0]?.reason).toMatch(reason);
    expect(results[0]?.reason).toMatch(/password policy/);
  });

  it("ignores the root user's password when counting users", () => {
    const [result] = evaluate({
      passwordPolicy: null,
      credentialReport: credentialReport([rootCredentialRow({ passwordEnabled: true })]),
    });
    expect(result?.status).toBe("warn");
    expect(result?.evidence.usersWithPasswords).toBe(0);
  });

  it("lists every weak setting", () => {
    expect(weakSettings({})).toEqual([
      "minimum length unset (< 14)",
      "symbols not required",
      "numbers not required",
      "uppercase letters not required",
      "lowercase letters not required",
      "reuse prevention off (< 24)",
    ]);
    expect(weakSettings(passwordPolicy())).toEqual([]);
  });

  it("records the settings it judged", () => {
    const [result] = evaluate({
      passwordPolicy: passwordPolicy({ minimumPasswordLength: 8 }),
      credentialReport: withPasswords,
    });
    expect(result?.evidence).toMatchObject({ policySet: true, minimumPasswordLength: 8, usersWithPasswords: 1 });
  });

  it("yields nothing when the password policy could not be read", () => {
    expect(evaluate({ credentialReport: withPasswords })).toEqual([]);
  });
});
