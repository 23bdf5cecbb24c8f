import { describe, expect, it } from "vitest";
import { cognitoInventory, cognitoUserPool, COGNITO_TEST_POOL_ID } from "@/lib/inventory/builders";
import { control } from "./user-pool-threat-protection";

const now = new Date("2026-06-01T00:00:00Z");

/** Threat protection that lets every sign-in through, as SetRiskConfiguration with all NO_ACTION leaves it. */
const NOTHING = {
  lowAction: "NO_ACTION",
  mediumAction: "NO_ACTION",
  highAction: "NO_ACTION",
  compromisedCredentialsAction: "NO_ACTION",
};

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
    {
      name: "Plus, enforced, every response NO_ACTION",
      pool: { advancedSecurityMode: "ENFORCED" as const, riskConfiguration: NOTHING },
      status: "warn",
      reason: /takes no action on any risk.*no more than audit mode/,
    },
    {
      name: "Plus, enforced, no response configured at all",
      pool: { advancedSecurityMode: "ENFORCED" as const, riskConfiguration: {} },
      status: "warn",
      reason: /takes no action on any risk/,
    },
    {
      name: "Plus, enforced, only compromised credentials blocked",
      pool: {
        advancedSecurityMode: "ENFORCED" as const,
        riskConfiguration: { ...NOTHING, compromisedCredentialsAction: "BLOCK" },
      },
      status: "pass",
      reason: /acts on risks \(compromised credentials: BLOCK\)/,
    },
    {
      name: "Plus, enforced, only high-risk sign-ins challenged",
      pool: {
        advancedSecurityMode: "ENFORCED" as const,
        riskConfiguration: { ...NOTHING, highAction: "MFA_REQUIRED" },
      },
      status: "pass",
      reason: /high-risk sign-ins: MFA_REQUIRED\); app clients may override/,
    },
    {
      name: "Plus, enforced, risk configuration not read",
      pool: { advancedSecurityMode: "ENFORCED" as const, riskConfiguration: undefined },
      status: "error",
      reason: /risk configuration \(cognito-idp:DescribeRiskConfiguration\) was not read/,
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
    const [result] = evaluatePool({
      userPoolTier: "PLUS",
      advancedSecurityMode: "AUDIT",
      riskConfiguration: undefined,
    });
    expect(result?.evidence).toEqual({
      advancedSecurityMode: "AUDIT",
      userPoolTier: "PLUS",
      highRiskAction: null,
      mediumRiskAction: null,
      lowRiskAction: null,
      compromisedCredentialsAction: null,
    });
    const [enforced] = evaluatePool({});
    expect(enforced?.evidence).toMatchObject({
      highRiskAction: "MFA_REQUIRED",
      mediumRiskAction: "MFA_IF_CONFIGURED",
      lowRiskAction: "NO_ACTION",
      compromisedCredentialsAction: "BLOCK",
    });
  });

  it("depends on the risk configuration only when threat protection is enforced", () => {
    const pool = cognitoUserPool();
    const lookups = (actions: string[]) => [
      { action: "cognito-idp:ListUserPools", region: pool.region },
      ...actions.map((action) => ({ action, region: pool.region, resource: COGNITO_TEST_POOL_ID })),
    ];
    expect(evaluatePool({ advancedSecurityMode: "ENFORCED" })[0]?.dependsOn).toEqual(
      lookups(["cognito-idp:DescribeUserPool", "cognito-idp:DescribeRiskConfiguration"]),
    );
    expect(evaluatePool({ advancedSecurityMode: "AUDIT" })[0]?.dependsOn).toEqual(
      lookups(["cognito-idp:DescribeUserPool"]),
    );
    expect(control.meta.requires).toContain("cognito-idp:DescribeRiskConfiguration");
  });

  it("yields nothing without pools", () => {
    expect(control.evaluate(cognitoInventory({}), { now })).toEqual([]);
  });
});
