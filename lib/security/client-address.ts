/**
 * The address a request comes from, for login throttling (lib/security/throttle.ts).
 *
 * By default it is the TCP peer's address, which the HTTP layer writes into PEER_HEADER after
 * discarding any value the client sent under that name; nothing the client writes is believed, so a
 * forged `X-Forwarded-For` cannot move a guesser into someone else's bucket or a fresh one.
 *
 * Behind reverse proxies of one's own, every request's peer is the proxy, so all clients would share
 * one bucket. SAFEKEEP_TRUSTED_PROXY_HOPS = N then says that the last N hops are ours: each of them
 * appends the address it received the request from to `X-Forwarded-For`, so the N-th entry from the
 * right was written by our outermost proxy and is the client's address. Entries further left were
 * written by the client and are ignored. Set N only when the server is reachable through those proxies
 * alone: a client that can reach it directly can write that entry itself.
 */
import { isIP } from "node:net";
import { PEER_HEADER } from "./peer";

/** Longer forwarding headers are not read: no chain of the proxies the setting allows (10) writes that much. */
const MAX_FORWARDED_LENGTH = 4096;

interface HeaderSource {
  get(name: string): string | null;
}

/**
 * An address in one spelling, so one client has one bucket: IPv6 lower-cased and without brackets,
 * a zone or a port, IPv4-mapped IPv6 (`::ffff:192.0.2.1`, how a dual-stack socket reports an IPv4
 * peer) as plain IPv4, `192.0.2.1:51234` (some proxies append the port) without the port.
 * Undefined for anything that is not an IP address.
 */
export function normalizeAddress(raw: string | null | undefined): string | undefined {
  if (!raw) return undefined;
  let value = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(value);
  if (bracketed) value = bracketed[1]!;
  else if (/^[\d.]+:\d{1,5}$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  value = value.replace(/%.*$/, "").toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(value);
  if (mapped) value = mapped[1]!;
  return isIP(value) ? value : undefined;
}

/**
 * The client's address: the peer's, or with `trustedProxyHops` = N > 0 the N-th `X-Forwarded-For`
 * entry from the right. When the header holds fewer entries than N the left-most one is taken (the
 * request passed fewer of our proxies than configured; the peer, one of ours, is never the client);
 * when there is none, or the chosen entry is not an address, the peer's. Undefined when the peer
 * header is missing too (a request that did not come through the HTTP layer, such as a test's).
 */
export function clientAddress(headers: HeaderSource, trustedProxyHops = 0): string | undefined {
  const peer = normalizeAddress(headers.get(PEER_HEADER));
  if (trustedProxyHops <= 0) return peer;
  const forwarded = headers.get("x-forwarded-for");
  if (!forwarded || forwarded.length > MAX_FORWARDED_LENGTH) return peer;
  // Several X-Forwarded-For lines arrive joined with ", ", in order, so one split reads them all.
  const entries = forwarded
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return peer;
  const chosen = entries[Math.max(entries.length - trustedProxyHops, 0)];
  return normalizeAddress(chosen) ?? peer;
}
