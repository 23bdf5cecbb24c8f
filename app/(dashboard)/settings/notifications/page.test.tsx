import { randomBytes } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// The test button refreshes the page through the App Router, which a static render has not mounted.
vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh: () => undefined }) }));
// The page names its caller from the request's headers (no authentication configured: the local user, an admin).
const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: async () => request.headers }));

const SLACK = "https://hooks.slack.com/services/T0SAFEKEEP/B0SAFEKEEP/pageSlackTokenX7c2";
const HOOK = "https://receiver.example.com/in/pageHookTokenV3k9?key=pageHookKey";
const SECRET = "whsec-6b1d8f3a0c5e7b2d9f4a1c6e8b3d0f5a";

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "safekeep-notify-page-"));
  vi.stubEnv("SAFEKEEP_DATA_DIR", dataDir);
  request.headers = new Headers();
  vi.resetModules();
});

afterEach(() => {
  vi.unstubAllEnvs();
});

async function render(): Promise<string> {
  const { default: Page } = await import("./page");
  return renderToStaticMarkup(await Page());
}

describe("/settings/notifications", () => {
  it("with nothing configured: every channel says no, the test button is off, nothing sent yet", async () => {
    const html = await render();
    expect(html.match(/– No/g)).toHaveLength(3);
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*>Send a test message<\/button>/);
    expect(html).toContain("Nothing sent yet.");
    expect(html).toContain("5 points");
    expect(html).toContain("high (");
  });

  it("shows channels by host and the last deliveries with their outcome, never a token or the secret", async () => {
    vi.stubEnv("SAFEKEEP_NOTIFY_SLACK_URL", SLACK);
    vi.stubEnv("SAFEKEEP_NOTIFY_WEBHOOK_URL", HOOK);
    vi.stubEnv("SAFEKEEP_NOTIFY_WEBHOOK_SECRET", SECRET);
    vi.stubEnv("SAFEKEEP_NOTIFY_SCORE_DROP", "8");
    const { openSnapshotStore } = await import("@/lib/snapshot/store");
    const store = openSnapshotStore(dataDir);
    await store.recordDelivery({
      id: "ntf-aaaaaaaaaaaaaaaa",
      at: "2026-12-01T09:00:00.000Z",
      channel: "slack",
      target: "hooks.slack.com/…",
      event: "scan.changes",
      snapshotId: "20261201T085500Z-ab12",
      accountId: "123456789012",
      attempts: 1,
      outcome: "delivered",
      status: 200,
    });
    await store.recordDelivery({
      id: "ntf-bbbbbbbbbbbbbbbb",
      at: "2026-12-01T09:00:02.000Z",
      channel: "webhook",
      target: "receiver.example.com/…",
      event: "scan.changes",
      snapshotId: "20261201T085500Z-ab12",
      accountId: "123456789012",
      attempts: 3,
      outcome: "failed",
      status: 503,
      error: "HTTP 503",
    });
    const html = await render();
    expect(html).toContain("hooks.slack.com/…");
    expect(html).toContain("receiver.example.com/…");
    expect(html.match(/✓ Yes/g)).toHaveLength(2);
    expect(html).toContain("8 points");
    expect(html).toContain("HMAC-SHA256 with SAFEKEEP_NOTIFY_WEBHOOK_SECRET (set)");
    expect(html).not.toMatch(/<button[^>]*disabled=""/);
    // Newest first: the failed webhook delivery, then the delivered Slack one.
    expect(html.indexOf("✗ Failed")).toBeGreaterThan(-1);
    expect(html.indexOf("✗ Failed")).toBeLessThan(html.indexOf("✓ Delivered"));
    expect(html).toContain("HTTP 503");
    expect(html).toContain('href="/?snapshot=20261201T085500Z-ab12&amp;account=123456789012"');
    for (const secret of [SECRET, "pageSlackToken", "pageHookToken", "pageHookKey", "T0SAFEKEEP"])
      expect(html).not.toContain(secret);
  });

  it("offers the test message to admins only, saying why to anyone else", async () => {
    vi.stubEnv("SAFEKEEP_NOTIFY_SLACK_URL", SLACK);
    const token = randomBytes(32).toString("base64url");
    vi.stubEnv("SAFEKEEP_AUTH_TOKEN", token);
    vi.stubEnv("SAFEKEEP_AUTH_TOKEN_ROLE", "operator");
    request.headers = new Headers({ authorization: `Bearer ${token}` });
    const html = await render();
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*>Send a test message<\/button>/);
    expect(html).toContain("Sending a test message needs the admin role; you have the operator role.");
    expect(html).toContain('href="/settings/audit"');
  });
});
