import { describe, expect, it } from "vitest";
import { exampleSnapshot, REGIONS } from "./fixtures";
import { describeScope, markScopeChanges, scopeChanges, snapshotScope, type SnapshotScope } from "./scope";

const full = snapshotScope(exampleSnapshot("a", "2026-11-01T00:00:00.000Z"));

function scope(edit: Partial<SnapshotScope>): SnapshotScope {
  return { ...full, ...edit };
}

describe("snapshotScope", () => {
  it("records Regions, evaluated services and coverage gaps", () => {
    const s = snapshotScope(
      exampleSnapshot("b", "2026-11-02T00:00:00.000Z", (x) => {
        x.services = x.services.map((sv) => (sv.id === "connect" ? { ...sv, evaluated: false } : sv));
        x.coverage.errors.push({
          service: "elasticache",
          region: "eu-west-1",
          action: "elasticache:DescribeReplicationGroups",
          kind: "access-denied",
          message: "denied",
        });
        x.coverage.skippedRegions.push({ region: "ap-southeast-2", service: "connect", reason: "not offered" });
      }),
    );
    expect(s).toEqual({
      regions: [...REGIONS].sort(),
      services: ["account", "iam", "elasticache", "cognito", "personalize"],
      gaps: ["elasticache:DescribeReplicationGroups eu-west-1", "skipped ap-southeast-2 connect"],
    });
  });
});

describe("scopeChanges", () => {
  it.each([
    ["same ground", full, []],
    ["fewer Regions", scope({ regions: REGIONS.slice(0, 3) }), ["3 Regions instead of 8"]],
    [
      "other Regions, as many",
      scope({ regions: [...REGIONS.slice(1), "sa-east-1"] }),
      ["other Regions (−us-east-1, +sa-east-1)"],
    ],
    ["a service left out", scope({ services: ["iam"] }), [expect.stringMatching(/^without Account-wide, Amazon/)]],
    [
      "a failed call",
      scope({ gaps: ["iam:GetCredentialReport global"] }),
      ["1 coverage gap (failed calls or skipped Regions)"],
    ],
  ])("%s", (_name, next, expected) => {
    expect(scopeChanges(full, next)).toEqual(expected);
  });

  it("says when coverage became complete", () => {
    expect(scopeChanges(scope({ gaps: ["x r"] }), full)).toEqual(["complete coverage, after gaps"]);
  });
});

describe("markScopeChanges", () => {
  it("gives deltas only between like-for-like points and says why the others differ", () => {
    const points = [
      { id: "1", finishedAt: "1", score: 70, accountId: "111122223333", scope: full },
      { id: "2", finishedAt: "2", score: 75, accountId: "111122223333", scope: full },
      {
        id: "3",
        finishedAt: "3",
        score: 79,
        accountId: "111122223333",
        scope: scope({ regions: REGIONS.slice(0, 3) }),
      },
      { id: "4", finishedAt: "4", score: 60, accountId: "444455556666", scope: full },
      { id: "5", finishedAt: "5", score: 61, accountId: "444455556666" },
    ];
    expect(markScopeChanges(points).map((m) => [m.point.id, m.delta, m.differences])).toEqual([
      ["1", null, []],
      ["2", 5, []],
      ["3", null, ["3 Regions instead of 8"]],
      ["4", null, ["another account (444455556666)"]],
      ["5", null, ["scope not recorded"]],
    ]);
  });
});

describe("describeScope", () => {
  it("says Regions, services and coverage in one line", () => {
    expect(describeScope({ regions: ["eu-west-1", "us-east-1"], services: ["iam", "cognito"], gaps: [] })).toBe(
      "2 Regions · AWS IAM and STS, Amazon Cognito · complete coverage",
    );
    expect(describeScope({ regions: ["us-east-1"], services: [], gaps: ["skipped eu-west-1"] })).toBe(
      "1 Region · no service · 1 coverage gap (failed calls or skipped Regions)",
    );
  });
});
