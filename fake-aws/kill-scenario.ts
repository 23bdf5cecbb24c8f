/**
 * "The server is killed in the middle of a scan": the real production server scans the demo account
 * from the fake endpoint, is SIGKILLed while a slow second scan is under way, and is started again
 * on the same data directory. Returns what was observed at each step; the tests (vitest and
 * Playwright) assert on it.
 */
import Database from "better-sqlite3";
import path from "node:path";
import { demoInventory } from "@/lib/demo/inventory";
import { SERVICE_IDS } from "@/lib/inventory/common";
import { SqliteSnapshotStore } from "@/lib/snapshot/sqlite-store";
import type { FakeAws } from "./server";
import { freePort, startServerProcess, type ServerProcess } from "./server-process";

/** Every fake answer takes this long during the scan that gets killed, so it is surely mid-way. */
const SLOW_ANSWER_MS = 2_000;
const QUICK_SCAN = { services: ["elasticache"], regions: ["us-east-1"] };
const FULL_SCAN = { services: [...SERVICE_IDS], regions: demoInventory.regions };
const scenario = { ...demoInventory, errors: [] };

interface ScanStatus {
  id: string;
  state: "running" | "finished" | "failed";
  snapshotId?: string;
  steps: unknown[];
  error?: string;
}

export interface KillObservations {
  earlierSnapshotId: string;
  /** GET /api/snapshots/<earlier> before the kill, as text. */
  earlierBefore: string;
  killedScanId: string;
  /** The killed scan's status just before the kill, and the fake calls it had made by then. */
  killedScanBeforeKill: ScanStatus;
  callsBeforeKill: number;
  afterRestart: {
    /** GET /api/scans: 404 when no scan has run since the server started. */
    scans: { status: number; body: Partial<ScanStatus> & { error?: string } };
    earlier: { status: number; text: string };
    latestId: string | undefined;
    killedSnapshotStatus: number;
    storedIds: string[];
    integrity: string;
  };
  newScan: ScanStatus;
  storedIdsAtEnd: string[];
}

async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

async function startScan(server: ServerProcess, body: object): Promise<string> {
  const response = await fetch(`${server.url}/api/scans`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (response.status !== 202) {
    throw new Error(`POST /api/scans answered ${response.status}: ${await response.text()}\n${server.output()}`);
  }
  return (await json<{ id: string }>(response)).id;
}

async function scanStatus(server: ServerProcess, id: string): Promise<ScanStatus> {
  return json<ScanStatus>(await fetch(`${server.url}/api/scans/${id}`));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, withinMs: number): Promise<T> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function finishedScan(server: ServerProcess, id: string): Promise<ScanStatus> {
  return waitFor(
    `scan ${id} to end`,
    async () => {
      const status = await scanStatus(server, id);
      return status.state === "running" ? undefined : status;
    },
    30_000,
  );
}

/** Reads the store the way the product does, beside the running server (WAL allows it). */
async function storedIds(dataDir: string): Promise<string[]> {
  const store = new SqliteSnapshotStore(path.join(dataDir, "safekeep.db"));
  try {
    return (await store.list()).map((s) => s.id);
  } finally {
    store.close();
  }
}

function integrity(dataDir: string): string {
  const db = new Database(path.join(dataDir, "safekeep.db"), { readonly: true, fileMustExist: true });
  try {
    return String(db.pragma("integrity_check", { simple: true }));
  } finally {
    db.close();
  }
}

export async function killDuringScan(fake: FakeAws, dataDir: string): Promise<KillObservations> {
  const port = await freePort();
  const options = { port, dataDir, awsEndpoint: fake.url };
  let server = await startServerProcess(options);
  try {
    // 1. One finished scan in the store.
    fake.setScenario({ inventory: scenario });
    const seeded = await finishedScan(server, await startScan(server, QUICK_SCAN));
    if (seeded.state !== "finished" || !seeded.snapshotId) {
      throw new Error(`the first scan did not finish: ${JSON.stringify(seeded)}\n${server.output()}`);
    }
    const earlierSnapshotId = seeded.snapshotId;
    const earlierBefore = await (await fetch(`${server.url}/api/snapshots/${earlierSnapshotId}`)).text();

    // 2. A slow full scan, killed once it is collecting.
    fake.setScenario({ inventory: scenario, latencyMs: SLOW_ANSWER_MS });
    fake.reset();
    const killedScanId = await startScan(server, FULL_SCAN);
    const collecting = () => Object.keys(fake.counts()).some((action) => action !== "sts:GetCallerIdentity");
    await waitFor("the slow scan to reach a collector", async () => (collecting() ? true : undefined), 20_000);
    const killedScanBeforeKill = await scanStatus(server, killedScanId);
    const callsBeforeKill = Object.values(fake.counts()).reduce((a, b) => a + b, 0);
    await server.kill("SIGKILL");

    // 3. The same data directory, a fresh process.
    fake.setScenario({ inventory: scenario });
    server = await startServerProcess(options);
    const scansResponse = await fetch(`${server.url}/api/scans`);
    const earlierResponse = await fetch(`${server.url}/api/snapshots/${earlierSnapshotId}`);
    const latest = await fetch(`${server.url}/api/snapshots/latest`);
    const afterRestart = {
      scans: { status: scansResponse.status, body: await json<Partial<ScanStatus>>(scansResponse) },
      earlier: { status: earlierResponse.status, text: await earlierResponse.text() },
      latestId: latest.ok ? (await json<{ id: string }>(latest)).id : undefined,
      killedSnapshotStatus: (await fetch(`${server.url}/api/snapshots/${killedScanId}`)).status,
      storedIds: await storedIds(dataDir),
      integrity: integrity(dataDir),
    };

    // 4. Scanning works again.
    const newScan = await finishedScan(server, await startScan(server, QUICK_SCAN));
    return {
      earlierSnapshotId,
      earlierBefore,
      killedScanId,
      killedScanBeforeKill,
      callsBeforeKill,
      afterRestart,
      newScan,
      storedIdsAtEnd: await storedIds(dataDir),
    };
  } finally {
    await server.kill("SIGKILL");
  }
}
