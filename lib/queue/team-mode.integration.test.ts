/**
 * Team mode end to end, with real parts: an organization of six accounts served by the fake
 * endpoint (with AWS's rate limits per account), Redis and PostgreSQL started by the test, and two
 * `npm run worker` processes. One worker is SIGKILLed mid-scan: every account still ends with exactly
 * one snapshot, with the same verdicts as an embedded scan of the same account, and the fake refused
 * (almost) no call for its rate. Then Redis is restarted mid-scan: the scan's state is lost with it
 * (no persistence), which the queue says, and no half snapshot is stored.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { generatedAccountId, generateOrganization } from "@/fake-aws/organization-generate";
import { sdkEnvironmentFor } from "@/fake-aws/sdk-environment";
import { startFakeAws, type FakeAws } from "@/fake-aws/server";
import { callerIdentity, scanAccounts } from "@/lib/scan/accounts";
import type { Snapshot } from "@/lib/snapshot/schema";
import { PostgresSnapshotStore } from "@/lib/snapshot/postgres-store";
import { openSnapshotStore } from "@/lib/snapshot/store";
import { startTestPostgres, type TestPostgres } from "@/test-support/postgres";
import { startRedis, type TestRedis } from "@/test-support/redis";
import { ScanQueue, type OrganizationScanStatus } from "./scan-queue";

const ROOT = path.resolve(__dirname, "../..");
const ACCOUNTS = 6;
const RATE_LIMITS = {
  "connect:*": { rate: 2, burst: 5 },
  "cognito-idp:*": { rate: 15, burst: 15 },
  "cloudtrail:LookupEvents": { rate: 2, burst: 2 },
};
const scenario = { ...generateOrganization({ accounts: ACCOUNTS, size: "small", seed: 7 }), rateLimits: RATE_LIMITS };
const REGIONS = scenario.organization.accounts[0]!.inventory.regions;
const SERVICES = ["account", "iam", "elasticache", "cognito", "personalize", "connect"] as const;
const HASH_KEY = randomBytes(32);

let fake: FakeAws;
let redis: TestRedis;
let postgres: TestPostgres;
let databaseUrl: string;
let dataDir: string;
const workers: ChildProcess[] = [];

function startWorker(): ChildProcess {
  const child = spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["lib/cli/worker.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...sdkEnvironmentFor(fake.url),
      SAFEKEEP_DATA_DIR: dataDir,
      SAFEKEEP_REDIS_URL: redis.url,
      SAFEKEEP_DATABASE_URL: databaseUrl,
      SAFEKEEP_INSTALLATION_KEY: Buffer.from(HASH_KEY).toString("base64"),
      SAFEKEEP_WORKER_LOCK_MS: "3000",
      SAFEKEEP_LOG_LEVEL: "error",
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  workers.push(child);
  return child;
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** `npm run scan` in this process; `err` fills as the command prints, `done` ends with its exit code. */
function cli(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const done = import("@/lib/cli/scan").then(async ({ main }) => {
    const code = await main(argv, { out: (m: string) => out.push(m), err: (m: string) => err.push(m) });
    return { code, out: out.join("\n"), err: err.join("\n") };
  });
  return { err, done };
}

/** Waits until one of the scan's accounts is being scanned. */
function untilAccountRunning(queue: ScanQueue, id: string): Promise<true> {
  return waitFor(
    "a running account",
    async () => ((await queue.status(id))?.accounts.some((a) => a.progress === "running") ? true : undefined),
    60_000,
  );
}

/** Every control's and every result's verdict, keyed by control and resource row. */
function verdicts(snapshot: Snapshot): Map<string, string> {
  const rows = new Map<string, string>();
  for (const control of snapshot.controls) {
    rows.set(control.id, control.status);
    for (const result of control.results) rows.set(`${control.id}|${result.findingId}`, result.status);
  }
  return rows;
}

beforeAll(async () => {
  [redis, postgres] = await Promise.all([startRedis(), startTestPostgres()]);
  databaseUrl = await postgres.createDatabase("team");
  fake = await startFakeAws(scenario);
  dataDir = await mkdtemp(path.join(tmpdir(), "safekeep-team-"));
  for (const [name, value] of Object.entries(sdkEnvironmentFor(fake.url))) vi.stubEnv(name, value);
}, 60_000);

afterAll(async () => {
  vi.unstubAllEnvs();
  for (const worker of workers) worker.kill("SIGKILL");
  await fake?.close();
  await redis?.stop();
  await postgres?.stop();
});

describe("team mode: an organization of six accounts, two workers, PostgreSQL", { timeout: 240_000 }, () => {
  it("loses nothing when a worker is SIGKILLed mid-scan, and matches embedded scans per resource row", async () => {
    const [first] = [startWorker(), startWorker()];
    const queue = new ScanQueue(redis.url);
    try {
      const id = await queue.enqueue({
        selection: { org: true },
        request: { regions: REGIONS, services: [...SERVICES], pacing: "on" },
        role: { roleName: "SafekeepAudit" },
      });
      // Kill one worker as soon as accounts are being scanned.
      await untilAccountRunning(queue, id);
      first!.kill("SIGKILL");
      const status = await waitFor<OrganizationScanStatus>(
        "the organization scan to end",
        async () => {
          const s = await queue.status(id);
          return s && (s.state === "finished" || s.state === "failed") ? s : undefined;
        },
        180_000,
      );
      expect(status.state).toBe("finished");
      expect(status.accounts.map((a) => [a.accountId, a.progress]).sort()).toEqual(
        Array.from({ length: ACCOUNTS }, (_, i) => [generatedAccountId(i), "done"]).sort(),
      );

      // AWS's quotas held across workers: the fake refused (almost) nothing for its rate.
      const throttled = fake
        .accounts()
        .reduce((sum, account) => sum + Object.values(fake.throttled(account)).reduce((a, b) => a + b, 0), 0);
      const calls = fake
        .accounts()
        .reduce((sum, a) => sum + Object.values(fake.counts(a)).reduce((x, y) => x + y, 0), 0);
      // Calls that arrive late (a loaded machine) let the next one in early; the SDK retries those.
      // Without shared buckets, two workers on one account would each send at the full quota.
      expect(throttled, JSON.stringify(fake.accounts().map((a) => fake.throttled(a)))).toBeLessThanOrEqual(
        Math.ceil(calls * 0.02),
      );

      // The same accounts scanned by the embedded mode, in this process, into SQLite.
      const embeddedDir = await mkdtemp(path.join(tmpdir(), "safekeep-team-embedded-"));
      const embeddedStore = openSnapshotStore(embeddedDir, {});
      const embeddedOutcomes = await scanAccounts(
        scenario.organization.accounts.map((a) => ({ accountId: a.inventory.account.id })),
        {
          caller: await callerIdentity(REGIONS[0]),
          role: { roleName: "SafekeepAudit" },
          scan: { regions: REGIONS, services: [...SERVICES], pacing: "on" },
          store: embeddedStore,
          hashKey: HASH_KEY,
        },
      );
      const store = new PostgresSnapshotStore(databaseUrl);
      try {
        const listed = await store.list();
        // Exactly one snapshot per account: no unit ran twice into a snapshot, no duplicate.
        expect(listed.map((s) => s.accountId).sort()).toEqual(
          Array.from({ length: ACCOUNTS }, (_, i) => generatedAccountId(i)).sort(),
        );
        for (const account of scenario.organization.accounts) {
          const listing = listed.find((s) => s.accountId === account.inventory.account.id)!;
          const stored = (await store.get(listing.id))!;
          expect(stored.account.name).toBe(account.name);
          const embeddedId = embeddedOutcomes.find((o) => o.accountId === account.inventory.account.id)?.snapshotId;
          const embedded = (await embeddedStore.get(embeddedId ?? ""))!;
          expect(embedded, `embedded scan of ${account.inventory.account.id}`).toBeDefined();
          const mine = verdicts(stored);
          const theirs = verdicts(embedded);
          const differing = [...theirs].filter(([row, verdict]) => mine.get(row) !== verdict);
          expect(differing, `account ${account.inventory.account.id}`).toEqual([]);
          expect(mine.size).toBe(theirs.size);
        }
      } finally {
        await store.close();
      }
    } finally {
      await queue.close();
    }
  });

  it("names the lost state when Redis restarts mid-scan, stores no half snapshot, and takes new scans after", async () => {
    startWorker();
    const store = new PostgresSnapshotStore(databaseUrl);
    const queue = new ScanQueue(redis.url);
    try {
      vi.stubEnv("SAFEKEEP_REDIS_URL", redis.url);
      vi.stubEnv("SAFEKEEP_DATABASE_URL", databaseUrl);
      const before = (await store.list()).length;
      const waiting = cli(["--org", "--regions", REGIONS.join(","), "--wait"]);
      await waitFor(
        "a running account",
        async () => (/running/.test(waiting.err.join("\n")) ? true : undefined),
        60_000,
      );
      await redis.restart();
      const lost = await waiting.done;
      expect(lost.code).toBe(1);
      expect(lost.err).toMatch(/organization scan org-\S+ is no longer in the queue: Redis lost it/);
      // Whatever was stored is whole, and at most one snapshot per account came of the lost scan.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      const added = (await store.list()).slice(0, (await store.list()).length - before);
      for (const listing of added) expect(await store.get(listing.id)).toBeDefined();
      expect(new Set(added.map((l) => l.accountId)).size).toBe(added.length);

      // The workers reconnected by themselves: a new scan runs to its end.
      const again = await cli(["--accounts", generatedAccountId(1), "--regions", REGIONS.join(","), "--wait"]).done;
      expect(again.code, again.err).toBe(0);
      expect(again.out).toContain("Accounts: 1 scanned, 0 failed, 0 skipped (1 in all)");
    } finally {
      vi.unstubAllEnvs();
      for (const [name, value] of Object.entries(sdkEnvironmentFor(fake.url))) vi.stubEnv(name, value);
      await queue.close();
      await store.close();
    }
  });

  it("cancels a running organization scan: what is stored stays whole, the rest is listed as cancelled", async () => {
    const store = new PostgresSnapshotStore(databaseUrl);
    const queue = new ScanQueue(redis.url);
    try {
      const id = await queue.enqueue({
        selection: { org: true },
        request: { regions: REGIONS, services: [...SERVICES], pacing: "on" },
        role: { roleName: "SafekeepAudit" },
      });
      await untilAccountRunning(queue, id);
      expect(await queue.cancel(id)).toBe(true);
      const status = await waitFor<OrganizationScanStatus>(
        "the cancelled scan to end",
        async () => {
          const s = await queue.status(id);
          return s?.state === "finished" ? s : undefined;
        },
        120_000,
      );
      expect(status.cancelled).toBe(true);
      const failed = status.accounts.filter((a) => a.progress === "failed");
      expect(failed.length).toBeGreaterThan(0);
      for (const account of failed) expect(account.reason).toBe("cancelled");
      for (const account of status.accounts.filter((a) => a.progress === "done")) {
        expect(await store.get(account.snapshotId!)).toBeDefined();
      }
      expect(await queue.cancel("org-unknown")).toBe(false);
    } finally {
      await queue.close();
      await store.close();
    }
  });
});
