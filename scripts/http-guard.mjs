// Preloaded into the server process by start-standalone.mjs (`node --import`). TRACE requests never
// reach Next.js: it builds a fetch Request for the proxy, fetch forbids the method, and the client
// gets a bare 500. TRACE is not a method Safekeep serves (and echoing requests back is a
// cross-site-tracing risk), so it gets a plain 405 here, before any application code runs.
import http from "node:http";

export const REFUSED_METHODS = new Set(["TRACE", "TRACK"]);

const emit = http.Server.prototype.emit;

http.Server.prototype.emit = function guardedEmit(event, ...args) {
  if (event === "request") {
    const [request, response] = args;
    if (REFUSED_METHODS.has(request.method)) {
      response.writeHead(405, {
        Allow: "GET, HEAD, OPTIONS, POST",
        "Content-Type": "application/json",
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      });
      response.end(JSON.stringify({ error: `${request.method} is not supported.` }));
      return true;
    }
  }
  return emit.call(this, event, ...args);
};
