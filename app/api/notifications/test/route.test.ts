import { mkdtemp } from "node:fs/promises";
import { createServer, type IncomingHttpHeaders } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { freePort } from "@/test-support/free-port";

const SECRET = "whsec-0a7c3e9b5d1f8a2c6e4b0d9f7a3c5e1b";
const HOOK_PATH = "/hooks/safekeep/routeTokenM4n8Q2w6";

let received: { path: string; headers: IncomingHttpHeaders; body: string }[];
let close: () => Promise<void>;
let port: number;

beforeEach(async () => {
  vi.stubEnv("SAFEKEEP_DATA_DIR", await mkdtemp(path.join(tmpdir(), "safekeep-notify-route-")));
  received = [];
  port = await freePort();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (c: Buffer) => chunks.push(c));
    request.on("end", () => {
      received.push({ path: request.url ?? "", headers: request.headers, body: Buffer.concat(chunks).toString() });
      response.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  close = () => new Promise((resolve) => server.close(() => resolve()));
  // The process's notifier and settings are read once: start each test from its own environment.
  delete (globalThis as Record<symbol, unknown>)[Symbol.for("safekeep.notifier")];
  vi.resetModules();
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await close();
});

async function post(body: string, headers: Record<string, string> = {}) {
  const { POST } = await import("./route");
  const response = await POST(
    new Request("http://127.0.0.1/api/notifications/test", {
      method: "POST",
      headers: { "content-type": "application/json", host: "127.0.0.1", ...headers },
      body,
    }),
  );
  return { status: response.status, text: await response.text() };
}

describe("POST /api/notifications/test", { timeout: 30_000 }, () => {
  it("says how to configure a channel when none is", async () => {
    const answer = await post("{}");
    expect(answer.status).toBe(409);
    expect(JSON.parse(answer.text).error).toMatch(
      /No notification channel is configured: set SAFEKEEP_NOTIFY_SLACK_URL/,
    );
  });

  it("sends a signed test message, records it and answers without the address or the secret", async () => {
    vi.stubEnv("SAFEKEEP_NOTIFY_WEBHOOK_URL", `http://127.0.0.1:${port}${HOOK_PATH}`);
    vi.stubEnv("SAFEKEEP_NOTIFY_WEBHOOK_SECRET", SECRET);
    const answer = await post("{}");
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text).deliveries).toMatchObject([
      { channel: "webhook", target: `127.0.0.1:${port}/…`, event: "test", outcome: "delivered", attempts: 1 },
    ]);
    expect(answer.text).not.toContain(HOOK_PATH);
    expect(answer.text).not.toContain(SECRET);
    expect(received).toHaveLength(1);
    expect(JSON.parse(received[0]!.body)).toMatchObject({ event: "test", title: "Safekeep test message" });
    expect(received[0]!.headers["x-safekeep-signature"]).toMatch(/^sha256=[0-9a-f]{64}$/);

    const { openSnapshotStore } = await import("@/lib/snapshot/store");
    const records = await openSnapshotStore(process.env.SAFEKEEP_DATA_DIR!).listDeliveries(10);
    expect(records).toMatchObject([{ channel: "webhook", event: "test", outcome: "delivered" }]);
  });

  it.each([
    ["a form post", "{}", { "content-type": "application/x-www-form-urlencoded" }, 415],
    ["a cross-site request", "{}", { "sec-fetch-site": "cross-site" }, 403],
    ["another origin", "{}", { origin: "https://evil.example" }, 403],
    ["a body with fields", '{"url":"https://elsewhere.example"}', {}, 400],
  ])("refuses %s and sends nothing", async (_, body, headers, status) => {
    vi.stubEnv("SAFEKEEP_NOTIFY_WEBHOOK_URL", `http://127.0.0.1:${port}${HOOK_PATH}`);
    vi.stubEnv("SAFEKEEP_NOTIFY_WEBHOOK_SECRET", SECRET);
    expect((await post(body, headers)).status).toBe(status);
    expect(received).toEqual([]);
  });
});
