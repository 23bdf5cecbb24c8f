import { randomBytes } from "node:crypto";
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { asTokenCaller } from "@/test-support/token-caller";

// The page names its caller from the request's headers, as a route handler does.
const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: async () => request.headers }));

const TOKEN = randomBytes(32).toString("base64url");
let dataDir: string;

beforeEach(async () => {
  dataDir = await asTokenCaller(request, TOKEN, "safekeep-audit-page-");
});

afterEach(() => {
  vi.unstubAllEnvs();
});

async function render(searchParams: Record<string, string> = {}): Promise<string> {
  const { default: Page } = await import("./page");
  return renderToStaticMarkup(await Page({ searchParams: Promise.resolve(searchParams) }));
}

/** `count` events a minute apart from 09:00 on 1 December 2026: sign-ins, with one refused mute at 09:01. */
async function seed(count: number) {
  const { openSnapshotStore } = await import("@/lib/snapshot/store");
  const { newAuditEvent } = await import("@/lib/snapshot/audit");
  const store = openSnapshotStore(dataDir);
  const alice = { name: "Alice Martin", subject: "idp|alice", method: "session", role: "admin" } as const;
  const viewer = { name: "API token", subject: "token", method: "token", role: "viewer" } as const;
  for (let i = 0; i < count; i++) {
    const at = new Date(Date.UTC(2026, 11, 1, 9, i));
    await store.appendAudit(
      i === 1
        ? newAuditEvent(
            { actor: viewer, action: "access-denied", target: "mute.create", outcome: "refused", address: "192.0.2.9" },
            at,
          )
        : newAuditEvent({ actor: alice, action: "sign-in", detail: `role admin (${i})`, address: "192.0.2.10" }, at),
    );
  }
}

describe("/settings/audit", { timeout: 30_000 }, () => {
  it("shows the newest 50 events first to an admin, with who, how, outcome and address, and a link to older ones", async () => {
    vi.stubEnv("SAFEKEEP_AUTH_TOKEN_ROLE", "admin");
    await seed(55);
    const html = await render();
    expect(html).toContain("<caption");
    expect(html.match(/<tr class="border-b border-slate-100/g)).toHaveLength(50);
    // Newest first: event 54 (09:54) is listed, and before event 53.
    expect(html.indexOf("role admin (54)")).toBeGreaterThan(-1);
    expect(html.indexOf("role admin (54)")).toBeLessThan(html.indexOf("role admin (53)"));
    expect(html).toContain("2026-12-01 09:54 UTC");
    expect(html).not.toContain("role admin (4)");
    expect(html).toContain("Alice Martin");
    expect(html).toContain("sign-in · admin");
    expect(html).toContain("192.0.2.10");
    const older = /rel="next" href="(\/settings\/audit\?before=[A-Za-z0-9_-]+)">Older</.exec(html);
    expect(older).not.toBeNull();
    expect(html).not.toContain(TOKEN);

    // The next page: the five oldest, the refused attempt among them, and no further "Older".
    const before = new URL(older![1]!, "http://x").searchParams.get("before")!;
    const next = await render({ before });
    expect(next.match(/<tr class="border-b border-slate-100/g)).toHaveLength(5);
    expect(next).toContain("role admin (0)");
    expect(next).toContain("Access denied");
    expect(next).toContain("✗ Refused");
    expect(next).toContain("API token · viewer");
    expect(next).not.toContain(">Older<");
    expect(next).toContain(">Newest<");
  });

  it("filters by action, keeping the filter in the form", async () => {
    vi.stubEnv("SAFEKEEP_AUTH_TOKEN_ROLE", "admin");
    await seed(4);
    const html = await render({ action: "access-denied" });
    expect(html.match(/<tr class="border-b border-slate-100/g)).toHaveLength(1);
    expect(html).toContain("mute.create");
    expect(html).not.toContain("role admin");
    expect(html).toMatch(/<option value="access-denied" selected="">Access denied<\/option>/);
    expect(await render({ action: "lockout" })).toContain("No event of this kind yet.");
  });

  it.each(["viewer", "operator"])("tells a %s the log needs the admin role, and shows none of it", async (role) => {
    vi.stubEnv("SAFEKEEP_AUTH_TOKEN_ROLE", role);
    await seed(3);
    const html = await render();
    expect(html).toContain(`Reading the audit log needs the admin role; you have the ${role} role.`);
    expect(html).not.toContain("<table");
    expect(html).not.toContain("Alice Martin");
  });

  it("says so, rather than failing, for a link that names no page of the log", async () => {
    vi.stubEnv("SAFEKEEP_AUTH_TOKEN_ROLE", "admin");
    expect(await render({ before: "not-a-cursor" })).toContain("This link does not name a page of the log");
    expect(await render({ action: "drop-tables" })).toContain("This link does not name a page of the log");
    expect(await render()).toContain("Nothing recorded yet.");
  });
});
