// The HTTP layer's hook point, below Next.js: http.Server.prototype.emit is wrapped once per process
// so that every request passes Safekeep's hook (lib/security/http-layer.ts, installed by
// instrumentation.ts) before Next.js sees it, and so that CONNECT requests and requests Node cannot
// parse reach the hook too instead of Node's bare defaults (a dropped connection, a header-less 400).
//
// Plain JavaScript so that start-standalone.mjs can preload it (`node --import ./server-preload.mjs`):
// the server listens before Next.js runs instrumentation.ts, and requests that arrive in between are
// held here until the hook is installed, so not even the first request of a run skips it.
import http from "node:http";

const STATE = Symbol.for("safekeep.httpGuard");
/** Held requests are let through unguarded after this long: a server whose hook never comes must still answer. */
const HOLD_LIMIT_MS = 30_000;
const HOLD_LIMIT_REQUESTS = 1000;

function state() {
  globalThis[STATE] ??= { hook: undefined, held: [], holding: false, emit: undefined, servers: new WeakSet() };
  return globalThis[STATE];
}

const REASONS = {
  400: "Bad Request",
  405: "Method Not Allowed",
  408: "Request Timeout",
  431: "Request Header Fields Too Large",
};

/** A whole HTTP/1.1 response for a bare socket (no ServerResponse exists for CONNECT or a parse error). */
export function rawResponse(status, headers, body = "") {
  const lines = [`HTTP/1.1 ${status} ${REASONS[status] ?? "Error"}`];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  lines.push(`Content-Length: ${Buffer.byteLength(body)}`, "Connection: close", "", body);
  return lines.join("\r\n");
}

/** What Node itself answers to a request it cannot parse, when no hook is there yet. */
function bareClientError(error, socket) {
  if (socket.writable && socket.bytesWritten === 0) socket.end(rawResponse(400, {}));
  else socket.destroy();
}

function attach(server, s) {
  if (s.servers.has(server)) return;
  s.servers.add(server);
  // With a listener, Node hands these over instead of answering itself; the hook answers them.
  if (server.listenerCount("connect") === 0)
    server.on("connect", (request, socket) => (s.hook ? s.hook.connect(request, socket) : socket.destroy()));
  if (server.listenerCount("clientError") === 0)
    server.on("clientError", (error, socket) =>
      s.hook ? s.hook.clientError(error, socket) : bareClientError(error, socket),
    );
}

function wrap() {
  const s = state();
  if (s.emit) return s;
  const emit = http.Server.prototype.emit;
  s.emit = emit;
  http.Server.prototype.emit = function safekeepEmit(event, ...args) {
    attach(this, s);
    if (event === "request") {
      if (s.hook) {
        if (s.hook.request(this, args[0], args[1])) return true;
      } else if (s.holding && s.held.length < HOLD_LIMIT_REQUESTS) {
        s.held.push({ server: this, args });
        return true;
      }
    }
    return emit.call(this, event, ...args);
  };
  return s;
}

function release(s) {
  s.holding = false;
  const held = s.held.splice(0);
  for (const { server, args } of held) {
    if (s.hook?.request(server, args[0], args[1])) continue;
    s.emit.call(server, "request", ...args);
  }
}

/** Preload: hold requests until installHttpGuard() provides the hook (or HOLD_LIMIT_MS pass). */
export function holdRequestsUntilGuarded() {
  const s = wrap();
  if (s.hook) return;
  s.holding = true;
  setTimeout(() => release(s), HOLD_LIMIT_MS).unref();
}

/**
 * Installs (or replaces) the hook: `request(server, request, response)` returns true when it answered
 * the request itself; `connect(request, socket)` and `clientError(error, socket)` answer on the socket.
 */
export function installHttpGuard(hook) {
  const s = wrap();
  s.hook = hook;
  release(s);
}
