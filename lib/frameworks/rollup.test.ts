import { describe, expect, it } from "vitest";
import type { Status } from "@/lib/controls/types";
import { ACCOUNT, control, exampleSnapshot, user } from "@/lib/snapshot/fixtures";
import type { SnapshotControl } from "@/lib/snapshot/schema";
import { findFramework, type Framework } from "./frameworks";
import type { Mapping } from "./mappings";
import { compareRequirements, findingsHref, rollUpFramework, rollUpRequirement } from "./rollup";

const SOURCE = { url: "https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html", maps: "test" };
const map = (controlId: string, requirement = "AC-6"): Mapping => ({
  framework: "nist-800-53-r5",
  requirement,
  controlId,
  coverage: "equivalent",
  source: SOURCE,
});

/** A stored control with `status`, optionally incomplete, with one failing result per `failing`. */
function stored(id: string, status: Status, opts: { incomplete?: boolean; failing?: string[] } = {}): SnapshotControl {
  const snapshot = exampleSnapshot("s", "2026-11-27T10:05:00.000Z", (s) => {
    const rows = (opts.failing ?? []).map((name) => ({ arn: user(name), region: "global", status: "fail" as const }));
    s.controls = [
      {
        ...control(id, "iam", "high", [], rows),
        status,
        ...(opts.incomplete ? { incomplete: { resources: 1, regions: ["us-east-1"] } } : {}),
      },
    ];
  });
  return snapshot.controls[0]!;
}

function requirement(...controls: SnapshotControl[]) {
  const byId = new Map(controls.map((c) => [c.id, c]));
  return rollUpRequirement(
    "AC-6",
    controls.map((c) => map(c.id)),
    byId,
  );
}

describe("rollUpRequirement", () => {
  it.each<[string, SnapshotControl[], Status, boolean]>([
    ["all pass", [stored("iam.a", "pass"), stored("iam.b", "pass")], "pass", false],
    ["one fails", [stored("iam.a", "pass"), stored("iam.b", "fail")], "fail", false],
    ["warn beats pass", [stored("iam.a", "warn"), stored("iam.b", "pass")], "warn", false],
    [
      "pass with one incomplete is never a clean pass",
      [stored("iam.a", "pass"), stored("iam.b", "pass", { incomplete: true })],
      "pass",
      true,
    ],
    ["pass with one error is incomplete", [stored("iam.a", "pass"), stored("iam.b", "error")], "pass", true],
    ["fail with one error stays fail, incomplete", [stored("iam.a", "fail"), stored("iam.b", "error")], "fail", true],
    ["all error is error (not incomplete)", [stored("iam.a", "error"), stored("iam.b", "error")], "error", false],
    [
      "all not applicable",
      [stored("iam.a", "not-applicable"), stored("iam.b", "not-applicable")],
      "not-applicable",
      false,
    ],
    ["not applicable and pass is pass", [stored("iam.a", "not-applicable"), stored("iam.b", "pass")], "pass", false],
  ])("%s", (_name, controls, status, incomplete) => {
    const row = requirement(...controls);
    expect(row.status).toBe(status);
    expect(row.incomplete).toBe(incomplete);
  });

  it("a mapped control missing from the snapshot makes a passing requirement incomplete", () => {
    const pass = stored("iam.a", "pass");
    const row = rollUpRequirement("AC-6", [map("iam.a"), map("iam.gone")], new Map([[pass.id, pass]]));
    expect(row.status).toBe("pass");
    expect(row.incomplete).toBe(true);
    expect(row.counts).toMatchObject({ pass: 1, notInSnapshot: 1 });
    expect(row.controls[1]?.status).toBeNull();
  });

  it("counts controls by status and distinct failing resources", () => {
    const row = requirement(
      stored("iam.a", "fail", { failing: ["alice", "bob"] }),
      stored("iam.b", "fail", { failing: ["bob"] }),
      stored("iam.c", "pass"),
    );
    expect(row.counts).toMatchObject({ fail: 2, pass: 1, notInSnapshot: 0 });
    expect(row.failingResources).toBe(2);
    expect(row.controls.map((c) => c.failingResources)).toEqual([2, 1, 0]);
  });
});

describe("rollUpFramework", () => {
  const nist = findFramework("nist-800-53-r5") as Framework;

  it("rolls up the example snapshot's ElastiCache controls into NIST requirements", () => {
    const snapshot = exampleSnapshot("s", "2026-11-27T10:05:00.000Z");
    const rollup = rollUpFramework(nist, snapshot);
    const sc8 = rollup.requirements.find((r) => r.requirement === "SC-8");
    // SC-8 is mapped from ElastiCache.5 only: the example's rg-transit-encryption fails on one group.
    expect(sc8?.controls.map((c) => c.controlId)).toEqual(["elasticache.rg-transit-encryption"]);
    expect(sc8?.status).toBe("fail");
    expect(sc8?.incomplete).toBe(false);
    expect(sc8?.failingResources).toBe(1);
    expect(sc8 && findingsHref(sc8)).toBe(
      "/findings?control=elasticache.rg-transit-encryption&status=fail%2Cwarn%2Cerror",
    );
    expect(sc8 && findingsHref(sc8, { snapshotId: "s", account: ACCOUNT })).toBe(
      `/findings?control=elasticache.rg-transit-encryption&status=fail%2Cwarn%2Cerror&snapshot=s&account=${ACCOUNT}`,
    );
    expect(sc8?.controls[0]?.service).toBe("elasticache");
    // Controls the example did not scan (CloudTrail, KMS...) leave their requirements in error, never passing.
    const au9 = rollup.requirements.find((r) => r.requirement === "AU-9");
    expect(au9?.status).toBe("error");
    expect(rollup.counts.pass).toBe(0);
    expect(Object.values({ ...rollup.counts, incomplete: 0 }).reduce((a, b) => a + b, 0)).toBe(
      rollup.requirements.length,
    );
  });

  it("lists a requirement once with every control mapped to it", () => {
    const snapshot = exampleSnapshot("s", "2026-11-27T10:05:00.000Z");
    const rollup = rollUpFramework(nist, snapshot);
    const sc13 = rollup.requirements.find((r) => r.requirement === "SC-13");
    expect(sc13?.controls.map((c) => c.controlId).sort()).toEqual([
      "elasticache.rg-at-rest-encryption",
      "elasticache.rg-transit-encryption",
      "xc.cloudtrail-kms",
    ]);
    expect(rollup.requirements.filter((r) => r.requirement === "SC-13")).toHaveLength(1);
  });

  it("a framework without mappings has no requirements", () => {
    const snapshot = exampleSnapshot("s", "2026-11-27T10:05:00.000Z");
    const rollup = rollUpFramework(findFramework("iso-27001-2022") as Framework, snapshot);
    expect(rollup.requirements).toEqual([]);
  });

  it("orders requirement ids as the framework numbers them", () => {
    expect(["AC-10", "AC-2(1)", "AC-2", "SC-12(2)", "SC-12"].sort(compareRequirements)).toEqual([
      "AC-2",
      "AC-2(1)",
      "AC-10",
      "SC-12",
      "SC-12(2)",
    ]);
    expect(["1.16", "1.4", "2.14", "2.4"].sort(compareRequirements)).toEqual(["1.4", "1.16", "2.4", "2.14"]);
  });
});
