/**
 * Proves the fake IdP with the client Safekeep uses (openid-client 6): the authorization-code flow
 * with PKCE runs end to end for every user, and each broken-token mode is refused by the relying
 * party's own checks.
 */
import {
  allowInsecureRequests,
  authorizationCodeGrant,
  buildAuthorizationUrl,
  buildEndSessionUrl,
  calculatePKCECodeChallenge,
  discovery,
  enableNonRepudiationChecks,
  randomNonce,
  randomPKCECodeVerifier,
  randomState,
  type Configuration,
} from "openid-client";
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loginThroughFakeIdp, logoutThroughFakeIdp } from "./drive-login";
import { FAKE_IDP_USERS, startFakeIdp, type FakeIdp, type FakeIdpMode } from "./server";

// Never contacted: the helper stops at the first redirect off the IdP.
const REDIRECT_URI = "http://127.0.0.1:9/auth/callback";
const POST_LOGOUT_URI = "http://127.0.0.1:9/signed-out";
const SCOPE = "openid profile email groups";

let idp: FakeIdp;
let config: Configuration;
/** As Safekeep must configure it: the ID token's signature is checked against the JWKS. */
let verifyingConfig: Configuration;

beforeAll(async () => {
  idp = await startFakeIdp({
    clients: [{ redirectUris: [REDIRECT_URI], postLogoutRedirectUris: [POST_LOGOUT_URI] }],
  });
  config = await discovery(new URL(idp.issuer), idp.clientId, idp.clientSecret, undefined, {
    execute: [allowInsecureRequests],
  });
  verifyingConfig = await discovery(new URL(idp.issuer), idp.clientId, idp.clientSecret, undefined, {
    execute: [allowInsecureRequests, enableNonRepudiationChecks],
  });
});

afterAll(() => idp?.stop());

beforeEach(() => idp.setMode("normal"));

/** One sign-in: the authorization URL with PKCE, state and nonce, the login, the code exchange. */
async function signIn(user: string, client = verifyingConfig, scope = SCOPE) {
  const codeVerifier = randomPKCECodeVerifier();
  const state = randomState();
  const nonce = randomNonce();
  const url = buildAuthorizationUrl(client, {
    redirect_uri: REDIRECT_URI,
    scope,
    code_challenge: await calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  const callback = await loginThroughFakeIdp(url, user);
  return authorizationCodeGrant(client, callback, {
    pkceCodeVerifier: codeVerifier,
    expectedState: state,
    expectedNonce: nonce,
  });
}

/** An authorization URL with PKCE (no state or nonce) for the plain client, and its code verifier. */
async function pkceAuthorization(redirectUri = REDIRECT_URI) {
  const codeVerifier = randomPKCECodeVerifier();
  const url = buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: SCOPE,
    code_challenge: await calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
  });
  return { url, codeVerifier };
}

async function rejection(promise: Promise<unknown>): Promise<{ code: unknown; cause: string }> {
  try {
    await promise;
  } catch (error) {
    const { code, cause } = error as { code?: unknown; cause?: { message?: string } };
    return { code, cause: cause?.message ?? "" };
  }
  throw new Error("expected a rejection");
}

describe("fake IdP: discovery", () => {
  it("publishes an http loopback issuer, the code flow with S256 and the groups scope", async () => {
    expect(idp.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const metadata = config.serverMetadata();
    expect(metadata.issuer).toBe(idp.issuer);
    expect(metadata.code_challenge_methods_supported).toEqual(["S256"]);
    expect(metadata.response_types_supported).toContain("code");
    expect(metadata.scopes_supported).toEqual(expect.arrayContaining(["openid", "profile", "email", "groups"]));
    expect(metadata.claims_supported).toContain("groups");
    expect(metadata.id_token_signing_alg_values_supported).toContain("RS256");
    expect(metadata.end_session_endpoint).toBe(`${idp.issuer}/session/end`);
  });
});

describe("fake IdP: the authorization-code flow", () => {
  it.each(Object.values(FAKE_IDP_USERS))("signs $login in with groups in the ID token", async (user) => {
    const tokens = await signIn(user.login);
    const claims = tokens.claims()!;
    expect(claims).toMatchObject({
      iss: idp.issuer,
      aud: "safekeep",
      sub: user.sub,
      name: user.name,
      preferred_username: user.login,
      email: `${user.login}@example.com`,
      groups: user.groups,
    });
    expect(decodeProtectedHeader(tokens.id_token!).alg).toBe("RS256");
  });

  it("maps each user onto one Safekeep role group", () => {
    expect(Object.fromEntries(Object.values(FAKE_IDP_USERS).map((u) => [u.login, u.groups]))).toEqual({
      alice: ["safekeep-admins"],
      oliver: ["safekeep-operators"],
      vera: ["safekeep-viewers"],
      nogroup: [],
    });
    expect(new Set(Object.values(FAKE_IDP_USERS).map((u) => u.sub)).size).toBe(4);
  });

  it("leaves the groups claim out when the groups scope is not requested", async () => {
    const claims = (await signIn("alice", verifyingConfig, "openid profile email")).claims()!;
    expect(claims.email).toBe("alice@example.com");
    expect(claims).not.toHaveProperty("groups");
  });

  it("signs with a key the published JWKS verifies", async () => {
    const tokens = await signIn("vera");
    const jwks = createRemoteJWKSet(new URL(`${idp.issuer}/jwks`));
    const { payload } = await jwtVerify(tokens.id_token!, jwks, { issuer: idp.issuer, audience: "safekeep" });
    expect(payload.groups).toEqual(["safekeep-viewers"]);
  });

  it("refuses an authorization request without PKCE, back at the redirect URI", async () => {
    const url = buildAuthorizationUrl(config, { redirect_uri: REDIRECT_URI, scope: SCOPE, state: "s1" });
    const callback = await loginThroughFakeIdp(url, "alice");
    expect(`${callback.origin}${callback.pathname}`).toBe(REDIRECT_URI);
    expect(callback.searchParams.get("error")).toBe("invalid_request");
    expect(callback.searchParams.get("error_description")).toMatch(/requires PKCE/);
  });

  it("refuses a redirect URI that is not registered, at the IdP", async () => {
    const { url } = await pkceAuthorization("http://127.0.0.1:9/elsewhere");
    await expect(loginThroughFakeIdp(url, "alice")).rejects.toThrow(/fake IdP answered 400.*redirect_uri/s);
  });

  it("rejects an unknown user at the login form", async () => {
    const { url } = await pkceAuthorization();
    await expect(loginThroughFakeIdp(url, "mallory")).rejects.toThrow(/refused the login: .*Unknown user/);
  });

  it("keeps the IdP session: a second authorization with the same cookies needs no login", async () => {
    const cookies = new Map<string, string>();
    const { url: first } = await pkceAuthorization();
    expect((await loginThroughFakeIdp(first, "oliver", { cookies })).searchParams.has("code")).toBe(true);
    // Another user name is ignored: the session signs oliver in again without the form.
    const second = await loginThroughFakeIdp(first, "ignored", { cookies });
    expect(second.searchParams.has("code")).toBe(true);
  });

  it("ends the IdP session on RP-initiated logout and returns to the post-logout URI", async () => {
    const cookies = new Map<string, string>();
    const authorize = async () => (await pkceAuthorization()).url;
    await loginThroughFakeIdp(await authorize(), "vera", { cookies });
    const back = await logoutThroughFakeIdp(
      buildEndSessionUrl(config, { post_logout_redirect_uri: POST_LOGOUT_URI, state: "bye" }),
      cookies,
    );
    expect(`${back.origin}${back.pathname}`).toBe(POST_LOGOUT_URI);
    expect(back.searchParams.get("state")).toBe("bye");
    // Signed out at the IdP: the next authorization asks for a login again.
    await expect(logoutThroughFakeIdp(await authorize(), cookies)).rejects.toThrow(/asked for a login/);
  });

  it("ends the session with an id_token_hint too (oidc-provider then skips its confirmation page)", async () => {
    const cookies = new Map<string, string>();
    const { url, codeVerifier } = await pkceAuthorization();
    const tokens = await authorizationCodeGrant(config, await loginThroughFakeIdp(url, "alice", { cookies }), {
      pkceCodeVerifier: codeVerifier,
    });
    const back = await logoutThroughFakeIdp(
      buildEndSessionUrl(config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: POST_LOGOUT_URI }),
      cookies,
    );
    expect(`${back.origin}${back.pathname}`).toBe(POST_LOGOUT_URI);
  });

  it("refuses a post-logout redirect that is not registered", async () => {
    await expect(
      logoutThroughFakeIdp(buildEndSessionUrl(config, { post_logout_redirect_uri: "http://127.0.0.1:9/x" }), new Map()),
    ).rejects.toThrow(/answered 400.*post_logout_redirect_uri/);
  });
});

describe("fake IdP: broken ID tokens", () => {
  // openid-client wraps oauth4webapi's error; the cause names the failed check.
  const cases: { mode: FakeIdpMode; code: string; cause: RegExp }[] = [
    { mode: "wrong-key", code: "OAUTH_INVALID_RESPONSE", cause: /^JWT signature verification failed$/ },
    { mode: "expired", code: "OAUTH_JWT_TIMESTAMP_CHECK_FAILED", cause: /"exp" \(expiration time\)/ },
    { mode: "wrong-audience", code: "OAUTH_JWT_CLAIM_COMPARISON_FAILED", cause: /"aud" \(audience\)/ },
    { mode: "wrong-nonce", code: "OAUTH_JWT_CLAIM_COMPARISON_FAILED", cause: /"nonce"/ },
  ];

  it.each(cases)("in $mode mode the grant is rejected: $cause", async ({ mode, code, cause }) => {
    idp.setMode(mode);
    const error = await rejection(signIn("alice"));
    expect(error.code).toBe(code);
    expect(error.cause).toMatch(cause);
  });

  it("in normal mode again after a broken one, the grant succeeds", async () => {
    idp.setMode("expired");
    await expect(signIn("alice")).rejects.toThrow();
    idp.setMode("normal");
    expect((await signIn("alice")).claims()?.groups).toEqual(["safekeep-admins"]);
  });

  it("wrong-key is caught only with enableNonRepudiationChecks: openid-client does not verify by default", async () => {
    // openid-client 6 trusts an ID token from the token endpoint on TLS alone (OIDC Core 3.1.3.7 §6),
    // so without enableNonRepudiationChecks a forged signature passes. Safekeep must enable the check.
    idp.setMode("wrong-key");
    const tokens = await signIn("alice", config);
    expect(tokens.claims()?.groups).toEqual(["safekeep-admins"]);
    const jwks = createRemoteJWKSet(new URL(`${idp.issuer}/jwks`));
    await expect(jwtVerify(tokens.id_token!, jwks)).rejects.toThrow(/signature verification failed/);
  });

  it("expired keeps the real signature: only the expiry is wrong", async () => {
    idp.setMode("expired");
    const { url, codeVerifier } = await pkceAuthorization();
    const callback = await loginThroughFakeIdp(url, "alice");
    // The raw token endpoint, so the expired token can be inspected rather than rejected.
    const response = await fetch(config.serverMetadata().token_endpoint!, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code: callback.searchParams.get("code")!,
        redirect_uri: REDIRECT_URI,
        code_verifier: codeVerifier,
        client_id: idp.clientId,
        client_secret: idp.clientSecret,
      }),
    });
    const { id_token } = (await response.json()) as { id_token: string };
    const jwks = createRemoteJWKSet(new URL(`${idp.issuer}/jwks`));
    const now = Math.floor(Date.now() / 1000);
    const { payload } = await jwtVerify(id_token, jwks, { currentDate: new Date((now - 7200) * 1000) });
    expect(now - payload.exp!).toBeGreaterThanOrEqual(3600);
    expect(now - payload.iat!).toBeGreaterThanOrEqual(7200);
  });
});

describe("fake IdP: POST /__mode", () => {
  const post = (body: string) =>
    fetch(`${idp.url}/__mode`, { method: "POST", headers: { "content-type": "application/json" }, body });

  it("switches the mode for a test in another process", async () => {
    const response = await post(JSON.stringify({ mode: "wrong-audience" }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ mode: "wrong-audience" });
    expect(idp.mode()).toBe("wrong-audience");
    expect((await rejection(signIn("vera"))).cause).toMatch(/"aud"/);
    expect(await (await fetch(`${idp.url}/__mode`)).json()).toEqual({ mode: "wrong-audience" });
  });

  it.each(['{"mode":"sideways"}', "{}", "not json"])("refuses %s and keeps the mode", async (body) => {
    idp.setMode("expired");
    const response = await post(body);
    expect(response.status).toBe(400);
    expect(idp.mode()).toBe("expired");
  });
});
