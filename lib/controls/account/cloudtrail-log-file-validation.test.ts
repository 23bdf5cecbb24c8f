import { describe, expect, it } from "vitest";
import type { Trail } from "@/lib/inventory";
import { accountLoggingInventory, classicSelector, loggingTrail, trailsInventory } from "@/lib/inventory/builders";
import { control } from "./cloudtrail-log-file-validation";

const now = new Date("2026-06-01T00:00:00Z");

function evaluateTrail(overrides: Partial<Trail>) {
  return control.evaluate(trailsInventory([loggingTrail(overrides)]), { now });
}

describe("xc.cloudtrail-log-file-validation", () => {
  it.each([
    {
      name: "validation on, digests delivered",
      trail: { logFileValidationEnabled: true },
      status: "pass",
      reason: /validation on and delivers digest files/,
    },
    {
      name: "validation on, digest delivery failing",
      trail: { logFileValidationEnabled: true, status: { isLogging: true, latestDigestDeliveryError: "NoSuchBucket" } },
      status: "warn",
      reason: /last digest file delivery failed \(NoSuchBucket\)/,
    },
    { name: "validation off", trail: { logFileValidationEnabled: false }, status: "fail", reason: /validation off/ },
    {
      name: "single-Region logging trail counts too",
      trail: { isMultiRegion: false, logFileValidationEnabled: false },
      status: "fail",
      reason: /validation off/,
    },
    {
      name: "organization trail",
      trail: { name: "org", isOrganizationTrail: true, logFileValidationEnabled: true },
      status: "pass",
      reason: /organization trail org/,
    },
  ])("$name → $status", ({ trail, status, reason }) => {
    const results = evaluateTrail(trail);
    expect(results).toHaveLength(1);
    expect(results[0]?.status).toBe(status);
    expect(results[0]?.reason).toMatch(reason);
    expect(results[0]?.reason).toMatch(/management-trail|org/);
  });

  it("records the fields it judged, per trail in its home Region", () => {
    const [result] = evaluateTrail({ homeRegion: "eu-west-1", logFileValidationEnabled: false });
    expect(result).toMatchObject({
      resourceArn: "arn:aws:cloudtrail:eu-west-1:111122223333:trail/management-trail",
      resourceType: "Trail",
      region: "eu-west-1",
      evidence: { logFileValidationEnabled: false, latestDigestDeliveryError: null },
    });
  });

  it.each([
    { name: "a stopped trail", trail: { status: { isLogging: false } } },
    {
      name: "a trail without management events",
      trail: { eventSelectors: { classic: [classicSelector({ includeManagementEvents: false })], advanced: [] } },
    },
    { name: "a trail whose status could not be read", trail: { status: undefined } },
    { name: "a trail whose selectors could not be read", trail: { eventSelectors: undefined } },
  ])("does not judge $name", ({ trail }) => {
    expect(evaluateTrail({ logFileValidationEnabled: false, ...trail })).toEqual([]);
  });

  it("yields nothing without trails or without CloudTrail data (the parent control reports it)", () => {
    expect(control.evaluate(trailsInventory([]), { now })).toEqual([]);
    expect(control.evaluate(accountLoggingInventory({}), { now })).toEqual([]);
  });

  it("judges each counted trail separately", () => {
    const results = control.evaluate(
      trailsInventory([loggingTrail({ name: "a" }), loggingTrail({ name: "b", logFileValidationEnabled: false })]),
      { now },
    );
    expect(results.map((r) => r.status)).toEqual(["pass", "fail"]);
  });
});
