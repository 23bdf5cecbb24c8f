/**
 * Every route handler that changes something checks the caller's role itself, and records what was
 * done (or refused) in the audit log. Identities come from the shared API token with its role set by
 * SAFEKEEP_AUTH_TOKEN_ROLE, exactly as automation calls the API.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Role } from "@/lib/security/identity";

// Starting scans and sending messages is not what is tested here: the runners and the notifier answer
// as they would, without AWS or a webhook.
vi.mock("@/lib/scan/server-runner", () => ({
  scanRunner: () => ({ start: () => "20261201T093000Z-ab12", status: () => undefined }),
}));
vi.mock("@/lib/queue/organization-scans", () => ({
  organizationScans: () => ({
    mode: "embedded",
    start: async () => "org-20261201-093000-abcdef",
    status: async () => undefined,
    cancel: async () => true,
  }),
}));
vi.mock("@/lib/notify/server", () => ({
  scanNotifier: () => ({
    enabled: true,
    sendTest: async () => [
      { id: "ntf-aaaaaaaaaaaaaaaa", channel: "slack", target: "hooks.slack.com/…", outcome: "delivered", attempts: 1 },
    ],
  }),
}));

/** A strong random token, as `openssl rand -base64 32` would give: 43 characters. */
const TOKEN = randomBytes(32).toString("base64url");
const MUTE_ID = "mute-a1b2c3d4e5f6";
const SCHEDULE_ID = "sch-nightly01";
const FINDING_ID = "0123456789abcdef0123456789abcdef";
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

type Handler = (r: Request, p: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function routeModule(pathname: string): Promise<Record<string, Handler>> {
  const modules: [RegExp, () => Promise<unknown>][] = [
    [/^\/api\/scans$/, () => import("./scans/route")],
    [/^\/api\/org-scans$/, () => import("./org-scans/route")],
    [/^\/api\/org-scans\/[^/]+\/cancel$/, () => import("./org-scans/[id]/cancel/route")],
    [/^\/api\/mutes$/, () => import("./mutes/route")],
    [/^\/api\/mutes\/[^/]+$/, () => import("./mutes/[id]/route")],
    [/^\/api\/schedules$/, () => import("./schedules/route")],
    [/^\/api\/schedules\/[^/]+$/, () => import("./schedules/[id]/route")],
    [/^\/api\/notifications\/test$/, () => import("./notifications/test/route")],
    [/^\/api\/audit$/, () => import("./audit/route")],
  ];
  const found = modules.find(([pattern]) => pattern.test(pathname));
  if (!found) throw new Error(`no route for ${pathname}`);
  return (await found[1]()) as Record<string, Handler>;
}

async function call(method: string, url: string, body: unknown, authorization: string | undefined) {
  const pathname = url.split("?")[0]!;
  const segments = pathname.split("/");
  const id = segments.at(-1) === "cancel" ? segments.at(-2)! : segments.at(-1)!;
  const request = new Request(`http://127.0.0.1${url}`, {
    method,
    headers: {
      "content-type": "application/json",
      host: "127.0.0.1",
      ...(authorization ? { authorization } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const handler = (await routeModule(pathname))[method]!;
  const response = await handler(request, { params: Promise.resolve({ id }) });
  return { status: response.status, body: response.status === 204 ? null : await response.json() };
}

const bearer = `Bearer ${TOKEN}`;

async function store() {
  const { openSnapshotStore } = await import("@/lib/snapshot/store");
  return openSnapshotStore(process.env.SAFEKEEP_DATA_DIR!);
}

beforeEach(async () => {
  vi.stubEnv("SAFEKEEP_DATA_DIR", await mkdtemp(path.join(tmpdir(), "safekeep-roles-")));
  vi.stubEnv("SAFEKEEP_DATABASE_URL", "");
  vi.stubEnv("SAFEKEEP_AUTH_TOKEN", TOKEN);
  vi.stubEnv("SAFEKEEP_BASIC_AUTH", "");
  vi.resetModules();
  // A mute and a schedule to change, as earlier requests would have left them.
  const s = await store();
  const at = new Date().toISOString();
  await s.insertMute(
    {
      id: MUTE_ID,
      target: { kind: "finding", findingId: FINDING_ID },
      reason: "Replaced in Q1",
      owner: "payments",
      expiresAt: inDays(30),
      createdAt: at,
      createdBy: "alice",
      updatedAt: at,
      updatedBy: "alice",
    },
    { muteId: MUTE_ID, at, actor: "alice", action: "created" },
  );
  await s.putSchedule({
    id: SCHEDULE_ID,
    name: "Nightly",
    cron: "0 3 * * *",
    timezone: "UTC",
    selection: { org: true },
    services: ["iam"],
    enabled: true,
    createdAt: at,
  });
});

function asRole(role: Role) {
  vi.stubEnv("SAFEKEEP_AUTH_TOKEN_ROLE", role);
}

const BELOW: Record<Role, Role | undefined> = { viewer: undefined, operator: "viewer", admin: "operator" };

/** Every route that changes something (and the audit log's own API): the role it needs, what success answers. */
const ROUTES: {
  method: string;
  url: string;
  body?: unknown;
  needs: Role;
  ok: number;
  action: string;
  target?: string;
}[] = [
  { method: "POST", url: "/api/scans", body: { services: ["iam"] }, needs: "operator", ok: 202, action: "scan.start" },
  { method: "POST", url: "/api/org-scans", body: { org: true }, needs: "operator", ok: 202, action: "org-scan.start" },
  {
    method: "POST",
    url: "/api/org-scans/org-20261201-093000-abcdef/cancel",
    body: {},
    needs: "operator",
    ok: 202,
    action: "org-scan.cancel",
    target: "org-20261201-093000-abcdef",
  },
  {
    method: "POST",
    url: "/api/mutes",
    body: {
      target: { kind: "finding", findingId: "fedcba9876543210fedcba9876543210" },
      reason: "Sandbox",
      owner: "platform",
      expiresAt: inDays(60),
    },
    needs: "operator",
    ok: 201,
    action: "mute.create",
  },
  {
    method: "PATCH",
    url: `/api/mutes/${MUTE_ID}`,
    body: { owner: "platform" },
    needs: "operator",
    ok: 200,
    action: "mute.update",
    target: MUTE_ID,
  },
  { method: "DELETE", url: `/api/mutes/${MUTE_ID}`, needs: "operator", ok: 200, action: "mute.lift", target: MUTE_ID },
  {
    method: "POST",
    url: "/api/schedules",
    body: { name: "Weekly", cron: "0 4 * * 1", selection: { org: true } },
    needs: "operator",
    ok: 201,
    action: "schedule.create",
  },
  {
    method: "PATCH",
    url: `/api/schedules/${SCHEDULE_ID}`,
    body: { enabled: false },
    needs: "operator",
    ok: 200,
    action: "schedule.update",
    target: SCHEDULE_ID,
  },
  {
    method: "DELETE",
    url: `/api/schedules/${SCHEDULE_ID}`,
    needs: "operator",
    ok: 204,
    action: "schedule.delete",
    target: SCHEDULE_ID,
  },
  { method: "POST", url: "/api/notifications/test", body: {}, needs: "admin", ok: 200, action: "notifications.test" },
  { method: "GET", url: "/api/audit", needs: "admin", ok: 200, action: "GET /api/audit" },
];

async function auditLog() {
  return (await (await store()).listAudit({ limit: 200 })).items;
}

describe("role checks in route handlers", { timeout: 30_000 }, () => {
  it.each(ROUTES)("$method $url: refused below $needs, with access-denied recorded", async (route) => {
    asRole(BELOW[route.needs]!);
    const answer = await call(route.method, route.url, route.body, bearer);
    expect(answer.status).toBe(403);
    expect(answer.body.error).toBe(`This needs the ${route.needs} role; API token has the ${BELOW[route.needs]} role.`);
    expect(await auditLog()).toMatchObject([
      {
        action: "access-denied",
        target: route.action,
        outcome: "refused",
        actor: { name: "API token", method: "token", role: BELOW[route.needs] },
      },
    ]);
    // Nothing changed: the mute and the schedule are as they were.
    const s = await store();
    expect(await s.listMutes()).toMatchObject([{ id: MUTE_ID, owner: "payments" }]);
    expect((await s.listSchedules()).map((x) => [x.schedule.id, x.schedule.enabled])).toEqual([[SCHEDULE_ID, true]]);
  });

  it.each(ROUTES)("$method $url: done with $needs, and recorded with who did it", async (route) => {
    asRole(route.needs);
    const answer = await call(route.method, route.url, route.body, bearer);
    expect(answer.status).toBe(route.ok);
    const events = await auditLog();
    if (route.method === "GET") {
      // Reading the log records nothing.
      expect(events).toEqual([]);
      return;
    }
    expect(events).toEqual([
      expect.objectContaining({
        action: route.action,
        outcome: "ok",
        actor: { name: "API token", subject: "token", method: "token", role: route.needs },
        ...(route.target ? { target: route.target } : {}),
      }),
    ]);
  });

  it("asks for credentials (401) before anything else, and records nothing for an unknown caller", async () => {
    asRole("admin");
    for (const route of ROUTES)
      expect((await call(route.method, route.url, route.body, "Bearer wrong-token")).status, route.url).toBe(401);
    expect((await call("POST", "/api/mutes", {}, undefined)).status).toBe(401);
    expect(await auditLog()).toEqual([]);
  });

  it("lets a viewer read (GET) what the pages show, and nobody unauthenticated", async () => {
    asRole("viewer");
    for (const url of ["/api/mutes", `/api/mutes/${MUTE_ID}`, "/api/schedules"]) {
      expect((await call("GET", url, undefined, bearer)).status, url).toBe(200);
      expect((await call("GET", url, undefined, undefined)).status, url).toBe(401);
    }
  });

  it("checks the role before reading the body: a viewer's malformed request is refused for the role", async () => {
    asRole("viewer");
    expect((await call("POST", "/api/scans", { services: ["nope"] }, bearer)).status).toBe(403);
  });

  it("records a mute's changes under the caller's name, the shared token's marked as unverified", async () => {
    asRole("operator");
    const basic = `Basic ${Buffer.from(`bob\u0007\n:${TOKEN}`).toString("base64")}`;
    const made = await call(
      "POST",
      "/api/mutes",
      {
        target: { kind: "rule", controlId: "elasticache.rg-at-rest-encryption", region: "eu-west-1" },
        reason: "Sandbox buckets hold test data only",
        owner: "platform",
        expiresAt: inDays(30),
      },
      basic,
    );
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      createdBy: "bob (shared token, name not verified)",
      updatedBy: "bob (shared token, name not verified)",
    });
    const [event] = await auditLog();
    expect(event).toMatchObject({
      action: "mute.create",
      target: made.body.id,
      actor: { name: "bob (shared token, name not verified)", method: "token", role: "operator" },
      detail: expect.stringMatching(/^Control elasticache\.rg-at-rest-encryption, Region eu-west-1; until /),
    });
    // The reason is the person's own words: the log says what was muted, not why.
    expect(JSON.stringify(event)).not.toContain("Sandbox buckets");
    expect(JSON.stringify(event)).not.toContain(TOKEN);
  });

  it("records an edit that changes nothing as nothing", async () => {
    asRole("operator");
    expect((await call("PATCH", `/api/mutes/${MUTE_ID}`, { owner: "payments" }, bearer)).status).toBe(200);
    expect(await auditLog()).toEqual([]);
  });
});
