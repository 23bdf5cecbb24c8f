import { describe, expect, it } from "vitest";
import { cognitoInventory, cognitoUserPool, COGNITO_TEST_POOL_ID } from "@/lib/inventory/builders";
import { control } from "./user-pool-threat-protection";

const now = new Date("2026-06-01T00:00:00Z");

function evaluatePool(overrides: Parameters<typeof cognitoUserPool>[0]) {
  return control.evaluate(cognitoInventory({ userPools: [cognitoUserPool(overrides)] }), { now });
}

describe("cognito.user-pool-threat-protection", () => {
  it.each([
    {
      name: "Plus, enforced",
      pool: { userPoolTier: "PLUS" as const, advancedSecurityMode: "ENFORCED" as const },
      status: "pass",
      reason: /enforces/,
    },
    {
      name: "Plus, audit only",
      pool: { userPoolTier: "PLUS" as const, advancedSecurityMode: "AUDIT" as const },
      status: "warn",
      reason: /audit mode/,
    },
    {
      name: "Plus, off",
      pool: { userPoolTier: "PLUS" as const, advancedSecurityMode: "OFF" as const },
      status: "warn",
      reason: /turned off/,
    },
    {
      name: "Plus, mode absent",
      pool: { userPoolTier: "PLUS" as const, advancedSecurityMode: undefined },
      status: "warn",
      reason: /turned off/,
    },
    {
      name: "Essentials, off",
      pool: { userPoolTier: "ESSENTIALS" as const, advancedSecurityMode: "OFF" as const },
      status: "not-applicable",
      reason: /ESSENTIALS plan.*requires the Plus plan/,
    },
    {
      name: "Lite, mode absent",
      pool: { userPoolTier: "LITE" as const, advancedSecurityMode: undefined },
      status: "not-applicable",
      reason: /LITE plan/,
    },
    {
      name: "tier not reported, off",
      pool: { userPoolTier: undefined, advancedSecurityMode: "OFF" as const },
      status: "not-applicable",
      reason: /plan the API did not report/,
    },
    {
      name: "tier not reported, enforced (older pricing)",
      pool: { userPoolTier: undefined, advancedSecurityMode: "ENFORCED" as const },
      status: "pass",
      reason: /enforces/,
    },
  ])("$name → $status", ({ pool, status, reason }) => {
    const [result] = evaluatePool(pool);
    expect(result?.status).toBe(status);
    expect(result?.reason).toContain(COGNITO_TEST_POOL_ID);
    expect(result?.reason).toMatch(reason);
  });

  it("never fails: the feature is a paid plan", () => {
    for (const mode of ["OFF", "AUDIT", "ENFORCED", undefined] as const) {
      for (const tier of ["LITE", "ESSENTIALS", "PLUS", undefined] as const) {
        expect(evaluatePool({ advancedSecurityMode: mode, userPoolTier: tier })[0]?.status).not.toBe("fail");
      }
    }
  });

  it("records the fields it judged as evidence", () => {
    const [result] = evaluatePool({ userPoolTier: "PLUS", advancedSecurityMode: "AUDIT" });
    expect(result?.evidence).toEqual({ advancedSecurityMode: "AUDIT", userPoolTier: "PLUS" });
    expect(evaluatePool({ userPoolTier: undefined, advancedSecurityMode: undefined })[0]?.evidence).toEqual({
      advancedSecurityMode: null,
      userPoolTier: null,
    });
  });

  it("yields nothing without pools", () => {
    expect(control.evaluate(cognitoInventory({}), { now })).toEqual([]);
  });
});
