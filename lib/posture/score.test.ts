import { describe, expect, it } from "vitest";
import type { Severity, Status } from "@/lib/controls/types";
import { rollUp } from "./rollup";
import { complianceShare, score, scoreBreakdown, scoreLabel, scoreLevel } from "./score";

function control(severity: Severity, ...statuses: Status[]) {
  const results = statuses.map((status) => ({ status }));
  const status = rollUp(statuses);
  const incomplete = status !== "error" && statuses.includes("error") ? { resources: 1, regions: [] } : undefined;
  return { severity, status, incomplete, results };
}

describe("score", () => {
  it("weights by severity: a failing critical outweighs passing lows", () => {
    expect(score([control("critical", "fail"), control("low", "pass"), control("low", "pass")])).toBe(17); // 2 of 12
  });

  it("credits the share of compliant resources within a control", () => {
    expect(score([control("high", "pass", "pass", "pass", "fail")])).toBe(75);
    expect(score([control("high", "warn")])).toBe(50);
  });

  it("gives no credit to what could not be verified, and says how much that is", () => {
    expect(
      scoreBreakdown([
        control("high", "pass"),
        control("critical", "pass", "error"), // incomplete: keeps its weight, earns nothing
        control("high", "not-applicable"),
        control("info", "fail"),
      ]),
    ).toEqual({ score: 33, unverified: 67 });
    expect(scoreBreakdown([control("high", "pass"), control("low", "error")])).toEqual({ score: 83, unverified: 17 });
  });

  it("never rises when results that were judged become errors or Regions go unread", () => {
    const full = [control("high", "pass", "fail", "fail", "fail"), control("medium", "pass"), control("low", "warn")];
    const fullScore = score(full)!;
    const variants = [
      // the failing Region could not be listed: one error row stands for its three failures
      [control("high", "pass", "error"), control("medium", "pass"), control("low", "warn")],
      // a passing verdict turned into an error
      [control("high", "pass", "fail", "fail", "fail"), control("medium", "error"), control("low", "warn")],
      // a control that had nothing in scope now has an unread Region
      [...full, control("critical", "error")],
    ];
    for (const variant of variants) expect(score(variant) ?? 0).toBeLessThanOrEqual(fullScore);
  });

  it("leaves not-applicable and informational controls out", () => {
    expect(score([control("high", "pass"), control("high", "not-applicable"), control("info", "fail")])).toBe(100);
  });

  it("is null, not 0 or 100, when nothing can be weighed", () => {
    expect(score([])).toBeNull();
    expect(scoreBreakdown([control("high", "error")])).toEqual({ score: null, unverified: 100 });
    // Judged in part everywhere: it keeps a score (nothing verified earns credit), never "no score".
    expect(scoreBreakdown([control("high", "fail", "error"), control("low", "pass", "error")])).toEqual({
      score: 0,
      unverified: 100,
    });
    expect(score([control("info", "pass")])).toBeNull();
  });

  it("ignores not-applicable and error results inside a judged control", () => {
    expect(complianceShare([{ status: "pass" }, { status: "not-applicable" }, { status: "fail" }])).toBe(0.5);
    expect(complianceShare([{ status: "not-applicable" }])).toBeUndefined();
  });

  it("labels levels in words", () => {
    expect([scoreLevel(95), scoreLevel(75), scoreLevel(10), scoreLevel(null)]).toEqual([
      "good",
      "fair",
      "poor",
      "none",
    ]);
    expect(scoreLabel(null)).toBe("No score");
  });
});
