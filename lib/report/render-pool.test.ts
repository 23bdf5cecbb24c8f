import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { INTERNAL_ERROR_MESSAGE, guarded } from "@/lib/http/route";
import { log } from "@/lib/log";
import { exampleSnapshot } from "@/lib/snapshot/fixtures";
import { SqliteSnapshotStore } from "@/lib/snapshot/sqlite-store";
import { pdfText } from "@/test-support/pdf-text";
import { answerResponse } from "@/lib/read/render-exports";
import { runRenderJob, type RenderJob } from "@/lib/read/render-jobs";
import { BUSY_MESSAGE, RenderPool, RETRY_AFTER_SECONDS, workerFile, type RenderAnswer } from "./render-pool";

/**
 * A stand-in worker whose jobs wait, throw, end their thread or fill their heap on request: the
 * pool's rules are about what happens around a job, whatever renders it.
 */
const STAND_IN = `
export default async function (job) {
  if (job.kind === "wait") await new Promise((resolve) => setTimeout(resolve, job.ms));
  if (job.kind === "throw") throw new Error("the renderer failed");
  if (job.kind === "exit") process.exit(3);
  if (job.kind === "fill") { const kept = []; for (;;) kept.push(new Array(100000).fill(kept.length)); }
  return { ok: true, body: new TextEncoder().encode(job.kind), headers: { "Content-Type": "text/plain" } };
}
`;

let standIn: string;
const pools: RenderPool[] = [];

function pool(options: { workers: number; queue: number; heapMb?: number; timeoutMs?: number }) {
  const made = new RenderPool({ ...options, filename: standIn });
  pools.push(made);
  return made;
}

/** The pool's answer as a route handler sends it, exceptions included. */
const route = (work: () => Promise<RenderAnswer>) =>
  guarded("GET /test/export", async () => answerResponse(await work()))();

beforeAll(async () => {
  standIn = path.join(await mkdtemp(path.join(tmpdir(), "safekeep-render-pool-")), "stand-in.mjs");
  await writeFile(standIn, STAND_IN);
});

afterAll(async () => {
  await Promise.all(pools.map((p) => p.destroy()));
});

describe("the export worker pool", { timeout: 60_000 }, () => {
  it("runs as many exports as it has workers and queue places, and answers 503 with Retry-After beyond", async () => {
    const busy = pool({ workers: 1, queue: 1 });
    const running = busy.run({ kind: "wait", ms: 1_500 });
    const waiting = busy.run({ kind: "wait", ms: 10 });
    expect(busy.pending).toBe(2);

    const refused = await route(() => busy.run({ kind: "third" }));
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe(String(RETRY_AFTER_SECONDS));
    expect(refused.headers.get("cache-control")).toBe("no-store");
    expect(await refused.json()).toEqual({ error: BUSY_MESSAGE });

    // The two accepted ones finish, and the pool takes work again.
    expect((await running).ok).toBe(true);
    expect((await waiting).ok).toBe(true);
    expect(busy.pending).toBe(0);
    const again = await route(() => busy.run({ kind: "later" }));
    expect(again.status).toBe(200);
    expect(await again.text()).toBe("later");
  });

  it("with no queue, refuses what finds every worker busy", async () => {
    const narrow = pool({ workers: 1, queue: 0 });
    const running = narrow.run({ kind: "wait", ms: 500 });
    expect((await route(() => narrow.run({ kind: "second" }))).status).toBe(503);
    await running;
  });

  it.each([
    ["throws", { kind: "throw" }, {}],
    ["ends its thread", { kind: "exit" }, {}],
    ["outgrows its heap cap", { kind: "fill" }, { heapMb: 32 }],
    ["runs past the time limit", { kind: "wait", ms: 5_000 }, { timeoutMs: 300 }],
  ])("answers a logged, generic 500 when a job %s, and goes on working", async (_, job, limits) => {
    const failing = pool({ workers: 1, queue: 1, ...limits });
    const logged = vi.spyOn(log, "error").mockImplementation(() => undefined);
    try {
      const response = await route(() => failing.run(job));
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({ error: INTERNAL_ERROR_MESSAGE });
      expect(logged).toHaveBeenCalledWith("route.failed", expect.objectContaining({ route: "GET /test/export" }));
    } finally {
      logged.mockRestore();
    }
    expect(failing.pending).toBe(0);
    expect(await (await route(() => failing.run({ kind: "next" }))).text()).toBe("next");
  });

  it("ends the jobs of a worker that cannot load its module at once, not at the time limit", async () => {
    const broken = path.join(path.dirname(standIn), "broken.mjs");
    await writeFile(broken, 'import "safekeep-no-such-package"; export default async () => null;');
    const failing = new RenderPool({ workers: 1, queue: 1, filename: broken, timeoutMs: 30_000 });
    pools.push(failing);
    const logged = vi.spyOn(log, "error").mockImplementation(() => undefined);
    const started = Date.now();
    try {
      const response = await route(() => failing.run({ kind: "next" }));
      expect(response.status).toBe(500);
    } finally {
      logged.mockRestore();
    }
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(failing.pending).toBe(0);
  });
});

describe("exports rendered by the worker", { timeout: 120_000 }, () => {
  let dataDir: string;
  const job = (query: Extract<RenderJob, { kind: "snapshot" }>["query"]): RenderJob => ({
    kind: "snapshot",
    dataDir,
    id: "newer",
    now: "2026-11-28T09:00:00.000Z",
    query,
  });

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "safekeep-render-worker-"));
    const store = new SqliteSnapshotStore(path.join(dataDir, "safekeep.db"));
    await store.put(exampleSnapshot("older", "2026-11-20T10:05:00.000Z"));
    await store.put(exampleSnapshot("newer", "2026-11-27T10:05:00.000Z"));
    store.close();
  });

  it("are the files the same job makes in the calling thread", async () => {
    // The TypeScript worker through tsx here; the production bundle is the same code (scripts/build-export-worker.mjs).
    const workers = new RenderPool({ workers: 1, queue: 1, filename: workerFile() });
    pools.push(workers);
    const csv = job({ format: "csv", scope: "results" });
    const [inWorker, here] = [await workers.run<RenderAnswer>(csv), await runRenderJob(csv)];
    expect(inWorker.ok && here.ok).toBe(true);
    if (!inWorker.ok || !here.ok) return;
    expect(inWorker.headers).toEqual(here.headers);
    expect(Buffer.from(inWorker.body).toString("utf8")).toBe(Buffer.from(here.body).toString("utf8"));

    const pdf = job({ format: "pdf", scope: "snapshot", paper: "a4" });
    const [pdfInWorker, pdfHere] = [await workers.run<RenderAnswer>(pdf), await runRenderJob(pdf)];
    if (!pdfInWorker.ok || !pdfHere.ok) throw new Error("the PDF job failed");
    expect(pdfInWorker.headers).toEqual(pdfHere.headers);
    expect(pdfInWorker.headers["Content-Disposition"]).toBe(
      'attachment; filename="safekeep-123456789012-2026-11-27.pdf"',
    );
    // The same text; the bytes differ only by the creation time react-pdf stamps in.
    const text = pdfText(pdfInWorker.body);
    if (text === undefined) return;
    expect(text).toBe(pdfText(pdfHere.body));
    expect(text).toContain("Compared with older");
  });

  it("answer 404 for a snapshot that is not stored, as the route did", async () => {
    const workers = new RenderPool({ workers: 1, queue: 1, filename: workerFile() });
    pools.push(workers);
    const answer = await workers.run<RenderAnswer>({ ...job({ format: "pdf", scope: "snapshot" }), id: "missing" });
    expect(answer).toEqual({ ok: false, status: 404, message: "No snapshot with id missing." });
  });
});
