import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";

beforeEach(async () => {
  vi.stubEnv("SAFEKEEP_DATA_DIR", await mkdtemp(path.join(tmpdir(), "safekeep-mutes-route-")));
  vi.resetModules();
});

const JSON_HEADERS = { "content-type": "application/json" };
type Handler = (r: Request, p: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function call(method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
  const pathname = url.split("?")[0]!;
  const id = pathname.split("/").at(-1)!;
  const request = new Request(`http://127.0.0.1${url}`, {
    method,
    headers: { ...JSON_HEADERS, host: "127.0.0.1", ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const handlers =
    pathname === "/api/mutes"
      ? await import("./route")
      : pathname.startsWith("/api/mutes/")
        ? await import("./[id]/route")
        : pathname === "/api/findings"
          ? await import("../findings/route")
          : await import("../snapshots/[id]/route");
  const handler = (handlers as unknown as Record<string, Handler>)[method]!;
  const response = await handler(request, { params: Promise.resolve({ id }) });
  return { status: response.status, body: await response.json() };
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/** The demo account's first failing finding of a weighted control (nothing is stored: the demo account is read). */
async function aFailingFinding() {
  const page = await call("GET", "/api/findings?status=fail&severity=critical,high&limit=1");
  expect(page.status).toBe(200);
  return page.body.items[0] as { findingId: string; controlId: string; resourceArn: string };
}

describe("/api/mutes", { timeout: 30_000 }, () => {
  it("mutes a finding: it stays listed with its mark and leaves the score; lifted, it counts again", async () => {
    const finding = await aFailingFinding();
    const before = (await call("GET", "/api/snapshots/latest")).body;
    const created = await call("POST", "/api/mutes", {
      target: { kind: "finding", findingId: finding.findingId },
      reason: "Replaced by the new cluster in the Q1 migration",
      owner: "payments",
      expiresAt: inDays(90),
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: expect.stringMatching(/^mute-/),
      createdBy: "local user",
      state: "active",
    });
    const id = created.body.id as string;

    const muted = await call("GET", "/api/findings?muted=true");
    expect(muted.body.items.map((i: { findingId: string }) => i.findingId)).toEqual([finding.findingId]);
    expect(muted.body.items[0].mute).toMatchObject({ id, kind: "finding", owner: "payments" });
    expect((await call("GET", "/api/findings?muted=false&status=fail,warn")).body.items).not.toContainEqual(
      expect.objectContaining({ findingId: finding.findingId }),
    );
    const after = (await call("GET", "/api/snapshots/latest")).body;
    expect(after.mutes).toMatchObject({ muted: 1, scoreBeforeMutes: before.score });
    expect(after.score).toBeGreaterThanOrEqual(before.score);
    const result = after.controls
      .flatMap((c: { results: { findingId: string }[] }) => c.results)
      .find((r: { findingId: string }) => r.findingId === finding.findingId);
    expect(result).toMatchObject({ status: "fail", mute: { id } });

    const edited = await call("PATCH", `/api/mutes/${id}`, { owner: "platform" });
    expect(edited).toMatchObject({ status: 200, body: { owner: "platform", updatedBy: "local user" } });
    const lifted = await call("DELETE", `/api/mutes/${id}`);
    expect(lifted).toMatchObject({ status: 200, body: { state: "lifted", liftedBy: "local user" } });
    expect((await call("GET", "/api/findings?muted=true")).body.items).toEqual([]);
    const again = (await call("GET", "/api/snapshots/latest")).body;
    expect(again.mutes).toBeUndefined();
    expect(again.score).toBe(before.score);

    const history = (await call("GET", `/api/mutes/${id}`)).body.history;
    expect(history.map((e: { action: string }) => e.action)).toEqual(["created", "edited", "lifted"]);
    expect(history[1].changes).toEqual({ owner: { from: "payments", to: "platform" } });
    expect((await call("DELETE", `/api/mutes/${id}`)).status).toBe(409);
    expect((await call("PATCH", `/api/mutes/${id}`, { reason: "again" })).status).toBe(409);
  });

  it("mutes by rule, and lets an expired mute lapse by itself with its expiry in the history", async () => {
    const finding = await aFailingFinding();
    const rule = await call("POST", "/api/mutes", {
      target: { kind: "rule", controlId: finding.controlId, resourcePattern: "*" },
      reason: "Sandbox account",
      owner: "platform",
      expiresAt: inDays(30),
    });
    expect(rule.status).toBe(201);
    const covered = (await call("GET", `/api/findings?muted=true&control=${finding.controlId}&limit=500`)).body.items;
    expect(covered.length).toBeGreaterThan(0);
    expect(covered.every((i: { status: string }) => i.status === "fail" || i.status === "warn")).toBe(true);

    // A mute whose expiry has passed, written straight into the store as a past run would have left it.
    const { snapshotStore } = await import("@/lib/read/snapshot-to-show");
    const store = snapshotStore();
    const past = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
    const expired = {
      id: "mute-expired00001",
      target: { kind: "finding" as const, findingId: finding.findingId },
      reason: "Was accepted for a month",
      owner: "payments",
      expiresAt: past(1),
      createdAt: past(31),
      createdBy: "alice",
      updatedAt: past(31),
      updatedBy: "alice",
    };
    await store.insertMute(expired, { muteId: expired.id, at: expired.createdAt, actor: "alice", action: "created" });
    const listed = (await call("GET", "/api/mutes")).body as {
      id: string;
      state: string;
      history: { action: string; actor: string }[];
    }[];
    expect(listed.map((m) => [m.id, m.state])).toEqual([
      [rule.body.id, "active"],
      [expired.id, "expired"],
    ]);
    expect(listed[1]!.history.map((e) => [e.action, e.actor])).toEqual([
      ["created", "alice"],
      ["expired", "Safekeep"],
    ]);
    // Lift the rule: the finding the expired mute covered counts again.
    await call("DELETE", `/api/mutes/${rule.body.id}`);
    const page = (await call("GET", `/api/findings?control=${finding.controlId}&status=fail&limit=500`)).body.items;
    expect(page.find((i: { findingId: string }) => i.findingId === finding.findingId)?.mute).toBeNull();
    // An expired mute may be renewed with a new expiry, not edited without one.
    expect((await call("PATCH", `/api/mutes/${expired.id}`, { reason: "still" })).status).toBe(409);
    expect((await call("PATCH", `/api/mutes/${expired.id}`, { expiresAt: inDays(10) })).body.state).toBe("active");
  });

  it("refuses what it cannot accept with a message, and cross-site requests", async () => {
    const finding = await aFailingFinding();
    const base = { target: { kind: "finding", findingId: finding.findingId }, reason: "r", owner: "o" };
    const tooLate = await call("POST", "/api/mutes", { ...base, expiresAt: inDays(400) });
    expect(tooLate).toMatchObject({ status: 400, body: { error: expect.stringContaining("366 days") } });
    expect((await call("POST", "/api/mutes", { ...base, expiresAt: inDays(-1) })).status).toBe(400);
    const noReason = await call("POST", "/api/mutes", { ...base, reason: "", expiresAt: inDays(5) });
    expect(noReason).toMatchObject({ status: 400, body: { error: expect.stringContaining("reason") } });
    expect((await call("POST", "/api/mutes", { ...base, expiresAt: inDays(5), extra: 1 })).status).toBe(400);
    const crossSite = await call(
      "POST",
      "/api/mutes",
      { ...base, expiresAt: inDays(5) },
      { "sec-fetch-site": "cross-site" },
    );
    expect(crossSite.status).toBe(403);
    const otherOrigin = await call("DELETE", "/api/mutes/mute-aaaaaaaaaaaa", undefined, {
      origin: "https://evil.example",
    });
    expect(otherOrigin.status).toBe(403);
    expect((await call("GET", "/api/mutes/nope")).status).toBe(400);
    expect((await call("GET", "/api/mutes/mute-aaaaaaaaaaaa")).status).toBe(404);
    expect((await call("PATCH", "/api/mutes/mute-aaaaaaaaaaaa", {})).status).toBe(400);
    expect((await call("GET", "/api/mutes")).body).toEqual([]);
  });
});
