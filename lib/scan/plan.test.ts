import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CONTROLS } from "@/lib/controls/registry";
import type { Control } from "@/lib/controls/types";
import { SERVICE_IDS, type ServiceId } from "@/lib/inventory";
import { REGIONAL_SERVICES } from "./collectors";
import { scanPlan, START_ACTIONS, STEP_IDS, stepCalls, STEPS, stepOf } from "./plan";

const POLICY_FILE = path.resolve(
  path.dirname(new URL(import.meta.url).pathname),
  "../../policy/safekeep-scanner-policy.json",
);
const policy = JSON.parse(readFileSync(POLICY_FILE, "utf8")) as { Statement: { Action: string[] }[] };
const granted = [...new Set(policy.Statement.flatMap((s) => s.Action))].sort();

describe("scan steps", () => {
  it.each(granted.filter((action) => !START_ACTIONS.includes(action)))("%s belongs to exactly one step", (action) => {
    expect(STEP_IDS.filter((id) => stepCalls(STEPS[id], action))).toHaveLength(1);
  });

  it.each([...new Set(CONTROLS.flatMap((c) => c.meta.requires))].sort())(
    "%s, which a control requires, is granted and called by a step",
    (action) => {
      expect(granted).toContain(action);
      expect(stepOf(action) ?? (START_ACTIONS.includes(action) ? "start" : undefined)).toBeDefined();
    },
  );

  it("start-up calls belong to no step", () => {
    for (const action of START_ACTIONS) expect(stepOf(action)).toBeUndefined();
  });

  it("splits shared prefixes by action", () => {
    expect(stepOf("cloudtrail:LookupEvents")).toBe("tls-samples");
    expect(stepOf("cloudtrail:GetEventSelectors")).toBe("cloudtrail");
    expect(stepOf("ec2:DescribeVpcEndpoints")).toBe("sts-vpc-endpoints");
    expect(stepOf("kinesis:DescribeStreamSummary")).toBe("storage");
  });

  it("only reads steps that come earlier, so the plan has no cycle", () => {
    for (const id of STEP_IDS) {
      for (const dependency of STEPS[id].reads) expect(STEP_IDS.indexOf(dependency)).toBeLessThan(STEP_IDS.indexOf(id));
    }
  });
});

function control(service: ServiceId, requires: string[]): Control {
  return {
    meta: { id: `${service}.probe`, service, requires } as unknown as Control["meta"],
    evaluate: () => [],
  };
}

describe("scan plan derived from the controls", () => {
  it.each<[ServiceId[], string[]]>([
    [["iam"], ["iam", "sts-vpc-endpoints"]],
    [["elasticache"], ["elasticache"]],
    [["cognito"], ["iam", "cognito"]],
    [["personalize"], ["personalize", "storage"]],
    [["connect"], ["iam", "connect", "storage", "kms"]],
    // Account-wide controls judge keys and TLS samples found through every service's resources, so
    // every regional collector runs (derived, so a new service is held to this too).
    [["account"], ["iam", ...REGIONAL_SERVICES, "cloudtrail", "macie", "tags", "tls-samples", "storage", "kms"]],
  ])("scanning %j takes %j", (services, steps) => {
    expect(scanPlan(services, CONTROLS).steps).toEqual(steps);
  });

  it("takes every step for every service", () => {
    expect(scanPlan(SERVICE_IDS, CONTROLS).steps).toEqual([...STEP_IDS]);
  });

  it("takes a step as soon as one chosen control requires one of its calls, and only then", () => {
    const controls = [control("iam", ["kms:DescribeKey"]), control("elasticache", ["macie2:GetMacieSession"])];
    expect(scanPlan(["iam"], controls).steps).toEqual(["kms"]);
    expect(scanPlan(["elasticache"], controls).steps).toEqual(["macie"]);
    expect(scanPlan(["cognito"], controls).steps).toEqual([]);
  });

  it("keeps only the predecessors that are in the plan", () => {
    const plan = scanPlan(["connect"], CONTROLS);
    expect(plan.after.kms).toEqual(["connect", "storage"]);
    expect(plan.after.storage).toEqual(["connect"]);
    expect(plan.after.connect).toEqual([]);
  });
});
