/**
 * A scan of one account in this process: who am I and where (./units.ts `startScan`), then the plan's
 * units and reading steps into one inventory. Each step starts as soon as the steps it reads have
 * ended: every unit (a service's collector in one Region, IAM, CloudTrail, Macie, tags) starts at
 * once, a Region's TLS samples of one service as soon as that service's unit for the Region has
 * ended, the storage step when the resources that write to storage are known, and KMS when
 * everything that may point at a key is. Collectors never throw: what they could not read comes back
 * as classified errors and skipped Regions.
 */
import pLimit from "p-limit";
import { createCallStats } from "@/lib/aws/clients";
import { createAnswerMemo } from "@/lib/aws/answer-memo";
import { createCollectScope } from "@/lib/aws/harness";
import { collectKmsKeys } from "@/lib/aws/kms";
import { createPacer, type Pacer, type PacingMode } from "@/lib/aws/pacing";
import { awsCallSettings } from "@/lib/aws/settings";
import type { AccountCredentials } from "@/lib/aws/sts/assume-role";
import { CONTROLS } from "@/lib/controls/registry";
import type { Inventory, ServiceId, TlsSample } from "@/lib/inventory";
import { referencedKeys } from "@/lib/inventory/references";
import { REGIONAL_SERVICES } from "./collectors";
import { CannotStartError, ScanCancelledError } from "./errors";
import {
  collectKmsStep,
  collectStorageStep,
  inTargetOrder,
  reported,
  sampleTls,
  storageCollectors,
  type StepProgress,
} from "./finish-steps";
import { plans, scanPlan, type StepId } from "./plan";
import { collectReferencedStorage } from "./storage-rounds";
import { tlsTargetsOf } from "./tls-targets";
import { collectUnit, fileStep, newInventory, startScan, workUnits, type UnitResult, type UnitStep } from "./units";

export type ScanProgress = StepProgress;

export interface ScanOptions {
  regions?: "all" | string[];
  services: ServiceId[];
  now?: () => Date;
  onProgress?: (event: ScanProgress) => void;
  /**
   * Pacing of rate-limited APIs at AWS's documented quotas ("on", the default); "off" or a rate
   * multiplier only for endpoints without those quotas (tests of the local fake endpoint, the bench).
   */
  pacing?: PacingMode;
  /** A pacer shared beyond this scan (team mode: one per account across workers); overrides `pacing`. */
  pacer?: Pacer;
  /**
   * The account's credentials, for every call of the scan (an organization member's role,
   * lib/aws/sts/assume-role.ts); none: the default credential chain.
   */
  credentials?: AccountCredentials;
  /** The account's name and organizational unit, when it was listed from its Organization. */
  label?: { name?: string; ou?: string };
  /**
   * Aborted to cancel the scan: no step starts after it, the steps already running send no further
   * call (lib/aws/harness.ts) and end once the calls in flight have answered, and the scan then
   * rejects with ScanCancelledError (nothing of it is to be stored).
   */
  signal?: AbortSignal;
}

/**
 * Regions collected side by side, per step: each step has its own slots, so a slow, rate-limited
 * service (Connect) does not wait behind faster ones for a free slot. Each collector limits its own
 * calls within a Region.
 */
const REGION_CONCURRENCY = 4;

/** Checks the SAFEKEEP_AWS_* settings: a bad value would otherwise surface as an unexplained failure of the first client. */
export function checkCallSettings(): void {
  try {
    awsCallSettings();
  } catch (error) {
    throw new CannotStartError((error as Error).message, "settings");
  }
}

export async function scanAws(options: ScanOptions): Promise<Inventory> {
  const now = options.now ?? (() => new Date());
  const stopIfCancelled = () => {
    if (options.signal?.aborted) throw new ScanCancelledError();
  };
  // Every step announces its start through `reported` (./finish-steps.ts) before it calls AWS, so
  // refusing the start here is the one place a cancelled scan stops: units, TLS samples, each storage
  // round and KMS alike.
  const report = options.onProgress ?? (() => undefined);
  const progress = (event: ScanProgress) => {
    if (event.state === "started") stopIfCancelled();
    report(event);
  };
  const started = now();
  checkCallSettings();

  const stats = createCallStats();
  const { start, scope } = await startScan(options, (identity) =>
    createCollectScope({
      memo: createAnswerMemo(),
      accountId: identity.accountId,
      partition: identity.partition,
      stats,
      pacer: options.pacer ?? createPacer(options.pacing),
      now,
      credentials: options.credentials,
      signal: options.signal,
    }),
  );
  stopIfCancelled();
  const plan = scanPlan(options.services, CONTROLS);
  // Every step's run, so that a cancelled scan ends only once the steps already running have ended.
  const running: Promise<unknown>[] = [];
  const inventory = newInventory(start, started, options.label);
  const accountWide = inventory.accountWide!;

  // Every unit starts at once, each step with its own Region slots; a step's results are filed when
  // all its Regions have ended, in plan order.
  const units = workUnits(plan, start);
  const unitRuns = new Map<UnitStep, { region?: string; result: Promise<UnitResult> }[]>();
  for (const step of new Set(units.map((u) => u.step))) {
    const limit = pLimit(REGION_CONCURRENCY);
    unitRuns.set(
      step,
      units
        .filter((u) => u.step === step)
        .map((unit) => {
          const result = limit(() => reported(progress, unit.step, () => collectUnit(unit, start, scope), unit.region));
          running.push(result);
          return { region: unit.region, result };
        }),
    );
  }
  const done: Partial<Record<StepId, Promise<unknown>>> = {};
  const after = (id: StepId) => Promise.all((plan.after[id] ?? []).map((dependency) => done[dependency]));
  for (const [step, runs] of unitRuns) {
    done[step] = Promise.all(runs.map((r) => r.result)).then((results) => fileStep(inventory, step, results));
  }

  // TLS samples: IAM at once (its Region is fixed), each service's per Region as soon as that
  // Region's unit has ended. LookupEvents is paced per Region on the client, so samples started from
  // different services share CloudTrail's quota.
  if (plans(plan, "tls-samples")) {
    const samples: TlsSample[] = [];
    const sample = async (service: ServiceId, targets: ReturnType<typeof tlsTargetsOf>) => {
      samples.push(...(await sampleTls(service, targets, scope, inventory, progress)));
    };
    const waits: Promise<void>[] = [sample("iam", tlsTargetsOf("iam", inventory))];
    running.push(...waits);
    for (const service of REGIONAL_SERVICES) {
      for (const run of unitRuns.get(service) ?? []) {
        const wait = run.result.then(({ found }) =>
          found ? sample(service, tlsTargetsOf(service, { ...inventory, [service]: { regions: [found] } })) : undefined,
        );
        waits.push(wait);
        running.push(wait);
      }
    }
    done["tls-samples"] = Promise.all(waits).then(() => {
      accountWide.tlsSamples = inTargetOrder(inventory, samples);
    });
  }

  // What is referenced so far is described early, each time a step that refers to storage or keys
  // ends, while slower collectors still run; the answers stay in the scope's memo, so the storage and
  // KMS steps below, which build the inventory from the finished references, wait only for what the
  // last steps newly refer to. The early passes' results and errors are dropped: the final steps
  // read the same answers from the memo and record them.
  const storage = storageCollectors(scope, start.homeRegion);
  if (plans(plan, "storage") || plans(plan, "kms")) {
    const describeEarly = coalesced(async () => {
      if (options.signal?.aborted) return;
      const sofar: Inventory = { ...inventory, accountWide: { ...accountWide } };
      if (plans(plan, "storage")) {
        const rounds = await collectReferencedStorage(sofar, storage);
        Object.assign(sofar.accountWide!, rounds.storage);
      }
      if (plans(plan, "kms")) await collectKmsKeys(referencedKeys(sofar), scope);
    });
    for (const id of new Set([...(plan.after.storage ?? []), ...(plan.after.kms ?? [])])) {
      // A step that rejected (a cancelled scan) describes nothing early; its rejection is the scan's.
      if (id !== "storage") void done[id]?.then(describeEarly, () => undefined);
    }
  }
  if (plans(plan, "storage")) {
    done.storage = after("storage").then(() => collectStorageStep(inventory, storage, progress));
  }
  if (plans(plan, "kms")) {
    done.kms = after("kms").then(() => collectKmsStep(inventory, scope, progress));
  }

  try {
    await Promise.all(Object.values(done));
  } catch (error) {
    await Promise.allSettled([...running, ...Object.values(done)]);
    throw error;
  }
  stopIfCancelled();

  const finished = now();
  inventory.finishedAt = finished.toISOString();
  inventory.stats = { ...stats, durationMs: finished.getTime() - started.getTime() };
  return inventory;
}

/**
 * Runs `task` when called, never twice at once: a call while it runs asks for one more run after it,
 * however many calls came meanwhile. Never rejects (what it reads is read again later anyway).
 */
function coalesced(task: () => Promise<void>): () => void {
  let running = false;
  let again = false;
  const run = async () => {
    running = true;
    do {
      again = false;
      await task().catch(() => undefined);
    } while (again);
    running = false;
  };
  return () => {
    if (running) again = true;
    else void run();
  };
}
