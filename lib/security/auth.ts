/**
 * Request authentication for the proxy: a shared bearer token and/or a Basic-auth pair, both from
 * SAFEKEEP_* settings (validated in scripts/listen-policy.mjs). Pure apart from hashing.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { AuthConfig } from "@/scripts/listen-policy.mjs";
import { isLoopbackHost } from "@/scripts/listen-policy.mjs";

/** Paths that answer without credentials: liveness probes carry none and the answer reveals nothing. */
export const PUBLIC_PATHS: ReadonlySet<string> = new Set(["/api/health"]);

/**
 * What a person who is not signed in must reach to sign in: the sign-in page, the sign-in steps and
 * the build's static files (scripts, styles, fonts: the same for everyone, no data in them).
 */
const SIGN_IN_PATHS: ReadonlySet<string> = new Set([
  "/signin",
  "/auth/login",
  "/auth/callback",
  "/auth/logout",
  "/favicon.ico",
  "/icon.svg",
  "/apple-icon.png",
]);

export function isPublicPath(pathname: string): boolean {
  return PUBLIC_PATHS.has(pathname) || SIGN_IN_PATHS.has(pathname) || pathname.startsWith("/_next/static/");
}

/** Longer Authorization headers are refused unread: no credential Safekeep accepts is that long. */
const MAX_AUTHORIZATION_LENGTH = 4096;

export const BASIC_CHALLENGE = 'Basic realm="Safekeep", charset="UTF-8"';

/**
 * Constant-time comparison of a presented secret with the configured one. Both are hashed first so
 * the buffers have equal length: timingSafeEqual then reveals neither the content nor the length.
 */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given, "utf8").digest();
  const b = createHash("sha256").update(expected, "utf8").digest();
  return timingSafeEqual(a, b);
}

function decodeBasic(encoded: string): { user: string; password: string } | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) return undefined;
  const decoded = Buffer.from(encoded, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * Whether the Authorization header carries valid credentials:
 * - `Bearer <SAFEKEEP_AUTH_TOKEN>`;
 * - `Basic` with the SAFEKEEP_BASIC_AUTH user and password;
 * - `Basic` with any user name and SAFEKEEP_AUTH_TOKEN as the password, so a browser's Basic prompt
 *   also works on a server configured with a token only.
 * Every configured comparison runs whatever the outcome of the others, so timing does not tell
 * which part was wrong.
 */
export function isAuthorized(header: string | null, auth: AuthConfig): boolean {
  if (!header || header.length > MAX_AUTHORIZATION_LENGTH) return false;
  const space = header.indexOf(" ");
  if (space < 0) return false;
  const scheme = header.slice(0, space).toLowerCase();
  const credentials = header.slice(space + 1).trim();
  if (scheme === "bearer") {
    return auth.token !== undefined && sameSecret(credentials, auth.token);
  }
  if (scheme === "basic") {
    const pair = decodeBasic(credentials);
    if (!pair) return false;
    let ok = false;
    if (auth.basic) {
      const userOk = sameSecret(pair.user, auth.basic.user);
      const passwordOk = sameSecret(pair.password, auth.basic.password);
      ok = userOk && passwordOk;
    }
    if (auth.token !== undefined) {
      const tokenOk = sameSecret(pair.password, auth.token);
      ok = ok || tokenOk;
    }
    return ok;
  }
  return false;
}

/**
 * Without authentication the server is for this machine only, and must also refuse requests whose
 * Host is not a loopback name: otherwise a web page could rebind its own DNS name to 127.0.0.1 and
 * read the dashboard (or start scans) as a same-origin page.
 */
export function isLoopbackHostHeader(host: string | null): boolean {
  // Only a name or address and a port: `evil.example@127.0.0.1` must not parse as loopback.
  const match = host ? /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::\d{1,5})?$/.exec(host) : null;
  return match !== null && isLoopbackHost(match[1]!);
}
