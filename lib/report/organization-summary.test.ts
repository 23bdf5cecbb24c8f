import { beforeAll, describe, expect, it } from "vitest";
import { exampleSnapshot } from "@/lib/snapshot/fixtures";
import type { Snapshot } from "@/lib/snapshot/schema";
import { PROD, prodScan, SANDBOX, sandboxScan, STAGING, stagingScan } from "./organization-fixtures";
import { organizationSummary, WORST_ACCOUNTS } from "./organization-summary";

const generatedAt = new Date("2026-11-28T12:00:00.000Z");

let prod: Snapshot;
let staging: Snapshot;
let sandbox: Snapshot;
beforeAll(() => {
  prod = prodScan();
  staging = stagingScan();
  sandbox = sandboxScan();
});

/** An account scored `score` with `unverified` % unverified, scanned at `finishedAt`. */
function scored(id: string, score: number | null, unverified: number, finishedAt = "2026-11-20T10:05:00.000Z") {
  return exampleSnapshot(`s-${id}`, finishedAt, (s) => {
    s.account = { id, partition: "aws" };
    s.score = score;
    s.scoreUnverified = unverified;
  });
}

describe("organizationSummary", () => {
  it("averages only the scored accounts, rounding the mean down and its unverified share up", () => {
    const summary = organizationSummary({ snapshots: [prod, staging, sandbox], generatedAt });
    // prod 59 (11 % unverified) and staging 63 (2 %): mean 61, unverified ⌈6.5⌉ = 7. The sandbox has
    // no score: it is not averaged in as 0 and not left unmentioned.
    expect(prod.score).toBe(59);
    expect(staging.score).toBe(63);
    expect(summary.score).toEqual({ mean: 61, unverified: 7, scored: 2, lowest: 59, highest: 63 });
    expect(summary.notScored.map((a) => a.accountId)).toEqual([SANDBOX]);
  });

  it.each([
    ["a fractional mean is rounded down", [70, 71], [0, 0], 70, 0],
    ["unverified shares are rounded up", [80, 80], [1, 2], 80, 2],
    ["one account is its own mean", [42], [28], 42, 28],
  ])("%s", (_case, scores, unverified, mean, meanUnverified) => {
    const snapshots = scores.map((score, i) => scored(`10000000000${i}`, score, unverified[i]!));
    expect(organizationSummary({ snapshots, generatedAt }).score).toMatchObject({ mean, unverified: meanUnverified });
  });

  it("has no organization score when no account has one", () => {
    const summary = organizationSummary({ snapshots: [sandbox], generatedAt });
    expect(summary.score).toBeNull();
    expect(summary.worst).toEqual([]);
    expect(summary.notScored).toHaveLength(1);
  });

  it("ranks the lowest scores, more unverified first at equal scores, never an unscored account", () => {
    const snapshots = [
      scored("100000000001", 80, 0),
      scored("100000000002", 40, 0),
      scored("100000000003", 40, 30),
      scored("100000000004", null, 100),
      scored("100000000005", 90, 0),
      scored("100000000006", 55, 0),
      scored("100000000007", 70, 0),
    ];
    const { worst } = organizationSummary({ snapshots, generatedAt });
    expect(worst).toHaveLength(WORST_ACCOUNTS);
    expect(worst.map((a) => a.accountId)).toEqual([
      "100000000003",
      "100000000002",
      "100000000006",
      "100000000007",
      "100000000001",
    ]);
  });

  it("marks services that were not evaluated instead of scoring them, per account and per service", () => {
    const summary = organizationSummary({ snapshots: [prod, staging, sandbox], generatedAt });
    const stagingFacts = summary.accounts.find((a) => a.accountId === STAGING)!;
    expect(stagingFacts.services.map((s) => [s.id, s.evaluated, s.score])).toEqual([
      ["account", false, null],
      ["iam", true, 63],
      ["elasticache", true, 64],
      ["cognito", false, null],
      ["personalize", false, null],
      ["connect", false, null],
    ]);
    const cognito = summary.services.find((s) => s.id === "cognito")!;
    // Only prod has a Cognito score: the sandbox evaluated it without one, staging did not evaluate it.
    expect(cognito).toEqual({ id: "cognito", mean: 71, unverified: 0, scored: 1, unscored: 1, notEvaluated: 1 });
  });

  it("counts critical findings and coverage per account, failing accounts first", () => {
    const summary = organizationSummary({ snapshots: [prod, staging, sandbox], generatedAt });
    expect(summary.critical.map((a) => [a.accountId, a.critical.failing, a.critical.unchecked])).toEqual([
      [PROD, 1, 0],
      [SANDBOX, 0, 1],
    ]);
    expect(summary.critical[0]!.critical.failingControls).toEqual(["xc.root-access-keys"]);
    const sandboxFacts = summary.accounts.find((a) => a.accountId === SANDBOX)!;
    expect(sandboxFacts.coverage).toMatchObject({
      failedCalls: 1,
      deniedActions: ["iam:GetAccountSummary"],
      errorControls: 7,
    });
    const prodFacts = summary.accounts.find((a) => a.accountId === PROD)!;
    expect(prodFacts.coverage.incompleteControls).toBeGreaterThan(0);
  });

  it("lists accounts by name, numbers in names in numeric order, and finds the oldest and newest scan", () => {
    const snapshots = ["member-10", "member-2", "alpha"].map((name, i) =>
      exampleSnapshot(`s-${i}`, `2026-11-2${i}T10:00:00.000Z`, (s) => {
        s.account = { id: `20000000000${i}`, partition: "aws", name };
      }),
    );
    const summary = organizationSummary({ snapshots, generatedAt });
    expect(summary.accounts.map((a) => a.name)).toEqual(["alpha", "member-2", "member-10"]);
    expect(summary.oldest?.name).toBe("member-10");
    expect(summary.newest?.name).toBe("alpha");
  });
});
