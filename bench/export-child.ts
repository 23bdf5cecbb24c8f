/**
 * `node --import tsx bench/export-child.ts SNAPSHOT.json FORMAT`: renders one export of a stored
 * snapshot and prints `{ ms, bytes, rssBeforeKb, maxRssKb }` as JSON. Run as its own process so its
 * peak memory (the kernel's max RSS) belongs to that one export alone.
 *
 * `… export-child.ts DATA_DIR pdf-worker WORKER.mjs SNAPSHOT_ID`: the PDF as the server renders it,
 * through the export pool (lib/report/render-pool.ts) with one worker thread running the bundled
 * worker, which reads the snapshot from the store in DATA_DIR. The time is the job's (store read,
 * comparison, layout); the peak is the whole process's, main thread included ("RSS before" is the
 * process with the pool made and no worker started).
 */
import { readFile } from "node:fs/promises";
import { exportSnapshot } from "@/lib/report/export";
import type { ExportQuery } from "@/lib/report/export-request";
import type { RenderAnswer } from "@/lib/report/render-jobs";
import { RenderPool } from "@/lib/report/render-pool";
import { snapshotSchema } from "@/lib/snapshot/schema";

/** What the dashboard's export links ask for: the whole snapshot, or every result row as CSV. */
const QUERIES: Record<string, ExportQuery> = {
  pdf: { format: "pdf", scope: "snapshot" },
  csv: { format: "csv", scope: "results" },
  json: { format: "json", scope: "snapshot" },
};

async function inWorker(dataDir: string, filename: string, id: string) {
  const pool = new RenderPool({ workers: 1, queue: 0, filename });
  try {
    const rssBeforeKb = Math.round(process.memoryUsage().rss / 1024);
    const started = performance.now();
    const answer = await pool.run<RenderAnswer>({
      kind: "snapshot",
      dataDir,
      id,
      now: new Date().toISOString(),
      query: QUERIES.pdf,
    });
    const ms = performance.now() - started;
    if (!answer.ok) throw new Error(`the worker answered ${answer.status}: ${answer.message}`);
    return { ms, bytes: answer.body.byteLength, rssBeforeKb, maxRssKb: process.resourceUsage().maxRSS };
  } finally {
    await pool.destroy();
  }
}

async function main() {
  const [file, format = "", worker, id] = process.argv.slice(2);
  if (format === "pdf-worker" && file && worker && id) {
    process.stdout.write(`${JSON.stringify(await inWorker(file, worker, id))}\n`);
    return;
  }
  const query = QUERIES[format];
  if (!file || !query)
    throw new Error("usage: export-child.ts SNAPSHOT.json pdf|csv|json, or DATA_DIR pdf-worker WORKER.mjs ID");
  // Parsed and validated as the store does when a route handler reads the snapshot.
  const snapshot = snapshotSchema.parse(JSON.parse(await readFile(file, "utf8")));
  const rssBeforeKb = Math.round(process.memoryUsage().rss / 1024);
  const started = performance.now();
  const exported = await exportSnapshot(snapshot, query);
  const ms = performance.now() - started;
  const bytes = typeof exported.body === "string" ? Buffer.byteLength(exported.body) : exported.body.length;
  const maxRssKb = process.resourceUsage().maxRSS;
  process.stdout.write(`${JSON.stringify({ ms, bytes, rssBeforeKb, maxRssKb })}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
