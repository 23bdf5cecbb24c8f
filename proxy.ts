/**
 * Runs before every request (Next.js 16 "proxy", formerly middleware; Node.js runtime):
 * 1. refuses requests for host names other than loopback when no authentication is configured
 *    (DNS-rebinding protection for the default 127.0.0.1 server);
 * 2. requires credentials on every path but /api/health when authentication is configured;
 * 3. refuses undecodable paths and oversized request bodies before a route sees them;
 * 4. sets the security headers, with a per-request CSP nonce that Next.js applies to its own inline
 *    scripts.
 * No matcher: static files, 404s and API routes get the same treatment as pages.
 */
import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { BASIC_CHALLENGE, isAuthorized, isLoopbackHostHeader, PUBLIC_PATHS } from "@/lib/security/auth";
import { newNonce, securityHeaders } from "@/lib/security/headers";
import type { AuthConfig } from "@/scripts/listen-policy.mjs";

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

/** The answer to a request that may not go further, or undefined when it may. */
function gate(request: NextRequest): NextResponse | undefined {
  let auth: AuthConfig | undefined;
  try {
    auth = env().auth;
  } catch (error) {
    // Fail closed: a server started without scripts/start-standalone.mjs may carry settings it refuses.
    if (!configProblemLogged) log.error("config.invalid", { error });
    configProblemLogged = true;
    return refuse(500, "Safekeep is misconfigured; see the server log.");
  }
  if (!auth) {
    if (!isLoopbackHostHeader(request.headers.get("host"))) {
      return refuse(
        421,
        "This Safekeep server has no authentication configured and answers only for localhost and 127.0.0.1.",
      );
    }
  } else if (!PUBLIC_PATHS.has(request.nextUrl.pathname)) {
    const header = request.headers.get("authorization");
    if (!isAuthorized(header, auth)) {
      if (header) log.warn("auth.rejected", { path: request.nextUrl.pathname, method: request.method });
      return refuse(401, "Authentication required.", { "WWW-Authenticate": BASIC_CHALLENGE });
    }
  }
  try {
    decodeURIComponent(request.nextUrl.pathname);
  } catch {
    // Next.js answers a path parameter it cannot decode with a bare 500 (it looks for a /400 page that
    // the App Router does not have); this is the client's mistake, so say so.
    return refuse(400, "Malformed percent-encoding in the URL path.");
  }
  const length = Number(request.headers.get("content-length") ?? 0);
  if (!Number.isFinite(length) || length > MAX_REQUEST_BODY_BYTES) return refuse(413, "Request body too large.");
  return undefined;
}

export function proxy(request: NextRequest) {
  const development = process.env.NODE_ENV === "development";
  const nonce = newNonce();
  const refused = gate(request);
  if (refused) return withHeaders(refused, nonce, development);

  const headers = securityHeaders(nonce, development);
  const requestHeaders = new Headers(request.headers);
  // Next.js finds the nonce in the request's CSP header while rendering; x-nonce is for our own code.
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
  requestHeaders.set("x-nonce", nonce);
  return withHeaders(NextResponse.next({ request: { headers: requestHeaders } }), nonce, development);
}
