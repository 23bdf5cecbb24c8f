import { randomBytes } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { demoInventory } from "@/lib/demo/inventory";
import type { ScanOptions } from "@/lib/scan/scan-aws";
import type { Role } from "@/lib/security/identity";

const TOKEN = randomBytes(32).toString("base64url");
const RUNNER = Symbol.for("safekeep.scanRunner");

beforeEach(async () => {
  vi.stubEnv("SAFEKEEP_DATA_DIR", await mkdtemp(path.join(tmpdir(), "safekeep-scan-cancel-")));
  vi.stubEnv("SAFEKEEP_DATABASE_URL", "");
  vi.stubEnv("SAFEKEEP_AUTH_TOKEN", TOKEN);
  vi.stubEnv("SAFEKEEP_BASIC_AUTH", "");
  vi.resetModules();
  delete (globalThis as Record<symbol, unknown>)[RUNNER];
});

/** The server's runner with a scan that runs until it is cancelled (or `finish` is called). */
async function installRunner() {
  const { ScanRunner } = await import("@/lib/scan/runner");
  const { ScanCancelledError } = await import("@/lib/scan/errors");
  const { openSnapshotStore } = await import("@/lib/snapshot/store");
  const store = openSnapshotStore(process.env.SAFEKEEP_DATA_DIR!);
  let finish = () => {};
  const runner = new ScanRunner(store, (options: ScanOptions) => {
    options.onProgress?.({ step: "elasticache", region: "us-east-1", state: "started" });
    return new Promise((resolve, reject) => {
      finish = () => resolve(demoInventory);
      options.signal?.addEventListener("abort", () => reject(new ScanCancelledError()));
    });
  });
  (globalThis as Record<symbol, unknown>)[RUNNER] = runner;
  return { runner, store, finish: () => finish() };
}

/** The API token's role; set before the first import of a test (settings are read once per process). */
function asRole(role: Role) {
  vi.stubEnv("SAFEKEEP_AUTH_TOKEN_ROLE", role);
}

async function cancel(id: string, headers: Record<string, string> = {}) {
  const { POST } = await import("./route");
  const response = await POST(
    new Request(`http://127.0.0.1/api/scans/${id}/cancel`, {
      method: "POST",
      headers: { "content-type": "application/json", host: "127.0.0.1", authorization: `Bearer ${TOKEN}`, ...headers },
      body: "{}",
    }),
    { params: Promise.resolve({ id }) },
  );
  return { status: response.status, body: await response.json() };
}

async function auditActions() {
  const { openSnapshotStore } = await import("@/lib/snapshot/store");
  const items = (await openSnapshotStore(process.env.SAFEKEEP_DATA_DIR!).listAudit({ limit: 50 })).items;
  return items.map((e) => `${e.action}:${e.target ?? ""}:${e.outcome}`);
}

async function settled(runner: { status(id?: string): { state: string } | undefined }, id: string) {
  for (let i = 0; i < 200 && runner.status(id)?.state === "running"; i++) await new Promise((r) => setTimeout(r, 5));
  return runner.status(id)!;
}

describe("POST /api/scans/[id]/cancel", { timeout: 30_000 }, () => {
  it("cancels the running scan for an operator: it ends as cancelled, nothing is stored, and it is audited", async () => {
    asRole("operator");
    const { runner, store } = await installRunner();
    const id = runner.start({ services: ["elasticache"] });

    expect(await cancel(id)).toEqual({ status: 202, body: { id, cancelling: true } });
    expect(await settled(runner, id)).toMatchObject({ state: "cancelled" });
    expect(await store.list()).toEqual([]);
    expect(await auditActions()).toEqual([`scan.cancel:${id}:ok`]);
    // Once ended it cannot be cancelled again.
    expect(await cancel(id)).toMatchObject({ status: 409, body: { state: "cancelled" } });
  });

  it("refuses a viewer (recorded as access-denied) and leaves the scan running", async () => {
    asRole("viewer");
    const { runner, store, finish } = await installRunner();
    const id = runner.start({ services: ["elasticache"] });
    const refused = await cancel(id);
    expect(refused.status).toBe(403);
    expect(runner.status(id)?.state).toBe("running");
    expect(await auditActions()).toEqual(["access-denied:scan.cancel:refused"]);
    finish();
    expect((await settled(runner, id)).state).toBe("finished");
    expect((await store.list()).map((s) => s.id)).toEqual([id]);
  });

  it("answers 404 for an unknown scan, 400 for a malformed id, and refuses cross-site requests", async () => {
    asRole("operator");
    const { runner } = await installRunner();
    const id = runner.start({ services: ["elasticache"] });
    expect(await cancel("20261201T093000Z-zzzz")).toMatchObject({
      status: 404,
      body: { error: "No scan with id 20261201T093000Z-zzzz." },
    });
    expect((await cancel("not%20an%20id")).status).toBe(400);
    expect((await cancel(id, { origin: "https://evil.example" })).status).toBe(403);
    expect((await cancel(id, { "content-type": "text/plain" })).status).toBe(415);
    expect(runner.status(id)?.state).toBe("running");
  });
});

describe("GET /api/scans/preflight", () => {
  it("is for operators: it shows the server's own AWS identity", async () => {
    vi.doMock("@/lib/scan/preflight", () => ({
      serverAccess: async () => ({ credentials: "missing", offeredRegions: [], offeredFrom: "known", checkedAt: "x" }),
    }));
    const get = async (role: Role) => {
      asRole(role);
      vi.resetModules();
      const { GET } = await import("../../preflight/route");
      return GET(
        new Request("http://127.0.0.1/api/scans/preflight", { headers: { authorization: `Bearer ${TOKEN}` } }),
      );
    };
    expect((await get("viewer")).status).toBe(403);
    const answer = await get("operator");
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ credentials: "missing" });
    vi.doUnmock("@/lib/scan/preflight");
  });
});
