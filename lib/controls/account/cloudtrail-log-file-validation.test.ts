import { describe, expect, it } from "vitest";
import type { Trail } from "@/lib/inventory";
import {
  accountLoggingInventory,
  classicSelector,
  loggingTrail,
  MANAGEMENT_ACCOUNT,
  memberViewErrors,
  memberViewTrail,
  trailsInventory,
} from "@/lib/inventory/builders";
import { evaluateInventory } from "@/lib/posture/evaluate";
import { control } from "./cloudtrail-log-file-validation";

const now = new Date("2026-06-01T00:00:00Z");

function evaluateTrail(overrides: Partial<Trail>) {
  return control.evaluate(trailsInventory([loggingTrail(overrides)]), { now });
}

/** The trail's row after the runner, which turns a verdict whose lookups failed into `error`. */
function afterRunner(trails: Trail[], arn: string) {
  const inventory = trailsInventory(trails, { errors: trails.flatMap(memberViewErrors) });
  const [outcome] = evaluateInventory(inventory, [control], { now });
  return outcome?.results.find((r) => r.resourceArn === arn);
}

const ORG_TRAIL = `arn:aws:cloudtrail:us-east-1:${MANAGEMENT_ACCOUNT}:trail/org-main`;
const LOOKUPS = [
  { action: "cloudtrail:GetTrailStatus", region: "us-east-1", resource: ORG_TRAIL },
  { action: "cloudtrail:GetEventSelectors", region: "us-east-1", resource: ORG_TRAIL },
];

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
      evidence: { logFileValidationEnabled: false, latestDigestDeliveryError: null, ownerAccountId: "111122223333" },
    });
  });

  it.each([
    { name: "a stopped trail", trail: { status: { isLogging: false } } },
    {
      name: "a trail without management events",
      trail: { eventSelectors: { classic: [classicSelector({ includeManagementEvents: false })], advanced: [] } },
    },
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

  describe("a trail whose status or selectors could not be read", () => {
    it.each([
      { part: "status", trail: { status: undefined }, what: "status", action: "cloudtrail:GetTrailStatus" },
      {
        part: "selectors",
        trail: { eventSelectors: undefined },
        what: "event selectors",
        action: "cloudtrail:GetEventSelectors",
      },
    ])("is kept and not judged when its $part is missing and no failure is recorded", ({ trail, what, action }) => {
      const results = evaluateTrail({ logFileValidationEnabled: false, ...trail });
      expect(results.map((r) => r.status)).toEqual(["error"]);
      expect(results[0]?.reason).toBe(
        `CloudTrail trail management-trail is not judged: the ${what} of trail management-trail could not be read (${action}).`,
      );
    });

    it.each([
      { name: "validation on", unreadable: ["status", "eventSelectors"] as const, overrides: {}, verdict: "pass" },
      {
        name: "validation off",
        unreadable: ["status", "eventSelectors"] as const,
        overrides: { logFileValidationEnabled: false },
        verdict: "fail",
      },
      {
        name: "digest delivery failing, selectors refused",
        unreadable: ["eventSelectors"] as const,
        overrides: { status: { isLogging: true, latestDigestDeliveryError: "NoSuchBucket" } },
        verdict: "warn",
      },
    ])(
      "judges an unreadable organization trail ($name) on what was read, and waits on its lookups",
      ({ unreadable, overrides, verdict }) => {
        const trail = memberViewTrail(unreadable, overrides);
        const inventory = trailsInventory([trail], { errors: memberViewErrors(trail) });
        const [result] = control.evaluate(inventory, { now });
        expect(result?.status).toBe(verdict);
        expect(result?.dependsOn).toEqual(LOOKUPS);
        expect(result?.evidence.ownerAccountId).toBe(MANAGEMENT_ACCOUNT);
        const after = afterRunner([trail], ORG_TRAIL);
        expect(after?.status).toBe("error");
        expect(after?.evidence.failedActions).toEqual(memberViewErrors(trail).map((e) => e.action));
      },
    );

    it("judges an organization trail the member may read like the account's own", () => {
      const trail = memberViewTrail([], { logFileValidationEnabled: false });
      expect(afterRunner([trail], ORG_TRAIL)).toMatchObject({
        status: "fail",
        reason: expect.stringMatching(/organization trail org-main has log file validation off/),
        evidence: { logFileValidationEnabled: false, ownerAccountId: MANAGEMENT_ACCOUNT },
      });
    });
  });
});
