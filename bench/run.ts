/**
 * `npm run bench [-- --sizes small,medium,large] [--json] [--out FILE] [--latency MS] [--rate-scale X]
 *  [--requests N] [--skip baseline,dashboard,exports,export-load,first-load] [--seed N]`
 * `npm run bench -- --org N [--workers 1,2,4] [--concurrency C]`: team mode's organization scan of N
 *  small accounts by 1, 2, 4 workers instead (./org.ts), then the organization overview's latency
 *  (--requests, --skip dashboard); --json, --out, --latency, --rate-scale and --seed apply to it too.
 *
 * Measures, per size: Safekeep's scan against the lower bound and against the baseline design; the
 * dashboard's latency from the store; export time and memory for the largest snapshot; first-load
 * JavaScript per page. Prints a table, or with --json the machine-readable report (the table then
 * goes to stderr). Not a test: it runs on demand; bench/bench.smoke.test.ts checks it runs.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os, { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import type { RateLimit } from "@/fake-aws/types";
import type { Snapshot } from "@/lib/snapshot/schema";
import {
  apiCursor,
  buildProduction,
  dashboardPages,
  measurePages,
  pagedViews,
  standaloneBuilt,
  startDashboard,
  type PageLatency,
} from "./dashboard";
import { measureExportLoad, type ExportLoadMeasurement } from "./export-load";
import { ensureExportWorker, measureExports, type ExportsMeasurement } from "./exports";
import { measureFirstLoad, type FirstLoad } from "./first-load";
import { countResources, generateInventory, SIZE_NAMES, SIZES, type SizeName } from "./generate";
import { lowerBound, type LowerBound } from "./lower-bound";
import { measureBaseline, measureSafekeep, writeScenario, type ScanMeasurement } from "./scan";

/** A realistic round trip to an AWS endpoint from a scanner in another Region or on premises. */
export const DEFAULT_LATENCY_MS = 40;

/**
 * Documented default request-rate quotas of the APIs Safekeep calls (requests per second, per
 * account and Region; AWS applies them per API, the fake per action and Region):
 * - Amazon Connect: every control-plane API 2 rps, burst 5 (API reference, "Throttling limits").
 * - Amazon Cognito user pools: UserPoolRead and UserPoolClientRead categories, 15 rps each. AWS
 *   shares one bucket per category; the fake keeps one per action, so this is slightly generous.
 * - AWS CloudTrail LookupEvents: 2 rps (docs/controls.md#call-budget).
 * Services without a published per-API read quota (IAM, ElastiCache, Personalize, KMS, ...) are
 * left unlimited rather than guessed.
 */
export const RATE_LIMITS: Record<string, RateLimit> = {
  "connect:*": { rate: 2, burst: 5 },
  "cognito-idp:*": { rate: 15, burst: 15 },
  "cloudtrail:LookupEvents": { rate: 2, burst: 2 },
};

export const BENCH_PARTS = ["baseline", "dashboard", "exports", "export-load", "first-load"] as const;
export type BenchPart = (typeof BENCH_PARTS)[number];

export interface BenchOptions {
  sizes: SizeName[];
  latencyMs: number;
  /** Multiplies every rate and burst (the smoke test runs at a higher rate to finish in seconds). */
  rateScale: number;
  /** Requests per page for the dashboard percentiles. */
  requests: number;
  skip: BenchPart[];
  seed: number;
  log: (line: string) => void;
}

export interface SizeReport {
  size: SizeName;
  regions: string[];
  resources: number;
  lowerBound: LowerBound;
  safekeep: ScanMeasurement & {
    wallVsLowerBound: number;
    callsVsMinimum: number;
    callsPerResource: number;
    snapshotBuildMs: number;
    results: number;
  };
  baseline: (ScanMeasurement & { wallVsLowerBound: number; callsVsMinimum: number; safekeepSpeedup: number }) | null;
  dashboard: PageLatency[] | null;
  exports: ExportsMeasurement | null;
  /** /api/health while PDFs of this snapshot render (largest size, production server). */
  exportLoad?: ExportLoadMeasurement | null;
}

export interface TargetCheck {
  target: string;
  size: SizeName | "all";
  limit: string;
  measured: string;
  met: boolean;
}

export interface BenchReport {
  schemaVersion: 1;
  startedAt: string;
  durationMs: number;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; platform: string };
  scenario: { latencyMs: number; rateLimits: Record<string, RateLimit>; seed: number };
  sizes: SizeReport[];
  /** Measured on the largest size's server (the scripts do not depend on the data). */
  firstLoad: FirstLoad[] | null;
  targets: TargetCheck[];
}

function scaledLimits(scale: number): Record<string, RateLimit> {
  return Object.fromEntries(
    Object.entries(RATE_LIMITS).map(([key, { rate, burst }]) => [
      key,
      { rate: rate * scale, burst: Math.max(1, Math.round((burst ?? rate) * scale)) },
    ]),
  );
}

const round = (n: number, digits = 0) => Math.round(n * 10 ** digits) / 10 ** digits;

export function targets(report: Omit<BenchReport, "targets">): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const s of report.sizes) {
    checks.push({
      target: "scan wall time ≤ 1.2 × lower bound",
      size: s.size,
      limit: "1.20×",
      measured: `${round(s.safekeep.wallVsLowerBound, 2)}×`,
      met: s.safekeep.wallVsLowerBound <= 1.2,
    });
    checks.push({
      target: "API calls ≤ 1.1 × minimum",
      size: s.size,
      limit: "1.10×",
      measured: `${round(s.safekeep.callsVsMinimum, 2)}×`,
      met: s.safekeep.callsVsMinimum <= 1.1,
    });
    checks.push({
      target: "nothing lost to throttling (failed calls)",
      size: s.size,
      limit: "0",
      measured: `${s.safekeep.failedCalls} (${s.safekeep.throttled} throttled attempts)`,
      met: s.safekeep.failedCalls === 0,
    });
    if (s.baseline) {
      checks.push({
        target: "faster than the baseline",
        size: s.size,
        limit: "> 1.00×",
        measured: `${round(s.baseline.safekeepSpeedup, 2)}×`,
        met: s.baseline.safekeepSpeedup > 1,
      });
    }
  }
  const largest = report.sizes.at(-1);
  for (const page of largest?.dashboard ?? []) {
    checks.push({
      target: `${page.page} page p95 < 150 ms (largest size)`,
      size: largest?.size ?? "all",
      limit: "150 ms",
      measured: `${round(page.p95Ms)} ms`,
      met: page.p95Ms < 150,
    });
    // Paged on the server, so their size must not grow with the data, whatever the filter.
    if (!/^(findings|control)\b/.test(page.page)) continue;
    checks.push({
      target: `${page.page} page HTML < 300 kB (largest size)`,
      size: largest?.size ?? "all",
      limit: "300 kB",
      measured: `${round(page.htmlKb)} kB`,
      met: page.htmlKb < 300,
    });
  }
  for (const s of report.sizes) {
    const pdf = s.exports?.formats.find((f) => f.format === "pdf");
    if (!s.exports || !pdf) continue;
    checks.push({
      target: `PDF of ${s.exports.results} results < 8 s (export worker)`,
      size: s.size,
      limit: "8 s",
      measured: `${round(pdf.ms / 1000, 1)} s`,
      met: pdf.ms < 8_000,
    });
    checks.push({
      target: `PDF of ${s.exports.results} results < 400 MB peak RSS (export worker)`,
      size: s.size,
      limit: "400 MB",
      measured: `${round(pdf.peakRssMb)} MB`,
      met: pdf.peakRssMb < 400,
    });
  }
  for (const s of report.sizes) {
    if (!s.exportLoad) continue;
    checks.push({
      target: `/api/health p95 < 50 ms while ${s.exportLoad.exports} PDFs render`,
      size: s.size,
      limit: "50 ms",
      measured: `${round(s.exportLoad.healthP95Ms)} ms`,
      met: s.exportLoad.healthP95Ms < 50,
    });
  }
  for (const page of report.firstLoad ?? []) {
    checks.push({
      target: `first-load JS of ${page.path} < 200 kB gzip`,
      size: "all",
      limit: "200 kB",
      measured: `${round(page.gzipKb, 1)} kB`,
      met: page.gzipKb < 200,
    });
  }
  return checks;
}

async function benchSize(
  size: SizeName,
  options: BenchOptions,
  rateLimits: Record<string, RateLimit>,
  dir: string,
): Promise<{ report: SizeReport; snapshot: Snapshot }> {
  const { log } = options;
  const inventory = generateInventory(size, { seed: options.seed, now: new Date() });
  const resources = countResources(inventory);
  const file = path.join(dir, `scenario-${size}.json`);
  await writeScenario(file, { inventory, latencyMs: options.latencyMs, rateLimits, seed: options.seed });
  const bound = lowerBound({ inventory, latencyMs: options.latencyMs, rateLimits });
  log(
    `[${size}] ${resources} resources in ${inventory.regions.length} Regions; lower bound ${round(bound.wallMs / 1000, 1)} s, ${bound.minimumCalls} calls`,
  );

  log(`[${size}] Safekeep scan…`);
  const { measurement, snapshot, buildMs } = await measureSafekeep(file, inventory, undefined, options.rateScale);
  log(`[${size}] Safekeep: ${round(measurement.wallMs / 1000, 1)} s, ${measurement.requests} requests`);
  const safekeep = {
    ...measurement,
    wallVsLowerBound: measurement.wallMs / bound.wallMs,
    callsVsMinimum: measurement.requests / bound.minimumCalls,
    callsPerResource: measurement.requests / resources,
    snapshotBuildMs: buildMs,
    results: snapshot.controls.reduce((n, c) => n + c.results.length, 0),
  };

  let baseline: SizeReport["baseline"] = null;
  if (!options.skip.includes("baseline")) {
    log(`[${size}] baseline scan…`);
    const measured = await measureBaseline(file, inventory);
    log(`[${size}] baseline: ${round(measured.wallMs / 1000, 1)} s, ${measured.requests} requests`);
    baseline = {
      ...measured,
      wallVsLowerBound: measured.wallMs / bound.wallMs,
      callsVsMinimum: measured.requests / bound.minimumCalls,
      safekeepSpeedup: measured.wallMs / measurement.wallMs,
    };
  }
  return {
    report: {
      size,
      regions: inventory.regions,
      resources,
      lowerBound: bound,
      safekeep,
      baseline,
      dashboard: null,
      exports: null,
    },
    snapshot,
  };
}

export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const started = new Date();
  const { log } = options;
  const rateLimits = scaledLimits(options.rateScale);
  const dir = await mkdtemp(path.join(tmpdir(), "safekeep-bench-"));
  const sizes: SizeReport[] = [];
  let firstLoad: FirstLoad[] | null = null;
  const wantServer =
    !options.skip.includes("dashboard") ||
    !options.skip.includes("first-load") ||
    !options.skip.includes("export-load");
  try {
    if (wantServer && !standaloneBuilt()) {
      log("no production build (.next/standalone): running npm run build…");
      await buildProduction();
    }
    // A build made by `next build` alone lacks the export worker the server runs PDFs on.
    if (wantServer) await ensureExportWorker();
    const ordered = SIZE_NAMES.filter((s) => options.sizes.includes(s));
    for (const size of ordered) {
      const { report, snapshot } = await benchSize(size, options, rateLimits, dir);
      const largest = size === ordered.at(-1);
      if (wantServer && (!options.skip.includes("dashboard") || largest)) {
        const server = await startDashboard(snapshot);
        try {
          const pages = dashboardPages(snapshot);
          if (!options.skip.includes("dashboard")) {
            const views = await pagedViews(snapshot, (query) => apiCursor(server.url, query));
            log(`[${size}] dashboard: ${options.requests} requests per page…`);
            report.dashboard = await measurePages(server.url, { ...pages, ...views }, options.requests);
          }
          if (largest && !options.skip.includes("export-load")) {
            log(`[${size}] /api/health while PDFs render…`);
            report.exportLoad = await measureExportLoad(server.url, snapshot.id);
          }
          if (largest && !options.skip.includes("first-load")) {
            log("first-load JavaScript…");
            firstLoad = await measureFirstLoad(server.url, {
              ...pages,
              findings: "/findings",
              history: "/snapshots",
              compare: `/snapshots/compare?from=${snapshot.id}&to=${snapshot.id}`,
              scan: "/scan",
            });
          }
        } finally {
          await server.stop();
        }
      }
      if (!options.skip.includes("exports")) {
        log(`[${size}] exports (PDF, CSV, JSON)…`);
        report.exports = await measureExports(snapshot);
      }
      sizes.push(report);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const partial: Omit<BenchReport, "targets"> = {
    schemaVersion: 1,
    startedAt: started.toISOString(),
    durationMs: Date.now() - started.getTime(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? "unknown",
      memoryGb: round(os.totalmem() / 1024 ** 3, 1),
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
    },
    scenario: { latencyMs: options.latencyMs, rateLimits, seed: options.seed },
    sizes,
    firstLoad,
  };
  return { ...partial, targets: targets(partial) };
}

/** A plain-text table: the first `left` columns (names) aligned left, the figures right. */
function table(headers: string[], rows: (string | number)[][], left = 1): string {
  const cells = [headers, ...rows.map((row) => row.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? "").length)));
  const line = (row: string[]) =>
    row.map((cell, i) => (i < left ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join("  ");
  return [line(headers), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
}

export function formatReport(report: BenchReport): string {
  const s = (ms: number) => `${round(ms / 1000, 1)} s`;
  const out: string[] = [];
  out.push(
    `Safekeep bench, ${report.machine.cpus} × ${report.machine.cpuModel}, Node ${report.machine.node}; ` +
      `latency ${report.scenario.latencyMs} ms; rate limits ${Object.entries(report.scenario.rateLimits)
        .map(([k, v]) => `${k} ${v.rate}/s (burst ${v.burst})`)
        .join(", ")}`,
    "",
    table(
      [
        "size",
        "resources",
        "lower bound",
        "Safekeep",
        "×LB",
        "baseline",
        "×LB",
        "speed-up",
        "min calls",
        "calls",
        "×min",
        "calls/res",
        "throttled",
        "baseline calls",
      ],
      report.sizes.map((r) => [
        r.size,
        r.resources,
        s(r.lowerBound.wallMs),
        s(r.safekeep.wallMs),
        round(r.safekeep.wallVsLowerBound, 2),
        r.baseline ? s(r.baseline.wallMs) : "–",
        r.baseline ? round(r.baseline.wallVsLowerBound, 2) : "–",
        r.baseline ? `${round(r.baseline.safekeepSpeedup, 2)}×` : "–",
        r.lowerBound.minimumCalls,
        r.safekeep.requests,
        round(r.safekeep.callsVsMinimum, 2),
        round(r.safekeep.callsPerResource, 3),
        r.safekeep.throttled,
        r.baseline ? `${r.baseline.requests} (${r.baseline.throttled} thr., ${r.baseline.failedCalls} failed)` : "–",
      ]),
    ),
  );
  const pages = report.sizes.flatMap((r) => (r.dashboard ?? []).map((p) => ({ size: r.size, ...p })));
  if (pages.length > 0) {
    out.push(
      "",
      table(
        ["size", "page", "path", "p50", "p95", "max", "HTML"],
        pages.map((p) => [
          p.size,
          p.page,
          p.path.length > 60 ? `${p.path.slice(0, 57)}...` : p.path,
          `${round(p.p50Ms)} ms`,
          `${round(p.p95Ms)} ms`,
          `${round(p.maxMs)} ms`,
          `${round(p.htmlKb)} kB`,
        ]),
        3,
      ),
    );
  }
  const exports = report.sizes.flatMap((r) => (r.exports?.formats ?? []).map((f) => ({ r, f })));
  if (exports.length > 0) {
    out.push(
      "",
      table(
        ["size", "results", "format", "time", "file", "peak RSS", "RSS before"],
        exports.map(({ r, f }) => [
          r.size,
          r.exports?.results ?? 0,
          f.format,
          s(f.ms),
          `${round(f.bytes / 1024 / 1024, 1)} MB`,
          `${round(f.peakRssMb)} MB`,
          `${round(f.rssBeforeMb)} MB`,
        ]),
      ),
    );
  }
  const loads = report.sizes.filter((r) => r.exportLoad);
  if (loads.length > 0) {
    out.push(
      "",
      table(
        ["size", "PDFs at once", "statuses", "PDF times", "health requests", "health p50", "p95", "max"],
        loads.map((r) => {
          const l = r.exportLoad!;
          return [
            r.size,
            l.exports,
            l.statuses.join(" "),
            l.exportMs.map((ms) => s(ms)).join(" "),
            l.healthRequests,
            `${round(l.healthP50Ms)} ms`,
            `${round(l.healthP95Ms)} ms`,
            `${round(l.healthMaxMs)} ms`,
          ];
        }),
      ),
    );
  }
  if (report.firstLoad) {
    out.push(
      "",
      table(
        ["page", "path", "scripts", "raw", "gzip"],
        report.firstLoad.map((p) => [
          p.page,
          p.path.length > 60 ? `${p.path.slice(0, 57)}...` : p.path,
          p.scripts,
          `${round(p.rawKb)} kB`,
          `${round(p.gzipKb, 1)} kB`,
        ]),
        2,
      ),
    );
  }
  out.push(
    "",
    table(
      ["target", "size", "limit", "measured", ""],
      report.targets.map((t) => [t.target, t.size, t.limit, t.measured, t.met ? "✓ met" : "✗ missed"]),
      2,
    ),
  );
  return out.join("\n");
}

interface CliOptions extends BenchOptions {
  json: boolean;
  out?: string;
  /** --org N: the organization bench instead of the sizes. */
  org?: number;
  workers: number[];
  concurrency?: number;
}

export function parseOptions(argv: string[]): CliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      sizes: { type: "string", default: SIZE_NAMES.join(",") },
      json: { type: "boolean", default: false },
      out: { type: "string" },
      latency: { type: "string", default: String(DEFAULT_LATENCY_MS) },
      "rate-scale": { type: "string", default: "1" },
      requests: { type: "string", default: "40" },
      skip: { type: "string", default: "" },
      seed: { type: "string", default: "1" },
      org: { type: "string" },
      workers: { type: "string", default: "1,2,4" },
      concurrency: { type: "string" },
    },
  });
  const sizes = (values.sizes ?? "").split(",").filter(Boolean);
  const unknown = sizes.filter((s) => !(s in SIZES));
  if (unknown.length > 0 || sizes.length === 0) throw new Error(`--sizes takes ${SIZE_NAMES.join(",")}`);
  const skip = (values.skip ?? "").split(",").filter(Boolean);
  const badSkip = skip.filter((p) => !(BENCH_PARTS as readonly string[]).includes(p));
  if (badSkip.length > 0) throw new Error(`--skip takes ${BENCH_PARTS.join(",")}`);
  const number = (name: string, value: string | undefined, min: number) => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < min) throw new Error(`--${name} must be a number ≥ ${min}`);
    return n;
  };
  const whole = (name: string, value: string, min: number) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} takes whole numbers ≥ ${min}`);
    return n;
  };
  const workers = (values.workers ?? "").split(",").filter(Boolean);
  if (workers.length === 0) throw new Error("--workers takes a list such as 1,2,4");
  return {
    sizes: sizes as SizeName[],
    latencyMs: number("latency", values.latency, 0),
    rateScale: number("rate-scale", values["rate-scale"], 0.01),
    requests: number("requests", values.requests, 1),
    skip: skip as BenchPart[],
    seed: number("seed", values.seed, 0),
    json: values.json ?? false,
    out: values.out,
    ...(values.org === undefined ? {} : { org: whole("org", values.org, 1) }),
    workers: workers.map((w) => whole("workers", w, 1)),
    ...(values.concurrency === undefined ? {} : { concurrency: whole("concurrency", values.concurrency, 1) }),
    log: (line) => process.stderr.write(`${line}\n`),
  };
}

async function main() {
  let options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(2);
  }
  if (options.org !== undefined) {
    // Loaded only here: it brings BullMQ, Redis and PostgreSQL clients the other benches do not need.
    const { formatOrgReport, runOrgBench } = await import("./org");
    const report = await runOrgBench({
      accounts: options.org,
      workers: options.workers,
      concurrency: options.concurrency,
      latencyMs: options.latencyMs,
      rateLimits: scaledLimits(options.rateScale),
      pacing: options.rateScale === 1 ? "on" : options.rateScale,
      seed: options.seed,
      log: options.log,
      ...(options.skip.includes("dashboard") ? {} : { dashboardRequests: options.requests }),
    });
    await emit(formatOrgReport(report), report, options);
    return;
  }
  const report = await runBench(options);
  await emit(formatReport(report), report, options);
}

/** The table on stdout, or with --json the report there and the table on stderr; --out writes the report. */
async function emit(text: string, report: unknown, options: { json: boolean; out?: string }) {
  if (options.out) await writeFile(options.out, `${JSON.stringify(report, null, 2)}\n`);
  if (options.json) {
    process.stderr.write(`${text}\n`);
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    process.stdout.write(`${text}\n`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
}
