import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";

beforeEach(async () => {
  vi.stubEnv("SAFEKEEP_DATA_DIR", await mkdtemp(path.join(tmpdir(), "safekeep-org-scans-route-")));
  vi.stubEnv("SAFEKEEP_REDIS_URL", "");
  // No AWS here: the caller's identity cannot be read, so a started scan fails to start, and says so.
  vi.stubEnv("AWS_ACCESS_KEY_ID", "");
  vi.stubEnv("AWS_SECRET_ACCESS_KEY", "");
  vi.stubEnv("AWS_PROFILE", "safekeep-test-no-such-profile");
  vi.stubEnv("AWS_REGION", "us-east-1");
  vi.resetModules();
  delete (globalThis as Record<symbol, unknown>)[Symbol.for("safekeep.organizationScans")];
});

async function post(body: unknown, headers: Record<string, string> = { "content-type": "application/json" }) {
  const { POST } = await import("./route");
  const response = await POST(
    new Request("http://127.0.0.1/api/org-scans", { method: "POST", headers, body: JSON.stringify(body) }),
  );
  return { status: response.status, body: await response.json() };
}

async function get(id: string) {
  const { GET } = await import("./[id]/route");
  const response = await GET(new Request(`http://127.0.0.1/api/org-scans/${id}`), { params: Promise.resolve({ id }) });
  return { status: response.status, body: await response.json() };
}

describe("POST /api/org-scans and GET /api/org-scans/[id] (embedded mode)", { timeout: 30_000 }, () => {
  it("refuses bad bodies with a message, before anything starts", async () => {
    expect(await post({})).toEqual({
      status: 400,
      body: expect.objectContaining({ error: expect.stringMatching(/org: true or accounts/) }),
    });
    expect((await post({ org: true, accounts: ["111122223333"] })).status).toBe(400);
    expect((await post({ accounts: ["12345"] })).body.error).toMatch(/not a 12-digit account id/);
    expect((await post({ org: true, regions: ["mars-1"] })).status).toBe(400);
    expect((await post({ org: true, extra: 1 })).status).toBe(400);
    expect((await post({ org: true }, { "content-type": "text/plain" })).status).toBe(415);
  });

  it("starts a scan, then reports that it could not start when no AWS identity is available", async () => {
    const started = await post({ accounts: ["111122223333"], services: ["iam"] });
    expect(started.status).toBe(202);
    expect(started.body).toEqual({
      id: expect.stringMatching(/^org-/),
      status: `/api/org-scans/${started.body.id}`,
      mode: "embedded",
    });
    let status = await get(started.body.id);
    for (let i = 0; i < 100 && status.body.state !== "failed"; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = await get(started.body.id);
    }
    expect(status.status).toBe(200);
    expect(status.body).toEqual(
      expect.objectContaining({
        state: "failed",
        reason: expect.stringMatching(/^The scan could not start: /),
        accounts: [],
      }),
    );
  });

  it("answers 400 for a malformed id and 404 for an unknown one", async () => {
    expect((await get("not-an-org-scan")).status).toBe(400);
    expect(await get("org-20261202-000000-abcdef")).toEqual({
      status: 404,
      body: expect.objectContaining({ error: "No organization scan with id org-20261202-000000-abcdef." }),
    });
  });
});
