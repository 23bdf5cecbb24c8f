import { describe, expect, it } from "vitest";
import {
  cognitoAppClient,
  cognitoInventory,
  cognitoUserPool,
  COGNITO_TEST_CLIENT_ID,
  COGNITO_TEST_POOL_ID,
} from "@/lib/inventory/builders";
import { control } from "./app-client-password-auth";

const now = new Date("2026-06-01T00:00:00Z");

function evaluateFlows(explicitAuthFlows: string[]) {
  const pool = cognitoUserPool({ clients: [cognitoAppClient({ explicitAuthFlows })] });
  return control.evaluate(cognitoInventory({ userPools: [pool] }), { now });
}

describe("cognito.app-client-password-auth", () => {
  it.each([
    {
      name: "SRP only",
      flows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      status: "pass",
      reason: /no plaintext password flow/,
    },
    { name: "no flows listed", flows: [], status: "pass", reason: /no plaintext password flow/ },
    {
      name: "USER_PASSWORD_AUTH allowed",
      flows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH"],
      status: "warn",
      reason: /allows ALLOW_USER_PASSWORD_AUTH.*instead of through the SRP protocol/,
    },
    {
      name: "legacy USER_PASSWORD_AUTH",
      flows: ["USER_PASSWORD_AUTH"],
      status: "warn",
      reason: /allows USER_PASSWORD_AUTH/,
    },
    {
      name: "admin password flow only",
      flows: ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      status: "pass",
      reason: /server-side ALLOW_ADMIN_USER_PASSWORD_AUTH flow.*password still reaches Cognito/,
    },
    {
      name: "legacy ADMIN_NO_SRP_AUTH",
      flows: ["ADMIN_NO_SRP_AUTH"],
      status: "pass",
      reason: /server-side ADMIN_NO_SRP_AUTH/,
    },
    {
      name: "admin and client plaintext flows",
      flows: ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_USER_PASSWORD_AUTH"],
      status: "warn",
      reason: /allows ALLOW_USER_PASSWORD_AUTH/,
    },
    {
      name: "choice-based sign-in",
      flows: ["ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      status: "pass",
      reason:
        /no plaintext password flow; note that choice-based sign-in \(ALLOW_USER_AUTH\) can also accept a password/,
    },
    {
      name: "choice-based plus plaintext",
      flows: ["ALLOW_USER_AUTH", "ALLOW_USER_PASSWORD_AUTH"],
      status: "warn",
      reason: /ALLOW_USER_PASSWORD_AUTH.*ALLOW_USER_AUTH/,
    },
  ])("$name → $status", ({ flows, status, reason }) => {
    const [result] = evaluateFlows(flows);
    expect(result?.status).toBe(status);
    expect(result?.reason).toContain(COGNITO_TEST_CLIENT_ID);
    expect(result?.reason).toContain(COGNITO_TEST_POOL_ID);
    expect(result?.reason).toMatch(reason);
  });

  it("records the flows as evidence, under the client's synthetic ARN", () => {
    const [result] = evaluateFlows(["ALLOW_USER_PASSWORD_AUTH"]);
    expect(result?.evidence).toEqual({ explicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH"] });
    expect(result?.resourceArn).toBe(`${cognitoUserPool().arn}/client/${COGNITO_TEST_CLIENT_ID}`);
    expect(result?.resourceType).toBe("App client");
  });

  it("never names the client by its display name", () => {
    const pool = cognitoUserPool({ clients: [cognitoAppClient({ name: "john.smith@example.com app" })] });
    const [result] = control.evaluate(cognitoInventory({ userPools: [pool] }), { now });
    expect(result?.reason).not.toContain("john.smith");
  });

  it("yields nothing for pools whose clients are unknown or absent", () => {
    const pools = [cognitoUserPool({ clients: undefined }), cognitoUserPool({ id: "us-east-1_Empty", clients: [] })];
    expect(control.evaluate(cognitoInventory({ userPools: pools }), { now })).toEqual([]);
    expect(control.evaluate(cognitoInventory({}), { now })).toEqual([]);
  });
});
