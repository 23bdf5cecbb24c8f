/**
 * Safekeep when AWS misbehaves: whole scans over real HTTP against the fake endpoint with faults
 * injected. Whatever AWS does, the scan must finish, never invent or drop a verdict silently, and
 * say exactly what it could not read: a failed call becomes a classified error on precisely the
 * controls whose `meta.requires` lists it, and every other control keeps its fault-free verdict.
 *
 * The reference is a fault-free scan of the same account (results, not just statuses: a scan's
 * evidence is shaped by the wire, e.g. timestamps, so the demo inventory itself is not the reference).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { CONTROLS } from "@/lib/controls/registry";
import { demoInventory } from "@/lib/demo/inventory";
import { SERVICE_IDS, type Inventory } from "@/lib/inventory";
import { scanAws } from "@/lib/scan/scan-aws";
import { buildSnapshot } from "@/lib/posture/build-snapshot";
import { snapshotSchema, type Snapshot, type SnapshotControl } from "@/lib/snapshot/schema";
import { sdkEnvironmentFor } from "./sdk-environment";
import { startFakeAws, type FakeAws } from "./server";
import { truthViolations } from "./truth-sweep";
import type { Fault } from "./types";

const scenarioInventory: Inventory = { ...demoInventory, errors: [] };
const now = new Date(demoInventory.finishedAt);

let fake: FakeAws;
let reference: Snapshot;
const saved = { ...process.env };

beforeAll(async () => {
  fake = await startFakeAws({ inventory: scenarioInventory });
  Object.assign(process.env, sdkEnvironmentFor(fake.url));
  const { inventory, snapshot } = await scanWith([]);
  expect(inventory.errors).toEqual([]);
  reference = snapshot;
}, 30_000);
afterEach(() => {
  vi.unstubAllEnvs();
  vi.useRealTimers();
});
afterAll(async () => {
  process.env = saved;
  await fake.close();
});

/** The wall clock's timers, kept before any test swaps in fake ones. */
const wallClock = { setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout };

/** Rejects instead of hanging: a scan that does not finish is itself a failure worth naming. */
async function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = wallClock.setTimeout(() => reject(new Error(`the scan did not finish within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    wallClock.clearTimeout(timer);
  }
}

/**
 * Runs `work` on a clock `factor` times faster than the wall clock. The SDK's retry back-off, its
 * adaptive rate limiter and its per-call timeouts all read `setTimeout` and `Date`, so the
 * production retry policy runs unchanged, just sooner: at a 50 % throttling rate the limiter holds
 * each client near its floor of one call every two seconds, and a full scan takes minutes of real
 * time. Sockets keep real time. The clock only moves when the event loop is free to move it, so a
 * busy machine slows the fake clock down with everything else instead of firing timeouts early.
 */
async function onFastClock<T>(factor: number, work: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
  const tickMs = 5;
  const pump = setInterval(() => vi.advanceTimersByTime(tickMs * factor), tickMs);
  try {
    return await work();
  } finally {
    clearInterval(pump);
    vi.useRealTimers();
  }
}

async function scanWith(faults: Fault[], seed = 1): Promise<{ inventory: Inventory; snapshot: Snapshot }> {
  fake.setScenario({ inventory: scenarioInventory, faults, seed });
  const inventory = await withDeadline(scanAws({ regions: demoInventory.regions, services: [...SERVICE_IDS] }), 40_000);
  return { inventory, snapshot: buildSnapshot(inventory, CONTROLS, { id: "faulted", now }) };
}

function referenceControl(id: string): SnapshotControl {
  const control = reference.controls.find((c) => c.id === id);
  if (!control) throw new Error(`no control ${id} in the reference snapshot`);
  return control;
}

/** What a control concluded about each resource, in order: the part a failed call must not change. */
function verdicts(control: SnapshotControl): string[] {
  return control.results.map((r) => `${r.status} ${r.resourceArn}`);
}

/** Whether a failed call is about data the control reads (a rejecting Region answers none of a service's calls). */
function concerns(control: SnapshotControl, error: Snapshot["coverage"]["errors"][number]): boolean {
  const prefix = (action: string) => action.split(":")[0];
  return control.requires.some(
    (action) =>
      action === error.action || (error.kind === "credentials-rejected" && prefix(action) === prefix(error.action)),
  );
}

/**
 * The contract of a scan with failed calls: nothing reads better than with full data (the truth
 * sweep's row-by-row rule); every control that reads a failed call shows it as `error` rows naming
 * that call, and is `error` or marked incomplete; every other control reaches the fault-free
 * verdicts. With `sameWording`, their reasons and evidence must match too; without, they may lose
 * detail a control only uses to word a reason.
 */
function expectOnlyAffectedControlsChange(snapshot: Snapshot, { sameWording }: { sameWording: boolean }) {
  expect(truthViolations(reference, snapshot)).toEqual([]);
  for (const control of snapshot.controls) {
    const expected = referenceControl(control.id);
    const failed = snapshot.coverage.errors.filter((e) => concerns(control, e));
    if (failed.length === 0) {
      const seen = sameWording ? control.results : verdicts(control);
      const wanted = sameWording ? expected.results : verdicts(expected);
      expect({ id: control.id, status: control.status, results: seen }).toEqual({
        id: control.id,
        status: expected.status,
        results: wanted,
      });
      continue;
    }
    const named = new Set(
      control.results
        .filter((r) => r.status === "error")
        .flatMap((r) => [r.evidence.action ?? [], r.evidence.failedActions ?? []].flat())
        .map(String),
    );
    expect({ id: control.id, named: [...named].sort() }).toEqual({
      id: control.id,
      named: [...new Set(failed.map((e) => e.action))].sort(),
    });
    expect({ id: control.id, marked: control.status === "error" || control.incomplete !== undefined }).toEqual({
      id: control.id,
      marked: true,
    });
  }
}

describe("a scan against a misbehaving AWS", { timeout: 60_000 }, () => {
  it("rides out throttling of half the calls with the production retry policy", async () => {
    // Seed 8 throttles the first call (sts:GetCallerIdentity, alone at that moment) once, then lets
    // it through: the identity call retries too.
    const { inventory, snapshot } = await onFastClock(25, () =>
      scanWith([{ action: "*", kind: "throttle", rate: 0.5 }], 8),
    );
    expect(inventory.stats.throttled).toBeGreaterThan(0);
    expect(inventory.stats.retries).toBeGreaterThan(0);
    expect(inventory.stats.throttled).toBeGreaterThanOrEqual(inventory.stats.apiCalls / 4);
    // Every failure is throttling that outlasted all 8 attempts (odds 1 in 2^8 per call at this rate,
    // so a full scan of ~330 calls usually has one or two): nothing else may go wrong.
    expect(inventory.errors.every((e) => e.kind === "throttled")).toBe(true);
    expect(inventory.errors.length).toBeLessThanOrEqual(inventory.stats.apiCalls / 50);
    expect(inventory.skippedRegions).toEqual([]);
    expectOnlyAffectedControlsChange(snapshot, { sameWording: false });
  });

  it("turns access denied on one API into errors on exactly the controls that need it", async () => {
    const denied = "cognito-idp:DescribeUserPoolClient";
    const { inventory, snapshot } = await scanWith([{ action: denied, kind: "access-denied" }]);
    expect(snapshot.coverage.deniedActions).toEqual([denied]);
    expect(new Set(inventory.errors.map((e) => `${e.kind} ${e.service} ${e.action}`))).toEqual(
      new Set([`access-denied cognito ${denied}`]),
    );
    // Denied wherever the demo account has app clients to describe, and nowhere else.
    const regionsWithClients = demoInventory.cognito!.regions.filter((r) =>
      r.userPools.some((p) => (p.clients ?? []).length > 0),
    );
    // One error per pool whose clients could not be described, so a Region may appear more than once.
    expect([...new Set(inventory.errors.map((e) => e.region))].sort()).toEqual(
      regionsWithClients.map((r) => r.region).sort(),
    );

    const needing = CONTROLS.filter((c) => c.meta.requires.includes(denied)).map((c) => c.meta.id);
    expect(needing.length).toBeGreaterThan(0);
    expectOnlyAffectedControlsChange(snapshot, { sameWording: true });
    // Every Region whose app clients could not be described shows it on every control that reads them.
    for (const id of needing) {
      const control = snapshot.controls.find((c) => c.id === id)!;
      const regions = new Set(control.results.filter((r) => r.status === "error").map((r) => r.region));
      for (const { region } of regionsWithClients) {
        expect({ id, region, seen: regions.has(region) }).toEqual({ id, region, seen: true });
      }
    }
  });

  it("classifies timeouts, dropped connections, 5xx and malformed answers and still builds a snapshot", async () => {
    // Fail fast: a request timeout of 1 s against an answer that takes 3 s, and 3 attempts per call.
    vi.stubEnv("SAFEKEEP_AWS_REQUEST_TIMEOUT_MS", "1000");
    vi.stubEnv("SAFEKEEP_AWS_MAX_ATTEMPTS", "3");
    const faults: Fault[] = [
      { action: "elasticache:DescribeUsers", region: "us-east-1", kind: "latency", latencyMs: 3_000 },
      { action: "cognito-identity:ListIdentityPools", region: "eu-west-1", kind: "drop-connection" },
      { action: "personalize:ListDatasetGroups", kind: "server-error" },
      { action: "macie2:GetMacieSession", region: "us-east-1", kind: "malformed-body" },
    ];
    const started = Date.now();
    const { inventory, snapshot } = await scanWith(faults);
    expect(Date.now() - started).toBeLessThan(30_000);

    const kinds = (action: string) => [
      ...new Set(inventory.errors.filter((e) => e.action === action).map((e) => e.kind)),
    ];
    expect(kinds("elasticache:DescribeUsers")).toEqual(["timeout"]);
    // The SDK itself reports a reset connection as a TimeoutError (ECONNRESET, like ETIMEDOUT).
    expect(kinds("cognito-identity:ListIdentityPools")).toEqual(["timeout"]);
    expect(kinds("personalize:ListDatasetGroups")).toEqual(["other"]);
    expect(kinds("macie2:GetMacieSession")).toEqual(["other"]);
    const faultedActions = new Set(faults.map((f) => f.action));
    expect(inventory.errors.filter((e) => !faultedActions.has(e.action))).toEqual([]);
    expect(inventory.errors.filter((e) => e.action === "elasticache:DescribeUsers").map((e) => e.region)).toEqual([
      "us-east-1",
    ]);

    // The snapshot is whole and valid, and its coverage says what is missing.
    expect(snapshotSchema.safeParse(snapshot).success).toBe(true);
    expect(snapshot.coverage.errors).toHaveLength(inventory.errors.length);
    expect(snapshot.coverage.deniedActions).toEqual([]);
    for (const error of snapshot.coverage.errors) {
      expect(error.message).not.toMatch(/\n|\bat .+:\d+:\d+/); // a sentence, never a stack trace
    }
    expectOnlyAffectedControlsChange(snapshot, { sameWording: false });
  });
});
