import { describe, expect, it } from "vitest";
import { credentialRole, oidcConfig, oidcSettingsProblems } from "./oidc-policy.mjs";

const COMPLETE = {
  SAFEKEEP_OIDC_ISSUER: "https://idp.example.com/realms/main",
  SAFEKEEP_OIDC_CLIENT_ID: "safekeep",
  SAFEKEEP_OIDC_CLIENT_SECRET: "client-secret-from-the-provider",
  SAFEKEEP_PUBLIC_URL: "https://safekeep.example.com/",
  SAFEKEEP_SESSION_SECRET: "kP2vX9qL4mR7tW1zB8nC5yD3fG6hJ0aS-e_uQ",
  SAFEKEEP_OIDC_VIEWER_GROUPS: "sec-readers, auditors",
  SAFEKEEP_OIDC_ADMIN_GROUPS: "sec-admins",
};

describe("OpenID Connect settings", () => {
  it("are no problem when none is set", () => {
    expect(oidcSettingsProblems({})).toEqual([]);
    expect(oidcConfig({})).toBeUndefined();
  });

  it("make a configuration when complete", () => {
    expect(oidcSettingsProblems(COMPLETE)).toEqual([]);
    expect(oidcConfig(COMPLETE)).toMatchObject({
      publicUrl: "https://safekeep.example.com",
      redirectUri: "https://safekeep.example.com/auth/callback",
      groupsClaim: "groups",
      groups: { viewer: ["sec-readers", "auditors"], operator: [], admin: ["sec-admins"] },
      sessionSecrets: [COMPLETE.SAFEKEEP_SESSION_SECRET],
    });
  });

  it.each([
    [
      { SAFEKEEP_OIDC_ISSUER: "https://idp.example.com" },
      /also needs SAFEKEEP_OIDC_CLIENT_ID, SAFEKEEP_OIDC_CLIENT_SECRET/,
    ],
    [{ ...COMPLETE, SAFEKEEP_SESSION_SECRET: "" }, /also needs SAFEKEEP_SESSION_SECRET/],
    [{ ...COMPLETE, SAFEKEEP_OIDC_ISSUER: "http://idp.example.com" }, /ISSUER must be an https URL/],
    [{ ...COMPLETE, SAFEKEEP_PUBLIC_URL: "https://u:p@safekeep.example.com" }, /must not hold a user name/],
    [{ ...COMPLETE, SAFEKEEP_OIDC_VIEWER_GROUPS: "", SAFEKEEP_OIDC_ADMIN_GROUPS: " , " }, /at least one of/],
    [{ ...COMPLETE, SAFEKEEP_AUTH_TOKEN_ROLE: "root" }, /SAFEKEEP_AUTH_TOKEN_ROLE must be one of/],
    [{ ...COMPLETE, SAFEKEEP_OIDC_ID_TOKEN_ALG: "HS256" }, /asymmetric signatures only/],
    [{ ...COMPLETE, SAFEKEEP_OIDC_ID_TOKEN_ALG: "none" }, /SAFEKEEP_OIDC_ID_TOKEN_ALG must be one of/],
  ])("refuses a partial or unsafe configuration (%#)", (source, message) => {
    expect(oidcSettingsProblems(source).join("; ")).toMatch(message);
  });

  it("accepts plain http for a provider and dashboard on this machine only", () => {
    const local = {
      ...COMPLETE,
      SAFEKEEP_OIDC_ISSUER: "http://127.0.0.1:4455",
      SAFEKEEP_PUBLIC_URL: "http://localhost:3000",
    };
    expect(oidcSettingsProblems(local)).toEqual([]);
  });

  it("gives shared credentials their default roles unless told otherwise", () => {
    expect(credentialRole({}, "SAFEKEEP_AUTH_TOKEN_ROLE", "operator")).toBe("operator");
    expect(credentialRole({ SAFEKEEP_AUTH_TOKEN_ROLE: "viewer" }, "SAFEKEEP_AUTH_TOKEN_ROLE", "operator")).toBe(
      "viewer",
    );
  });
});

describe("the session secret", () => {
  it("must be strong, at start and in the server alike", async () => {
    const { listenDecision } = await import("./listen-policy.mjs");
    const weak = listenDecision({
      ...COMPLETE,
      SAFEKEEP_HOST: "0.0.0.0",
      SAFEKEEP_SESSION_SECRET: "abcdefgh".repeat(4),
    });
    expect(weak.ok).toBe(false);
    expect(weak.ok === false && weak.message).toMatch(/SAFEKEEP_SESSION_SECRET/);
    expect(weak.ok === false && weak.message).not.toContain("abcdefgh");
    const partial = listenDecision({ SAFEKEEP_HOST: "0.0.0.0", SAFEKEEP_OIDC_ISSUER: "https://idp.example.com" });
    expect(partial.ok === false && partial.message).toMatch(/also needs SAFEKEEP_OIDC_CLIENT_ID/);
    expect(listenDecision({ ...COMPLETE, SAFEKEEP_HOST: "0.0.0.0" })).toMatchObject({ ok: true, authenticated: true });
  });
});
