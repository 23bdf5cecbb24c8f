import { describe, expect, it } from "vitest";
import type { CredentialReportRow } from "@/lib/inventory";
import {
  credentialReport,
  credentialRow,
  iamArn,
  IAM_TEST_NOW,
  iamInventory,
  rootCredentialRow,
} from "@/lib/inventory/builders";
import { control } from "./iam-user-console-mfa";

const now = IAM_TEST_NOW;

function evaluate(rows: CredentialReportRow[]) {
  return control.evaluate(iamInventory({ credentialReport: credentialReport(rows, "2026-05-31T23:00:00.000Z") }), {
    now,
  });
}

describe("xc.iam-user-console-mfa", () => {
  it.each([
    {
      name: "password and MFA",
      row: { passwordEnabled: true, mfaActive: true },
      status: "pass",
      reason: /signs in to the console with MFA/,
    },
    {
      name: "password without MFA",
      row: { passwordEnabled: true, mfaActive: false },
      status: "fail",
      reason: /password alone/,
    },
    {
      name: "no password (programmatic only)",
      row: { passwordEnabled: false, mfaActive: false },
      status: "not-applicable",
      reason: /no console password/,
    },
    {
      name: "no password, MFA device still active",
      row: { passwordEnabled: false, mfaActive: true },
      status: "not-applicable",
      reason: /no console password/,
    },
  ])("$name → $status", ({ row, status, reason }) => {
    const [result] = evaluate([credentialRow({ user: "finance-viewer", ...row })]);
    expect(result).toMatchObject({ status, resourceArn: iamArn("user", "finance-viewer"), region: "global" });
    expect(result?.reason).toMatch(reason);
    expect(result?.reason).toContain("finance-viewer");
  });

  it("skips the root user's row (xc.root-mfa covers it)", () => {
    const results = evaluate([rootCredentialRow({ mfaActive: false, passwordEnabled: true }), credentialRow()]);
    expect(results.map((r) => r.resourceArn)).toEqual([iamArn("user", "deploy-bot")]);
  });

  it("yields nothing for an account without IAM users, or without a report", () => {
    expect(evaluate([rootCredentialRow()])).toEqual([]);
    expect(control.evaluate(iamInventory({}), { now })).toEqual([]);
  });

  it("masks personal data in user names but keeps the ARN", () => {
    const [result] = evaluate([
      credentialRow({ user: "jane.doe@example.com", arn: iamArn("user", "jane.doe@example.com"), mfaActive: false }),
    ]);
    expect(result?.reason).toContain("j•••@example.com");
    expect(result?.reason).not.toContain("jane.doe");
    expect(JSON.stringify(result?.evidence)).not.toContain("jane");
    expect(result?.resourceArn).toBe(iamArn("user", "jane.doe@example.com"));
  });

  it("records the password, MFA and report time", () => {
    const [result] = evaluate([credentialRow({ mfaActive: false })]);
    expect(result?.evidence).toEqual({
      passwordEnabled: true,
      mfaActive: false,
      reportGeneratedTime: "2026-05-31T23:00:00.000Z",
    });
  });
});
