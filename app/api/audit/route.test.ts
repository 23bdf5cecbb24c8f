import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";

// No authentication configured: the server answers this machine only and its user is an admin.
beforeEach(async () => {
  vi.stubEnv("SAFEKEEP_DATA_DIR", await mkdtemp(path.join(tmpdir(), "safekeep-audit-route-")));
  vi.stubEnv("SAFEKEEP_DATABASE_URL", "");
  vi.stubEnv("SAFEKEEP_AUTH_TOKEN", "");
  vi.stubEnv("SAFEKEEP_BASIC_AUTH", "");
  vi.resetModules();
});

async function get(query: string) {
  const { GET } = await import("./route");
  const response = await GET(new Request(`http://127.0.0.1/api/audit${query}`));
  return { status: response.status, cache: response.headers.get("cache-control"), body: await response.json() };
}

/** What people did through the API: two mutes made and one lifted, each recorded by its route. */
async function act() {
  const mutes = await import("../mutes/route");
  const one = await import("../mutes/[id]/route");
  const ids: string[] = [];
  for (const findingId of ["0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210"]) {
    const response = await mutes.POST(
      new Request("http://127.0.0.1/api/mutes", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          target: { kind: "finding", findingId },
          reason: "Known",
          owner: "payments",
          expiresAt: new Date(Date.now() + 10 * 86_400_000).toISOString(),
        }),
      }),
    );
    expect(response.status).toBe(201);
    ids.push(((await response.json()) as { id: string }).id);
    // Events of the same millisecond are ordered by their random ids: keep these apart in time.
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const lifted = await one.DELETE(new Request(`http://127.0.0.1/api/mutes/${ids[0]}`, { method: "DELETE" }), {
    params: Promise.resolve({ id: ids[0]! }),
  });
  expect(lifted.status).toBe(200);
  return ids;
}

describe("GET /api/audit", { timeout: 30_000 }, () => {
  it("lists what was done newest first, a page at a time, filtered by action", async () => {
    const [first, second] = await act();
    const all = await get("");
    expect(all.status).toBe(200);
    expect(all.cache).toBe("no-store");
    expect(all.body.items.map((e: { action: string; target: string }) => [e.action, e.target])).toEqual([
      ["mute.lift", first],
      ["mute.create", second],
      ["mute.create", first],
    ]);
    expect(all.body.items[0].actor).toEqual({ name: "local user", subject: "local", method: "local", role: "admin" });
    expect(all.body.nextCursor).toBeNull();

    const page1 = await get("?limit=2");
    expect(page1.body.items).toEqual(all.body.items.slice(0, 2));
    const page2 = await get(`?limit=2&before=${page1.body.nextCursor}`);
    expect(page2.body).toEqual({ items: all.body.items.slice(2), nextCursor: null });

    const created = await get("?action=mute.create&limit=1");
    expect(created.body.items.map((e: { target: string }) => e.target)).toEqual([second]);
    const older = await get(`?action=mute.create&limit=1&before=${created.body.nextCursor}`);
    expect(older.body.items.map((e: { target: string }) => e.target)).toEqual([first]);
  });

  it.each([
    ["?limit=0", /limit/],
    ["?limit=201", /limit/],
    ["?before=abc", /before/],
    ["?action=everything", /action: must be one of/],
    ["?page=2", /page: unknown parameter/],
    ["?limit=5&limit=6", /limit: given more than once/],
  ])("answers 400 for %s, naming the parameter", async (query, message) => {
    const answer = await get(query);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatch(message);
  });
});
