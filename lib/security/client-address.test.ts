import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { clientAddress, normalizeAddress } from "./client-address";
import { PEER_HEADER } from "./peer";

const request = (headers: Record<string, string>) => new Headers(headers);

interface Case {
  name: string;
  headers: Record<string, string>;
  hops: number;
  expected: string | undefined;
}

describe("clientAddress", () => {
  it.each<Case>([
    {
      name: "the peer without trusted proxies",
      headers: { [PEER_HEADER]: "198.51.100.20" },
      hops: 0,
      expected: "198.51.100.20",
    },
    {
      name: "a spoofed X-Forwarded-For ignored without trusted proxies",
      headers: { [PEER_HEADER]: "198.51.100.20", "x-forwarded-for": "203.0.113.9" },
      hops: 0,
      expected: "198.51.100.20",
    },
    {
      name: "one proxy: the right-most entry, the one our proxy wrote",
      headers: { [PEER_HEADER]: "10.0.0.5", "x-forwarded-for": "203.0.113.9, 198.51.100.20" },
      hops: 1,
      expected: "198.51.100.20",
    },
    {
      name: "two proxies: the second entry from the right",
      headers: { [PEER_HEADER]: "10.0.0.6", "x-forwarded-for": "1.2.3.4, 198.51.100.20, 10.0.0.5" },
      hops: 2,
      expected: "198.51.100.20",
    },
    {
      name: "fewer entries than proxies: the left-most (the request passed fewer of ours)",
      headers: { [PEER_HEADER]: "10.0.0.5", "x-forwarded-for": "198.51.100.20" },
      hops: 2,
      expected: "198.51.100.20",
    },
    {
      name: "no X-Forwarded-For behind a proxy: the peer",
      headers: { [PEER_HEADER]: "10.0.0.5" },
      hops: 1,
      expected: "10.0.0.5",
    },
    {
      name: "a chosen entry that is not an address: the peer",
      headers: { [PEER_HEADER]: "10.0.0.5", "x-forwarded-for": "198.51.100.20, unknown" },
      hops: 1,
      expected: "10.0.0.5",
    },
    {
      name: "an entry with a port (some proxies append it)",
      headers: { [PEER_HEADER]: "10.0.0.5", "x-forwarded-for": "198.51.100.20:51234" },
      hops: 1,
      expected: "198.51.100.20",
    },
    {
      name: "a bracketed IPv6 entry with a port, upper case",
      headers: { [PEER_HEADER]: "10.0.0.5", "x-forwarded-for": "[2001:DB8::1]:443" },
      hops: 1,
      expected: "2001:db8::1",
    },
    {
      name: "an IPv4 peer reported by a dual-stack socket",
      headers: { [PEER_HEADER]: "::ffff:198.51.100.20" },
      hops: 0,
      expected: "198.51.100.20",
    },
    { name: "no peer header", headers: {}, hops: 0, expected: undefined },
    {
      name: "a peer header that is not an address",
      headers: { [PEER_HEADER]: "localhost" },
      hops: 0,
      expected: undefined,
    },
  ])("$name", ({ headers, hops, expected }) => {
    expect(clientAddress(request(headers), hops)).toBe(expected);
  });

  it("reads repeated X-Forwarded-For headers in order, as fetch's Headers joins them", () => {
    const headers = new Headers([
      [PEER_HEADER, "10.0.0.5"],
      ["x-forwarded-for", "203.0.113.9"],
      ["x-forwarded-for", "198.51.100.20"],
    ]);
    expect(headers.get("x-forwarded-for")).toBe("203.0.113.9, 198.51.100.20");
    expect(clientAddress(headers, 1)).toBe("198.51.100.20");
  });

  it("does not read an oversized X-Forwarded-For", () => {
    const headers = request({ [PEER_HEADER]: "10.0.0.5", "x-forwarded-for": `${"1.1.1.1, ".repeat(1000)}8.8.8.8` });
    expect(clientAddress(headers, 1)).toBe("10.0.0.5");
  });
});

describe("normalizeAddress", () => {
  it.each([
    ["192.0.2.1", "192.0.2.1"],
    [" 192.0.2.1 ", "192.0.2.1"],
    ["fe80::1%eth0", "fe80::1"],
    ["[::1]", "::1"],
    ["::FFFF:192.0.2.1", "192.0.2.1"],
    ["192.0.2.1:8080:1", undefined],
    ["example.com", undefined],
    ["", undefined],
  ])("%j → %j", (raw, expected) => {
    expect(normalizeAddress(raw)).toBe(expected);
  });
});

describe("SAFEKEEP_TRUSTED_PROXY_HOPS", () => {
  it("defaults to no proxy, and blank counts as unset", () => {
    expect(parseEnv({}).trustedProxyHops).toBe(0);
    expect(parseEnv({ SAFEKEEP_TRUSTED_PROXY_HOPS: " " }).trustedProxyHops).toBe(0);
  });

  it("takes a whole number of proxies", () => {
    expect(parseEnv({ SAFEKEEP_TRUSTED_PROXY_HOPS: "2" }).trustedProxyHops).toBe(2);
  });

  it.each(["-1", "1.5", "11", "yes"])("refuses %j", (value) => {
    expect(() => parseEnv({ SAFEKEEP_TRUSTED_PROXY_HOPS: value })).toThrow(
      /SAFEKEEP_TRUSTED_PROXY_HOPS: must be a whole number of proxies from 0 to 10/,
    );
  });
});
