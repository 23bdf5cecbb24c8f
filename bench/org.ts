/**
 * `npm run bench -- --org N [--workers 1,2,4] [--concurrency C]`: team mode's organization scan.
 *
 * N small accounts served by the fake endpoint (each account its own quota domain, with AWS's rate
 * limits and the bench's latency), a throw-away Redis and PostgreSQL, and for each worker count W:
 * W `npm run worker` processes scan the whole organization from one enqueued job. Measured per
 * setting: wall time from enqueue to the organization job's end, calls and throttled calls at the
 * endpoint, failed accounts, calls lost to throttling (errors of kind `throttled` in the stored
 * snapshots), and where the CPU went (each worker, Redis, PostgreSQL, the bench process that hosts
 * the endpoint, the whole machine). Compared with one account's embedded scan and with the
 * organization's lower bound (`organizationBound`).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os, { tmpdir } from "node:os";
import path from "node:path";
import { Queue, QueueEvents } from "bullmq";
import { Redis } from "ioredis";
import pg from "pg";
import { generateOrganization } from "@/fake-aws/organization-generate";
import { DEFAULT_MEMBER_ROLE_NAME } from "@/fake-aws/organization";
import { sdkEnvironmentFor } from "@/fake-aws/sdk-environment";
import { startFakeAws } from "@/fake-aws/server";
import type { RateLimit } from "@/fake-aws/types";
import { MAX_CONCURRENT_CALLS } from "@/lib/aws/harness";
import { ERROR_KINDS, SERVICE_IDS, type Inventory } from "@/lib/inventory";
import { accountJobId, QUEUE_NAME } from "@/lib/queue/scan-jobs";
import { ScanQueue, type OrganizationScanStatus } from "@/lib/queue/scan-queue";
import { DEFAULT_WORKER_CONCURRENCY } from "@/lib/queue/worker";
import { PostgresSnapshotStore } from "@/lib/snapshot/postgres-store";
import type { Snapshot } from "@/lib/snapshot/schema";
import { startTestPostgres, type TestPostgres } from "@/test-support/postgres";
import { startRedis, type TestRedis } from "@/test-support/redis";
import { measurePages, standaloneBuilt, startDashboard, type PageLatency } from "./dashboard";
import { lowerBound, SCANNER_CAPS } from "./lower-bound";
import { measureSafekeep, ROOT, stopChild, writeScenario, type ScanMeasurement } from "./scan";

/** ListAccounts returns at most 20 accounts a page (its MaxResults is 1–20): at least ⌈n / 20⌉ pages. */
const LIST_ACCOUNTS_PAGE = 20;

/** Tasks the account's fan-in runs once every unit has ended (lib/scan/finish-steps.ts). */
const isTlsTask = (name: string) => name.startsWith("cloudtrail/lookups/");
const isStorageTask = (name: string) => name === "s3" || name === "kinesis" || name === "firehose";
const isKmsTask = (name: string) => name.startsWith("kms/");

export interface OrganizationBoundInput {
  /** The organization's accounts to scan, the management account first (it needs no AssumeRole). */
  inventories: readonly Inventory[];
  latencyMs: number;
  rateLimits: Readonly<Record<string, number | RateLimit>>;
  /** Jobs that can run at once across all workers: workers × SAFEKEEP_WORKER_CONCURRENCY. */
  slots: number;
}

export interface OrganizationBound {
  wallMs: number;
  /** Listing the organization before any account can start. */
  listingMs: number;
  /** The slowest account's own bound (its quotas and call chains, with as many slots as the workers have). */
  slowestAccountMs: number;
  slowestAccountId: string;
  /** Time the jobs must hold a worker slot, summed over every account. */
  workMs: number;
  slots: number;
  /** Which term sets `wallMs`. */
  critical: "slowest account" | "total work / slots";
  /** Calls the catalog's budget requires, listing and AssumeRole included. */
  minimumCalls: number;
  /**
   * Not a bound of the problem but of team mode's order (no slot limit): listing, then the slowest
   * account's identity → its longest unit → its fan-in, which starts only once every unit has ended.
   */
  teamModePathMs: number;
}

/**
 * The shortest an organization scan on `slots` worker slots could take. Accounts are independent
 * quota domains (AWS applies its rate quotas per account and Region, and so does the fake), so
 * nothing makes one account wait for another's quota; what they share is the workers' slots. Hence
 *
 *   bound = listing + max(slowest account's bound, Σ work / slots)
 *
 * - listing: the organization job runs before any account job exists: GetCallerIdentity, then
 *   ListAccounts page by page (DescribeOrganization alongside), then one ListParents per account,
 *   MAX_CONCURRENT_CALLS at a time (lib/aws/organizations/accounts.ts).
 * - an account's bound: `lowerBound()` of its inventory with the Region slots replaced by the
 *   workers' (a unit job is one service × Region and any free slot takes it), plus one AssumeRole
 *   for a member account, whose credentials come before its first call.
 * - work: every job holds one slot from its start to its end, and a slot runs one job at a time, so
 *   the slot-time available (slots × T) is at least the jobs' summed durations. Each unit task's own
 *   bound is a floor on its job's duration; the account job holds a slot for the identity (and
 *   AssumeRole) at its start and for the fan-in at its end, which samples TLS events alongside the
 *   storage and KMS reads (TLS ‖ storage → KMS).
 *
 * Every term is a floor (CPU time is ignored, as in `lowerBound`), so any real run is slower.
 */
export function organizationBound(input: OrganizationBoundInput): OrganizationBound {
  const { inventories, latencyMs: L, rateLimits, slots } = input;
  if (inventories.length === 0) throw new Error("an organization has at least one account");
  if (!(slots >= 1)) throw new Error(`worker slots must be at least 1, got ${slots}`);
  const n = inventories.length;
  const listingMs = L + Math.ceil(n / LIST_ACCOUNTS_PAGE) * L + Math.ceil(n / MAX_CONCURRENT_CALLS) * L;
  // GetCallerIdentity, DescribeOrganization, the ListAccounts pages, a ListParents per account, and
  // an AssumeRole per member.
  let minimumCalls = 2 + Math.ceil(n / LIST_ACCOUNTS_PAGE) + n + (n - 1);
  let slowestAccountMs = 0;
  let slowestAccountId = "";
  let workMs = listingMs;
  let teamModePathMs = 0;
  inventories.forEach((inventory, i) => {
    const assumeRole = i === 0 ? 0 : L;
    const bound = lowerBound({
      inventory,
      latencyMs: L,
      rateLimits,
      caps: { ...SCANNER_CAPS, regionSlots: slots, sharedRegionSlots: true },
    });
    minimumCalls += bound.minimumCalls;
    const accountMs = bound.wallMs + assumeRole;
    if (accountMs > slowestAccountMs) {
      slowestAccountMs = accountMs;
      slowestAccountId = inventory.account.id;
    }
    const longest = (pick: (name: string) => boolean) =>
      Math.max(0, ...bound.tasks.filter((t) => pick(t.name)).map((t) => t.ms));
    const fanIn = Math.max(longest(isTlsTask), longest(isStorageTask) + longest(isKmsTask));
    const units = bound.tasks
      .filter((t) => t.name !== "setup" && !isTlsTask(t.name) && !isStorageTask(t.name) && !isKmsTask(t.name))
      .reduce((sum, t) => sum + t.ms, 0);
    const setup = bound.tasks.find((t) => t.name === "setup")?.ms ?? 0;
    workMs += assumeRole + setup + units + fanIn;
    const longestUnit = longest(
      (name) => name !== "setup" && !isTlsTask(name) && !isStorageTask(name) && !isKmsTask(name),
    );
    teamModePathMs = Math.max(teamModePathMs, listingMs + assumeRole + setup + longestUnit + fanIn);
  });
  const shared = (workMs - listingMs) / slots;
  const critical = slowestAccountMs >= shared ? "slowest account" : "total work / slots";
  return {
    wallMs: Math.round(listingMs + Math.max(slowestAccountMs, shared)),
    listingMs,
    slowestAccountMs,
    slowestAccountId,
    workMs,
    slots,
    critical,
    minimumCalls,
    teamModePathMs,
  };
}

/** CPU time of one process from /proc/<pid>/stat, in ms (own, and of its children it has waited for). */
export interface ProcessCpu {
  ppid: number;
  ownMs: number;
  childrenMs: number;
}

/**
 * The kernel reports times in USER_HZ ticks, which Linux fixes at 100 per second for user space
 * whatever the kernel's own tick rate.
 */
const USER_HZ = 100;

/** Parses /proc/<pid>/stat: the command name may hold spaces and parentheses, so fields count from the last ')'. */
export function parseProcStat(text: string): ProcessCpu {
  const fields = text
    .slice(text.lastIndexOf(")") + 2)
    .trim()
    .split(/\s+/);
  // Fields 4 (ppid) and 14–17 (utime, stime, cutime, cstime) of proc(5), counted from field 3 here.
  const field = (n: number) => Number(fields[n - 3]);
  const ms = (ticks: number) => (ticks * 1000) / USER_HZ;
  return {
    ppid: field(4),
    ownMs: ms(field(14) + field(15)),
    childrenMs: ms(field(16) + field(17)),
  };
}

export interface MachineCpu {
  /** Everything but idle and iowait, the two fields in which the CPU did nothing. */
  busyMs: number;
  totalMs: number;
  /** Of busy: interrupts and softirqs (loopback networking among them), which no process is charged. */
  irqMs: number;
  /** Of busy: taken by the hypervisor for other guests. */
  stealMs: number;
}

/** The whole machine's CPU time from the first line of /proc/stat (user nice system idle iowait irq softirq steal), in ms. */
export function parseMachineStat(text: string): MachineCpu {
  const line = text.split("\n").find((l) => l.startsWith("cpu ")) ?? "";
  const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number);
  const [, , , idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = ticks;
  const total = ticks.reduce((a, b) => a + b, 0);
  const ms = (n: number) => (n * 1000) / USER_HZ;
  return { busyMs: ms(total - idle - iowait), totalMs: ms(total), irqMs: ms(irq + softirq), stealMs: ms(steal) };
}

/** `key:value` lines of Redis's INFO reply. */
export function parseRedisInfo(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const at = line.indexOf(":");
    if (at > 0 && !line.startsWith("#")) out[line.slice(0, at)] = line.slice(at + 1);
  }
  return out;
}

function processCpu(pid: number): ProcessCpu | undefined {
  try {
    return parseProcStat(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return undefined;
  }
}

/** A process and its live children (a worker's esbuild, PostgreSQL's backends), reaped ones included. */
function treeCpuMs(pid: number): number {
  const own = processCpu(pid);
  if (!own) return 0;
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    // Kernels without CONFIG_PROC_CHILDREN: the reaped children's time is still counted below.
  }
  return own.ownMs + own.childrenMs + children.reduce((sum, child) => sum + (processCpu(child)?.ownMs ?? 0), 0);
}

/** When a queue job ran (ms since the epoch; a job run again, as an account's fan-in is, keeps its last start). */
export interface JobTimes {
  id: string;
  processedOn?: number;
  finishedOn?: number;
}

/** Where one account's time went, ms; from its account job and its unit jobs. */
export interface AccountStages {
  /** From the enqueue to its first unit's start (listing, the account job's identity, the queue). */
  firstUnitMs: number;
  /** From its first unit's start to its last unit's end. */
  unitsMs: number;
  /** Its longest unit job. */
  slowestUnitMs: number;
  /** From its last unit's end until a worker took up its fan-in. */
  fanInWaitMs: number;
  /** The fan-in: TLS samples, storage, KMS, evaluation, the snapshot stored. */
  fanInMs: number;
}

/**
 * Each ended account's stages. Unit job ids extend their account job's id (lib/queue/scan-jobs.ts),
 * and an account job that waited for its units is processed again for its fan-in, so its
 * `processedOn` is the fan-in's start.
 */
export function accountStages(accountJobIds: readonly string[], jobs: readonly JobTimes[], enqueuedAt: number) {
  const stages: AccountStages[] = [];
  for (const accountId of accountJobIds) {
    const account = jobs.find((j) => j.id === accountId);
    const units = jobs.filter((j) => j.id.startsWith(`${accountId}.`) && j.processedOn && j.finishedOn);
    if (!account?.processedOn || !account.finishedOn || units.length === 0) continue;
    const firstStart = Math.min(...units.map((u) => u.processedOn!));
    const lastEnd = Math.max(...units.map((u) => u.finishedOn!));
    stages.push({
      firstUnitMs: firstStart - enqueuedAt,
      unitsMs: lastEnd - firstStart,
      slowestUnitMs: Math.max(...units.map((u) => u.finishedOn! - u.processedOn!)),
      fanInWaitMs: Math.max(0, account.processedOn - lastEnd),
      fanInMs: account.finishedOn - account.processedOn,
    });
  }
  return stages;
}

const sum = (record: Record<string, number>) => Object.values(record).reduce((a, b) => a + b, 0);
const round = (n: number, digits = 0) => Math.round(n * 10 ** digits) / 10 ** digits;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface OrgBenchOptions {
  accounts: number;
  workers: number[];
  /** SAFEKEEP_WORKER_CONCURRENCY; the workers' default when absent. */
  concurrency?: number;
  latencyMs: number;
  /** Already scaled by --rate-scale. */
  rateLimits: Record<string, RateLimit>;
  /** The scanners' pacing: "on", or the --rate-scale factor when the limits are scaled. */
  pacing: "on" | number;
  seed: number;
  log: (line: string) => void;
  /** Gives up on one setting after this long (the smoke-size runs take seconds). */
  timeoutMs?: number;
  /**
   * Requests to the organization overview (/accounts) over the last setting's snapshots, each
   * account given `HISTORY_PER_ACCOUNT` snapshots; absent: not measured (--skip dashboard).
   */
  dashboardRequests?: number;
}

/** The issue's dashboard benchmark: 50 accounts with 20 snapshots each. */
export const HISTORY_PER_ACCOUNT = 20;

/**
 * Each account's latest snapshot and `perAccount − 1` earlier ones, a day apart: the same findings
 * under their own ids and dates, as daily scans of an unchanged organization would store them.
 */
export function organizationHistory(latest: readonly Snapshot[], perAccount: number): Snapshot[] {
  const day = 86_400_000;
  const shifted = (iso: string, days: number) => new Date(Date.parse(iso) - days * day).toISOString();
  return latest.flatMap((snapshot) =>
    Array.from({ length: perAccount }, (_, k) =>
      k === 0
        ? snapshot
        : {
            ...snapshot,
            id: `${snapshot.id.slice(0, 58)}-h${k}`,
            startedAt: shifted(snapshot.startedAt, k),
            finishedAt: shifted(snapshot.finishedAt, k),
          },
    ),
  );
}

/** Whether the production build has the page (a build older than the page has not). */
function pageBuilt(route: string): boolean {
  try {
    const manifest = JSON.parse(
      readFileSync(path.join(ROOT, ".next", "standalone", ".next", "server", "app-paths-manifest.json"), "utf8"),
    ) as Record<string, string>;
    return `${route}/page` in manifest;
  } catch {
    return false;
  }
}

export type OrgDashboard =
  { accounts: number; snapshotsPerAccount: number; pages: PageLatency[] } | { skipped: string };

async function measureOrgDashboard(latest: readonly Snapshot[], requests: number): Promise<OrgDashboard> {
  if (!standaloneBuilt()) return { skipped: "no production build (.next/standalone): run npm run build" };
  if (!pageBuilt("/(dashboard)/accounts")) {
    return { skipped: "the production build has no /accounts page (built before it): run npm run build" };
  }
  const server = await startDashboard(organizationHistory(latest, HISTORY_PER_ACCOUNT));
  try {
    return {
      accounts: latest.length,
      snapshotsPerAccount: HISTORY_PER_ACCOUNT,
      pages: await measurePages(server.url, { "organization overview": "/accounts" }, requests),
    };
  } finally {
    await server.stop();
  }
}

export interface CpuUse {
  /** Per worker process, ms of CPU during the scan. */
  workersMs: number[];
  redisMs: number;
  postgresMs: number;
  /** This process: the fake endpoint serving every account, and the bench's polling. */
  benchMs: number;
  /** Busy share of every core of the machine during the scan (other users' work included). */
  machineBusyPct: number;
  /** Busy CPU of the whole machine during the scan, ms (cores × wall at most). */
  machineBusyMs: number;
  /** Of that, interrupts and softirqs, charged to no process. */
  irqMs: number;
  /** Of that, taken by the hypervisor. */
  stealMs: number;
  /** Of that, used by processes this bench did not start (the machine is shared). */
  othersMs: number;
  /** The CPU this bench's processes used, over the machine's cores: no schedule of that work is shorter. */
  cpuFloorMs: number;
}

export interface OrgSetting {
  workers: number;
  concurrency: number;
  slots: number;
  wallMs: number;
  bound: OrganizationBound;
  wallVsBound: number;
  wallVsOneAccount: number;
  accountsDone: number;
  failedAccounts: { accountId: string; reason: string }[];
  /** Requests the endpoint answered, throttled ones included. */
  calls: number;
  /** Of those, refused by the rate limits. */
  throttled: number;
  /** Errors of kind `throttled` in the stored snapshots (calls that failed for good), and their accounts. */
  callsLost: number;
  accountsWithLostCalls: number;
  /** When accounts' snapshots were stored, ms after the enqueue. */
  accountFinished: { firstMs: number; medianMs: number; lastMs: number };
  /** Each stage's median and largest value over the accounts. */
  stages: Record<keyof AccountStages, { medianMs: number; maxMs: number }>;
  cpu: CpuUse;
  /** Commands Redis processed during the scan (queue, pacer, locks, the bench's polling). */
  redisCommands: number;
  /** Transactions committed and rows written in the setting's database. */
  postgres: { commits: number; rowsWritten: number };
}

export interface OrgBenchReport {
  schemaVersion: 1;
  kind: "organization";
  startedAt: string;
  durationMs: number;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; platform: string; loadAvg: number[] };
  scenario: {
    accounts: number;
    size: "small";
    regions: string[];
    latencyMs: number;
    rateLimits: Record<string, RateLimit>;
    seed: number;
  };
  oneAccount: {
    accountId: string;
    wallMs: number;
    lowerBoundMs: number;
    requests: number;
    throttled: number;
    failedCalls: number;
  };
  settings: OrgSetting[];
  /** The organization overview's latency; null when not asked for (--skip dashboard). */
  dashboard: OrgDashboard | null;
  targets: OrgTargetCheck[];
}

export interface OrgTargetCheck {
  target: string;
  /** The setting measured ("W × C" workers × concurrency), or "all". */
  setting: string;
  limit: string;
  measured: string;
  met: boolean;
}

const settingName = (s: Pick<OrgSetting, "workers" | "concurrency">) => `${s.workers} × ${s.concurrency}`;

/** The issue's targets: the fastest setting against one account's time and the bound; nothing lost, anywhere. */
export function orgTargets(
  settings: readonly Pick<OrgSetting, "workers" | "concurrency" | "wallMs" | "bound" | "callsLost">[],
  oneAccountMs: number,
): OrgTargetCheck[] {
  const best = [...settings].sort((a, b) => a.wallMs - b.wallMs)[0];
  if (!best) return [];
  const vsOne = best.wallMs / oneAccountMs;
  const vsBound = best.wallMs / best.bound.wallMs;
  const lost = settings.reduce((n, s) => n + s.callsLost, 0);
  return [
    {
      target: "organization wall time ≤ 2 × one account's",
      setting: settingName(best),
      limit: "2.00×",
      measured: `${round(vsOne, 2)}× (${round(best.wallMs / 1000, 1)} s vs ${round(oneAccountMs / 1000, 1)} s)`,
      met: vsOne <= 2,
    },
    {
      target: "organization wall time ≤ 1.3 × its lower bound",
      setting: settingName(best),
      limit: "1.30×",
      measured: `${round(vsBound, 2)}× (bound ${round(best.bound.wallMs / 1000, 1)} s)`,
      met: vsBound <= 1.3,
    },
    {
      target: "no call lost to throttling",
      setting: "all",
      limit: "0",
      measured: String(lost),
      met: lost === 0,
    },
  ];
}

/** The overview's p95 target, once it could be measured. */
export function dashboardTargets(dashboard: OrgDashboard | null): OrgTargetCheck[] {
  if (!dashboard || "skipped" in dashboard) return [];
  return dashboard.pages.map((page) => ({
    target: `${page.page} p95 < 150 ms (${dashboard.accounts} accounts × ${dashboard.snapshotsPerAccount} snapshots)`,
    setting: page.path,
    limit: "150 ms",
    measured: `${round(page.p95Ms)} ms`,
    met: page.p95Ms < 150,
  }));
}

interface Worker {
  child: ChildProcess;
  pid: number;
  stderr: () => string;
}

/** Starts one `npm run worker` (node + tsx directly, so its pid is the worker's own for /proc). */
async function startWorker(env: NodeJS.ProcessEnv): Promise<Worker> {
  const child = spawn(process.execPath, ["--import", "tsx", "lib/cli/worker.ts"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let err = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    err = (err + chunk.toString("utf8")).slice(-8_000);
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`a worker did not start in 60 s: ${err.trim()}`)), 60_000);
    const ready = () => {
      if (!/taking scan jobs/.test(err)) return;
      clearTimeout(timer);
      child.stderr?.off("data", ready);
      resolve();
    };
    child.stderr?.on("data", ready);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`a worker exited with ${code}: ${err.trim()}`));
    });
  });
  return { child, pid: child.pid!, stderr: () => err };
}

/** The environment a worker gets: this process's, without any AWS or Safekeep setting of its own. */
function workerEnvironment(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith("AWS_") || key.startsWith("SAFEKEEP_")) delete env[key];
  return { ...env, ...extra };
}

async function postgresStats(url: string): Promise<{ postmasterPid: number; commits: number; rowsWritten: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number; commits: string; written: string }>(
      `SELECT pg_backend_pid() AS pid, xact_commit AS commits,
              tup_inserted + tup_updated + tup_deleted AS written
       FROM pg_stat_database WHERE datname = current_database()`,
    );
    const row = rows[0]!;
    return {
      postmasterPid: processCpu(row.pid)?.ppid ?? 0,
      commits: Number(row.commits),
      rowsWritten: Number(row.written),
    };
  } finally {
    await client.end();
  }
}

interface CpuMark {
  workers: number[];
  redis: number;
  postgres: number;
  bench: number;
  machine: MachineCpu;
}

async function cpuMark(workers: readonly Worker[], redis: Redis, postmasterPid: number): Promise<CpuMark> {
  const info = parseRedisInfo(await redis.info("cpu"));
  const self = process.cpuUsage();
  return {
    // With its children: tsx's esbuild service runs beside each worker and compiles what it imports late.
    workers: workers.map((w) => treeCpuMs(w.pid)),
    // Redis reports its own seconds of CPU, background saves included (none: no persistence).
    redis: (Number(info.used_cpu_sys ?? 0) + Number(info.used_cpu_user ?? 0)) * 1000,
    postgres: postmasterPid > 0 ? treeCpuMs(postmasterPid) : 0,
    bench: (self.user + self.system) / 1000,
    machine: parseMachineStat(readFileSync("/proc/stat", "utf8")),
  };
}

function cpuBetween(before: CpuMark, after: CpuMark): CpuUse {
  const busy = after.machine.busyMs - before.machine.busyMs;
  const total = after.machine.totalMs - before.machine.totalMs;
  const workersMs = after.workers.map((ms, i) => Math.round(ms - (before.workers[i] ?? 0)));
  const redisMs = Math.round(after.redis - before.redis);
  const postgresMs = Math.round(after.postgres - before.postgres);
  const benchMs = Math.round(after.bench - before.bench);
  const ours = workersMs.reduce((a, b) => a + b, 0) + redisMs + postgresMs + benchMs;
  const irqMs = Math.round(after.machine.irqMs - before.machine.irqMs);
  const stealMs = Math.round(after.machine.stealMs - before.machine.stealMs);
  return {
    workersMs,
    redisMs,
    postgresMs,
    benchMs,
    machineBusyPct: total > 0 ? round((busy / total) * 100, 1) : 0,
    machineBusyMs: Math.round(busy),
    irqMs,
    stealMs,
    othersMs: Math.max(0, Math.round(busy - irqMs - stealMs - ours)),
    cpuFloorMs: Math.round(ours / os.cpus().length),
  };
}

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

interface Shared {
  redis: TestRedis;
  admin: Redis;
  postgres: TestPostgres;
  hashKey: string;
}

async function runSetting(
  workerCount: number,
  index: number,
  scenario: ReturnType<typeof generateOrganization>,
  options: OrgBenchOptions,
  shared: Shared,
  oneAccountMs: number,
): Promise<{ setting: OrgSetting; snapshots: Snapshot[] }> {
  const { log } = options;
  const concurrency = options.concurrency ?? DEFAULT_WORKER_CONCURRENCY;
  const slots = workerCount * concurrency;
  const inventories = scenario.organization.accounts.map((a) => a.inventory);
  const regions = inventories[0]!.regions;
  const bound = organizationBound({
    inventories,
    latencyMs: options.latencyMs,
    rateLimits: options.rateLimits,
    slots,
  });
  await shared.admin.flushall();
  await shared.admin.config("RESETSTAT");
  const databaseUrl = await shared.postgres.createDatabase(`org_bench_${index}_w${workerCount}`);
  const fake = await startFakeAws(scenario);
  const dataDir = await mkdtemp(path.join(tmpdir(), "safekeep-bench-org-"));
  const workers: Worker[] = [];
  const queue = new ScanQueue(shared.redis.url);
  const jobs = new Queue(QUEUE_NAME, { connection: { url: shared.redis.url, maxRetriesPerRequest: 1 } });
  jobs.on("error", () => undefined);
  // Job timings are taken from the queue's event stream as they happen, not from the finished jobs
  // afterwards: a job's record may be gone by the end (see BENCHMARKS.md, the schedule tick's trim).
  const events = new QueueEvents(QUEUE_NAME, { connection: { url: shared.redis.url, maxRetriesPerRequest: null } });
  events.on("error", () => undefined);
  const timings = new Map<string, JobTimes>();
  // An event's stream id starts with the Redis server's clock in ms when the event was written.
  const at = (streamId: string) => Number(streamId.split("-")[0]);
  events.on("active", ({ jobId }, streamId) => {
    timings.set(jobId, { ...timings.get(jobId), id: jobId, processedOn: at(streamId) });
  });
  events.on("completed", ({ jobId }, streamId) => {
    timings.set(jobId, { ...timings.get(jobId), id: jobId, finishedOn: at(streamId) });
  });
  const store = new PostgresSnapshotStore(databaseUrl);
  try {
    const env = workerEnvironment({
      ...sdkEnvironmentFor(fake.url),
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      SAFEKEEP_DATA_DIR: dataDir,
      SAFEKEEP_REDIS_URL: shared.redis.url,
      SAFEKEEP_DATABASE_URL: databaseUrl,
      SAFEKEEP_INSTALLATION_KEY: shared.hashKey,
      SAFEKEEP_LOG_LEVEL: "error",
      ...(options.concurrency ? { SAFEKEEP_WORKER_CONCURRENCY: String(options.concurrency) } : {}),
    });
    log(`[${settingName({ workers: workerCount, concurrency })}] starting ${workerCount} worker(s)…`);
    workers.push(...(await Promise.all(Array.from({ length: workerCount }, () => startWorker(env)))));
    // The store's migrations run on first use: done before the clock starts, as on a running install.
    await store.list();
    await events.waitUntilReady();
    const pgBefore = await postgresStats(databaseUrl);
    const redisBefore = Number(parseRedisInfo(await shared.admin.info("stats")).total_commands_processed ?? 0);
    const before = await cpuMark(workers, shared.admin, pgBefore.postmasterPid);

    const enqueuedAt = Date.now();
    const id = await queue.enqueue({
      selection: { org: true },
      request: { regions, services: [...SERVICE_IDS], pacing: options.pacing },
      role: { roleName: scenario.organization.memberRoleName ?? DEFAULT_MEMBER_ROLE_NAME },
    });
    const timeoutMs = options.timeoutMs ?? 30 * 60_000;
    const deadline = enqueuedAt + timeoutMs;
    let lastLog = enqueuedAt;
    let state = "";
    // The organization job's own state is two round trips; the per-account status is read for the log only.
    for (;;) {
      const job = await jobs.getJob(id);
      state = job ? await job.getState() : "unknown";
      if (state === "completed" || state === "failed") break;
      if (workers.some((w) => w.child.exitCode !== null)) {
        throw new Error(`a worker exited mid-scan: ${workers.map((w) => w.stderr().trim()).join("\n")}`);
      }
      if (Date.now() > deadline) throw new Error(`the organization scan did not end in ${timeoutMs} ms`);
      if (Date.now() - lastLog > 10_000) {
        lastLog = Date.now();
        const status = await queue.status(id);
        const by = (p: string) => status?.accounts.filter((a) => a.progress === p).length ?? 0;
        log(
          `  ${round((lastLog - enqueuedAt) / 1000)} s: ${by("done")} done, ${by("running")} running, ${by("queued")} queued, ${by("failed")} failed`,
        );
      }
      await sleep(100);
    }
    const orgJob = await jobs.getJob(id);
    const wallMs = (orgJob?.finishedOn ?? timings.get(id)?.finishedOn ?? Date.now()) - enqueuedAt;
    const after = await cpuMark(workers, shared.admin, pgBefore.postmasterPid);
    const redisAfter = Number(parseRedisInfo(await shared.admin.info("stats")).total_commands_processed ?? 0);
    const pgAfter = await postgresStats(databaseUrl);
    const status: OrganizationScanStatus | undefined = await queue.status(id);
    if (state !== "completed" || !status) throw new Error(`the organization scan ${state}: ${orgJob?.failedReason}`);

    // The last events may still be on their way from the stream.
    await sleep(500);
    const times = [...timings.values()];
    const accountIds = status.accounts.map((a) => accountJobId(id, a.accountId));
    const finishedAt = times
      .filter((t) => accountIds.includes(t.id) && t.finishedOn)
      .map((t) => t.finishedOn! - enqueuedAt);
    const perAccount = accountStages(accountIds, times, enqueuedAt);
    const stage = (key: keyof AccountStages) => {
      const values = perAccount.map((p) => p[key]);
      return { medianMs: median(values), maxMs: values.length > 0 ? Math.max(...values) : 0 };
    };
    let callsLost = 0;
    let accountsWithLostCalls = 0;
    const snapshots: Snapshot[] = [];
    for (const account of status.accounts.filter((a) => a.progress === "done" && a.snapshotId)) {
      const snapshot = await store.get(account.snapshotId!);
      if (snapshot) snapshots.push(snapshot);
      const lost = snapshot?.coverage.errors.filter((e) => e.kind === ERROR_KINDS.throttled).length ?? 0;
      callsLost += lost;
      if (lost > 0) accountsWithLostCalls++;
    }
    const accounts = fake.accounts();
    const calls = accounts.reduce((n, a) => n + sum(fake.counts(a)), 0);
    const throttled = accounts.reduce((n, a) => n + sum(fake.throttled(a)), 0);
    const setting: OrgSetting = {
      workers: workerCount,
      concurrency,
      slots,
      wallMs,
      bound,
      wallVsBound: wallMs / bound.wallMs,
      wallVsOneAccount: wallMs / oneAccountMs,
      accountsDone: status.accounts.filter((a) => a.progress === "done").length,
      failedAccounts: status.accounts
        .filter((a) => a.progress === "failed")
        .map((a) => ({ accountId: a.accountId, reason: a.reason ?? "" })),
      calls,
      throttled,
      callsLost,
      accountsWithLostCalls,
      accountFinished: {
        firstMs: Math.min(...finishedAt),
        medianMs: median(finishedAt),
        lastMs: Math.max(...finishedAt),
      },
      stages: {
        firstUnitMs: stage("firstUnitMs"),
        unitsMs: stage("unitsMs"),
        slowestUnitMs: stage("slowestUnitMs"),
        fanInWaitMs: stage("fanInWaitMs"),
        fanInMs: stage("fanInMs"),
      },
      cpu: cpuBetween(before, after),
      redisCommands: redisAfter - redisBefore,
      postgres: {
        commits: pgAfter.commits - pgBefore.commits,
        rowsWritten: pgAfter.rowsWritten - pgBefore.rowsWritten,
      },
    };
    log(
      `[${settingName(setting)}] ${round(wallMs / 1000, 1)} s (bound ${round(bound.wallMs / 1000, 1)} s, ${bound.critical}); ` +
        `${setting.accountsDone} accounts done, ${setting.failedAccounts.length} failed; ${calls} calls, ${throttled} throttled, ${callsLost} lost`,
    );
    return { setting, snapshots };
  } finally {
    await Promise.all(workers.map((w) => stopChild(w.child)));
    await queue.close();
    await jobs.close();
    await events.close();
    await store.close();
    await fake.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export async function runOrgBench(options: OrgBenchOptions): Promise<OrgBenchReport> {
  const started = new Date();
  const { log } = options;
  if (options.accounts < 1) throw new Error("--org needs at least one account");
  const scenario = generateOrganization({
    accounts: options.accounts,
    size: "small",
    seed: options.seed,
    latencyMs: options.latencyMs,
    rateLimits: options.rateLimits,
  });
  const management = scenario.organization.accounts[0]!.inventory;
  const regions = management.regions;
  log(
    `organization of ${options.accounts} small accounts, ${regions.length} Regions each; ${options.latencyMs} ms per call`,
  );

  // One account's time: the management account alone, scanned embedded as `npm run bench` does.
  const dir = await mkdtemp(path.join(tmpdir(), "safekeep-bench-org-one-"));
  let one: ScanMeasurement;
  try {
    const file = path.join(dir, "management.json");
    await writeScenario(file, {
      inventory: management,
      latencyMs: options.latencyMs,
      rateLimits: options.rateLimits,
      seed: options.seed,
    });
    log("one account, embedded scan…");
    ({ measurement: one } = await measureSafekeep(file, management, undefined, options.pacing));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const oneBound = lowerBound({ inventory: management, latencyMs: options.latencyMs, rateLimits: options.rateLimits });
  log(`one account: ${round(one.wallMs / 1000, 1)} s (bound ${round(oneBound.wallMs / 1000, 1)} s)`);

  const [redis, postgres] = await Promise.all([startRedis(), startTestPostgres()]);
  const admin = new Redis(redis.url, { maxRetriesPerRequest: 1 });
  const settings: OrgSetting[] = [];
  let latest: Snapshot[] = [];
  try {
    const shared: Shared = { redis, admin, postgres, hashKey: randomBytes(32).toString("base64") };
    for (const [index, workers] of options.workers.entries()) {
      const ran = await runSetting(workers, index, scenario, options, shared, one.wallMs);
      settings.push(ran.setting);
      latest = ran.snapshots;
    }
  } finally {
    admin.disconnect();
    await redis.stop();
    await postgres.stop();
  }
  let dashboard: OrgDashboard | null = null;
  if (options.dashboardRequests !== undefined) {
    log(`organization overview over ${latest.length} accounts × ${HISTORY_PER_ACCOUNT} snapshots…`);
    dashboard = await measureOrgDashboard(latest, options.dashboardRequests);
    if ("skipped" in dashboard) log(`organization overview not measured: ${dashboard.skipped}`);
  }
  return {
    schemaVersion: 1,
    kind: "organization",
    startedAt: started.toISOString(),
    durationMs: Date.now() - started.getTime(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? "unknown",
      memoryGb: round(os.totalmem() / 1024 ** 3, 1),
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      loadAvg: os.loadavg().map((l) => round(l, 2)),
    },
    scenario: {
      accounts: options.accounts,
      size: "small",
      regions,
      latencyMs: options.latencyMs,
      rateLimits: options.rateLimits,
      seed: options.seed,
    },
    oneAccount: {
      accountId: management.account.id,
      wallMs: Math.round(one.wallMs),
      lowerBoundMs: oneBound.wallMs,
      requests: one.requests,
      throttled: one.throttled,
      failedCalls: one.failedCalls,
    },
    settings,
    dashboard,
    targets: [...orgTargets(settings, one.wallMs), ...dashboardTargets(dashboard)],
  };
}

/** A plain-text table: the first `left` columns aligned left, the figures right. */
function table(headers: string[], rows: (string | number)[][], left = 1): string {
  const cells = [headers, ...rows.map((row) => row.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? "").length)));
  const line = (row: string[]) =>
    row.map((cell, i) => (i < left ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join("  ");
  return [line(headers), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
}

export function formatOrgReport(report: OrgBenchReport): string {
  const s = (ms: number) => `${round(ms / 1000, 1)} s`;
  const { machine, scenario, oneAccount } = report;
  return [
    `Safekeep organization bench, ${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}; load average ${machine.loadAvg.join(" ")}`,
    `${scenario.accounts} small accounts × ${scenario.regions.length} Regions; latency ${scenario.latencyMs} ms; ` +
      `rate limits per account ${Object.entries(scenario.rateLimits)
        .map(([k, v]) => `${k} ${v.rate}/s (burst ${v.burst})`)
        .join(", ")}`,
    `One account (embedded scan of ${oneAccount.accountId}): ${s(oneAccount.wallMs)}, lower bound ${s(oneAccount.lowerBoundMs)}, ` +
      `${oneAccount.requests} calls, ${oneAccount.throttled} throttled, ${oneAccount.failedCalls} failed`,
    "",
    table(
      [
        "workers × conc.",
        "wall",
        "bound",
        "×bound",
        "×one",
        "bound set by",
        "done",
        "failed",
        "calls",
        "min calls",
        "throttled",
        "lost",
        "1st / median / last account",
      ],
      report.settings.map((r) => [
        settingName(r),
        s(r.wallMs),
        s(r.bound.wallMs),
        round(r.wallVsBound, 2),
        round(r.wallVsOneAccount, 2),
        r.bound.critical,
        r.accountsDone,
        r.failedAccounts.length,
        r.calls,
        r.bound.minimumCalls,
        r.throttled,
        r.callsLost,
        `${s(r.accountFinished.firstMs)} / ${s(r.accountFinished.medianMs)} / ${s(r.accountFinished.lastMs)}`,
      ]),
      1,
    ),
    "",
    table(
      [
        "workers × conc.",
        "CPU: workers",
        "Redis",
        "PostgreSQL",
        "bench + fake",
        "irq + steal",
        "others",
        "CPU floor",
        "machine busy",
        "Redis cmds",
        "PG commits",
      ],
      report.settings.map((r) => [
        settingName(r),
        r.cpu.workersMs.map((ms) => s(ms)).join(" + "),
        s(r.cpu.redisMs),
        s(r.cpu.postgresMs),
        s(r.cpu.benchMs),
        `${s(r.cpu.irqMs)} + ${s(r.cpu.stealMs)}`,
        s(r.cpu.othersMs),
        s(r.cpu.cpuFloorMs),
        `${r.cpu.machineBusyPct} % (${s(r.cpu.machineBusyMs)})`,
        r.redisCommands,
        r.postgres.commits,
      ]),
      1,
    ),
    "",
    "Per account, median / largest: first unit starts, units span, slowest unit, wait for the fan-in, fan-in",
    table(
      ["workers × conc.", "first unit", "units", "slowest unit", "fan-in wait", "fan-in", "team-mode path"],
      report.settings.map((r) => [
        settingName(r),
        ...(["firstUnitMs", "unitsMs", "slowestUnitMs", "fanInWaitMs", "fanInMs"] as const).map(
          (k) => `${s(r.stages[k].medianMs)} / ${s(r.stages[k].maxMs)}`,
        ),
        s(r.bound.teamModePathMs),
      ]),
      1,
    ),
    "",
    ...(report.dashboard === null
      ? []
      : "skipped" in report.dashboard
        ? [`Organization overview not measured: ${report.dashboard.skipped}`, ""]
        : [
            table(
              ["page", "path", "p50", "p95", "max", "HTML"],
              report.dashboard.pages.map((p) => [
                p.page,
                p.path,
                `${round(p.p50Ms)} ms`,
                `${round(p.p95Ms)} ms`,
                `${round(p.maxMs)} ms`,
                `${round(p.htmlKb)} kB`,
              ]),
              2,
            ),
            "",
          ]),
    table(
      ["target", "setting", "limit", "measured", ""],
      report.targets.map((t) => [t.target, t.setting, t.limit, t.measured, t.met ? "✓ met" : "✗ missed"]),
      2,
    ),
  ].join("\n");
}
