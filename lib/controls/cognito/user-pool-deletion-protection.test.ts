import { describe, expect, it } from "vitest";
import { cognitoInventory, cognitoUserPool, COGNITO_TEST_POOL_ID } from "@/lib/inventory/builders";
import { control } from "./user-pool-deletion-protection";

const now = new Date("2026-06-01T00:00:00Z");

function evaluatePool(overrides: Parameters<typeof cognitoUserPool>[0]) {
  return control.evaluate(cognitoInventory({ userPools: [cognitoUserPool(overrides)] }), { now });
}

describe("cognito.user-pool-deletion-protection", () => {
  it.each([
    {
      name: "active",
      pool: { deletionProtection: "ACTIVE" as const },
      status: "pass",
      reason: /deletion protection active/,
    },
    {
      name: "inactive",
      pool: { deletionProtection: "INACTIVE" as const },
      status: "warn",
      reason: /no deletion protection/,
    },
    {
      name: "not reported (API default INACTIVE)",
      pool: { deletionProtection: undefined },
      status: "warn",
      reason: /no deletion protection/,
    },
    {
      name: "inactive with users",
      pool: { deletionProtection: "INACTIVE" as const, estimatedNumberOfUsers: 4200 },
      status: "warn",
      reason: /with about 4,200 users/,
    },
  ])("$name → $status", ({ pool, status, reason }) => {
    const [result] = evaluatePool(pool);
    expect(result?.status).toBe(status);
    expect(result?.reason).toContain(COGNITO_TEST_POOL_ID);
    expect(result?.reason).toMatch(reason);
  });

  it("records the fields it judged as evidence", () => {
    const [result] = evaluatePool({ deletionProtection: "INACTIVE", estimatedNumberOfUsers: 3 });
    expect(result?.evidence).toEqual({ deletionProtection: "INACTIVE", estimatedNumberOfUsers: 3 });
  });

  it("yields nothing without pools", () => {
    expect(control.evaluate(cognitoInventory({}), { now })).toEqual([]);
  });
});
