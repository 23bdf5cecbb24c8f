import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loginThroughFakeIdp } from "@/fake-idp/drive-login";
import { startFakeIdp, type FakeIdp } from "@/fake-idp/server";
import { oidcConfig, type OidcConfig } from "@/scripts/oidc-policy.mjs";
import { beginLogin, finishLogin, providerSignOutUrl, roleFromGroups, safeReturnTo } from "./oidc";

// The callback must be on another origin than the provider (drive-login stops at the first redirect away).
const DASHBOARD = "http://127.0.0.1:39999";
let idp: FakeIdp;
let oidc: OidcConfig;

beforeAll(async () => {
  idp = await startFakeIdp({
    clients: [
      {
        redirectUris: [`${DASHBOARD}/auth/callback`],
        postLogoutRedirectUris: [`${DASHBOARD}/signin`],
        tokenEndpointAuthMethod: "client_secret_basic",
      },
    ],
  });
  oidc = oidcConfig({
    SAFEKEEP_OIDC_ISSUER: idp.issuer,
    SAFEKEEP_OIDC_CLIENT_ID: idp.clientId,
    SAFEKEEP_OIDC_CLIENT_SECRET: idp.clientSecret,
    SAFEKEEP_OIDC_SCOPES: "openid profile email groups",
    SAFEKEEP_PUBLIC_URL: DASHBOARD,
    SAFEKEEP_SESSION_SECRET: randomBytes(32).toString("base64"),
    SAFEKEEP_OIDC_VIEWER_GROUPS: "safekeep-viewers",
    SAFEKEEP_OIDC_OPERATOR_GROUPS: "safekeep-operators",
    SAFEKEEP_OIDC_ADMIN_GROUPS: "safekeep-admins",
  })!;
});
afterAll(() => idp.stop());
afterEach(() => idp.setMode("normal"));

/** The whole flow for `user`: start, the provider's login, back with the callback URL. */
async function signInAs(user: string, returnTo = "/findings") {
  const { url, transaction } = await beginLogin(oidc, returnTo, new Date());
  const callback = await loginThroughFakeIdp(url, user);
  return { callback, transaction, url };
}

describe("OpenID Connect sign-in against a real provider", () => {
  it("asks for the code with PKCE S256, state and nonce", async () => {
    const { url } = await signInAs("alice");
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("code_challenge")).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get("state")).toBeTruthy();
    expect(url.searchParams.get("nonce")).toBeTruthy();
    expect(url.searchParams.get("redirect_uri")).toBe(`${DASHBOARD}/auth/callback`);
  });

  it.each([
    ["alice", "admin", "Alice Admin"],
    ["oliver", "operator", "Oliver Operator"],
    ["vera", "viewer", "Vera Viewer"],
  ])("signs %s in with the role their groups grant", async (user, role, name) => {
    const { callback, transaction } = await signInAs(user);
    const outcome = await finishLogin(oidc, callback, transaction, new Date());
    expect(outcome).toMatchObject({ ok: true, role, name, returnTo: "/findings" });
  });

  it("refuses someone in none of the groups, naming them for the audit log", async () => {
    const { callback, transaction } = await signInAs("nogroup");
    const outcome = await finishLogin(oidc, callback, transaction, new Date());
    expect(outcome).toMatchObject({ ok: false, code: "no-role", who: { name: "Nadia Nogroup" } });
  });

  it.each(["wrong-key", "expired", "wrong-audience", "wrong-nonce"] as const)(
    "refuses an ID token in %s mode",
    async (mode) => {
      idp.setMode(mode);
      const { callback, transaction } = await signInAs("alice");
      const outcome = await finishLogin(oidc, callback, transaction, new Date());
      expect(outcome).toMatchObject({ ok: false, code: "token-rejected" });
      expect(outcome.ok === false && outcome.detail).toBeTruthy();
    },
  );

  it("refuses a callback without its transaction cookie, or with another sign-in's", async () => {
    const first = await signInAs("alice");
    const second = await signInAs("alice");
    expect(await finishLogin(oidc, first.callback, undefined, new Date())).toMatchObject({ code: "no-transaction" });
    // The other transaction's state and PKCE verifier do not match this code.
    expect(await finishLogin(oidc, first.callback, second.transaction, new Date())).toMatchObject({
      ok: false,
      code: "token-rejected",
    });
  });

  it("refuses a transaction older than ten minutes", async () => {
    const { callback, transaction } = await signInAs("alice");
    const later = new Date(Date.now() + 11 * 60 * 1000);
    expect(await finishLogin(oidc, callback, transaction, later)).toMatchObject({ code: "no-transaction" });
  });

  it("does not let a code be used twice", async () => {
    const { callback, transaction } = await signInAs("oliver");
    expect((await finishLogin(oidc, callback, transaction, new Date())).ok).toBe(true);
    expect((await finishLogin(oidc, callback, transaction, new Date())).ok).toBe(false);
  });

  it("offers the provider's sign-out page, returning to the dashboard", async () => {
    const url = new URL((await providerSignOutUrl(oidc))!);
    expect(url.origin).toBe(idp.url);
    expect(url.searchParams.get("post_logout_redirect_uri")).toBe(`${DASHBOARD}/signin`);
  });
});

describe("roles and return paths", () => {
  const mapping = { viewer: ["v"], operator: ["o"], admin: ["a"] };
  it("takes the highest role any group grants", () => {
    expect(roleFromGroups(["v", "o"], mapping)).toBe("operator");
    expect(roleFromGroups(["x", "a", "v"], mapping)).toBe("admin");
    expect(roleFromGroups(["x"], mapping)).toBeUndefined();
  });

  it.each([
    ["/findings?status=fail", "/findings?status=fail"],
    ["https://evil.example/", "/"],
    ["//evil.example/", "/"],
    ["/\\evil.example", "/"],
    ["/auth/logout", "/"],
    [null, "/"],
  ])("returns to %s as %s", (given, expected) => {
    expect(safeReturnTo(given)).toBe(expected);
  });
});
