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
      name: "federated-only pool (refresh tokens only, external providers)",
      pool: {
        mfaConfiguration: "OFF" as const,
        clients: [
          cognitoAppClient({
            explicitAuthFlows: ["ALLOW_REFRESH_TOKEN_AUTH"],
            supportedIdentityProviders: ["Google", "CorpSAML"],
          }),
        ],
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
    {
      name: "MFA off, no COGNITO provider but SRP allowed (an earlier rule called this federated-only)",
      pool: {
        mfaConfiguration: "OFF" as const,
        clients: [cognitoAppClient({ supportedIdentityProviders: ["CorpSAML"] })],
      },
      status: "fail",
      reason: /turned off.*local sign-in: client 4example1client2id3abcdefgh: ALLOW_USER_SRP_AUTH\)/,
    },
    {
      name: "MFA optional, no COGNITO provider but admin password flow allowed",
      pool: {
        mfaConfiguration: "OPTIONAL" as const,
        clients: [
          cognitoAppClient({
            explicitAuthFlows: ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
            supportedIdentityProviders: ["Okta"],
          }),
        ],
      },
      status: "warn",
      reason: /optional.*ALLOW_ADMIN_USER_PASSWORD_AUTH/,
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
      localSignIn: ["client 4example1client2id3abcdefgh: ALLOW_USER_SRP_AUTH, managed login (COGNITO)"],
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

describe("cognito.user-pool-mfa: who signs in locally", () => {
  /** A pool with MFA off, one client federated to an external IdP, and the given flows. */
  function federatedClientWith(explicitAuthFlows: string[], pool: Parameters<typeof cognitoUserPool>[0] = {}) {
    return evaluatePool({
      mfaConfiguration: "OFF",
      ...pool,
      clients: [cognitoAppClient({ explicitAuthFlows, supportedIdentityProviders: ["CorpSAML"] })],
    })[0];
  }

  it.each([
    { flows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"], status: "fail" },
    { flows: ["ALLOW_USER_SRP_AUTH"], status: "fail" },
    { flows: ["ALLOW_ADMIN_USER_PASSWORD_AUTH"], status: "fail" },
    // Choice-based sign-in covers password, SRP, passwordless and passkey sign-in on its own.
    { flows: ["ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"], status: "fail" },
    // Legacy values: the password flows themselves, and SRP that legacy clients always allowed.
    { flows: ["ADMIN_NO_SRP_AUTH"], status: "fail" },
    { flows: ["USER_PASSWORD_AUTH"], status: "fail" },
    // An empty list gets AWS's defaults: refresh tokens, SRP and custom authentication.
    { flows: [], status: "fail" },
    // Refresh tokens only renew a session another flow started.
    { flows: ["ALLOW_REFRESH_TOKEN_AUTH"], status: "not-applicable" },
  ])("flows $flows → $status", ({ flows, status }) => {
    expect(federatedClientWith(flows)?.status).toBe(status);
  });

  it("names AWS's default flows when the list is empty", () => {
    expect(federatedClientWith([], { customAuthTrigger: true })?.evidence.localSignIn).toEqual([
      "client 4example1client2id3abcdefgh: ALLOW_USER_SRP_AUTH, ALLOW_CUSTOM_AUTH",
    ]);
  });

  it.each([
    { trigger: true, status: "fail" },
    // Not known: a custom flow is assumed usable rather than the pool assumed federated-only.
    { trigger: undefined, status: "fail" },
    // Without a DefineAuthChallenge trigger no custom flow can sign anyone in.
    { trigger: false, status: "not-applicable" },
  ])("custom authentication only, DefineAuthChallenge trigger $trigger → $status", ({ trigger, status }) => {
    const flows = ["ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"];
    expect(federatedClientWith(flows, { customAuthTrigger: trigger })?.status).toBe(status);
    expect(federatedClientWith(["CUSTOM_AUTH_FLOW_ONLY"], { customAuthTrigger: trigger })?.status).toBe(status);
  });

  it.each([
    { oauth: true, providers: ["COGNITO"], status: "fail" },
    // Managed login serves only clients with OAuth on; COGNITO listed without it opens no way in.
    { oauth: false, providers: ["COGNITO"], status: "not-applicable" },
    { oauth: true, providers: ["Google"], status: "not-applicable" },
  ])("managed login: OAuth $oauth, providers $providers → $status", ({ oauth, providers, status }) => {
    const [result] = evaluatePool({
      mfaConfiguration: "OFF",
      clients: [
        cognitoAppClient({
          explicitAuthFlows: ["ALLOW_REFRESH_TOKEN_AUTH"],
          allowedOAuthFlowsUserPoolClient: oauth,
          supportedIdentityProviders: providers,
        }),
      ],
    });
    expect(result?.status).toBe(status);
    if (status === "fail") expect(result?.reason).toContain("managed login (COGNITO)");
  });

  it("judges a pool whose federated client sits beside a client with a local flow", () => {
    const [result] = evaluatePool({
      mfaConfiguration: "OFF",
      clients: [
        cognitoAppClient({
          clientId: "sso",
          explicitAuthFlows: ["ALLOW_REFRESH_TOKEN_AUTH"],
          supportedIdentityProviders: ["Okta"],
        }),
        cognitoAppClient({
          clientId: "backend",
          explicitAuthFlows: ["ALLOW_ADMIN_USER_PASSWORD_AUTH"],
          supportedIdentityProviders: ["Okta"],
          allowedOAuthFlowsUserPoolClient: false,
        }),
      ],
    });
    expect(result?.status).toBe("fail");
    expect(result?.evidence.localSignIn).toEqual(["client backend: ALLOW_ADMIN_USER_PASSWORD_AUTH"]);
  });

  it("shows at most three clients in the reason", () => {
    const clients = ["a", "b", "c", "d", "e"].map((clientId) => cognitoAppClient({ clientId }));
    const [result] = evaluatePool({ mfaConfiguration: "OFF", clients });
    expect(result?.reason).toMatch(/client c: ALLOW_USER_SRP_AUTH, managed login \(COGNITO\); and 2 more\)\.$/);
    expect(result?.evidence.localSignIn).toHaveLength(5);
  });
});

describe("cognito.user-pool-mfa: the lookups each verdict depends on", () => {
  const pool = cognitoUserPool();
  const lookup = (action: string, resource?: string) => ({
    action: `cognito-idp:${action}`,
    region: pool.region,
    ...(resource ? { resource } : {}),
  });

  it.each([
    {
      name: "MFA off: the pool and its clients (local or federated-only turns on them)",
      pool: { mfaConfiguration: "OFF" as const, mfaFactors: undefined },
      actions: ["DescribeUserPool", "ListUserPoolClients", "DescribeUserPoolClient"],
    },
    {
      name: "clients not read: never judged federated-only, the client calls are named",
      pool: { mfaConfiguration: "OPTIONAL" as const, clients: undefined },
      actions: ["DescribeUserPool", "ListUserPoolClients", "DescribeUserPoolClient"],
    },
    {
      name: "MFA required with TOTP, clients not read: still the clients (federated-only would be not applicable)",
      pool: { mfaConfiguration: "ON" as const, clients: undefined },
      actions: ["DescribeUserPool", "GetUserPoolMfaConfig", "ListUserPoolClients", "DescribeUserPoolClient"],
    },
    {
      name: "MFA required with SMS only: the factors and the clients",
      pool: { mfaConfiguration: "ON" as const, mfaFactors: SMS },
      actions: ["DescribeUserPool", "GetUserPoolMfaConfig", "ListUserPoolClients", "DescribeUserPoolClient"],
    },
  ])("$name", ({ pool: overrides, actions }) => {
    const [result] = evaluatePool(overrides);
    expect(result?.dependsOn).toEqual([
      lookup("ListUserPools"),
      ...actions.map((action) => lookup(action, COGNITO_TEST_POOL_ID)),
    ]);
  });
});
