import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";

beforeEach(async () => {
  vi.stubEnv("SAFEKEEP_DATA_DIR", await mkdtemp(path.join(tmpdir(), "safekeep-schedules-route-")));
  vi.resetModules();
});

const JSON_HEADERS = { "content-type": "application/json" };

async function call(method: string, url: string, body?: unknown) {
  const params = { params: Promise.resolve({ id: url.split("/").at(-1)! }) };
  const request = new Request(`http://127.0.0.1${url}`, {
    method,
    headers: JSON_HEADERS,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const handlers = url === "/api/schedules" ? await import("./route") : await import("./[id]/route");
  const handler = (handlers as unknown as Record<string, (r: Request, p: typeof params) => Promise<Response>>)[method]!;
  const response = await handler(request, params);
  return { status: response.status, body: response.status === 204 ? null : await response.json() };
}

describe("/api/schedules", { timeout: 30_000 }, () => {
  it("creates, lists, pauses and deletes a recurring scan", async () => {
    const created = await call("POST", "/api/schedules", {
      name: "Nightly",
      cron: "0 3 * * *",
      timezone: "Europe/Paris",
      selection: { org: true },
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual(
      expect.objectContaining({
        id: expect.stringMatching(/^sch-/),
        name: "Nightly",
        enabled: true,
        lastRunFor: null,
        nextRunAt: expect.stringMatching(/T02:00:00.000Z$/),
      }),
    );
    const id = created.body.id as string;
    expect((await call("GET", "/api/schedules")).body.map((s: { id: string }) => s.id)).toEqual([id]);
    const paused = await call("PATCH", `/api/schedules/${id}`, { enabled: false });
    expect(paused.body).toEqual(expect.objectContaining({ enabled: false, nextRunAt: null }));
    expect((await call("DELETE", `/api/schedules/${id}`)).status).toBe(204);
    expect((await call("DELETE", `/api/schedules/${id}`)).status).toBe(404);
    expect((await call("GET", "/api/schedules")).body).toEqual([]);
  });

  it("refuses a bad cron, a bad id or a bad body with a message", async () => {
    const bad = await call("POST", "/api/schedules", { name: "x", cron: "whenever", selection: { org: true } });
    expect(bad).toEqual({ status: 400, body: expect.objectContaining({ error: expect.stringContaining("cron") }) });
    expect((await call("PATCH", "/api/schedules/NOPE", { enabled: true })).status).toBe(400);
    expect((await call("PATCH", "/api/schedules/sch-unknown000", { enabled: "yes" })).status).toBe(400);
    expect((await call("PATCH", "/api/schedules/sch-unknown000", { enabled: true })).status).toBe(404);
  });
});
