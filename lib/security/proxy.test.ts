import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";

const TOKEN = "Jq3v9Xz0-Lw2Pb7Rk5Ty8Nc1Md4Hs6Gf";

/** proxy.ts reads its settings once per module (lib/env.ts caches them), so each case loads it afresh. */
async function loadProxy(settings: Record<string, string | undefined>) {
  vi.resetModules();
  // What server.js listens on; unset it would be every interface, where no authentication means 401s.
  vi.stubEnv("HOSTNAME", "127.0.0.1");
  for (const [name, value] of Object.entries(settings)) vi.stubEnv(name, value);
  return (await import("@/proxy")).proxy;
}

function request(path: string, headers: Record<string, string> = {}, init: { method?: string } = {}) {
  return new NextRequest(`http://127.0.0.1:3000${path}`, {
    method: init.method ?? "GET",
    headers: { host: "127.0.0.1:3000", ...headers },
  });
}

const passedOn = (response: Response) => response.headers.get("x-middleware-next") === "1";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("proxy without authentication (loopback only)", () => {
  it("passes local requests on with the security headers and the nonce for Next.js", async () => {
    const proxy = await loadProxy({ SAFEKEEP_AUTH_TOKEN: "", SAFEKEEP_BASIC_AUTH: "" });
    const response = await proxy(request("/"));
    expect(passedOn(response)).toBe(true);
    const csp = response.headers.get("content-security-policy")!;
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    // The request Next.js renders carries the same CSP, which is where it reads the nonce from.
    expect(response.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
    expect(response.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect((await proxy(request("/"))).headers.get("content-security-policy")).not.toBe(csp);
  });

  it("refuses other host names (DNS rebinding), with the headers still set", async () => {
    const proxy = await loadProxy({ SAFEKEEP_AUTH_TOKEN: "", SAFEKEEP_BASIC_AUTH: "" });
    const response = await proxy(request("/api/snapshots/latest", { host: "rebound.attacker.example:3000" }));
    expect(response.status).toBe(421);
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(((await response.json()) as { error: string }).error).toMatch(/no authentication/);
  });

  it("refuses oversized bodies before a route reads them", async () => {
    const proxy = await loadProxy({ SAFEKEEP_AUTH_TOKEN: "", SAFEKEEP_BASIC_AUTH: "" });
    const response = await proxy(
      request("/api/scans", { "content-length": String(2 * 1024 * 1024) }, { method: "POST" }),
    );
    expect(response.status).toBe(413);
  });
});

describe("proxy with authentication", () => {
  it("answers 401 with a Basic challenge when credentials are missing or wrong", async () => {
    const proxy = await loadProxy({ SAFEKEEP_AUTH_TOKEN: TOKEN });
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      for (const headers of [{}, { authorization: "Bearer wrong" }] as Record<string, string>[]) {
        const response = await proxy(request("/services/iam", headers));
        expect(response.status).toBe(401);
        expect(response.headers.get("www-authenticate")).toBe('Basic realm="Safekeep", charset="UTF-8"');
        expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
        expect(await response.text()).not.toContain(TOKEN);
      }
      // Wrong credentials are worth a log line (without the credentials); a missing header is not.
      expect(stderr).toHaveBeenCalledTimes(1);
      expect(String(stderr.mock.calls[0]![0])).toContain('"event":"auth.rejected"');
      expect(String(stderr.mock.calls[0]![0])).not.toContain("wrong");
    } finally {
      stderr.mockRestore();
    }
  });

  it("lets /api/health through without credentials, and everything with them, from any host", async () => {
    const proxy = await loadProxy({ SAFEKEEP_AUTH_TOKEN: TOKEN });
    expect(passedOn(await proxy(request("/api/health", { host: "10.0.0.5:3000" })))).toBe(true);
    expect((await proxy(request("/api/health/", { host: "10.0.0.5:3000" }))).status).toBe(401);
    const authorized = { host: "safekeep.internal", authorization: `Bearer ${TOKEN}` };
    expect(passedOn(await proxy(request("/", authorized)))).toBe(true);
    expect(passedOn(await proxy(request("/_next/static/chunks/app.js", authorized)))).toBe(true);
    const basic = `Basic ${Buffer.from(`me:${TOKEN}`).toString("base64")}`;
    expect(passedOn(await proxy(request("/api/snapshots/latest", { authorization: basic })))).toBe(true);
  });

  it("fails closed when the settings are invalid (a server not started by the start script)", async () => {
    const proxy = await loadProxy({ SAFEKEEP_AUTH_TOKEN: "too-short" });
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      const response = await proxy(request("/", { authorization: "Bearer too-short" }));
      expect(response.status).toBe(500);
      expect(await response.text()).not.toContain("too-short");
      expect(stderr).toHaveBeenCalledTimes(1);
      expect(String(stderr.mock.calls[0]![0])).toContain('"event":"config.invalid"');
    } finally {
      stderr.mockRestore();
    }
  });
});
