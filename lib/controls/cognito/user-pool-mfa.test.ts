import { describe, expect, it } from "vitest";
import { cognitoAppClient, cognitoInventory, cognitoUserPool, COGNITO_TEST_POOL_ID } from "@/lib/inventory/builders";
import { control } from "./user-pool-mfa";

const now = new Date("2026-06-01T00:00:00Z");
const TOTP = { sms: false, softwareToken: true, email: false, webAuthn: false };
const SMS = { sms: true, softwareToken: false, email: false, webAuthn: false };

function evaluatePool(overrides: Parameters<typeof cognitoUserPool>[0]) {
  return control.evaluate(cognitoInventory({ userPools: [cognitoUserPool(overrides)] }), { now });
}

describe("cognito.user-pool-mfa", () => {
  it.each([
    {
      name: "required with TOTP",
      pool: { mfaConfiguration: "ON" as const, mfaFactors: TOTP },
      status: "pass",
      reason: /requires MFA \(authenticator app/,
    },
    {
      name: "required with passkeys",
      pool: { mfaConfiguration: "ON" as const, mfaFactors: { ...SMS, webAuthn: true } },
      status: "pass",
      reason: /passkey/,
    },
    {
      name: "required with SMS only",
      pool: { mfaConfiguration: "ON" as const, mfaFactors: SMS },
      status: "warn",
      reason: /only SMS codes/,
    },
    {
      name: "required with SMS and email only",
      pool: { mfaConfiguration: "ON" as const, mfaFactors: { ...SMS, email: true } },
      status: "warn",
      reason: /only SMS codes \(SMS, email\)/,
    },
    {
      name: "required with SMS and TOTP",
      pool: { mfaConfiguration: "ON" as const, mfaFactors: { ...SMS, softwareToken: true } },
      status: "pass",
      reason: /requires MFA/,
    },
    {
      name: "required, factors not read",
      pool: { mfaConfiguration: "ON" as const, mfaFactors: undefined },
      status: "pass",
      reason: /factors could not be read/,
    },
    { name: "optional", pool: { mfaConfiguration: "OPTIONAL" as const }, status: "warn", reason: /optional/ },
    {
      name: "off",
      pool: { mfaConfiguration: "OFF" as const, mfaFactors: undefined },
      status: "fail",
      reason: /turned off/,
    },
    {
      name: "setting not reported (API default OFF)",
      pool: { mfaConfiguration: undefined, mfaFactors: undefined },
      status: "fail",
      reason: /turned off/,
    },
    {
      name: "federated-only pool",
      pool: {
        mfaConfiguration: "OFF" as const,
        clients: [cognitoAppClient({ supportedIdentityProviders: ["Google", "CorpSAML"] })],
      },
      status: "not-applicable",
      reason: /only through external identity providers/,
    },
    {
      name: "pool without app clients",
      pool: { mfaConfiguration: "OFF" as const, clients: [] },
      status: "not-applicable",
      reason: /no app client/,
    },
    {
      name: "MFA off, clients unknown",
      pool: { mfaConfiguration: "OFF" as const, clients: undefined },
      status: "fail",
      reason: /app clients could not be read/,
    },
  ])("$name → $status", ({ pool, status, reason }) => {
    const [result] = evaluatePool(pool);
    expect(result?.status).toBe(status);
    expect(result?.reason).toContain(COGNITO_TEST_POOL_ID);
    expect(result?.reason).toMatch(reason);
  });

  it("a pool with one COGNITO client among federated ones is judged", () => {
    const [result] = evaluatePool({
      mfaConfiguration: "OFF",
      clients: [
        cognitoAppClient({ clientId: "fed", supportedIdentityProviders: ["Google"] }),
        cognitoAppClient({ clientId: "local", supportedIdentityProviders: ["COGNITO"] }),
      ],
    });
    expect(result?.status).toBe("fail");
  });

  it.each([
    { mfa: "OFF" as const, users: 1500, high: true },
    { mfa: "OPTIONAL" as const, users: 2, high: true },
    { mfa: "OFF" as const, users: 0, high: false },
    { mfa: "OFF" as const, users: undefined, high: false },
  ])("MFA $mfa with $users users mentions high severity: $high", ({ mfa, users, high }) => {
    const [result] = evaluatePool({ mfaConfiguration: mfa, estimatedNumberOfUsers: users });
    expect(control.meta.severity).toBe("medium");
    if (high) {
      expect(result?.reason).toMatch(/high-severity/);
      expect(result?.reason).toContain(users?.toLocaleString("en-US"));
    } else expect(result?.reason).not.toMatch(/high-severity/);
  });

  it("records the fields it judged as evidence", () => {
    const [result] = evaluatePool({ mfaConfiguration: "ON", mfaFactors: SMS, estimatedNumberOfUsers: 7 });
    expect(result?.evidence).toEqual({
      mfaConfiguration: "ON",
      smsMfa: true,
      softwareTokenMfa: false,
      emailMfa: false,
      passkeyMfa: false,
      signInScope: "local",
      estimatedNumberOfUsers: 7,
    });
    const [unknown] = evaluatePool({
      mfaConfiguration: "OFF",
      mfaFactors: undefined,
      estimatedNumberOfUsers: undefined,
    });
    expect(unknown?.evidence).toMatchObject({ smsMfa: null, estimatedNumberOfUsers: null });
  });

  it("evaluates every pool and yields nothing without pools", () => {
    const results = control.evaluate(
      cognitoInventory({
        userPools: [
          cognitoUserPool({ id: "us-east-1_A" }),
          cognitoUserPool({ id: "us-east-1_B", mfaConfiguration: "OFF" }),
        ],
      }),
      { now },
    );
    expect(results.map((r) => r.status)).toEqual(["pass", "fail"]);
    expect(results.map((r) => r.resourceArn)).toEqual([
      "arn:aws:cognito-idp:us-east-1:111122223333:userpool/us-east-1_A",
      "arn:aws:cognito-idp:us-east-1:111122223333:userpool/us-east-1_B",
    ]);
    expect(control.evaluate(cognitoInventory({}), { now })).toEqual([]);
  });

  it("never names the pool by its (possibly personal) display name", () => {
    const [result] = evaluatePool({ name: "jane.doe@example.com", mfaConfiguration: "OFF" });
    expect(result?.reason).not.toContain("jane.doe");
    expect(JSON.stringify(result?.evidence)).not.toContain("jane.doe");
  });
});
