/**
 * What the server does first, whatever started it (npm start, `node .next/standalone/server.js`, a
 * container, next dev): every line it prints becomes a redacted JSON log line, the HTTP layer guards
 * every request, and a server that would be reachable beyond loopback without authentication, or
 * that carries a weak secret, stops with exit code 1 before it serves anything (Next.js listens
 * first but holds requests until instrumentation has run).
 */
import http from "node:http";
import { log, logOutput } from "@/lib/log";
import { serverDecision } from "@/scripts/listen-policy.mjs";
import { routeServerOutput } from "@/scripts/server-output.mjs";
import { installHttpLayer } from "./http-layer";

type ProcessWithHandles = NodeJS.Process & { _getActiveHandles?: () => unknown[] };

/**
 * The addresses this process's HTTP servers listen on. Next.js does not expose its server, and only
 * the standalone server.js reads HOSTNAME (`next start -H`, `next dev -H` do not), so the listening
 * servers are found among the process's active handles: an undocumented but long-stable Node API.
 * Empty when it is unavailable; the caller then assumes what server.js would do.
 */
export function listeningAddresses(proc: ProcessWithHandles = process): string[] {
  try {
    const handles = typeof proc._getActiveHandles === "function" ? proc._getActiveHandles() : [];
    return handles
      .filter((h): h is http.Server => h instanceof http.Server && h.listening)
      .map((server) => server.address())
      .filter((address) => address !== null)
      .map((address) => (typeof address === "string" ? "localhost" : address.address));
  } catch {
    return [];
  }
}

/** Returns normally when the server may serve; otherwise logs why and exits with code 1. */
export function startServerSafeguards(
  source: Record<string, string | undefined> = process.env,
  exit: (code: number) => never = (code) => process.exit(code),
): void {
  routeServerOutput(logOutput);
  installHttpLayer();
  const decision = serverDecision(source, listeningAddresses());
  if (!decision.ok) {
    log.error("server.refused", { reason: decision.message, addresses: decision.addresses });
    exit(1);
  }
}
