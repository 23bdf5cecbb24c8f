import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test, type APIResponse, type Page } from "@playwright/test";
import { ControlPage } from "./pages/control-page";
import { DashboardPage } from "./pages/dashboard-page";
import { ServicePage } from "./pages/service-page";

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

  function start(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number> } {
    let output = "";
    const child = spawn(process.execPath, ["scripts/start-standalone.mjs"], {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(port),
        SAFEKEEP_DATA_DIR: "test-results/e2e-auth-data",
        SAFEKEEP_AUTH_TOKEN: "",
        SAFEKEEP_BASIC_AUTH: "",
        NEXT_TELEMETRY_DISABLED: "1",
        AWS_EC2_METADATA_DISABLED: "true",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout!.on("data", (chunk) => (output += chunk));
    child.stderr!.on("data", (chunk) => (output += chunk));
    const exited = new Promise<number>((resolve) => child.on("exit", (code) => resolve(code ?? -1)));
    return { child, output: () => output, exited };
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
