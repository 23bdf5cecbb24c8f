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
import { findingsViewParams } from "@/lib/findings-url";
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

/** Text to search for that a few of the biggest control's resources hold: a resource name less its last character. */
export function searchTerm(snapshot: Snapshot): string {
  const biggest = [...snapshot.controls].sort((a, b) => b.results.length - a.results.length)[0];
  const named = biggest?.results.find((r) => r.name && r.name.length > 2)?.name;
  return named ? named.slice(0, -1) : "a";
}

/**
 * The views the findings model serves, as the issue measures them (findings and control pages p95
 * < 150 ms and < 300 kB of HTML, whatever the filter): /findings and the control page with the most
 * results, each with no filter, a status filter, a text search and its second page. The second page
 * is reached the way a person reaches it, by the first page's cursor; `cursorOf` answers the cursor
 * GET /api/findings gives for a query (the pages read the same model, so it is the same cursor). A
 * view with a single page has no second page to measure.
 */
export async function pagedViews(
  snapshot: Snapshot,
  cursorOf: (query: URLSearchParams) => Promise<string | null>,
): Promise<Record<string, string>> {
  const q = encodeURIComponent(searchTerm(snapshot));
  const views: Record<string, string> = {
    findings: "/findings",
    "findings status=fail": "/findings?status=fail",
    "findings q": `/findings?q=${q}`,
  };
  const findingsNext = await cursorOf(new URLSearchParams());
  if (findingsNext) views["findings page 2"] = `/findings?cursor=${findingsNext}`;
  const biggest = [...snapshot.controls].sort((a, b) => b.results.length - a.results.length)[0];
  if (!biggest) return views;
  const path = `/services/${biggest.service}/controls/${biggest.id}`;
  views.control = path;
  views["control status=fail"] = `${path}?status=fail`;
  views["control q"] = `${path}?q=${q}`;
  // The control page's first page, as GET /api/findings spells it.
  const controlNext = await cursorOf(
    findingsViewParams(new URLSearchParams(), { snapshotId: snapshot.id, controlId: biggest.id }),
  );
  if (controlNext) views["control page 2"] = `${path}?cursor=${controlNext}`;
  return views;
}

/** The next-page cursor GET /api/findings answers for `query` on the server at `baseUrl`. */
export async function apiCursor(baseUrl: string, query: URLSearchParams): Promise<string | null> {
  const response = await fetch(new URL(`/api/findings?${query.toString()}`, baseUrl));
  if (!response.ok) throw new Error(`GET /api/findings?${query.toString()}: HTTP ${response.status}`);
  return ((await response.json()) as { nextCursor: string | null }).nextCursor;
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
