/**
 * Scans a synthetic account served by the fake endpoint, with Safekeep's scanner and with the
 * baseline, and measures wall time and API calls. The fake runs in its own process (a fresh one per
 * scan, so rate-limit buckets and the credential report start the same for both scanners): on two
 * cores the scanner and the endpoint would otherwise share one event loop, and the scan's wall time
 * would include the endpoint's own work.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import type { Scenario } from "@/fake-aws/types";
import { SERVICE_IDS, type Inventory } from "@/lib/inventory";
import type { PacingMode } from "@/lib/aws/pacing";
import { scanAws } from "@/lib/scan/scan-aws";
import { runScanPipeline } from "@/lib/scan/pipeline";
import type { Snapshot } from "@/lib/snapshot/schema";
import { runBaseline } from "./baseline";
import { countResources } from "./generate";

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");

export interface FakeProcess {
  url: string;
  /** HTTP requests answered, per action (throttled ones included). */
  counts(): Promise<Record<string, number>>;
  /** Requests refused by the rate limits, per action. */
  throttled(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

/** Stops a child process this bench started, and waits until it is gone. */
export function stopChild(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill(signal);
  });
}

/** Serves `scenarioFile` from `fake-aws/main.ts` in a child process on a free port. */
export async function startFakeProcess(scenarioFile: string): Promise<FakeProcess> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "fake-aws/main.ts", "--port", "0", "--scenario", scenarioFile],
    {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, NODE_OPTIONS: "--max-old-space-size=4096" },
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error("the fake endpoint did not start in 60 s")), 60_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
      const found = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (found?.[1]) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    });
    child.once("exit", (code) => reject(new Error(`the fake endpoint exited with ${code}`)));
  });
  const json = async (route: string) => (await (await fetch(`${url}${route}`)).json()) as Record<string, number>;
  return {
    url,
    counts: () => json("/__fake/counts"),
    throttled: () => json("/__fake/throttled"),
    stop: () => stopChild(child),
  };
}

const sum = (record: Record<string, number>) => Object.values(record).reduce((a, b) => a + b, 0);

export interface ScanMeasurement {
  wallMs: number;
  /** HTTP requests the endpoint answered, retries and throttled attempts included. */
  requests: number;
  /** Of those, refused by the rate limits. */
  throttled: number;
  /** Commands the scanner sent (one per page; its own count). */
  commands: number;
  /** Calls that failed for good after the SDK's retries. */
  failedCalls: number;
  /** Resources Safekeep's scan found (countResources of its inventory). */
  resources?: number;
  /** What the baseline found, per kind (it builds no inventory). */
  found?: Record<string, number>;
  requestsByAction: Record<string, number>;
  /** Requests the endpoint refused for its rate limits, per action. */
  throttledByAction: Record<string, number>;
  /** When each step of Safekeep's scan started and finished, ms from the start. */
  steps?: StepTiming[];
}

export interface StepTiming {
  name: string;
  startMs: number;
  endMs: number;
}

/** Points every SDK client of this process at the fake endpoint for the duration of `run`. */
async function withEndpoint<T>(url: string, run: () => Promise<T>): Promise<T> {
  const saved = { ...process.env };
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: url,
    AWS_ACCESS_KEY_ID: "bench",
    AWS_SECRET_ACCESS_KEY: "bench",
    AWS_REGION: "us-east-1",
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  });
  try {
    return await run();
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}

export async function writeScenario(file: string, scenario: Scenario): Promise<void> {
  await writeFile(file, JSON.stringify(scenario));
}

/**
 * Safekeep's scan of the scenario; returns the measurement and the snapshot it leads to. `scan` lets
 * an experiment measure a modified scanner against the same scenario.
 */
export async function measureSafekeep(
  scenarioFile: string,
  inventory: Inventory,
  scan: typeof scanAws = scanAws,
  pacing: PacingMode = "on",
): Promise<{ measurement: ScanMeasurement; snapshot: Snapshot; buildMs: number }> {
  const fake = await startFakeProcess(scenarioFile);
  try {
    const started = performance.now();
    const steps = new Map<string, StepTiming>();
    const scanned = await withEndpoint(fake.url, () =>
      scan({
        regions: inventory.regions,
        services: [...SERVICE_IDS],
        pacing,
        onProgress: (event) => {
          const name = event.region ? `${event.step}/${event.region}` : event.step;
          const at = Math.round(performance.now() - started);
          const known = steps.get(name) ?? { name, startMs: at, endMs: at };
          if (event.state === "finished") known.endMs = at;
          steps.set(name, known);
        },
      }),
    );
    const wallMs = performance.now() - started;
    const counts = await fake.counts();
    const throttled = await fake.throttled();
    const { snapshot, buildMs } = await runScanPipeline(async () => scanned, {
      id: `bench-${Date.now()}`,
      now: () => new Date(),
    });
    return {
      measurement: {
        wallMs,
        requests: sum(counts),
        throttled: sum(throttled),
        commands: scanned.stats.apiCalls + 1, // + GetCallerIdentity, which runs before counting starts
        failedCalls: scanned.errors.length,
        resources: countResources(scanned),
        requestsByAction: counts,
        throttledByAction: throttled,
        steps: [...steps.values()].sort((a, b) => a.startMs - b.startMs),
      },
      snapshot,
      buildMs,
    };
  } finally {
    await fake.stop();
  }
}

export async function measureBaseline(scenarioFile: string, inventory: Inventory): Promise<ScanMeasurement> {
  const fake = await startFakeProcess(scenarioFile);
  try {
    const result = await withEndpoint(fake.url, () => runBaseline({ regions: inventory.regions, inventory }));
    const counts = await fake.counts();
    const throttled = await fake.throttled();
    return {
      wallMs: result.wallMs,
      requests: sum(counts),
      throttled: sum(throttled),
      commands: result.stats.apiCalls + 1,
      failedCalls: sum(result.errors),
      found: result.found,
      requestsByAction: counts,
      throttledByAction: throttled,
    };
  } finally {
    await fake.stop();
  }
}
