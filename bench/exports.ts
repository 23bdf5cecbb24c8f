/**
 * Export time and peak memory for a snapshot: PDF (whole report), CSV (every result row) and JSON
 * (the full snapshot), each rendered in a fresh child process.
 *
 * - PDF: as the server makes it (bench/export-worker-child.mjs): the snapshot stored in a temporary
 *   SQLite store, a plain Node process whose pool runs the export worker, bundled from the current
 *   sources as `npm run build` bundles it, with the server's heap cap. The time is the job's (store
 *   read, comparison with the previous snapshot, layout); peak memory is the process's max RSS, main
 *   thread included.
 * - CSV and JSON: in the child's own thread (bench/export-child.ts), as the server writes them up to
 *   IN_PROCESS_MAX_RESULTS results; peak memory includes Node itself, tsx and the parsed snapshot.
 * `rssBeforeMb` is what the process held just before the export started, for comparison.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { WORKER_HEAP_MB } from "@/lib/report/render-pool";
import type { Snapshot } from "@/lib/snapshot/schema";
import { SqliteSnapshotStore } from "@/lib/snapshot/sqlite-store";
import { ROOT } from "./scan";

export const EXPORT_FORMATS = ["pdf", "csv", "json"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportMeasurement {
  format: ExportFormat;
  ms: number;
  bytes: number;
  peakRssMb: number;
  rssBeforeMb: number;
}

export interface ExportsMeasurement {
  /** Resource results in the snapshot (rows of the CSV, entries the PDF summarises). */
  results: number;
  formats: ExportMeasurement[];
}

const run = promisify(execFile);

/** Bundles the export worker from the current sources to `out` (scripts/build-export-worker.mjs). */
async function bundleWorker(out?: string): Promise<void> {
  await run(process.execPath, ["scripts/build-export-worker.mjs", ...(out ? ["--out", out] : [])], { cwd: ROOT });
}

/** The standalone build's export worker, bundled when a build made by `next build` alone lacks it. */
export async function ensureExportWorker(): Promise<void> {
  const standalone = path.join(ROOT, ".next", "standalone");
  if (existsSync(path.join(standalone, "server.js")) && !existsSync(path.join(standalone, "export-worker.mjs"))) {
    await bundleWorker();
  }
}

type ChildResult = { ms: number; bytes: number; rssBeforeKb: number; maxRssKb: number };

/** The PDF through the export worker, as the production server renders it (see above). */
async function pdfInWorker(dir: string, snapshot: Snapshot): Promise<ChildResult> {
  const dataDir = path.join(dir, "data");
  const store = new SqliteSnapshotStore(path.join(dataDir, "safekeep.db"));
  await store.put(snapshot);
  store.close();
  // Inside the project, so the bundle finds the packages it leaves to node_modules.
  const bundle = path.join(ROOT, "node_modules", ".cache", "safekeep-bench", "export-worker.mjs");
  await bundleWorker(bundle);
  const { stdout } = await run(
    process.execPath,
    ["bench/export-worker-child.mjs", bundle, dataDir, snapshot.id, String(WORKER_HEAP_MB)],
    { cwd: ROOT, maxBuffer: 1024 * 1024, timeout: 600_000, env: { ...process.env, NODE_ENV: "production" } },
  );
  return JSON.parse(stdout.trim().split("\n").pop() ?? "{}") as ChildResult;
}

export async function measureExports(snapshot: Snapshot): Promise<ExportsMeasurement> {
  const dir = await mkdtemp(path.join(tmpdir(), "safekeep-bench-export-"));
  try {
    const file = path.join(dir, "snapshot.json");
    await writeFile(file, JSON.stringify(snapshot));
    const formats: ExportMeasurement[] = [];
    for (const format of EXPORT_FORMATS) {
      const result =
        format === "pdf"
          ? await pdfInWorker(dir, snapshot)
          : (JSON.parse(
              (
                await run(process.execPath, ["--import", "tsx", "bench/export-child.ts", file, format], {
                  cwd: ROOT,
                  maxBuffer: 1024 * 1024,
                  timeout: 600_000,
                  env: { ...process.env, NODE_ENV: "production" },
                })
              ).stdout
                .trim()
                .split("\n")
                .pop() ?? "{}",
            ) as ChildResult);
      formats.push({
        format,
        ms: result.ms,
        bytes: result.bytes,
        peakRssMb: result.maxRssKb / 1024,
        rssBeforeMb: result.rssBeforeKb / 1024,
      });
    }
    return { results: snapshot.controls.reduce((n, c) => n + c.results.length, 0), formats };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
