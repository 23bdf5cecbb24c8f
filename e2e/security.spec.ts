import { existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test, type APIResponse, type Page } from "@playwright/test";
import { ControlPage } from "./pages/control-page";
import { DashboardPage } from "./pages/dashboard-page";
import { ServicePage } from "./pages/service-page";
import { parseRawResponse, type RawAnswer } from "../test-support/raw-http";
import { spawnServer, startOwnServer, type OwnServer } from "./support/own-server";

const EXPECTED_HEADERS: Record<string, string | RegExp> = {
  "content-security-policy": /^default-src 'self'; script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic';/,
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "permissions-policy": /camera=\(\), .*microphone=\(\)/,
  "cross-origin-opener-policy": "same-origin",
  "x-frame-options": "DENY",
};

function expectSecurityHeaders(response: { headers(): Record<string, string> } | null) {
  expect(response).not.toBeNull();
  const headers = response!.headers();
  for (const [name, value] of Object.entries(EXPECTED_HEADERS)) expect(headers[name], name).toMatch(value);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"]).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
  expect(headers["x-powered-by"]).toBeUndefined();
}

/** Collects everything that would show a CSP problem: violation events, console errors, page errors. */
async function watchForViolations(page: Page): Promise<() => Promise<string[]>> {
  const problems: string[] = [];
  page.on("console", (message) => {
    const text = message.text();
    // A not-found page is expected to log its own 404; anything else in red is a problem.
    if (/Failed to load resource: the server responded with a status of 404/.test(text)) return;
    if (message.type() === "error" || /Content Security Policy|Permissions-Policy/i.test(text))
      problems.push(`console ${message.type()}: ${text}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  // Registered before any page script runs, in every document the page opens.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (e) =>
      seen.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`),
    );
  });
  return async () => [
    ...problems,
    ...(await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [])),
  ];
}

test.describe("the dashboard's own security @critical", () => {
  test("pages and API responses carry the security headers, each page its own nonce", async ({ page, request }) => {
    const first = await request.get("/?snapshot=demo");
    expectSecurityHeaders(first);
    const second = await request.get("/?snapshot=demo");
    const nonce = (r: APIResponse) => /'nonce-([^']+)'/.exec(r.headers()["content-security-policy"]!)?.[1];
    expect(nonce(first)).not.toEqual(nonce(second));
    // Next.js puts that request's nonce on every script it writes into the page.
    const html = await first.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce(first)}"`);

    expectSecurityHeaders(await request.get("/api/snapshots/demo"));
    expectSecurityHeaders(await request.get("/api/health"));
    expectSecurityHeaders(await request.get("/api/no-such-endpoint"));
    expectSecurityHeaders(await page.goto("/no-such-page"));
  });

  test("the CSP does not break the pages: overview → service → control, scripts and styles work", async ({ page }) => {
    const violations = await watchForViolations(page);
    const dashboard = new DashboardPage(page);
    await dashboard.goto("?snapshot=demo");
    // Style attributes are allowed on purpose (style-src-attr): the bars must have their widths.
    const bar = page.locator('[style*="width"]').first();
    expect(await bar.evaluate((el) => el.getBoundingClientRect().width)).toBeGreaterThan(0);
    await dashboard.openService("Amazon ElastiCache");
    const service = new ServicePage(page);
    await service.openControl("Valkey/Redis OSS replication groups require TLS");
    // Client components only respond if their scripts ran under the CSP.
    const control = new ControlPage(page);
    await control.filterByStatus("Fail (1)");
    await control.showEvidence("checkout-legacy");
    await page.goto("/scan");
    await expect(page.getByRole("button", { name: "Scan now" })).toBeEnabled();
    await page.goto("/snapshots");
    await expect(page.getByRole("heading", { level: 1, name: "Snapshot history" })).toBeVisible();
    await page.goto("/no-such-page");
    await expect(page.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible();
    await page.getByRole("link", { name: "Back to the overview" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Data-protection posture" })).toBeVisible();
    expect(await violations()).toEqual([]);
  });

  test("the CSP blocks injected inline scripts and event handlers", async ({ page }) => {
    const violations = await watchForViolations(page);
    await page.goto("/?snapshot=demo");
    const ran = await page.evaluate(async () => {
      const w = window as unknown as { injected?: boolean };
      const holder = document.createElement("div");
      holder.innerHTML = '<img src="/no-such-image.png" onerror="window.injected = true">';
      document.body.append(holder);
      await new Promise((resolve) => setTimeout(resolve, 500));
      return w.injected ?? false;
    });
    expect(ran).toBe(false);
    expect((await violations()).some((v) => v.includes("script-src"))).toBe(true);
  });

  test("without authentication the server answers only for loopback host names", async ({ request }) => {
    const rebound = await request.get("/api/snapshots/latest", { headers: { host: "rebound.attacker.example" } });
    expect(rebound.status()).toBe(421);
    expect(await rebound.text()).not.toContain("schemaVersion");
    expect((await request.get("/api/health", { headers: { host: "localhost" } })).status()).toBe(200);
  });
});

test.describe("listening beyond loopback @critical", () => {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const standalone = existsSync(path.join(root, ".next", "standalone", "server.js"));
  const port = Number(process.env.E2E_AUTH_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 7);
  const base = `http://127.0.0.1:${port}`;
  const token = "e2e-Jq3v9Xz0-Lw2Pb7Rk5Ty8Nc1Md4Hs6Gf";

  test.skip(!standalone, "needs the standalone production build (npx next build)");

  function start(env: Record<string, string>): OwnServer {
    return startOwnServer(port, { SAFEKEEP_DATA_DIR: "test-results/e2e-auth-data", ...env });
  }

  test("refuses to start on 0.0.0.0 without authentication", async () => {
    const server = start({ SAFEKEEP_HOST: "0.0.0.0" });
    const code = await Promise.race([server.exited, new Promise<number>((r) => setTimeout(() => r(-2), 15_000))]);
    if (code === -2) server.child.kill("SIGTERM");
    expect(code).toBe(1);
    expect(server.output()).toContain("Safekeep will not start: SAFEKEEP_HOST=0.0.0.0");
    expect(server.output()).toContain("SAFEKEEP_AUTH_TOKEN");
  });

  test("refuses a weak token before listening anywhere", async () => {
    const server = start({ SAFEKEEP_HOST: "0.0.0.0", SAFEKEEP_AUTH_TOKEN: "hunter2" });
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain("at least 32 characters");
    expect(server.output()).not.toContain("hunter2");
  });

  test("with SAFEKEEP_AUTH_TOKEN: 401 without credentials, 200 with the token, health stays open", async ({
    request,
  }) => {
    test.setTimeout(90_000);
    const server = start({ SAFEKEEP_HOST: "0.0.0.0", SAFEKEEP_AUTH_TOKEN: token });
    try {
      await expect
        .poll(
          async () => {
            if (server.child.exitCode !== null) throw new Error(`server exited: ${server.output()}`);
            return (await request.get(`${base}/api/health`).catch(() => undefined))?.status();
          },
          { timeout: 60_000 },
        )
        .toBe(200);

      for (const url of ["/", "/services/iam", "/api/snapshots/latest", "/api/no-such-endpoint"]) {
        const refused = await request.get(`${base}${url}`);
        expect(refused.status(), url).toBe(401);
        expect(refused.headers()["www-authenticate"]).toBe('Basic realm="Safekeep", charset="UTF-8"');
        expectSecurityHeaders(refused);
      }
      const wrong = await request.get(`${base}/`, { headers: { authorization: `Bearer ${token}x` } });
      expect(wrong.status()).toBe(401);
      // CVE-2025-29927: a client-sent subrequest marker must not skip the proxy.
      const bypass = await request.get(`${base}/api/snapshots/latest`, {
        headers: { "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy" },
      });
      expect(bypass.status()).toBe(401);

      const bearer = { authorization: `Bearer ${token}` };
      const page = await request.get(`${base}/?snapshot=demo`, { headers: bearer });
      expect(page.status()).toBe(200);
      expectSecurityHeaders(page);
      // Authenticated, the server answers whatever name it was reached by.
      const api = await request.get(`${base}/api/snapshots/demo`, {
        headers: { ...bearer, host: "safekeep.internal.example" },
      });
      expect(api.status()).toBe(200);
      const basic = { authorization: `Basic ${Buffer.from(`auditor:${token}`).toString("base64")}` };
      expect((await request.get(`${base}/services/iam?snapshot=demo`, { headers: basic })).status()).toBe(200);
      expect(server.output()).not.toContain(token);
      // npm start preloads the output routing: even Next's start banner is a JSON log line.
      const printed = server
        .output()
        .split("\n")
        .filter((line) => line.trim() !== "");
      expect(printed.length).toBeGreaterThan(0);
      for (const line of printed) expect(() => JSON.parse(line), line).not.toThrow();
      expect(printed.some((line) => /"event":"next.console".*Next\.js/.test(line))).toBe(true);
    } finally {
      server.child.kill("SIGTERM");
      await server.exited;
    }
  });

  test("a browser signs in through the Basic prompt and the pages work", async ({ browser }) => {
    test.setTimeout(90_000);
    const server = start({ SAFEKEEP_HOST: "0.0.0.0", SAFEKEEP_BASIC_AUTH: "auditor:correct-horse-battery" });
    const context = await browser.newContext({
      baseURL: base,
      httpCredentials: { username: "auditor", password: "correct-horse-battery" },
    });
    try {
      const page = await context.newPage();
      await expect
        .poll(async () => (await page.request.get("/api/health").catch(() => undefined))?.status(), {
          timeout: 60_000,
        })
        .toBe(200);
      const violations = await watchForViolations(page);
      const dashboard = new DashboardPage(page);
      await dashboard.goto("?snapshot=demo");
      await dashboard.openService("Amazon Cognito");
      expect(await violations()).toEqual([]);
    } finally {
      await context.close();
      server.child.kill("SIGTERM");
      await server.exited;
    }
  });
});

test.describe("the server's own rules, however it is started @critical", () => {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const serverJs = path.join(root, ".next", "standalone", "server.js");
  const standalone = existsSync(serverJs);
  const port = Number(process.env.E2E_DIRECT_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 8);
  const base = `http://127.0.0.1:${port}`;

  test.skip(!standalone, "needs the standalone production build (npx next build)");

  function spawnWith(args: string[], env: Record<string, string | undefined>, cwd: string): OwnServer {
    const data = path.join(root, "test-results", "e2e-direct-data");
    return spawnServer(args, { PORT: String(port), SAFEKEEP_DATA_DIR: data, ...env }, cwd);
  }

  async function within(exited: Promise<number>, ms: number): Promise<number> {
    return Promise.race([exited, new Promise<number>((r) => setTimeout(() => r(-2), ms))]);
  }

  /** The lines Next.js prints before instrumentation.ts can route them (started without the preload). */
  const BANNER = /^(▲ Next\.js|- Local:|- Network:|✓ (Ready|Running next\.config|Starting))/;
  function withoutBanner(output: string): string {
    return output
      .split("\n")
      .filter((line) => !BANNER.test(line.replace(/\u001b\[[0-9;]*m/g, "")))
      .join("\n");
  }

  /** Every line the server printed, parsed: each must be one JSON object. */
  function logLines(output: string): Array<{ level: string; event: string; fields: Record<string, unknown> }> {
    return output
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => JSON.parse(line));
  }

  for (const hostname of ["0.0.0.0", undefined]) {
    test(`node .next/standalone/server.js with HOSTNAME=${hostname ?? "(unset)"} and no authentication refuses to start`, async () => {
      const server = spawnWith([serverJs], { HOSTNAME: hostname }, path.dirname(serverJs));
      const code = await within(server.exited, 30_000);
      if (code === -2) server.child.kill("SIGTERM");
      // instrumentation.ts runs before any request is answered and stops the server.
      expect(code).toBe(1);
      // Next.js prints its banner before instrumentation.ts runs (no preload without the start script).
      const refused = logLines(withoutBanner(server.output())).find((line) => line.event === "server.refused");
      expect(refused?.level).toBe("error");
      expect(String(refused?.fields.reason)).toMatch(/listening on (0\.0\.0\.0|::) would let other machines/);
    });
  }

  for (const [what, env, message] of [
    [
      "a token of one block repeated",
      { SAFEKEEP_AUTH_TOKEN: "abcdefgh".repeat(4) },
      /SAFEKEEP_AUTH_TOKEN is too easy to guess/,
    ],
    ["a token of sequential digits", { SAFEKEEP_AUTH_TOKEN: "0123456789".repeat(4) }, /SAFEKEEP_AUTH_TOKEN is too/],
    [
      "a common Basic password",
      { SAFEKEEP_BASIC_AUTH: "admin:password1234" },
      /SAFEKEEP_BASIC_AUTH password is too easy/,
    ],
  ] as const) {
    test(`npm start refuses ${what}: exit code 1, the reason, not the secret`, async () => {
      const server = spawnWith(["scripts/start-standalone.mjs"], { SAFEKEEP_HOST: "127.0.0.1", ...env }, root);
      const code = await within(server.exited, 15_000);
      if (code === -2) server.child.kill("SIGTERM");
      expect(code).toBe(1);
      expect(server.output()).toMatch(message);
      expect(server.output()).toContain("openssl rand -base64 32");
      const secret = Object.values(env)[0]!.split(":").pop()!;
      expect(server.output()).not.toContain(secret);
    });
  }

  test("started directly on loopback: odd requests, redirects and errors carry the headers; every log line is JSON", async () => {
    test.setTimeout(90_000);
    const server = spawnWith([serverJs], { HOSTNAME: "127.0.0.1" }, path.dirname(serverJs));
    try {
      await expect
        .poll(
          async () => {
            if (server.child.exitCode !== null) throw new Error(`server exited: ${server.output()}`);
            return (await fetch(`${base}/api/health`).catch(() => undefined))?.status;
          },
          { timeout: 60_000 },
        )
        .toBe(200);

      const options = await rawRequest(port, "OPTIONS * HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
      expect(options.status).toBe(400);
      expect(options.headers["x-content-type-options"]).toBe("nosniff");
      expect(options.headers["content-security-policy"]).toContain("default-src 'none'");
      expect(JSON.parse(options.body).error).toMatch(/request-target/);

      const absolute = await rawRequest(
        port,
        "GET http://evil.example/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
      );
      expect(absolute.status).toBe(400);
      expect(absolute.headers["location"]).toBeUndefined();

      const connect = await rawRequest(port, "CONNECT localhost:443 HTTP/1.1\r\nHost: localhost\r\n\r\n");
      expect(connect.status).toBe(405);

      // Next.js answers the trailing-slash redirect before the proxy runs; the HTTP layer adds the headers.
      const redirect = await fetch(`${base}/services/`, { redirect: "manual" });
      expect(redirect.status).toBe(308);
      expect(redirect.headers.get("x-frame-options")).toBe("DENY");
      expect(redirect.headers.get("x-content-type-options")).toBe("nosniff");

      // Without the start script's preload, Next.js prints its banner before instrumentation.ts runs;
      // from then on every line is a JSON log line (page errors included: console.error is routed).
      await fetch(`${base}/no-such-page`);
      for (const line of logLines(withoutBanner(server.output())))
        expect(Object.keys(line).sort()).toEqual(["event", "fields", "level", "time"]);
    } finally {
      server.child.kill("SIGTERM");
      await server.exited;
    }
  });
});

/** Sends a request line exactly as written (fetch cannot send `*`, absolute-form or CONNECT). */
function rawRequest(port: number, text: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    let data = "";
    socket.setTimeout(10_000, () => socket.destroy());
    socket.on("data", (chunk) => {
      data += chunk;
      // CONNECT keeps no Connection: close; a complete JSON body is enough.
      if (/\r\n\r\n[\s\S]*\}\s*$/.test(data) && /content-length/i.test(data)) socket.end();
    });
    socket.on("error", reject);
    socket.on("close", () => resolve(parseRawResponse(data)));
    socket.write(text);
  });
}
