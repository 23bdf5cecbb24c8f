/**
 * Runs before every request (Next.js 16 "proxy", formerly middleware; Node.js runtime):
 * 1. refuses requests for host names other than loopback when no authentication is configured
 *    (DNS-rebinding protection for the default 127.0.0.1 server);
 * 2. requires credentials on every path but the public ones when authentication is configured: a
 *    shared token or Basic pair in the Authorization header, or the session cookie of a sign-in
 *    through the identity provider. Failed credentials count towards the login throttle (429 with
 *    Retry-After once an address or user name is blocked; a blocked caller's credentials are not even
 *    checked). A browser without a session is sent to the sign-in page. Route handlers check the
 *    caller's role again themselves (lib/http/authorize.ts);
 * 3. refuses undecodable paths and oversized request bodies before a route sees them;
 * 4. sets the security headers, with a per-request CSP nonce that Next.js applies to its own inline
 *    scripts.
 * No matcher: static files, 404s and API routes get the same treatment as pages.
 */
import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { auditStore, recordAudit } from "@/lib/read/audit";
import { BASIC_CHALLENGE, isLoopbackHostHeader, isPublicPath } from "@/lib/security/auth";
import { clientAddress } from "@/lib/security/client-address";
import { exposureRefusal } from "@/lib/security/exposure";
import { authenticationConfigured, identify, type CredentialSettings } from "@/lib/security/credentials";
import { sealSession, sessionNeedsRefresh, SESSION_ABSOLUTE_SECONDS } from "@/lib/security/session";
import { loginThrottle, type LockOut } from "@/lib/security/throttle";
import { sessionCookie } from "@/lib/http/session-cookies";
import { newNonce, securityHeaders } from "@/lib/security/headers";
import type { SafekeepEnv } from "@/lib/env";

/** No Safekeep request carries more; POST /api/scans accepts 4 KiB. Matches proxyClientMaxBodySize. */
const MAX_REQUEST_BODY_BYTES = 64 * 1024;

let configProblemLogged = false;

function withHeaders(response: NextResponse, nonce: string, development: boolean): NextResponse {
  for (const [name, value] of Object.entries(securityHeaders(nonce, development))) response.headers.set(name, value);
  return response;
}

function refuse(status: number, error: string, headers: Record<string, string> = {}): NextResponse {
  return NextResponse.json({ error }, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

/** What the gate decided: an answer instead of the page, or go on (with a fresh session cookie to set). */
type GateOutcome = { refused: NextResponse } | { refused?: undefined; setCookie?: string };

/** A browser asking for a page, who should see the sign-in page rather than a JSON 401. */
function wantsPage(request: NextRequest): boolean {
  return (
    request.method === "GET" &&
    !request.nextUrl.pathname.startsWith("/api/") &&
    (request.headers.get("accept") ?? "").includes("text/html")
  );
}

async function auditLockOuts(
  lockedOut: readonly LockOut[],
  user: string | undefined,
  method: "token" | "basic",
  address: string | undefined,
) {
  for (const lock of lockedOut) {
    log.warn("auth.locked-out", { scope: lock.scope, until: lock.until.toISOString(), failures: lock.failures });
    // The name is what was typed, not a proven identity: the audit log says so.
    await recordAudit(
      auditStore(),
      {
        method,
        name: user ? `user name "${user}" (not verified)` : "unknown caller",
        subject: "unknown",
        role: "viewer",
      },
      "lockout",
      {
        outcome: "refused",
        detail: `${lock.scope} blocked until ${lock.until.toISOString()} after ${lock.failures} failures`,
        address,
      },
      new Date(),
    );
  }
}

/**
 * Authentication when it is configured: the session cookie or the Authorization header must name a
 * caller; a caller blocked by the throttle is answered 429 before its credentials are looked at.
 */
async function authenticate(request: NextRequest, settings: SafekeepEnv): Promise<GateOutcome> {
  const credentials: CredentialSettings = settings;
  const now = new Date();
  const authorization = request.headers.get("authorization");
  const address = clientAddress(request.headers, settings.trustedProxyHops);
  const throttle = loginThrottle();
  // Only an Authorization header is a guess: a session cookie is sealed by the server and cannot be.
  if (authorization) {
    const gate = await throttle.check({ address, user: basicUserName(authorization) });
    if (gate.blocked) {
      return {
        refused: refuse(429, "Too many failed sign-ins; try again later.", {
          "Retry-After": String(gate.retryAfterSeconds),
        }),
      };
    }
  }
  const identified = await identify(request.headers, credentials, now);
  if (identified.ok) {
    if (identified.session && settings.oidc && sessionNeedsRefresh(identified.session, now)) {
      const seen = { ...identified.session, seenAt: Math.floor(now.getTime() / 1000) };
      const sealed = await sealSession(seen, settings.oidc.sessionSecrets[0]!, now);
      const remaining = seen.signedInAt + SESSION_ABSOLUTE_SECONDS - seen.seenAt;
      return { setCookie: sessionCookie(settings.oidc, sealed, remaining) };
    }
    return {};
  }
  if (identified.presented && identified.method !== "session") {
    const failure = await throttle.failed({ address, user: identified.user });
    if (failure.lockedOut.length > 0)
      await auditLockOuts(failure.lockedOut, identified.user, identified.method, address);
    else log.warn("auth.rejected", { path: request.nextUrl.pathname, method: request.method });
    if (failure.retryAfterSeconds !== undefined) {
      return {
        refused: refuse(429, "Too many failed sign-ins; try again later.", {
          "Retry-After": String(failure.retryAfterSeconds),
        }),
      };
    }
  }
  if (settings.oidc && !authorization && wantsPage(request)) {
    const returnTo = `${request.nextUrl.pathname}${request.nextUrl.search}`;
    // The public URL, not the request's: behind a reverse proxy the server may see an internal name.
    const target = new URL(`/signin?returnTo=${encodeURIComponent(returnTo)}`, settings.oidc.publicUrl);
    return { refused: NextResponse.redirect(target, 303) };
  }
  return {
    refused: refuse(401, "Authentication required.", settings.auth ? { "WWW-Authenticate": BASIC_CHALLENGE } : {}),
  };
}

/** The user name of a Basic Authorization header, for the per-name throttle; none for a token. */
function basicUserName(authorization: string): string | undefined {
  if (!/^basic /i.test(authorization)) return undefined;
  const decoded = Buffer.from(authorization.slice(6).trim(), "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon > 0 ? decoded.slice(0, colon) : undefined;
}

/** The answer to a request that may not go further, or how it may go on. */
async function gate(request: NextRequest): Promise<GateOutcome> {
  let settings: SafekeepEnv;
  try {
    settings = env();
  } catch (error) {
    // Fail closed: a server started without scripts/start-standalone.mjs may carry settings it refuses.
    if (!configProblemLogged) log.error("config.invalid", { error });
    configProblemLogged = true;
    return { refused: refuse(500, "Safekeep is misconfigured; see the server log.") };
  }
  let outcome: GateOutcome = {};
  if (!authenticationConfigured(settings)) {
    const refused = loopbackOnly(request);
    if (refused) return { refused };
  } else if (!isPublicPath(request.nextUrl.pathname)) {
    outcome = await authenticate(request, settings);
    if (outcome.refused) return outcome;
  }
  try {
    decodeURIComponent(request.nextUrl.pathname);
  } catch {
    // Next.js answers a path parameter it cannot decode with a bare 500 (it looks for a /400 page that
    // the App Router does not have); this is the client's mistake, so say so.
    return { refused: refuse(400, "Malformed percent-encoding in the URL path.") };
  }
  const length = Number(request.headers.get("content-length") ?? 0);
  if (!Number.isFinite(length) || length > MAX_REQUEST_BODY_BYTES)
    return { refused: refuse(413, "Request body too large.") };
  return outcome;
}

/** Without authentication: the answer to a request this loopback-only server must refuse, if any. */
function loopbackOnly(request: NextRequest): NextResponse | undefined {
  // Listening beyond loopback (server.js with HOSTNAME unset or 0.0.0.0): a Host header proves nothing.
  const exposed = exposureRefusal(request.nextUrl.pathname);
  if (exposed) return refuse(401, exposed);
  if (!isLoopbackHostHeader(request.headers.get("host"))) {
    return refuse(
      421,
      "This Safekeep server has no authentication configured and answers only for localhost and 127.0.0.1.",
    );
  }
  return undefined;
}

export async function proxy(request: NextRequest) {
  const development = process.env.NODE_ENV === "development";
  const nonce = newNonce();
  const outcome = await gate(request);
  if (outcome.refused) return withHeaders(outcome.refused, nonce, development);

  const headers = securityHeaders(nonce, development);
  const requestHeaders = new Headers(request.headers);
  // Next.js finds the nonce in the request's CSP header while rendering; x-nonce is for our own code.
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
  requestHeaders.set("x-nonce", nonce);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  if (outcome.setCookie) response.headers.append("Set-Cookie", outcome.setCookie);
  return withHeaders(response, nonce, development);
}
