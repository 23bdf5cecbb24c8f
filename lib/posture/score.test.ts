import { describe, expect, it } from "vitest";
import type { Severity, Status } from "@/lib/controls/types";
import { complianceShare, score, scoreLabel, scoreLevel } from "./score";

function control(severity: Severity, ...statuses: Status[]) {
  const results = statuses.map((status) => ({ status }));
  const status: Status = statuses.includes("fail")
    ? "fail"
    : statuses.includes("error")
      ? "error"
      : statuses.includes("warn")
        ? "warn"
        : statuses.includes("pass")
          ? "pass"
          : "not-applicable";
  return { severity, status, results };
}

describe("score", () => {
  it("weights by severity: a failing critical outweighs passing lows", () => {
    expect(score([control("critical", "fail"), control("low", "pass"), control("low", "pass")])).toBe(17); // 2 of 12
  });

  it("credits the share of compliant resources within a control", () => {
    expect(score([control("high", "pass", "pass", "pass", "fail")])).toBe(75);
    expect(score([control("high", "warn")])).toBe(50);
  });

  it("leaves errors, not-applicable and informational controls out", () => {
    expect(
      score([
        control("high", "pass"),
        control("critical", "pass", "error"),
        control("high", "not-applicable"),
        control("info", "fail"),
      ]),
    ).toBe(100);
  });

  it("is null, not 0 or 100, when nothing can be weighed", () => {
    expect(score([])).toBeNull();
    expect(score([control("high", "error")])).toBeNull();
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
