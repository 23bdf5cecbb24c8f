/**
 * Export time and peak memory for a snapshot: PDF (whole report), CSV (every result row) and JSON
 * (the full snapshot), each rendered in a fresh child process (bench/export-child.ts).
 *
 * Peak memory is the child's max RSS, so it includes Node itself, tsx and the parsed snapshot;
 * `rssBeforeMb` is what the process held just before the export started, for comparison.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { Snapshot } from "@/lib/snapshot/schema";
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

export async function measureExports(snapshot: Snapshot): Promise<ExportsMeasurement> {
  const dir = await mkdtemp(path.join(tmpdir(), "safekeep-bench-export-"));
  try {
    const file = path.join(dir, "snapshot.json");
    await writeFile(file, JSON.stringify(snapshot));
    const formats: ExportMeasurement[] = [];
    for (const format of EXPORT_FORMATS) {
      const { stdout } = await run(process.execPath, ["--import", "tsx", "bench/export-child.ts", file, format], {
        cwd: ROOT,
        maxBuffer: 1024 * 1024,
        timeout: 600_000,
        env: { ...process.env, NODE_ENV: "production" },
      });
      const result = JSON.parse(stdout.trim().split("\n").pop() ?? "{}") as {
        ms: number;
        bytes: number;
        rssBeforeKb: number;
        maxRssKb: number;
      };
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
