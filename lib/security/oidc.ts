/**
 * Sign-in with the organisation's identity provider: OpenID Connect Authorization Code flow with PKCE
 * (S256), `state` and `nonce`, through openid-client. The provider's metadata and keys are discovered
 * once per process and cached (the JWKS by openid-client, refreshed when an unknown key id appears).
 *
 * The ID token's signature is checked against the provider's published keys (openid-client skips that
 * by default for tokens fetched over TLS; a dashboard that grants roles from the token's groups wants
 * it anyway), with the client's registered algorithm (RS256 unless SAFEKEEP_OIDC_ID_TOKEN_ALG says
 * otherwise; never `none` or a symmetric one), and its `iss`, `aud`, `azp`, `exp`, `iat` and `nonce`.
 * The provider's tokens are read once and dropped: the session keeps only who the person is.
 */
import * as client from "openid-client";
import type { OidcConfig } from "@/scripts/oidc-policy.mjs";
import type { Role } from "./identity";
import { LOGIN_TRANSACTION_SECONDS, seal, unseal } from "./session";

let cached: { key: string; config: Promise<client.Configuration> } | undefined;

function isLoopbackHttp(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return protocol === "http:" && /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/.test(hostname);
}

/** The provider's configuration for this client, discovered once; a failed discovery is retried on the next sign-in. */
export function oidcClient(oidc: OidcConfig): Promise<client.Configuration> {
  const key = `${oidc.issuer}\u0000${oidc.clientId}`;
  if (cached?.key !== key) {
    const config = client
      .discovery(
        new URL(oidc.issuer),
        oidc.clientId,
        { id_token_signed_response_alg: oidc.idTokenAlg },
        client.ClientSecretBasic(oidc.clientSecret),
        {
          execute: [
            client.enableNonRepudiationChecks,
            // oidc-policy.mjs accepts plain http for a provider on this machine only (tests).
            ...(isLoopbackHttp(oidc.issuer) ? [client.allowInsecureRequests] : []),
          ],
          timeout: 10,
        },
      )
      .catch((error: unknown) => {
        cached = undefined;
        throw error;
      });
    cached = { key, config };
  }
  return cached.config;
}

/** Where a sign-in may send the person afterwards: a path on this dashboard, never another site. */
export function safeReturnTo(value: string | null | undefined): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  if (/[\u0000-\u001f\u007f]/.test(value) || value.length > 2000) return "/";
  if (value.startsWith("/auth/") || value.startsWith("/signin")) return "/";
  return value;
}

export interface LoginStart {
  /** The provider's authorization URL to redirect to. */
  url: URL;
  /** The sealed login transaction (PKCE verifier, state, nonce, where to go after), for a short-lived cookie. */
  transaction: string;
}

export async function beginLogin(oidc: OidcConfig, returnTo: string, now: Date): Promise<LoginStart> {
  const config = await oidcClient(oidc);
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: oidc.redirectUri,
    scope: oidc.scopes,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  const transaction = await seal(
    { verifier, state, nonce, returnTo: safeReturnTo(returnTo) },
    oidc.sessionSecrets[0]!,
    "login",
    LOGIN_TRANSACTION_SECONDS,
    now,
  );
  return { url, transaction };
}

/** Why a sign-in was refused, in words for the person and a code for the audit log. */
export type LoginRefusal = {
  ok: false;
  code: "no-transaction" | "provider-error" | "token-rejected" | "no-role" | "provider-unreachable";
  message: string;
  /** Who it was, when the provider told us before the refusal (no role). */
  who?: { subject: string; name: string };
  /** For the server log only: the verification's own reason (an error code and message, no token). */
  detail?: string;
};

export type LoginOutcome =
  { ok: true; subject: string; name: string; role: Role; groups: string[]; returnTo: string } | LoginRefusal;

function rejectionDetail(error: unknown): string {
  if (!(error instanceof Error)) return "unknown error";
  const code = (error as { code?: unknown }).code;
  return `${typeof code === "string" ? `${code}: ` : ""}${error.message}`.slice(0, 300);
}

/** The person's role from their groups: the highest role any of their groups grants. */
export function roleFromGroups(groups: readonly string[], mapping: OidcConfig["groups"]): Role | undefined {
  const has = (role: Role) => mapping[role].some((g) => groups.includes(g));
  if (has("admin")) return "admin";
  if (has("operator")) return "operator";
  if (has("viewer")) return "viewer";
  return undefined;
}

function claimGroups(claims: Record<string, unknown>, claim: string): string[] {
  const value = claims[claim];
  if (Array.isArray(value)) return value.filter((g): g is string => typeof g === "string");
  if (typeof value === "string") return value.split(/[ ,]+/).filter(Boolean);
  return [];
}

function displayName(claims: Record<string, unknown>): string {
  for (const key of ["name", "preferred_username", "email"]) {
    const value = claims[key];
    if (typeof value === "string" && value.trim())
      return value
        .trim()
        .replace(/[\u0000-\u001f\u007f]/g, "")
        .slice(0, 100);
  }
  return String(claims.sub);
}

/**
 * Completes the sign-in from the provider's redirect: the transaction cookie must open and match the
 * returned `state`; the code is exchanged with the PKCE verifier; the ID token is checked (see above);
 * the groups claim must grant a role.
 */
export async function finishLogin(
  oidc: OidcConfig,
  callbackUrl: URL,
  transactionCookie: string | undefined,
  now: Date,
): Promise<LoginOutcome> {
  const transaction = transactionCookie
    ? await unseal(transactionCookie, oidc.sessionSecrets, "login", now)
    : undefined;
  if (
    !transaction ||
    typeof transaction.verifier !== "string" ||
    typeof transaction.state !== "string" ||
    typeof transaction.nonce !== "string"
  ) {
    return {
      ok: false,
      code: "no-transaction",
      message: "The sign-in took too long or was started in another browser. Please sign in again.",
    };
  }
  const providerError = callbackUrl.searchParams.get("error");
  if (providerError) {
    return {
      ok: false,
      code: "provider-error",
      message: `The identity provider refused the sign-in (${providerError.replace(/[^\w.-]/g, "").slice(0, 60)}).`,
    };
  }
  let config: client.Configuration;
  try {
    config = await oidcClient(oidc);
  } catch {
    return {
      ok: false,
      code: "provider-unreachable",
      message: "The identity provider could not be reached. Please try again later.",
    };
  }
  let claims: Record<string, unknown>;
  try {
    const tokens = await client.authorizationCodeGrant(
      config,
      // openid-client compares the callback's origin and path with the registered redirect URI.
      new URL(`${oidc.redirectUri}${callbackUrl.search}`),
      {
        pkceCodeVerifier: transaction.verifier,
        expectedState: transaction.state,
        expectedNonce: transaction.nonce,
        idTokenExpected: true,
      },
    );
    claims = { ...(tokens.claims() ?? {}) };
  } catch (error) {
    // The reason (signature, expiry, audience, nonce, state…) goes to the server log, never to the
    // browser: it would help an attacker tune a forged token.
    return {
      ok: false,
      code: "token-rejected",
      detail: rejectionDetail(error),
      message: "The identity provider's answer could not be verified, so you were not signed in.",
    };
  }
  const subject = String(claims.sub);
  const name = displayName(claims);
  const groups = claimGroups(claims, oidc.groupsClaim);
  const role = roleFromGroups(groups, oidc.groups);
  if (!role) {
    return {
      ok: false,
      code: "no-role",
      message: `${name} is signed in at the identity provider but is in none of the groups that may use Safekeep. Ask an administrator to add you to one.`,
      who: { subject, name },
    };
  }
  return { ok: true, subject, name, role, groups, returnTo: safeReturnTo(transaction.returnTo as string | undefined) };
}

/** The provider's sign-out page, when it has one, returning to the dashboard's signed-out page. */
export async function providerSignOutUrl(oidc: OidcConfig): Promise<string | undefined> {
  try {
    const config = await oidcClient(oidc);
    if (!config.serverMetadata().end_session_endpoint) return undefined;
    return client
      .buildEndSessionUrl(config, { client_id: oidc.clientId, post_logout_redirect_uri: `${oidc.publicUrl}/signin` })
      .toString();
  } catch {
    return undefined;
  }
}
