/**
 * The truth sweep: a scan of the demo account through the fake endpoint with one kind of data
 * missing, compared row by row with the fault-free scan. It holds the rule every statement Safekeep
 * prints depends on: missing data never moves a verdict toward pass, never makes a failing row
 * vanish, and never raises a score. Shared by the sweep's test files, which split the shipped
 * policy's actions between them so that they run side by side.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import path from "node:path";
import { CONTROLS } from "@/lib/controls/registry";
import type { Status } from "@/lib/controls/types";
import { demoInventory } from "@/lib/demo/inventory";
import { SERVICE_IDS, type CollectionError, type ErrorKind, type Inventory } from "@/lib/inventory";
import { lookupFailed } from "@/lib/controls/lookups";
import { scanAws } from "@/lib/scan/scan-aws";
import { buildSnapshot } from "@/lib/posture/build-snapshot";
import type { Snapshot, SnapshotResult } from "@/lib/snapshot/schema";
import { sdkEnvironmentFor } from "./sdk-environment";
import { startFakeAws, type FakeAws } from "./server";
import type { Fault } from "./types";

export const scenarioInventory: Inventory = { ...demoInventory, errors: [] };
const now = new Date(demoInventory.finishedAt);

/** Every action of the shipped IAM policy, in policy order. */
export function policyActions(): string[] {
  const policy = JSON.parse(
    readFileSync(path.join(import.meta.dirname, "..", "policy", "safekeep-scanner-policy.json"), "utf8"),
  ) as { Statement: { Action: string | string[] }[] };
  return policy.Statement.flatMap((statement) => [statement.Action].flat());
}

/** The IAM prefixes of the policy, each with the services' actions: a sample per service. */
export function actionsByPrefix(actions: readonly string[]): Map<string, string[]> {
  const byPrefix = new Map<string, string[]>();
  for (const action of actions) {
    const prefix = action.split(":")[0]!;
    byPrefix.set(prefix, [...(byPrefix.get(prefix) ?? []), action]);
  }
  return byPrefix;
}

export interface SweepEnvironment {
  fake: FakeAws;
  reference: Snapshot;
  scan(faults: Fault[]): Promise<Snapshot>;
  close(): Promise<void>;
}

export async function startSweep(): Promise<SweepEnvironment> {
  const fake = await startFakeAws({ inventory: scenarioInventory });
  const saved = { ...process.env };
  Object.assign(process.env, {
    ...sdkEnvironmentFor(fake.url),
    // A failed call is classified after one attempt: the sweep is about what a failure does to the
    // verdicts, not about the retry policy (the faults test covers that).
    SAFEKEEP_AWS_MAX_ATTEMPTS: "1",
  });
  let run = 0;
  async function scan(faults: Fault[]): Promise<Snapshot> {
    fake.setScenario({ inventory: scenarioInventory, faults, seed: 1 });
    // The fake endpoint has no rate quotas here: no need to pace to AWS's.
    const inventory = await scanAws({
      regions: demoInventory.regions,
      services: [...SERVICE_IDS],
      pacing: "off",
    });
    run += 1;
    return buildSnapshot(inventory, CONTROLS, { id: `sweep-${run}`, now });
  }
  const reference = await scan([]);
  if (reference.coverage.errors.length > 0) {
    throw new Error(`the fault-free scan has errors: ${JSON.stringify(reference.coverage.errors.slice(0, 3))}`);
  }
  return {
    fake,
    reference,
    scan,
    async close() {
      process.env = saved;
      await fake.close();
    },
  };
}

/** How far toward pass a status is; `not-applicable` counts as toward pass ("nothing to worry about"). */
const TOWARD_PASS: Record<Exclude<Status, "error">, number> = { fail: 0, warn: 1, pass: 2, "not-applicable": 3 };

export interface Violation {
  control: string;
  finding: string;
  problem: string;
}

function rowsById(snapshot: Snapshot): Map<string, { control: string; result: SnapshotResult }> {
  const rows = new Map<string, { control: string; result: SnapshotResult }>();
  for (const control of snapshot.controls) {
    for (const result of control.results) rows.set(result.findingId, { control: control.id, result });
  }
  return rows;
}

/**
 * An `error` row of the control that stands for resources it could not see where this one was: the
 * same rule the runner applies (a failed call about one Region's resources covers that Region; a
 * failed call about the account, buckets, keys or streams covers every Region).
 */
function coveredByErrorRow(snapshot: Snapshot, controlId: string, region: string): boolean {
  const control = snapshot.controls.find((c) => c.id === controlId);
  return (control?.results ?? []).some((row) => {
    if (row.status !== "error" || row.resourceType !== "Region" || typeof row.evidence.action !== "string")
      return false;
    const failed: CollectionError = {
      service: control!.service,
      region: row.region,
      action: row.evidence.action,
      kind: (row.evidence.errorKind ?? "other") as ErrorKind,
      message: row.reason,
    };
    return lookupFailed(failed, { action: row.evidence.action, region: region === "global" ? undefined : region });
  });
}

/**
 * Every way a scan with missing data could claim more than the fault-free scan: a row that moved
 * toward pass, a failing or warning row that vanished without an error standing for it, a verdict
 * that appeared from nowhere, an error that does not name a failed call, a score that rose.
 */
export function truthViolations(reference: Snapshot, faulted: Snapshot): Violation[] {
  const violations: Violation[] = [];
  const before = rowsById(reference);
  const after = rowsById(faulted);
  for (const [id, { control, result }] of before) {
    const now = after.get(id);
    if (now === undefined) {
      if (
        (result.status === "fail" || result.status === "warn") &&
        !coveredByErrorRow(faulted, control, result.region)
      ) {
        violations.push({ control, finding: result.resourceArn, problem: `${result.status} row vanished` });
      }
      continue;
    }
    const status = now.result.status;
    if (status === "error" || result.status === "error") continue;
    if (TOWARD_PASS[status] > TOWARD_PASS[result.status]) {
      violations.push({ control, finding: result.resourceArn, problem: `${result.status} → ${status}` });
    }
  }
  for (const [id, { control, result }] of after) {
    if (before.has(id)) continue;
    if (result.status !== "error") {
      violations.push({ control, finding: result.resourceArn, problem: `new ${result.status} row` });
    }
  }
  for (const control of faulted.controls) {
    for (const result of control.results) {
      if (result.status !== "error") continue;
      const named = result.evidence.action ?? result.evidence.failedActions;
      if (named === undefined || named === null || (Array.isArray(named) && named.length === 0)) {
        violations.push({ control: control.id, finding: result.resourceArn, problem: "error names no failed call" });
      }
    }
  }
  const higher = (was: number | null, is: number | null) => is !== null && (was === null || is > was);
  if (higher(reference.score, faulted.score)) {
    violations.push({ control: "*", finding: "overall", problem: `score ${reference.score} → ${faulted.score}` });
  }
  for (const service of faulted.services) {
    const was = reference.services.find((s) => s.id === service.id)?.score ?? null;
    if (higher(was, service.score)) {
      violations.push({ control: service.id, finding: "service score", problem: `${was} → ${service.score}` });
    }
  }
  return violations;
}

/**
 * Registers one share of a sweep as tests: a fresh fake endpoint and fault-free reference for the
 * share, then one scan per case. The cases are split over several files so that they run side by side.
 */
export function describeSweep(title: string, cases: readonly { name: string; faults: Fault[] }[]): void {
  let sweep: SweepEnvironment;
  beforeAll(async () => {
    sweep = await startSweep();
  }, 60_000);
  afterAll(async () => {
    await sweep?.close();
  });
  describe(title, () => {
    it.each(cases.map((c) => [c.name, c] as const))(
      "%s",
      async (_name, { faults }) => {
        const faulted = await sweep.scan(faults);
        expect(truthViolations(sweep.reference, faulted)).toEqual([]);
      },
      60_000,
    );
  });
}

/** Share `part` (1-based) of `parts` of the policy's actions, each denied on its own. */
export function denialCases(part: number, parts: number): { name: string; faults: Fault[] }[] {
  return policyActions()
    .filter((_, index) => index % parts === part - 1)
    .map((action) => ({ name: `${action} denied`, faults: [{ action, kind: "access-denied" }] }));
}

/**
 * Other kinds of missing data, sampled in every service: the first action of each IAM prefix
 * answering with a server error, the last one with a body that does not parse, each service's
 * calls in one Region rejecting the credentials, and whole Regions rejecting them.
 */
export function otherFaultCases(): { name: string; faults: Fault[] }[] {
  const cases: { name: string; faults: Fault[] }[] = [];
  for (const [prefix, actions] of actionsByPrefix(policyActions())) {
    cases.push({ name: `${actions[0]} answers 500`, faults: [{ action: actions[0]!, kind: "server-error" }] });
    const last = actions[actions.length - 1]!;
    cases.push({ name: `${last} answers a malformed body`, faults: [{ action: last, kind: "malformed-body" }] });
    cases.push({
      name: `${prefix} in us-east-1 rejects the credentials`,
      faults: [{ action: `${prefix}:*`, region: "us-east-1", kind: "region-unavailable" }],
    });
  }
  for (const region of ["eu-west-1", "ap-southeast-2"]) {
    cases.push({
      name: `all of ${region} rejects the credentials`,
      faults: [{ action: "*", region, kind: "region-unavailable" }],
    });
  }
  return cases;
}
