/**
 * Pages offer a state-changing action only to callers whose role allows it, and say why to others
 * (the routes refuse them anyway: app/api/authorized.test.ts).
 */
import { randomBytes } from "node:crypto";
import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { asTokenCaller } from "@/test-support/token-caller";

vi.mock("next/navigation", () => ({
  useRouter: () => ({ refresh: () => undefined, push: () => undefined }),
  usePathname: () => "/",
  useSearchParams: () => new URLSearchParams(),
}));
const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: async () => request.headers }));

const TOKEN = randomBytes(32).toString("base64url");
let dataDir: string;

beforeEach(async () => {
  dataDir = await asTokenCaller(request, TOKEN, "safekeep-actions-by-role-");
});

afterEach(() => {
  vi.unstubAllEnvs();
});

async function storeAMute() {
  const { openSnapshotStore } = await import("@/lib/snapshot/store");
  const at = new Date().toISOString();
  const mute = {
    id: "mute-a1b2c3d4e5f6",
    target: { kind: "rule" as const, controlId: "elasticache.rg-at-rest-encryption" },
    reason: "Sandbox account",
    owner: "platform",
    expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    createdAt: at,
    createdBy: "alice",
    updatedAt: at,
    updatedBy: "alice",
  };
  await openSnapshotStore(dataDir).insertMute(mute, { muteId: mute.id, at, actor: "alice", action: "created" });
}

async function render(page: () => Promise<ReactElement> | ReactElement): Promise<string> {
  return renderToStaticMarkup(await page());
}

describe("actions by role", { timeout: 60_000 }, () => {
  it("scan page: the scan forms for an operator, a note for a viewer", async () => {
    vi.stubEnv("SAFEKEEP_AUTH_TOKEN_ROLE", "viewer");
    const { default: ScanPage } = await import("./scan/page");
    const viewer = await render(ScanPage);
    expect(viewer).toContain("Starting scans needs the operator role; you have the viewer role.");
    expect(viewer).not.toContain("Checking what the server can scan with");
    expect(viewer).not.toContain("Checking which Regions accounts can be scanned in");

    vi.stubEnv("SAFEKEEP_AUTH_TOKEN_ROLE", "operator");
    vi.resetModules();
    const { default: ScanPageAgain } = await import("./scan/page");
    const operator = await render(ScanPageAgain);
    // The one-account form streams in after the server's credentials check (its fallback is what a
    // static render shows); e2e/scan-page.spec.ts sees the form itself.
    expect(operator).toContain("Checking what the server can scan with");
    expect(operator).toContain("Checking which Regions accounts can be scanned in");
    expect(operator).not.toContain("needs the operator role");
  });

  it("mutes page: lift, edit and mute by rule for an operator; the list alone for a viewer", async () => {
    await storeAMute();
    vi.stubEnv("SAFEKEEP_AUTH_TOKEN_ROLE", "viewer");
    const { default: MutesPage } = await import("./mutes/page");
    const viewer = await render(MutesPage);
    expect(viewer).toContain("Sandbox account");
    expect(viewer).toContain("Muting, editing and lifting mutes needs the operator role; you have the viewer role.");
    expect(viewer).not.toMatch(/>Lift</);
    expect(viewer).not.toContain("Mute by rule");

    vi.stubEnv("SAFEKEEP_AUTH_TOKEN_ROLE", "operator");
    vi.resetModules();
    const { default: MutesPageAgain } = await import("./mutes/page");
    const operator = await render(MutesPageAgain);
    expect(operator).toMatch(/>Lift</);
    expect(operator).toContain("Mute by rule");
    expect(operator).not.toContain("needs the operator role");
  });

  it("findings page: a Mute… opener under each failure for an operator; none, and one note, for a viewer", async () => {
    vi.stubEnv("SAFEKEEP_AUTH_TOKEN_ROLE", "viewer");
    const { default: FindingsPage } = await import("./findings/page");
    const viewer = await render(() => FindingsPage({ searchParams: Promise.resolve({ status: "fail" }) }));
    expect(viewer).toContain("data-finding=");
    expect(viewer).toContain("Muting findings needs the operator role; you have the viewer role.");
    expect(viewer).not.toContain("Mute…");

    vi.stubEnv("SAFEKEEP_AUTH_TOKEN_ROLE", "operator");
    vi.resetModules();
    const { default: FindingsPageAgain } = await import("./findings/page");
    const operator = await render(() => FindingsPageAgain({ searchParams: Promise.resolve({ status: "fail" }) }));
    expect(operator).toContain("Mute…");
    expect(operator).not.toContain("needs the operator role");
  });
});
