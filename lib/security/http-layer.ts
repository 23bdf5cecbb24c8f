/**
 * Safekeep's HTTP layer, below Next.js (installed by instrumentation.ts through scripts/http-guard.mjs):
 * - TRACE/TRACK: 405. Next.js builds a fetch Request for the proxy, fetch forbids those methods and
 *   the client got a bare 500; echoing requests back is a cross-site-tracing risk anyway.
 * - Request-targets other than a path (`OPTIONS *`, absolute-form `GET http://elsewhere/`,
 *   authority-form): 400. Next.js answered `*` with a bare 500 and redirected an absolute-form target
 *   to itself, another host included (an open redirect).
 * - CONNECT: 405 (Node dropped the connection); requests Node cannot parse: its 400/431/408, with headers.
 * - Every response carries the security headers: those the proxy did not set (redirects Next.js
 *   answers before the proxy runs, such as the trailing-slash 308, static files, these refusals) are
 *   added when the head is written; a nonce CSP set by the proxy is kept.
 * - The peer header: whatever a client sent under PEER_HEADER is dropped and the TCP peer's address
 *   written instead, for login throttling.
 */
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { installHttpGuard, rawResponse, type HttpGuardHook } from "@/scripts/http-guard.mjs";
import { recordListenAddress } from "./exposure";
import { securityHeaders } from "./headers";
import { PEER_HEADER } from "./peer";

/** TRACK never gets here: Node's parser does not know it and answers 400 (through clientError below). */
export const REFUSED_METHODS: ReadonlySet<string> = new Set(["TRACE", "TRACK"]);
const ALLOW = "GET, HEAD, OPTIONS, POST";

/**
 * For responses without a CSP of their own: redirects, static files, JSON refusals. Nothing in them
 * may run or be framed; pages always get the proxy's nonce CSP instead.
 */
export const FALLBACK_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** The headers every response gets unless it already has its own value (the CSP without a nonce). */
export function baselineHeaders(): Record<string, string> {
  const headers: Record<string, string> = { ...securityHeaders("") };
  headers["Content-Security-Policy"] = FALLBACK_CSP;
  return headers;
}

const BASELINE = baselineHeaders();

/** An IPv4 peer on a dual-stack socket shows as `::ffff:192.0.2.1`; throttling wants one spelling. */
export function normalisePeer(address: string | undefined): string | undefined {
  if (!address) return undefined;
  return address.replace(/^::ffff:(?=\d{1,3}(?:\.\d{1,3}){3}$)/i, "");
}

function setPeer(request: IncomingMessage): void {
  const peer = normalisePeer(request.socket?.remoteAddress);
  const raw = request.rawHeaders;
  const kept: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2)
    if (raw[i]!.toLowerCase() !== PEER_HEADER) kept.push(raw[i]!, raw[i + 1]!);
  if (peer) kept.push(PEER_HEADER, peer);
  request.rawHeaders = kept;
  delete request.headers[PEER_HEADER];
  if (peer) request.headers[PEER_HEADER] = peer;
}

function headerNames(args: unknown[]): Set<string> {
  const names = new Set<string>();
  const headers = args.find((a) => typeof a === "object" && a !== null);
  if (Array.isArray(headers)) {
    headers.forEach((entry, i) => {
      if (Array.isArray(entry)) names.add(String(entry[0]).toLowerCase());
      else if (i % 2 === 0) names.add(String(entry).toLowerCase());
    });
  } else if (headers) for (const name of Object.keys(headers)) names.add(name.toLowerCase());
  return names;
}

/** Adds the baseline headers a response lacks when its head is written (explicitly or implicitly). */
function ensureHeaders(response: ServerResponse): void {
  const writeHead = response.writeHead;
  response.writeHead = function writeHeadWithSecurityHeaders(this: ServerResponse, ...args: unknown[]) {
    if (!this.headersSent) {
      const given = headerNames(args.slice(1));
      for (const [name, value] of Object.entries(BASELINE))
        if (!this.hasHeader(name) && !given.has(name.toLowerCase())) this.setHeader(name, value);
    }
    return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as ServerResponse["writeHead"];
}

function answer(response: ServerResponse, status: number, error: string, headers: Record<string, string> = {}) {
  const body = JSON.stringify({ error });
  response.writeHead(status, {
    "Content-Type": "application/json",
    "Content-Length": String(Buffer.byteLength(body)),
    "Cache-Control": "no-store",
    ...headers,
  });
  response.end(body);
}

/** Origin-form (`/path?query`) is the only request-target Safekeep serves. */
export function isOriginForm(target: string | undefined): boolean {
  return typeof target === "string" && target.startsWith("/");
}

function rawAnswer(status: number, error: string, headers: Record<string, string> = {}): string {
  return rawResponse(
    status,
    { ...BASELINE, "Content-Type": "application/json", "Cache-Control": "no-store", ...headers },
    JSON.stringify({ error }),
  );
}

const CLIENT_ERRORS: Record<string, [number, string]> = {
  HPE_HEADER_OVERFLOW: [431, "Request headers too large."],
  ERR_HTTP_REQUEST_TIMEOUT: [408, "Request timed out."],
};

/** Connections answered with a refusal, still reading the rest of what the client sends. */
const refused = new WeakSet<Duplex>();
/** How long a refused connection is read from at most before it is closed. */
const LINGER_MS = 5_000;

export const httpLayer: HttpGuardHook = {
  request(server: Server, request: IncomingMessage, response: ServerResponse): boolean {
    recordListenAddress(server.address());
    setPeer(request);
    ensureHeaders(response);
    const method = request.method ?? "";
    if (REFUSED_METHODS.has(method)) {
      answer(response, 405, `${method} is not supported.`, { Allow: ALLOW });
      return true;
    }
    if (!isOriginForm(request.url)) {
      answer(response, 400, "The request-target must be a path (origin-form, RFC 9112 section 3.2.1).");
      return true;
    }
    return false;
  },
  connect(_request: IncomingMessage, socket: Duplex): void {
    socket.end(rawAnswer(405, "CONNECT is not supported.", { Allow: ALLOW }));
  },
  clientError(error: Error & { code?: string }, socket: Duplex): void {
    // Node reports the error again for each further piece of a request it has refused. Closing then,
    // with the client's bytes unread, sends an RST that wipes the refusal from a client that has not
    // read it yet (a busy one sees ECONNRESET): the rest is read and dropped until the client closes,
    // or LINGER_MS has passed.
    if (refused.has(socket)) return;
    // As Node itself: answer unless a response on this connection has begun (its bytes would be
    // corrupted), and never on a connection already gone. A kept-alive connection that has carried
    // earlier answers is still answered: counting bytes written would reset it instead.
    const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } | null })._httpMessage;
    const writable = socket.writable && !inFlight?.headersSent;
    if (!writable || error.code === "ECONNRESET") {
      socket.destroy();
      return;
    }
    const [status, message] = CLIENT_ERRORS[error.code ?? ""] ?? [400, "Malformed HTTP request."];
    refused.add(socket);
    socket.end(rawAnswer(status, message));
    const linger = setTimeout(() => socket.destroy(), LINGER_MS);
    linger.unref();
    socket.once("close", () => clearTimeout(linger));
  },
};

/** Installs the layer for every HTTP server of this process; idempotent. */
export function installHttpLayer(): void {
  installHttpGuard(httpLayer);
}
