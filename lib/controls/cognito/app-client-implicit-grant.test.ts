import { describe, expect, it } from "vitest";
import {
  cognitoAppClient,
  cognitoInventory,
  cognitoUserPool,
  COGNITO_TEST_CLIENT_ID,
  COGNITO_TEST_POOL_ID,
} from "@/lib/inventory/builders";
import { control } from "./app-client-implicit-grant";

const now = new Date("2026-06-01T00:00:00Z");

function evaluateClient(overrides: Parameters<typeof cognitoAppClient>[0]) {
  const pool = cognitoUserPool({ clients: [cognitoAppClient(overrides)] });
  return control.evaluate(cognitoInventory({ userPools: [pool] }), { now });
}

describe("cognito.app-client-implicit-grant", () => {
  it.each([
    {
      name: "code grant",
      client: { allowedOAuthFlows: ["code"], allowedOAuthFlowsUserPoolClient: true },
      status: "pass",
      reason: /does not allow/,
    },
    {
      name: "implicit grant enabled",
      client: { allowedOAuthFlows: ["implicit"], allowedOAuthFlowsUserPoolClient: true },
      status: "fail",
      reason: /implicit grant, which puts tokens in the redirect URL/,
    },
    {
      name: "code and implicit enabled",
      client: { allowedOAuthFlows: ["code", "implicit"], allowedOAuthFlowsUserPoolClient: true },
      status: "fail",
      reason: /implicit grant/,
    },
    {
      name: "implicit listed but OAuth flows off",
      client: { allowedOAuthFlows: ["implicit"], allowedOAuthFlowsUserPoolClient: false },
      status: "pass",
      reason: /OAuth flows switched off/,
    },
    {
      name: "client credentials",
      client: { allowedOAuthFlows: ["client_credentials"], allowedOAuthFlowsUserPoolClient: true, hasSecret: true },
      status: "pass",
      reason: /does not allow/,
    },
    {
      name: "no OAuth at all",
      client: { allowedOAuthFlows: [], allowedOAuthFlowsUserPoolClient: false },
      status: "pass",
      reason: /does not allow/,
    },
  ])("$name → $status", ({ client, status, reason }) => {
    const [result] = evaluateClient(client);
    expect(result?.status).toBe(status);
    expect(result?.reason).toContain(COGNITO_TEST_CLIENT_ID);
    expect(result?.reason).toContain(COGNITO_TEST_POOL_ID);
    expect(result?.reason).toMatch(reason);
  });

  it("records the flows as evidence and never the URLs", () => {
    const [result] = evaluateClient({
      allowedOAuthFlows: ["implicit"],
      callbackUrls: ["https://user:pw@app.example.com/cb"],
    });
    expect(result?.evidence).toEqual({ allowedOAuthFlows: ["implicit"], allowedOAuthFlowsUserPoolClient: true });
    expect(JSON.stringify(result)).not.toContain("app.example.com");
  });

  it("yields nothing without clients", () => {
    expect(
      control.evaluate(cognitoInventory({ userPools: [cognitoUserPool({ clients: undefined })] }), { now }),
    ).toEqual([]);
  });
});
