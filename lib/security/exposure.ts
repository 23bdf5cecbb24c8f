/**
 * "Loopback unless authenticated", checked inside the server per request, however it was started:
 * Next's standalone server.js listens on HOSTNAME, or on every interface when HOSTNAME is unset, and
 * a container sets HOSTNAME to its own name. Without authentication such a server answers every
 * request but /api/health with 401, even one that says `Host: localhost` (anyone on the network can
 * write that). instrumentation.ts refuses to start it in the first place; this is the second line.
 */
import {
  authenticationConfigured,
  exposedMessage,
  isLoopbackHost,
  standaloneListenAddress,
  type EnvSource,
} from "@/scripts/listen-policy.mjs";
import { PUBLIC_PATHS } from "./auth";

// Written by the HTTP layer (which sees the server) and read by the proxy (which does not): the two
// are bundled separately, so the value lives on globalThis.
const LISTEN_ADDRESS = Symbol.for("safekeep.listenAddress");

type Holder = { [LISTEN_ADDRESS]?: string };

/** The address the server is bound to; a Unix socket is this machine only. */
export function recordListenAddress(address: ReturnType<import("node:net").Server["address"]>): void {
  if (address === null) return;
  (globalThis as Holder)[LISTEN_ADDRESS] = typeof address === "string" ? "localhost" : address.address;
}

/** Where the server listens: what the HTTP layer saw, else what server.js would use. */
export function listenAddress(source: EnvSource = process.env): string {
  return (globalThis as Holder)[LISTEN_ADDRESS] ?? standaloneListenAddress(source);
}

/** The 401 message for a request to a server exposed without authentication, or undefined when it may go on. */
export function exposureRefusal(pathname: string, source: EnvSource = process.env): string | undefined {
  const address = listenAddress(source);
  if (isLoopbackHost(address) || authenticationConfigured(source) || PUBLIC_PATHS.has(pathname)) return undefined;
  return exposedMessage(address);
}
