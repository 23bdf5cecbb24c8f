/**
 * Dashboard latency from the store: the snapshot is written to a temporary SAFEKEEP_DATA_DIR, the
 * production server (`npm run build` output, started as `npm start` does) serves it, and each page
 * is requested N times one after another. Each time is the full response: status, headers and the
 * whole HTML body, as a browser's navigation would wait for it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Snapshot } from "@/lib/snapshot/schema";
import { SqliteSnapshotStore } from "@/lib/snapshot/sqlite-store";
import { ROOT, stopChild } from "./scan";
import { freePort } from "@/test-support/free-port";

export interface PageLatency {
  page: string;
  path: string;
  requests: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  htmlKb: number;
}

export interface DashboardServer {
  url: string;
  stop(): Promise<void>;
}

export function standaloneBuilt(): boolean {
  return existsSync(path.join(ROOT, ".next", "standalone", "server.js"));
}

/** `npm run build`, for a checkout without a production build. */
export async function buildProduction(): Promise<void> {
  const child = spawn("npm", ["run", "build"], { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"] });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`npm run build failed (exit ${code})`);
}

/** Percentile by nearest rank: p95 of 20 samples is the 19th smallest. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return 0;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

/**
 * Stores `snapshot` as the only (so the newest) snapshot, or every one of a list (an organization's
 * history), and serves them from the production build.
 */
export async function startDashboard(snapshot: Snapshot | readonly Snapshot[]): Promise<DashboardServer> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "safekeep-bench-data-"));
  const store = new SqliteSnapshotStore(path.join(dataDir, "safekeep.db"));
  for (const one of Array.isArray(snapshot) ? snapshot : [snapshot]) await store.put(one);
  store.close();
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ["scripts/start-standalone.mjs"], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      PORT: String(port),
      SAFEKEEP_HOST: "127.0.0.1",
      SAFEKEEP_DATA_DIR: dataDir,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the dashboard server exited with ${child.exitCode}`);
    const healthy = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy) break;
    if (Date.now() > deadline) {
      await stopChild(child);
      throw new Error("the dashboard server did not answer /api/health in 60 s");
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    stop: async () => {
      await stopChild(child);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The pages the issue names: overview, a service page, and the control page with the most results. */
export function dashboardPages(snapshot: Snapshot): Record<string, string> {
  const biggest = [...snapshot.controls].sort((a, b) => b.results.length - a.results.length)[0];
  const busiestService =
    [...snapshot.services]
      .map((s) => ({
        id: s.id,
        results: snapshot.controls.filter((c) => c.service === s.id).reduce((n, c) => n + c.results.length, 0),
      }))
      .sort((a, b) => b.results - a.results)[0]?.id ?? "iam";
  const pages: Record<string, string> = { overview: "/", service: `/services/${busiestService}` };
  if (biggest) pages.control = `/services/${biggest.service}/controls/${biggest.id}`;
  return pages;
}

async function timeRequest(url: string): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  const response = await fetch(url);
  const body = await response.arrayBuffer();
  const ms = performance.now() - started;
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return { ms, bytes: body.byteLength };
}

export async function measurePages(
  baseUrl: string,
  pages: Record<string, string>,
  requests: number,
  warmup = 3,
): Promise<PageLatency[]> {
  const measured: PageLatency[] = [];
  for (const [page, pagePath] of Object.entries(pages)) {
    const url = new URL(pagePath, baseUrl).href;
    // The first requests compile and cache route code; the figure wanted is the steady state.
    for (let i = 0; i < warmup; i++) await timeRequest(url);
    const samples: number[] = [];
    let bytes = 0;
    for (let i = 0; i < requests; i++) {
      const timed = await timeRequest(url);
      samples.push(timed.ms);
      bytes = timed.bytes;
    }
    measured.push({
      page,
      path: pagePath,
      requests,
      p50Ms: percentile(samples, 50),
      p95Ms: percentile(samples, 95),
      maxMs: Math.max(...samples),
      htmlKb: bytes / 1024,
    });
  }
  return measured;
}
