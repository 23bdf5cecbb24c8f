/**
 * Whether exports hold up the server: CONCURRENT_PDFS PDF exports of the snapshot are sent at once
 * to the running server, and while they render, `/api/health` is asked one request after another
 * (HEALTH_GAP_MS apart) until the last export has answered. The figures are the health requests'
 * latency percentiles (the event loop's stalls show there first) and each export's time and status.
 */
import { percentile } from "./dashboard";

export const CONCURRENT_PDFS = 4;
const HEALTH_GAP_MS = 20;

export interface ExportLoadMeasurement {
  exports: number;
  /** HTTP status of each export (200, or 503 when the pool was full). */
  statuses: number[];
  exportMs: number[];
  healthRequests: number;
  healthP50Ms: number;
  healthP95Ms: number;
  healthMaxMs: number;
}

/** The time until the whole answer arrived; status 0 when the connection failed (a stalled server may drop it). */
async function timed(url: string): Promise<{ ms: number; status: number }> {
  const started = performance.now();
  try {
    const response = await fetch(url);
    await response.arrayBuffer();
    return { ms: performance.now() - started, status: response.status };
  } catch {
    return { ms: performance.now() - started, status: 0 };
  }
}

export async function measureExportLoad(
  baseUrl: string,
  snapshotId: string,
  concurrent = CONCURRENT_PDFS,
): Promise<ExportLoadMeasurement> {
  const health = new URL("/api/health", baseUrl).href;
  const pdf = new URL(`/api/snapshots/${encodeURIComponent(snapshotId)}/export?format=pdf&paper=a4`, baseUrl).href;
  // The route code is loaded before measuring, as for the dashboard's pages.
  for (let i = 0; i < 3; i++) await timed(health);
  let done = false;
  const exports = Promise.all(Array.from({ length: concurrent }, () => timed(pdf))).finally(() => {
    done = true;
  });
  const samples: number[] = [];
  while (!done) {
    samples.push((await timed(health)).ms);
    await new Promise((resolve) => setTimeout(resolve, HEALTH_GAP_MS));
  }
  const finished = await exports;
  return {
    exports: concurrent,
    statuses: finished.map((e) => e.status),
    exportMs: finished.map((e) => e.ms),
    healthRequests: samples.length,
    healthP50Ms: percentile(samples, 50),
    healthP95Ms: percentile(samples, 95),
    healthMaxMs: samples.length ? Math.max(...samples) : 0,
  };
}
