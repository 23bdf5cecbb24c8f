import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { exposureRefusal, listenAddress } from "./exposure";

const TOKEN = "Jq3v9Xz0-Lw2Pb7Rk5Ty8Nc1Md4Hs6Gf";

// No HTTP layer runs in this file, so the address is what server.js would use.
describe("exposureRefusal", () => {
  it("refuses every path but /api/health on a server listening beyond loopback without authentication", () => {
    expect(listenAddress({})).toBe("0.0.0.0");
    for (const source of [{}, { HOSTNAME: "0.0.0.0" }, { HOSTNAME: "safekeep-7d9f" }]) {
      expect(exposureRefusal("/", source)).toMatch(/^This Safekeep server listens on \S+ without authentication/);
      expect(exposureRefusal("/api/snapshots/latest", source)).toContain("SAFEKEEP_AUTH_TOKEN");
      expect(exposureRefusal("/api/health", source)).toBeUndefined();
    }
  });

  it("lets requests through on loopback or with authentication", () => {
    expect(exposureRefusal("/", { HOSTNAME: "127.0.0.1" })).toBeUndefined();
    expect(exposureRefusal("/", { HOSTNAME: "::1" })).toBeUndefined();
    expect(exposureRefusal("/", { HOSTNAME: "0.0.0.0", SAFEKEEP_AUTH_TOKEN: TOKEN })).toBeUndefined();
  });
});

describe("the proxy on a server exposed without authentication", () => {
  async function loadProxy(settings: Record<string, string>) {
    vi.resetModules();
    for (const [name, value] of Object.entries(settings)) vi.stubEnv(name, value);
    return (await import("@/proxy")).proxy;
  }
  const get = (path: string) =>
    new NextRequest(`http://localhost:3000${path}`, { headers: { host: "localhost:3000" } });

  afterEach(() => vi.unstubAllEnvs());

  it("answers 401 even to `Host: localhost`, except /api/health, with the security headers", async () => {
    const proxy = await loadProxy({ HOSTNAME: "0.0.0.0", SAFEKEEP_AUTH_TOKEN: "", SAFEKEEP_BASIC_AUTH: "" });
    for (const path of ["/", "/api/snapshots/latest", "/_next/static/chunks/app.js"]) {
      const response = await proxy(get(path));
      expect(response.status, path).toBe(401);
      expect(((await response.json()) as { error: string }).error).toMatch(
        /listens on 0\.0\.0\.0 without authentication/,
      );
      expect(response.headers.get("x-frame-options")).toBe("DENY");
    }
    expect((await proxy(get("/api/health"))).headers.get("x-middleware-next")).toBe("1");
  });

  it("passes requests on for a loopback server", async () => {
    const proxy = await loadProxy({ HOSTNAME: "127.0.0.1", SAFEKEEP_AUTH_TOKEN: "", SAFEKEEP_BASIC_AUTH: "" });
    expect((await proxy(get("/"))).headers.get("x-middleware-next")).toBe("1");
  });
});
