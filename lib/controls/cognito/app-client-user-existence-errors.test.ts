import { describe, expect, it } from "vitest";
import {
  cognitoAppClient,
  cognitoInventory,
  cognitoUserPool,
  COGNITO_TEST_CLIENT_ID,
  COGNITO_TEST_POOL_ID,
} from "@/lib/inventory/builders";
import { control } from "./app-client-user-existence-errors";

const now = new Date("2026-06-01T00:00:00Z");

function evaluateClient(overrides: Parameters<typeof cognitoAppClient>[0]) {
  const pool = cognitoUserPool({ clients: [cognitoAppClient(overrides)] });
  return control.evaluate(cognitoInventory({ userPools: [pool] }), { now });
}

describe("cognito.app-client-user-existence-errors", () => {
  it.each([
    {
      name: "enabled, revocation on",
      client: { preventUserExistenceErrors: "ENABLED", enableTokenRevocation: true },
      status: "pass",
      reason: /hides whether a user exists and can revoke tokens/,
    },
    {
      name: "enabled, revocation not reported",
      client: { preventUserExistenceErrors: "ENABLED", enableTokenRevocation: undefined },
      status: "pass",
      reason: /hides whether a user exists/,
    },
    {
      name: "enabled, revocation off",
      client: { preventUserExistenceErrors: "ENABLED", enableTokenRevocation: false },
      status: "warn",
      reason: /token revocation is off/,
    },
    {
      name: "legacy",
      client: { preventUserExistenceErrors: "LEGACY", enableTokenRevocation: true },
      status: "warn",
      reason: /user existence errors LEGACY, so its error messages tell callers which user names exist\./,
    },
    {
      name: "absent",
      client: { preventUserExistenceErrors: undefined },
      status: "warn",
      reason: /not set \(LEGACY\)/,
    },
    {
      name: "legacy and revocation off",
      client: { preventUserExistenceErrors: "LEGACY", enableTokenRevocation: false },
      status: "warn",
      reason: /LEGACY.*and token revocation is off/,
    },
  ])("$name → $status", ({ client, status, reason }) => {
    const [result] = evaluateClient(client);
    expect(result?.status).toBe(status);
    expect(result?.reason).toContain(COGNITO_TEST_CLIENT_ID);
    expect(result?.reason).toContain(COGNITO_TEST_POOL_ID);
    expect(result?.reason).toMatch(reason);
  });

  it("records the fields it judged as evidence", () => {
    const [result] = evaluateClient({ preventUserExistenceErrors: undefined, enableTokenRevocation: false });
    expect(result?.evidence).toEqual({ preventUserExistenceErrors: null, enableTokenRevocation: false });
  });

  it("evaluates each client of each pool", () => {
    const pool = cognitoUserPool({
      clients: [
        cognitoAppClient({ clientId: "a" }),
        cognitoAppClient({ clientId: "b", preventUserExistenceErrors: "LEGACY" }),
      ],
    });
    const results = control.evaluate(cognitoInventory({ userPools: [pool] }), { now });
    expect(results.map((r) => [r.resourceArn.split("/").pop(), r.status])).toEqual([
      ["a", "pass"],
      ["b", "warn"],
    ]);
  });

  it("yields nothing without clients", () => {
    expect(control.evaluate(cognitoInventory({}), { now })).toEqual([]);
  });
});
