import { describe, expect, it } from "vitest";
import type { MacieRegion } from "@/lib/inventory";
import { accountLoggingInventory, macieRegion } from "@/lib/inventory/builders";
import { control } from "./macie-enabled";

const now = new Date("2026-06-01T00:00:00Z");

function evaluate(regions: MacieRegion[]) {
  return control.evaluate(accountLoggingInventory({ macie: regions }), { now });
}

describe("xc.macie-enabled", () => {
  it.each([
    { macieStatus: "ENABLED" as const, status: "pass", reason: /is enabled in eu-west-1/ },
    { macieStatus: "PAUSED" as const, status: "warn", reason: /is paused in eu-west-1/ },
    { macieStatus: "NOT_ENABLED" as const, status: "fail", reason: /is not enabled in eu-west-1/ },
  ])("Macie $macieStatus → $status", ({ macieStatus, status, reason }) => {
    const results = evaluate([macieRegion({ region: "eu-west-1", status: macieStatus })]);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({
      status,
      region: "eu-west-1",
      resourceType: "Macie session",
      resourceArn: "arn:aws:macie2:eu-west-1:111122223333:session",
      evidence: { macieStatus },
    });
    expect(results[0]?.reason).toMatch(reason);
  });

  it("reports each Region separately", () => {
    const results = evaluate([
      macieRegion({ region: "us-east-1" }),
      macieRegion({ region: "eu-west-1", status: "NOT_ENABLED", automatedDiscovery: undefined }),
    ]);
    expect(results.map((r) => [r.region, r.status])).toEqual([
      ["us-east-1", "pass"],
      ["eu-west-1", "fail"],
    ]);
  });

  it("yields nothing for Regions Macie could not be asked about (errors and skipped Regions say why)", () => {
    expect(evaluate([])).toEqual([]);
    expect(control.evaluate(accountLoggingInventory({}), { now })).toEqual([]);
  });
});
