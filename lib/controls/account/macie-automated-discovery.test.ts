import { describe, expect, it } from "vitest";
import type { MacieRegion } from "@/lib/inventory";
import { accountLoggingInventory, macieRegion } from "@/lib/inventory/builders";
import { control } from "./macie-automated-discovery";

const now = new Date("2026-06-01T00:00:00Z");

function evaluate(regions: MacieRegion[]) {
  return control.evaluate(accountLoggingInventory({ macie: regions }), { now });
}

describe("xc.macie-automated-discovery", () => {
  it.each([
    {
      name: "automated discovery on",
      macie: { automatedDiscovery: "ENABLED" as const },
      status: "pass",
      reason: /is on in us-east-1/,
    },
    {
      name: "automated discovery off",
      macie: { automatedDiscovery: "DISABLED" as const },
      status: "warn",
      reason: /is off in us-east-1/,
    },
    {
      name: "Macie member account",
      macie: { automatedDiscovery: undefined, memberAccount: true },
      status: "not-applicable",
      reason: /member account: automated discovery is set by the Macie administrator/,
    },
  ])("$name → $status", ({ macie, status, reason }) => {
    const results = evaluate([macieRegion(macie)]);
    expect(results).toHaveLength(1);
    expect(results[0]?.status).toBe(status);
    expect(results[0]?.reason).toMatch(reason);
    expect(results[0]?.resourceArn).toBe("arn:aws:macie2:us-east-1:111122223333:session");
  });

  it.each([
    { name: "Macie paused", macie: { status: "PAUSED" as const, automatedDiscovery: undefined } },
    { name: "Macie not enabled", macie: { status: "NOT_ENABLED" as const, automatedDiscovery: undefined } },
    { name: "the setting could not be read", macie: { automatedDiscovery: undefined } },
  ])("yields nothing when $name", ({ macie }) => {
    expect(evaluate([macieRegion(macie)])).toEqual([]);
  });

  it("records the setting as evidence", () => {
    expect(evaluate([macieRegion({ automatedDiscovery: "DISABLED" })])[0]?.evidence).toEqual({
      automatedDiscovery: "DISABLED",
      memberAccount: false,
    });
  });

  it("yields nothing without Macie data", () => {
    expect(control.evaluate(accountLoggingInventory({}), { now })).toEqual([]);
  });
});
