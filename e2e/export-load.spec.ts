import { expect, test, type APIRequestContext } from "@playwright/test";
import { HAS_STANDALONE_BUILD, startOwnServer, waitUntilServing, type OwnServer } from "./support/own-server";

/**
 * Exports render in worker threads (lib/report/render-pool.ts): while PDFs are being made the server
 * keeps answering, and beyond its workers and queue it refuses at once with 503 and Retry-After
 * rather than queueing without bound.
 */

const PDF = "/api/snapshots/demo/export?format=pdf&paper=a4";
/** How long /api/health may take while exports render (an export on the event loop took seconds). */
const HEALTH_WITHIN_MS = 500;

/** Asks /api/health one request after another until `done` settles; the slowest answer's time. */
async function healthWhile(request: APIRequestContext, base: string, done: Promise<unknown>) {
  let finished = false;
  void done.finally(() => (finished = true));
  const times: number[] = [];
  while (!finished) {
    const started = Date.now();
    const response = await request.get(`${base}/api/health`);
    times.push(Date.now() - started);
    expect(response.status()).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return times;
}

test.describe("exports under load @critical", () => {
  test("four PDF exports at once: the server keeps answering /api/health within 500 ms", async ({ request }) => {
    test.setTimeout(180_000);
    const exports = Promise.all(Array.from({ length: 4 }, () => request.get(PDF, { timeout: 150_000 })));
    const times = await healthWhile(request, "", exports);
    for (const response of await exports) {
      expect(response.status()).toBe(200);
      expect(response.headers()["content-type"]).toBe("application/pdf");
      expect((await response.body()).subarray(0, 5).toString()).toBe("%PDF-");
    }
    expect(times.length).toBeGreaterThan(0);
    expect(Math.max(...times)).toBeLessThan(HEALTH_WITHIN_MS);
  });

  test.describe("with one worker and one place in the queue", () => {
    const port = Number(process.env.E2E_EXPORT_LOAD_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 12);
    const base = `http://127.0.0.1:${port}`;
    let server: OwnServer | undefined;

    test.skip(!HAS_STANDALONE_BUILD, "needs the standalone production build (npm run build)");

    test.beforeAll(async ({ request }) => {
      server = startOwnServer(port, {
        SAFEKEEP_HOST: "127.0.0.1",
        SAFEKEEP_DATA_DIR: "test-results/e2e-export-load-data",
        SAFEKEEP_EXPORT_WORKERS: "1",
        SAFEKEEP_EXPORT_QUEUE: "1",
      });
      await waitUntilServing(server, request);
    });

    test.afterAll(async () => {
      await server?.stop();
    });

    test("twelve PDF exports at once: two are made, the others are refused with 503 and Retry-After", async ({
      request,
    }) => {
      test.setTimeout(180_000);
      const exports = Promise.all(Array.from({ length: 12 }, () => request.get(`${base}${PDF}`, { timeout: 150_000 })));
      const times = await healthWhile(request, base, exports);
      const responses = await exports;
      const statuses = responses.map((r) => r.status());
      // One rendering, one waiting: every other request finds the pool full.
      expect(statuses.filter((s) => s === 200)).toHaveLength(2);
      expect(statuses.filter((s) => s === 503)).toHaveLength(10);
      const refused = responses.find((r) => r.status() === 503)!;
      expect(refused.headers()["retry-after"]).toBe("5");
      expect(refused.headers()["cache-control"]).toBe("no-store");
      expect(((await refused.json()) as { error: string }).error).toMatch(/busy rendering other exports/);
      expect(Math.max(...times)).toBeLessThan(HEALTH_WITHIN_MS);
      // Once they are done the server takes exports again.
      const later = await request.get(`${base}${PDF}`, { timeout: 150_000 });
      expect(later.status()).toBe(200);
      expect(server?.output()).not.toMatch(/route\.failed/);
    });
  });
});
