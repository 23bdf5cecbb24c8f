/**
 * The Set-Cookie values of sign-in: the session cookie and the short-lived login-transaction cookie.
 * HttpOnly (no script reads them), SameSite=Lax (sent on the provider's top-level redirect back, not
 * on cross-site subrequests), Path=/, no Domain, and Secure with the `__Host-` prefix whenever the
 * dashboard is served over https (a plain-http public URL is accepted for localhost only).
 */
import type { OidcConfig } from "@/scripts/oidc-policy.mjs";
import { loginCookieName, sessionCookieName } from "@/lib/security/credentials";
import { LOGIN_TRANSACTION_SECONDS } from "@/lib/security/session";

function cookie(name: string, value: string, maxAge: number, secure: boolean): string {
  return [
    `${name}=${value}`,
    "Path=/",
    `Max-Age=${maxAge}`,
    "HttpOnly",
    "SameSite=Lax",
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}

const isSecure = (oidc: OidcConfig) => oidc.publicUrl.startsWith("https:");

export function sessionCookie(oidc: OidcConfig, sealed: string, maxAgeSeconds: number): string {
  return cookie(sessionCookieName(oidc), sealed, Math.max(0, Math.floor(maxAgeSeconds)), isSecure(oidc));
}

export function clearedSessionCookie(oidc: OidcConfig): string {
  return cookie(sessionCookieName(oidc), "", 0, isSecure(oidc));
}

export function loginCookie(oidc: OidcConfig, sealed: string): string {
  return cookie(loginCookieName(oidc), sealed, LOGIN_TRANSACTION_SECONDS, isSecure(oidc));
}

export function clearedLoginCookie(oidc: OidcConfig): string {
  return cookie(loginCookieName(oidc), "", 0, isSecure(oidc));
}
