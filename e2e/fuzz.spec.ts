import { expect, test, type APIRequestContext } from "@playwright/test";

/**
 * Hostile input against every route of the production server: nothing may answer 5xx, leak a stack
 * trace, take 5 s or more, start a scan or change the store. Each test compares the store before and
 * after itself, so it holds whatever other specs (the scan spec adds a snapshot) did earlier.
 */

const BUDGET_MS = 5_000;
const CONCURRENCY = 4;

const MARKUP = `<script>alert(1)</script>"'><img src=x onerror=alert(1)>`;

const HOSTILE_STRINGS: string[] = [
  "A".repeat(10_000),
  "../../../../etc/passwd",
  "..\\..\\..\\windows\\win.ini",
  "demo\u0000.json",
  "\u202Egnp.exe\u202C", // right-to-left override
  "🛡️🔥👩‍👩‍👧‍👦",
  "Z\u0351\u0300\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308a\u0336l\u0489g\u0489o", // combining marks
  "\uFEFF\u200B\uFFFD", // BOM, zero-width space, replacement character
  MARKUP,
  "' OR '1'='1'; DROP TABLE snapshots; --",
  "${jndi:ldap://x}{{7*7}}<%= 7*7 %>",
  "a\r\nSet-Cookie: pwned=1",
  "CON",
];

/** Path segments already encoded in ways an encoder would never produce. */
const RAW_SEGMENTS = [
  "..%2f..%2f..%2fetc%2fpasswd",
  "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
  "%2e%2e",
  "%252e%252e%252f", // double encoding
  "..%5c..%5cwindows",
  "%00",
  "demo%00",
  "%C0%AE%C0%AE%2F", // overlong UTF-8 dots
  "%E0%A4%A", // truncated sequence
  "%ED%A0%80", // an encoded lone surrogate
  "%ZZ",
];

const SEGMENTS = [...HOSTILE_STRINGS.map((s) => encodeURIComponent(s)), ...RAW_SEGMENTS];
const QUERY_VALUES = [...HOSTILE_STRINGS.map((s) => encodeURIComponent(s)), "%00", "%E0%A4%A", "%2e%2e%2f"];

/** Headers a browser would never send; several are Next.js internals a client must not be able to steer. */
const HOSTILE_HEADERS: Record<string, string>[] = [
  { "x-fuzz": "A".repeat(10_000) },
  // Header values travel as octets: these are the UTF-8 bytes of an emoji and of a right-to-left override.
  { accept: "\xf0\x9f\x9b\xa1/*; q=NaN" },
  { "accept-language": "\xe2\x80\xae" + "x".repeat(500) },
  { cookie: `${"a".repeat(1000)}=${"b".repeat(4000)}` },
  { authorization: `Bearer ${"A".repeat(3000)}` },
  { rsc: "1", "next-router-state-tree": "%%%not-json" },
  { rsc: "1", "next-router-prefetch": "1", "next-url": "/../../etc/passwd" },
  { "next-action": "0".repeat(42) },
  { "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy" },
  { "x-forwarded-host": "evil.example", "x-forwarded-proto": "gopher" },
  { range: "bytes=999999999-" },
];

const CONTROL = "/services/elasticache/controls/elasticache.rg-transit-encryption";

interface Probe {
  method: string;
  url: string;
  headers?: Record<string, string>;
  data?: string | Buffer;
}

interface Outcome {
  probe: string;
  status: number;
  ms: number;
  problem?: string;
}

/** Stack frames as Node prints them: `    at fn (file.js:12:34)`. */
const STACK_FRAME = /\n\s+at [^\n]*:\d+:\d+\)?/;

async function run(request: APIRequestContext, probes: Probe[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  let next = 0;
  async function worker() {
    while (next < probes.length) {
      const probe = probes[next++]!;
      const label = `${probe.method} ${probe.url.length > 120 ? `${probe.url.slice(0, 120)}…` : probe.url}`;
      const started = Date.now();
      try {
        const response = await request.fetch(probe.url, {
          method: probe.method,
          headers: probe.headers,
          data: probe.data,
          maxRedirects: 0,
          failOnStatusCode: false,
          timeout: BUDGET_MS * 2,
        });
        const ms = Date.now() - started;
        const status = response.status();
        const body = probe.method === "HEAD" ? "" : await response.text();
        let problem: string | undefined;
        if (status >= 500) problem = `answered ${status}: ${body.slice(0, 200)}`;
        else if (ms >= BUDGET_MS) problem = `took ${ms} ms`;
        else if (STACK_FRAME.test(body)) problem = "body contains a stack trace";
        else if ((response.headers()["content-type"] ?? "").includes("html") && body.includes(MARKUP))
          problem = "hostile markup reflected unescaped";
        else if (
          new URL(probe.url, "http://x").pathname.startsWith("/api/") &&
          status >= 400 &&
          probe.method !== "HEAD" &&
          status !== 405 && // Next.js answers unsupported methods itself, with an empty body
          status !== 431 && // Node refuses oversized header blocks before Next.js sees them
          !(response.headers()["content-type"] ?? "").startsWith("application/json")
        ) {
          problem = `API error is not JSON (${response.headers()["content-type"]})`;
        }
        outcomes.push({ probe: label, status, ms, problem });
      } catch (error) {
        outcomes.push({ probe: label, status: 0, ms: Date.now() - started, problem: `no answer: ${error}` });
      }
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return outcomes;
}

interface StoreState {
  latest: string;
  listed: string[];
  scan: string;
}

async function storeState(request: APIRequestContext): Promise<StoreState> {
  const latest = await request.get("/api/snapshots/latest");
  const history = await request.get("/snapshots");
  expect(history.status()).toBe(200);
  const scan = await request.get("/api/scans");
  return {
    latest: latest.ok() ? ((await latest.json()) as { id: string }).id : `HTTP ${latest.status()}`,
    listed: [...(await history.text()).matchAll(/href="\/\?snapshot=([A-Za-z0-9-]+)"/g)].map((m) => m[1]!),
    scan: scan.ok() ? ((await scan.json()) as { id: string }).id : `HTTP ${scan.status()}`,
  };
}

/** Runs the probes and checks every outcome, then that the server is alive and the store untouched. */
async function fuzz(request: APIRequestContext, probes: Probe[]) {
  const before = await storeState(request);
  const outcomes = await run(request, probes);
  expect(outcomes).toHaveLength(probes.length);
  const problems = outcomes.filter((o) => o.problem).map((o) => `${o.probe} → ${o.problem}`);
  expect(problems, problems.join("\n")).toEqual([]);
  const health = await request.get("/api/health", { timeout: BUDGET_MS });
  expect(health.status()).toBe(200);
  expect(await storeState(request)).toEqual(before);
  return outcomes;
}

test.describe("fuzzing every route with hostile input", () => {
  test.describe.configure({ timeout: 240_000 });

  test("pages with hostile path segments and query values", async ({ request }) => {
    const probes: Probe[] = [];
    for (const s of SEGMENTS) {
      for (const url of [
        `/${s}`,
        `/services/${s}`,
        `/services/elasticache/controls/${s}`,
        `/services/${s}/controls/${s}`,
      ])
        probes.push({ method: "GET", url });
    }
    for (const q of QUERY_VALUES) {
      for (const url of [
        `/?snapshot=${q}`,
        `/?snapshot=demo&snapshot=${q}`,
        `/services/iam?snapshot=${q}`,
        `${CONTROL}?snapshot=${q}`,
        `/snapshots?${q}=${q}`,
        `/snapshots/compare?from=${q}&to=${q}`,
        `/snapshots/compare?from=demo&to=${q}`,
        `/scan?regions=${q}`,
      ])
        probes.push({ method: "GET", url });
    }
    const outcomes = await fuzz(request, probes);
    // A hostile snapshot id is "not found", never a page that half renders with the newest snapshot.
    for (const o of outcomes.filter((o) => o.probe.includes("?snapshot="))) expect(o.status, o.probe).toBe(404);
  });

  test("API routes with hostile ids and query strings", async ({ request }) => {
    const probes: Probe[] = [];
    for (const s of SEGMENTS) {
      for (const url of [
        `/api/${s}`,
        `/api/snapshots/${s}`,
        `/api/snapshots/${s}/export`,
        `/api/snapshots/${s}/export?format=pdf`,
        `/api/scans/${s}`,
        `/api/scans/${s}/events`,
        `/api/snapshots/demo/${s}`,
      ])
        probes.push({ method: "GET", url });
    }
    for (const q of QUERY_VALUES) {
      for (const url of [
        `/api/health?${q}=${q}`,
        `/api/snapshots/latest?${q}=1`,
        `/api/snapshots/demo/export?format=${q}`,
        `/api/snapshots/demo/export?format=csv&q=${q}`,
        `/api/snapshots/demo/export?format=csv&scope=results&control=${q}`,
        `/api/snapshots/demo/export?format=json&status=${q}`,
        `/api/snapshots/demo/export?format=ocsf&service=${q}`,
        `/api/snapshots/demo/export?format=csv&scope=${q}`,
        `/api/snapshots/demo/export?${q}=1`,
        `/api/snapshots/demo/export?format=csv&format=${q}`,
      ])
        probes.push({ method: "GET", url });
    }
    const outcomes = await fuzz(request, probes);
    // Unknown formats are refused, not defaulted to one.
    for (const o of outcomes.filter((o) => /^GET \/api\/snapshots\/demo\/export\?format=[^&]*$/.test(o.probe))) {
      expect(o.status, o.probe).toBe(400);
    }
  });

  test("POST /api/scans with wrong types, malformed JSON, huge bodies and hostile headers", async ({ request }) => {
    const json = { "content-type": "application/json" };
    const deep = "[".repeat(1500) + "]".repeat(1500);
    const bodies = [
      '{"services":"iam"}',
      '{"services":[1,2,3]}',
      '{"services":[null]}',
      '{"services":{"0":"iam"}}',
      '{"services":["iam","iam","iam","iam","iam","iam","iam","iam"]}',
      '{"services":["🛡️"]}',
      '{"services":["IAM"]}',
      '{"regions":5}',
      '{"regions":[true]}',
      '{"regions":"ALL"}',
      '{"regions":["../../etc"]}',
      '{"regions":["us-east-1\\u0000"]}',
      '{"regions":["\u202Eus-east-1"]}',
      `{"regions":["${"us-east-1".repeat(400)}"]}`,
      '{"services":["iam"],"extra":true}',
      '{"services":["iam"],"regions":[]}',
      '{"sérvices":["iam"]}',
      `{"${"k".repeat(3000)}":1}`,
      '{"__proto__":{"services":["iam"]}}',
      '{"constructor":{"prototype":{"polluted":true}}}',
      '{"services":["iam"],"services":"iam"}',
      "[]",
      '[{"services":["iam"]}]',
      '"iam"',
      "42",
      "true",
      "null",
      deep,
      "{",
      '{"services":[',
      "\uFEFF{}",
      "{}\u0000",
      " ",
      "\u0000\u0001\u0002",
      "<xml/>",
    ];
    const probes: Probe[] = bodies.map((data) => ({ method: "POST", url: "/api/scans", headers: json, data }));
    const huge = `{"services":["iam"],"pad":"${"A".repeat(2 * 1024 * 1024)}"}`;
    probes.push({ method: "POST", url: "/api/scans", headers: json, data: huge });
    probes.push({ method: "POST", url: "/api/scans", headers: { "content-type": "text/plain" }, data: huge });
    probes.push({ method: "POST", url: "/api/scans", headers: json, data: Buffer.alloc(2 * 1024 * 1024, 0xff) });
    probes.push({
      method: "POST",
      url: "/api/scans",
      headers: json,
      data: `{"services":["iam"],"p":"${"x".repeat(5000)}"}`,
    });
    for (const headers of [
      { "content-type": "text/plain" },
      { "content-type": "multipart/form-data; boundary=x" },
      { "content-type": "application/x-www-form-urlencoded" },
      { ...json, origin: "https://evil.example" },
      { ...json, origin: "null" },
      { ...json, origin: "http://[::1" },
      { ...json, "sec-fetch-site": "cross-site" },
    ]) {
      probes.push({ method: "POST", url: "/api/scans", headers, data: '{"services":["iam"]}' });
    }
    const outcomes = await fuzz(request, probes);
    for (const o of outcomes) expect([400, 403, 413, 415], `${o.probe} answered ${o.status}`).toContain(o.status);
  });

  test("wrong methods and hostile headers on every route", async ({ request }) => {
    const routes = [
      "/",
      "/scan",
      "/snapshots",
      "/snapshots/compare?from=demo&to=demo",
      "/services/iam",
      CONTROL,
      "/api/health",
      "/api/snapshots/latest",
      "/api/snapshots/demo/export?format=csv",
      "/api/scans",
      "/api/scans/no-such-scan",
      "/api/scans/no-such-scan/events",
      "/api/no-such-endpoint",
    ];
    const probes: Probe[] = [];
    for (const url of routes) {
      for (const method of ["PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE"]) probes.push({ method, url });
      if (url !== "/api/scans")
        probes.push({ method: "POST", url, headers: { "content-type": "text/plain" }, data: "x" });
      for (const headers of HOSTILE_HEADERS) {
        probes.push({ method: "GET", url, headers });
      }
    }
    await fuzz(request, probes);
  });
});
