/**
 * A team-mode worker: takes the scan jobs of ./scan-jobs.ts from the queue and runs them through the
 * same pieces as the embedded scan (lib/scan: units, finishing steps, the one pipeline). Run as many
 * as you like, on any hosts: AWS's quotas are shared through Redis (./redis-pacer.ts), each unit's
 * result is recorded once under its job id, and an account's snapshot id is fixed when its job is
 * added, so a job run again after a worker died (a stalled job) never stores a second snapshot.
 */
import { Queue, UnrecoverableError, WaitingChildrenError, Worker, type Job } from "bullmq";
import { Redis } from "ioredis";
import { createAnswerMemo } from "@/lib/aws/answer-memo";
import { createCallStats } from "@/lib/aws/clients";
import { createCollectScope } from "@/lib/aws/harness";
import type { Pacer } from "@/lib/aws/pacing";
import { assumeRoleCredentials, type AccountCredentials, type AssumeRoleSettings } from "@/lib/aws/sts/assume-role";
import { DEFAULT_ROLE_NAME, DEFAULT_ROLE_SESSION_NAME } from "@/lib/aws/sts/role-names";
import type { CallerIdentity } from "@/lib/aws/sts/identity";
import { CONTROLS } from "@/lib/controls/registry";
import { log } from "@/lib/log";
import { callerIdentity, failureReason, resolveAccounts } from "@/lib/scan/accounts";
import { CannotStartError } from "@/lib/scan/errors";
import { finishScan } from "@/lib/scan/finish-steps";
import { runScanPipeline } from "@/lib/scan/pipeline";
import { scanPlan } from "@/lib/scan/plan";
import { checkCallSettings } from "@/lib/scan/scan-aws";
import {
  addStats,
  collectUnit,
  fileUnits,
  newInventory,
  startScan,
  unitFailure,
  unitKey,
  workUnits,
  type ScanStart,
  type UnitResult,
  type WorkUnit,
} from "@/lib/scan/units";
import type { ScheduleStore } from "@/lib/snapshot/schedule";
import type { SnapshotStore } from "@/lib/snapshot/store";
import { newSnapshotId } from "@/lib/snapshot/store";
import { accountLocks, cancelFlags } from "./coordination";
import { createRedisPacer } from "./redis-pacer";
import { addOrganizationScan } from "./scan-queue";
import { runDueSchedules, SCHEDULE_TICK_JOB, SCHEDULE_TICK_MS } from "./schedules";
import {
  accountJobId,
  accountJobSchema,
  JOB_NAMES,
  organizationJobSchema,
  QUEUE_NAME,
  unitJobId,
  unitJobSchema,
  type AccountJobData,
  type OrganizationJobData,
  type OrganizationResult,
  type QueuedAccountOutcome,
  type UnitJobData,
  KEEP_FOR,
} from "./scan-jobs";

export interface WorkerOptions {
  redisUrl: string;
  /** Where snapshots go, and the schedules the worker ticks (team mode's PostgreSQL store has both). */
  store: Pick<SnapshotStore, "get" | "put"> & Partial<ScheduleStore>;
  /** The installation key finding hashes are keyed with; the same on every worker. */
  hashKey?: Uint8Array;
  /** The member role's external id (SAFEKEEP_EXTERNAL_ID): the workers' own secret, never in a job. */
  externalId?: string;
  /** Jobs run side by side in this process (units are I/O-bound: mostly waiting on AWS). */
  concurrency?: number;
  /** How long a job stays owned by a worker that stopped answering before another takes it over. */
  lockDurationMs?: number;
  /** `assumeRoleCredentials`, replaced in tests. */
  credentialsFor?: typeof assumeRoleCredentials;
  now?: () => Date;
  /**
   * Told once per snapshot this worker stored (not when a re-run finds it already stored), after the
   * write; it must return at once (lib/notify's notifier does) and whatever it throws is only logged.
   */
  onSnapshotStored?: (snapshot: Parameters<SnapshotStore["put"]>[0]) => void;
}

/**
 * Jobs one worker runs at once. A unit holds its slot while it waits for a quota's token (Connect's
 * unit spends most of its 4 s so), so slots run out long before CPU does: at 50 accounts one worker
 * took 68.6 s with 8 slots and 43.1 s with 32 (BENCHMARKS.md, team mode).
 */
export const DEFAULT_WORKER_CONCURRENCY = 32;
export const DEFAULT_LOCK_DURATION_MS = 30_000;
/** A job whose worker died is run again this many times before it fails. */
export const MAX_STALLED_COUNT = 3;
/** Attempts of a unit or account job that failed unexpectedly (AWS's own errors never fail a job). */
export const JOB_ATTEMPTS = 3;

/** What every job added by a worker shares: retries with back-off. */
const CHILD_JOB_OPTIONS = {
  attempts: JOB_ATTEMPTS,
  backoff: { type: "exponential" as const, delay: 2_000 },
  // A child that fails for good does not hold its parent: the parent records it as that child's failure.
  ignoreDependencyOnFailure: true,
  removeOnFail: KEEP_FOR,
};
/** Account jobs are each account's progress line in the scan's record. */
const ACCOUNT_JOB_OPTIONS = { ...CHILD_JOB_OPTIONS, removeOnComplete: KEEP_FOR };
/** A unit's result is copied into its account job when it completes; the unit job itself goes. */
const UNIT_JOB_OPTIONS = { ...CHILD_JOB_OPTIONS, removeOnComplete: true };

export interface ScanWorker {
  worker: Worker;
  close(): Promise<void>;
}

export function startScanWorker(options: WorkerOptions): ScanWorker {
  checkCallSettings();
  const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  // Children are added through a queue of this worker's own.
  const queue = new Queue(QUEUE_NAME, { connection: { url: options.redisUrl, maxRetriesPerRequest: null } });
  const locks = accountLocks(redis);
  const cancelled = cancelFlags(redis);
  const now = options.now ?? (() => new Date());
  const credentialsFor = options.credentialsFor ?? assumeRoleCredentials;
  const role = (data: { role: { roleName: string; roleSessionName?: string } }): AssumeRoleSettings => ({
    ...data.role,
    ...(options.externalId ? { externalId: options.externalId } : {}),
  });

  // One credential provider per account and role in this process: it renews itself before expiry.
  const providers = new Map<string, AccountCredentials>();
  function credentials(
    caller: CallerIdentity,
    accountId: string,
    settings: AssumeRoleSettings,
  ): AccountCredentials | undefined {
    if (accountId === caller.accountId) return undefined;
    const key = `${accountId}|${settings.roleName}|${settings.roleSessionName ?? ""}`;
    let provider = providers.get(key);
    if (!provider) {
      provider = credentialsFor({ accountId, partition: caller.partition, region: caller.region }, settings);
      providers.set(key, provider);
    }
    return provider;
  }

  function pacerFor(accountId: string, pacing: UnitJobData["pacing"]): Pacer {
    return createRedisPacer(redis, { accountId, mode: pacing });
  }

  async function stopIfCancelled(orgScanId: string): Promise<void> {
    if (await cancelled.isSet(orgScanId)) throw new UnrecoverableError("cancelled");
  }

  async function runOrganization(job: Job, token: string): Promise<OrganizationResult> {
    let data: OrganizationJobData = organizationJobSchema.parse(job.data);
    if (data.step === "start") {
      if (await cancelled.isSet(data.orgScanId)) {
        return { orgScanId: data.orgScanId, cancelled: true, outcomes: [], warnings: [] };
      }
      let caller: CallerIdentity;
      let resolved: Awaited<ReturnType<typeof resolveAccounts>>;
      try {
        caller = await callerIdentity(Array.isArray(data.request.regions) ? data.request.regions[0] : undefined);
        resolved = await resolveAccounts(data.selection, caller);
      } catch (error) {
        if (error instanceof CannotStartError) throw new UnrecoverableError(error.message);
        throw error;
      }
      const skipped: QueuedAccountOutcome[] = [...resolved.skipped];
      const accounts = [];
      for (const target of resolved.toScan) {
        const holder = await locks.acquire(target.accountId, data.orgScanId);
        if (holder !== data.orgScanId) {
          skipped.push({
            ...target,
            status: "skipped",
            reason: `a scan of this account is already running (${holder})`,
          });
          continue;
        }
        accounts.push(target);
        const child: AccountJobData = {
          orgScanId: data.orgScanId,
          target,
          caller,
          role: data.role,
          request: data.request,
          snapshotId: newSnapshotId(now()),
          step: "start",
        };
        await queue.add(JOB_NAMES.account, child, {
          ...ACCOUNT_JOB_OPTIONS,
          jobId: accountJobId(data.orgScanId, target.accountId),
          parent: { id: job.id!, queue: job.queueQualifiedName },
        });
      }
      data = {
        ...data,
        step: "accounts",
        caller,
        accounts,
        skipped,
        warnings: resolved.warnings,
        ...(resolved.organizationId ? { organizationId: resolved.organizationId } : {}),
      };
      await job.updateData(data);
    }
    if (await job.moveToWaitingChildren(token)) throw new WaitingChildrenError();

    const values = await job.getChildrenValues<QueuedAccountOutcome>();
    const failures = await job.getIgnoredChildrenFailures();
    const outcomes: QueuedAccountOutcome[] = [];
    for (const target of data.accounts ?? []) {
      const key = `${job.queueQualifiedName}:${accountJobId(data.orgScanId, target.accountId)}`;
      const value = values[key];
      outcomes.push(value ?? { ...target, status: "failed", reason: failures[key] ?? "the account's job was lost" });
      await locks.release(target.accountId, data.orgScanId);
    }
    return {
      orgScanId: data.orgScanId,
      ...(data.organizationId ? { organizationId: data.organizationId } : {}),
      cancelled: await cancelled.isSet(data.orgScanId),
      outcomes: [...outcomes, ...(data.skipped ?? [])],
      warnings: data.warnings ?? [],
    };
  }

  async function runAccount(job: Job, token: string): Promise<QueuedAccountOutcome> {
    let data: AccountJobData = accountJobSchema.parse(job.data);
    const settings = role(data);
    const creds = credentials(data.caller, data.target.accountId, settings);
    const pacer = pacerFor(data.target.accountId, data.request.pacing);
    try {
      await stopIfCancelled(data.orgScanId);
      if (data.step === "start") {
        const startedAt = now();
        const { start } = await startScan({ ...data.request, credentials: creds }, (identity) =>
          createCollectScope({
            accountId: identity.accountId,
            partition: identity.partition,
            pacer,
            credentials: creds,
          }),
        );
        // Stored under the account it claims to be: a role or endpoint that answers for another
        // account must not put that account's findings in this one's history.
        if (start.accountId !== data.target.accountId) {
          throw new CannotStartError(`the credentials are for account ${start.accountId}, not this one`);
        }
        const units = workUnits(scanPlan(data.request.services, CONTROLS), start);
        // Ids fixed by the account job and the unit: a retried first step does not add a unit that is
        // still waiting or running a second time.
        await queue.addBulk(
          units.map((unit) => ({
            name: JOB_NAMES.unit,
            data: {
              orgScanId: data.orgScanId,
              target: data.target,
              caller: data.caller,
              role: data.role,
              pacing: data.request.pacing,
              start,
              unit,
            } satisfies UnitJobData,
            opts: {
              ...UNIT_JOB_OPTIONS,
              jobId: unitJobId(job.id!, unitKey(unit)),
              parent: { id: job.id!, queue: job.queueQualifiedName },
            },
          })),
        );
        data = { ...data, step: "units", startedAt: startedAt.toISOString(), start, units };
        await job.updateData(data);
      }
      if (await job.moveToWaitingChildren(token)) throw new WaitingChildrenError();
      await stopIfCancelled(data.orgScanId);
      return await fanIn(job, data, creds, pacer);
    } catch (error) {
      if (error instanceof WaitingChildrenError || error instanceof UnrecoverableError) throw error;
      // "Cannot start" (a refused role, another account's credentials) will not change on a retry.
      if (error instanceof CannotStartError) throw new UnrecoverableError(failureReason(error, settings.externalId));
      throw new Error(failureReason(error, settings.externalId));
    }
  }

  /** Every unit's result into one inventory, the reading steps, then one snapshot (stored once). */
  async function fanIn(
    job: Job,
    data: AccountJobData,
    creds: AccountCredentials | undefined,
    pacer: Pacer,
  ): Promise<QueuedAccountOutcome> {
    const outcome = (snapshot: { id: string; score: number | null }): QueuedAccountOutcome => ({
      ...data.target,
      status: "scanned",
      snapshotId: snapshot.id,
      score: snapshot.score,
    });
    // A fan-in that stored its snapshot and then lost its worker ends here when run again.
    const stored = await options.store.get(data.snapshotId);
    if (stored) return outcome(stored);

    const start = data.start as ScanStart;
    const units = (data.units ?? []) as WorkUnit[];
    const values = await job.getChildrenValues<UnitResult>();
    const failures = await job.getIgnoredChildrenFailures();
    const results = units.map((unit) => {
      const key = `${job.queueQualifiedName}:${unitJobId(job.id!, unitKey(unit))}`;
      return values[key] ?? unitFailure(unit, start, CONTROLS, failures[key] ?? "its job was lost");
    });
    const startedAt = new Date(data.startedAt ?? now().toISOString());
    const label = {
      ...(data.target.name ? { name: data.target.name } : {}),
      ...(data.target.ou ? { ou: data.target.ou } : {}),
    };
    const inventory = newInventory(start, startedAt, label);
    fileUnits(inventory, units, results);
    const stats = createCallStats();
    const scope = createCollectScope({
      accountId: start.accountId,
      partition: start.partition,
      stats,
      pacer,
      credentials: creds,
      memo: createAnswerMemo(),
      now,
    });
    await finishScan(inventory, scanPlan(data.request.services, CONTROLS), scope, start.homeRegion);
    const finished = now();
    inventory.finishedAt = finished.toISOString();
    inventory.stats = { ...addStats(stats, results), durationMs: finished.getTime() - startedAt.getTime() };
    const { snapshot } = await runScanPipeline(async () => inventory, {
      id: data.snapshotId,
      now,
      hashKey: options.hashKey,
      store: { put: (s) => putOnceThenTell(options.store, s, options.onSnapshotStored) },
    });
    return outcome(snapshot);
  }

  async function runUnitJob(job: Job): Promise<UnitResult> {
    const data = unitJobSchema.parse(job.data);
    await stopIfCancelled(data.orgScanId);
    const settings = role(data);
    const creds = credentials(data.caller, data.target.accountId, settings);
    const start = data.start as ScanStart;
    const stats = createCallStats();
    const scope = createCollectScope({
      accountId: start.accountId,
      partition: start.partition,
      stats,
      pacer: pacerFor(data.target.accountId, data.pacing),
      credentials: creds,
      memo: createAnswerMemo(),
      now,
    });
    try {
      const result = await collectUnit(data.unit as WorkUnit, start, scope);
      return { ...result, stats };
    } catch (error) {
      throw new Error(failureReason(error, settings.externalId));
    }
  }

  /** Team mode's schedules: started as organization scans through the queue, once per occurrence. */
  async function tickSchedules() {
    const store = options.store;
    if (!store.listSchedules || !store.claimScheduleRun || !store.putSchedule || !store.deleteSchedule) return [];
    return runDueSchedules(store as ScheduleStore, (request) =>
      addOrganizationScan(queue, {
        selection: request.selection,
        request: { regions: request.regions, services: request.services, pacing: "on" },
        role: { roleName: DEFAULT_ROLE_NAME, roleSessionName: DEFAULT_ROLE_SESSION_NAME },
      }),
    );
  }
  // One tick a minute for the whole queue: every worker asks for the same scheduler; BullMQ keeps one.
  void queue
    .upsertJobScheduler(
      SCHEDULE_TICK_JOB,
      { every: SCHEDULE_TICK_MS },
      { name: SCHEDULE_TICK_JOB, opts: { removeOnComplete: true, removeOnFail: true } },
    )
    .catch((error: Error) => log.warn("queue.schedules-not-set", { error: error.message }));

  const worker = new Worker(
    QUEUE_NAME,
    async (job, token) => {
      if (token === undefined) throw new Error("a job without a lock token");
      switch (job.name) {
        case JOB_NAMES.organization:
          return runOrganization(job, token);
        case JOB_NAMES.account:
          return runAccount(job, token);
        case JOB_NAMES.unit:
          return runUnitJob(job);
        case SCHEDULE_TICK_JOB:
          return tickSchedules();
        default:
          throw new UnrecoverableError(`unknown job ${job.name}`);
      }
    },
    {
      connection: { url: options.redisUrl, maxRetriesPerRequest: null },
      concurrency: options.concurrency ?? DEFAULT_WORKER_CONCURRENCY,
      lockDuration: options.lockDurationMs ?? DEFAULT_LOCK_DURATION_MS,
      stalledInterval: options.lockDurationMs ?? DEFAULT_LOCK_DURATION_MS,
      maxStalledCount: MAX_STALLED_COUNT,
    },
  );
  worker.on("failed", (job, error) => {
    log.warn("queue.job-failed", { job: job?.name, jobId: job?.id, attempts: job?.attemptsMade, error: error.message });
  });
  worker.on("error", (error) => log.warn("queue.worker-error", { error: error.message }));

  return {
    worker,
    async close() {
      await worker.close();
      await queue.close();
      redis.disconnect();
    },
  };
}

/**
 * Puts the snapshot once (`putOnce`), then tells `onStored` when this call stored it: a job run again
 * after its worker died finds the snapshot stored and notifies nothing a second time. Whatever
 * `onStored` throws is logged, never allowed to fail the job.
 */
export async function putOnceThenTell(
  store: Pick<SnapshotStore, "get" | "put">,
  snapshot: Parameters<SnapshotStore["put"]>[0],
  onStored?: (snapshot: Parameters<SnapshotStore["put"]>[0]) => void,
): Promise<void> {
  if (!(await putOnce(store, snapshot))) return;
  try {
    onStored?.(snapshot);
  } catch (error) {
    log.warn("notify.failed", { snapshotId: snapshot.id, error });
  }
}

/**
 * Puts the snapshot unless a run of the same job already did (stores refuse a second put of one id):
 * true when this call stored it.
 */
async function putOnce(
  store: Pick<SnapshotStore, "get" | "put">,
  snapshot: Parameters<SnapshotStore["put"]>[0],
): Promise<boolean> {
  try {
    await store.put(snapshot);
    return true;
  } catch (error) {
    if (await store.get(snapshot.id)) return false;
    throw error;
  }
}
