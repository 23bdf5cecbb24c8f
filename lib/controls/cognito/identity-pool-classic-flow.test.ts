import { describe, expect, it } from "vitest";
import { cognitoIdentityPool, cognitoInventory, COGNITO_TEST_IDENTITY_POOL_ID } from "@/lib/inventory/builders";
import { control } from "./identity-pool-classic-flow";

const now = new Date("2026-06-01T00:00:00Z");

function evaluatePool(overrides: Parameters<typeof cognitoIdentityPool>[0]) {
  return control.evaluate(cognitoInventory({ identityPools: [cognitoIdentityPool(overrides)] }), { now });
}

describe("cognito.identity-pool-classic-flow", () => {
  it.each([
    { name: "classic flow off", pool: { allowClassicFlow: false }, status: "pass", reason: /turned off/ },
    {
      name: "classic flow not reported (default off)",
      pool: { allowClassicFlow: undefined },
      status: "pass",
      reason: /turned off/,
    },
    {
      name: "classic flow on, no guests",
      pool: { allowClassicFlow: true, allowUnauthenticatedIdentities: false },
      status: "warn",
      reason: /allows the basic \(classic\) flow, which lets apps request credentials for any role/,
    },
    {
      name: "classic flow on with guests",
      pool: { allowClassicFlow: true, allowUnauthenticatedIdentities: true },
      status: "fail",
      reason: /together with guest access/,
    },
    {
      name: "guests without classic flow",
      pool: { allowClassicFlow: false, allowUnauthenticatedIdentities: true },
      status: "pass",
      reason: /turned off/,
    },
  ])("$name → $status", ({ pool, status, reason }) => {
    const [result] = evaluatePool(pool);
    expect(result?.status).toBe(status);
    expect(result?.reason).toContain(COGNITO_TEST_IDENTITY_POOL_ID);
    expect(result?.reason).toMatch(reason);
  });

  it("records the fields it judged as evidence", () => {
    const [result] = evaluatePool({ allowClassicFlow: undefined, allowUnauthenticatedIdentities: true });
    expect(result?.evidence).toEqual({ allowClassicFlow: null, allowUnauthenticatedIdentities: true });
  });

  it("yields nothing without identity pools", () => {
    expect(control.evaluate(cognitoInventory({}), { now })).toEqual([]);
  });
});
