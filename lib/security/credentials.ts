/**
 * Who presented which credentials: the one function both the proxy (which authenticates every
 * request) and the route handlers and pages (which check the role again, because a proxy is not a
 * security boundary on its own) use to name the caller.
 *
 * - no authentication configured: the server answers this machine only, so the local user (admin);
 * - `Authorization: Bearer <SAFEKEEP_AUTH_TOKEN>`: automation, with SAFEKEEP_AUTH_TOKEN_ROLE;
 * - `Authorization: Basic`: SAFEKEEP_BASIC_AUTH's pair (SAFEKEEP_BASIC_AUTH_ROLE), or any user name
 *   with the token as password (the token's role: the name is not verified);
 * - the session cookie from an OpenID Connect sign-in, with the role the person's groups granted.
 * An Authorization header wins over a cookie, so automation never rides on a browser session.
 */
import type { OidcConfig } from "@/scripts/oidc-policy.mjs";
import type { AuthConfig } from "@/scripts/listen-policy.mjs";
import { isAuthorized, sameSecret } from "./auth";
import { LOCAL_USER, type Identity, type Role } from "./identity";
import { openSession, type Session } from "./session";

export interface CredentialSettings {
  auth?: AuthConfig;
  tokenRole: Role;
  basicRole: Role;
  oidc?: OidcConfig;
}

/** Whether anything is configured that proves who a caller is; without it the server is loopback-only. */
export function authenticationConfigured(settings: CredentialSettings): boolean {
  return settings.auth !== undefined || settings.oidc !== undefined;
}

/** The session cookie's name: `__Host-` (Secure, path /, no Domain) whenever the dashboard is served over https. */
export function sessionCookieName(oidc: OidcConfig | undefined): string {
  return oidc && oidc.publicUrl.startsWith("http:") ? "safekeep-session" : "__Host-safekeep";
}

export function loginCookieName(oidc: OidcConfig | undefined): string {
  return oidc && oidc.publicUrl.startsWith("http:") ? "safekeep-login" : "__Host-safekeep-login";
}

export function cookieValue(cookieHeader: string | null, name: string): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export type Identification =
  /** Valid credentials (or none needed). `session` is set when a session cookie proved it. */
  | { ok: true; identity: Identity; session?: Session }
  /** Nothing presented. */
  | { ok: false; presented: false }
  /** Credentials presented and refused; `user` is the Basic user name tried, for throttling. */
  | { ok: false; presented: true; method: "token" | "basic" | "session"; user?: string };

const MAX_NAME = 100;

function cleanName(name: string): string {
  return name
    .replace(/[\u0000-\u001f\u007f]/g, "")
    .trim()
    .slice(0, MAX_NAME);
}

function basicPair(credentials: string): { user: string; password: string } | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(credentials)) return undefined;
  const decoded = Buffer.from(credentials, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon < 0 ? undefined : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function fromAuthorization(header: string, settings: CredentialSettings): Identification {
  const auth = settings.auth;
  const isBasic = /^basic /i.test(header);
  const pair = isBasic ? basicPair(header.slice(6).trim()) : undefined;
  const method = isBasic ? "basic" : "token";
  if (!auth || !isAuthorized(header, auth)) return { ok: false, presented: true, method, user: pair?.user };
  if (!isBasic)
    return { ok: true, identity: { method: "token", name: "API token", subject: "token", role: settings.tokenRole } };
  const user = cleanName(pair?.user ?? "");
  if (pair && auth.basic && sameSecret(pair.user, auth.basic.user) && sameSecret(pair.password, auth.basic.password)) {
    return { ok: true, identity: { method: "basic", name: user, subject: `basic:${user}`, role: settings.basicRole } };
  }
  // The token given as a Basic password: the name typed into the browser's prompt is not proven.
  return {
    ok: true,
    identity: {
      method: "token",
      name: user ? `${user} (shared token, name not verified)` : "shared token",
      subject: "token",
      role: settings.tokenRole,
    },
  };
}

/** Names the caller of a request from its Authorization and Cookie headers. */
export async function identify(headers: Headers, settings: CredentialSettings, now: Date): Promise<Identification> {
  if (!authenticationConfigured(settings)) return { ok: true, identity: LOCAL_USER };
  const authorization = headers.get("authorization");
  if (authorization) return fromAuthorization(authorization, settings);
  if (settings.oidc) {
    const cookie = cookieValue(headers.get("cookie"), sessionCookieName(settings.oidc));
    if (cookie) {
      const session = await openSession(cookie, settings.oidc.sessionSecrets, now);
      if (!session) return { ok: false, presented: true, method: "session" };
      return {
        ok: true,
        session,
        identity: { method: "session", name: session.name, subject: session.subject, role: session.role },
      };
    }
  }
  return { ok: false, presented: false };
}
