import { describe, expect, it } from "vitest";
import type { IamInventory } from "@/lib/inventory";
import {
  accountSummary,
  credentialReport,
  credentialRow,
  IAM_TEST_NOW,
  iamInventory,
  rootCredentialRow,
  TEST_ACCOUNT,
  TEST_ROOT_ARN,
} from "@/lib/inventory/builders";
import { control } from "./root-mfa";

const now = IAM_TEST_NOW;
const ROOT_VIRTUAL = {
  serialNumber: `arn:aws:iam::${TEST_ACCOUNT}:mfa/root-account-mfa-device`,
  userArn: TEST_ROOT_ARN,
};
const USER_VIRTUAL = {
  serialNumber: `arn:aws:iam::${TEST_ACCOUNT}:mfa/ops`,
  userArn: `arn:aws:iam::${TEST_ACCOUNT}:user/ops`,
};

function evaluate(iam: Partial<IamInventory>) {
  return control.evaluate(iamInventory(iam), { now });
}

describe("xc.root-mfa", () => {
  it.each([
    {
      name: "MFA on, report agrees",
      iam: { summary: accountSummary(), credentialReport: credentialReport([rootCredentialRow()]) },
      status: "pass",
      reason: /root user has MFA enabled\./,
    },
    {
      name: "MFA on, virtual device",
      iam: { summary: accountSummary(), virtualMfaDevices: [ROOT_VIRTUAL, USER_VIRTUAL] },
      status: "pass",
      reason: /virtual, not hardware/,
    },
    {
      name: "MFA on, virtual device found by serial only",
      iam: { summary: accountSummary(), virtualMfaDevices: [{ serialNumber: ROOT_VIRTUAL.serialNumber }] },
      status: "pass",
      reason: /virtual, not hardware/,
    },
    {
      name: "MFA on, no root virtual device: hardware or security key",
      iam: { summary: accountSummary(), virtualMfaDevices: [USER_VIRTUAL] },
      status: "pass",
      reason: /hardware or security key/,
    },
    {
      name: "summary on but the report says off",
      iam: { summary: accountSummary(), credentialReport: credentialReport([rootCredentialRow({ mfaActive: false })]) },
      status: "warn",
      reason: /credential report of 2026-05-31 shows none/,
    },
    {
      name: "MFA off",
      iam: { summary: accountSummary({ accountMfaEnabled: false }) },
      status: "fail",
      reason: /no MFA device/,
    },
    {
      name: "MFA off with access keys",
      iam: {
        summary: accountSummary({
          accountMfaEnabled: false,
          accountAccessKeysPresent: true,
          accountPasswordPresent: false,
        }),
      },
      status: "fail",
      reason: /no MFA device/,
    },
    {
      name: "MFA off, root without password or keys (centralized root access)",
      iam: {
        summary: accountSummary({
          accountMfaEnabled: false,
          accountAccessKeysPresent: false,
          accountPasswordPresent: false,
        }),
      },
      status: "warn",
      reason: /centralized root access/,
    },
    {
      name: "MFA off, password presence unknown: never softened",
      iam: {
        summary: accountSummary({
          accountMfaEnabled: false,
          accountAccessKeysPresent: false,
          accountPasswordPresent: undefined,
        }),
      },
      status: "fail",
      reason: /no MFA device/,
    },
    {
      name: "summary missing, report shows MFA",
      iam: { credentialReport: credentialReport([rootCredentialRow(), credentialRow()]) },
      status: "pass",
      reason: /per the credential report/,
    },
    {
      name: "summary missing, report shows no MFA",
      iam: { credentialReport: credentialReport([rootCredentialRow({ mfaActive: false })]) },
      status: "fail",
      reason: /no MFA device, per the credential report/,
    },
  ])("$name → $status", ({ iam, status, reason }) => {
    const results = evaluate(iam);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({
      status,
      resourceArn: TEST_ROOT_ARN,
      region: "global",
      resourceType: "Root user",
    });
    expect(results[0]?.reason).toMatch(reason);
    expect(results[0]?.reason).toMatch(/root user/i);
  });

  it("records the summary, report and device kind it judged as evidence", () => {
    const [result] = evaluate({
      summary: accountSummary(),
      credentialReport: credentialReport([rootCredentialRow()], "2026-05-31T23:00:00.000Z"),
      virtualMfaDevices: [ROOT_VIRTUAL],
    });
    expect(result?.evidence).toEqual({
      accountMfaEnabled: true,
      accountAccessKeysPresent: false,
      accountPasswordPresent: true,
      reportMfaActive: true,
      reportGeneratedTime: "2026-05-31T23:00:00.000Z",
      mfaDevice: "virtual",
    });
  });

  it("yields nothing without a summary or a root row (the runner reports the failed calls)", () => {
    expect(evaluate({})).toEqual([]);
    expect(evaluate({ credentialReport: credentialReport([credentialRow()]) })).toEqual([]);
  });

  it("uses the account's partition for the root ARN", () => {
    const inventory = iamInventory({ summary: accountSummary() });
    const [result] = control.evaluate(
      { ...inventory, account: { id: "210987654321", partition: "aws-us-gov" } },
      { now },
    );
    expect(result?.resourceArn).toBe("arn:aws-us-gov:iam::210987654321:root");
  });
});
