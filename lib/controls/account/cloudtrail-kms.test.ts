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
import { control } from "./cloudtrail-kms";

const now = new Date("2026-06-01T00:00:00Z");
const KEY = "arn:aws:kms:us-east-1:111122223333:key/11111111-2222-3333-4444-555555555555";
const FOREIGN_KEY = "arn:aws:kms:us-east-1:999988887777:key/aaaa";

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

describe("xc.cloudtrail-kms", () => {
  it.each([
    {
      name: "KMS key set",
      trail: { kmsKeyId: KEY },
      status: "pass",
      reason: /encrypts its log files with KMS key arn:aws:kms/,
    },
    {
      name: "key in another account (organization log archive) is normal",
      trail: { isOrganizationTrail: true, kmsKeyId: FOREIGN_KEY },
      status: "pass",
      reason: /999988887777/,
    },
    { name: "no KMS key: SSE-S3 only", trail: { kmsKeyId: undefined }, status: "fail", reason: /SSE-S3 only/ },
    {
      name: "single-Region logging trail without key",
      trail: { isMultiRegion: false, kmsKeyId: undefined },
      status: "fail",
      reason: /SSE-S3 only/,
    },
  ])("$name → $status", ({ trail, status, reason }) => {
    const results = evaluateTrail(trail);
    expect(results).toHaveLength(1);
    expect(results[0]?.status).toBe(status);
    expect(results[0]?.reason).toMatch(reason);
    expect(results[0]?.reason).toContain("management-trail");
  });

  it("records the key and the trail's owner account as evidence", () => {
    expect(evaluateTrail({ kmsKeyId: KEY })[0]?.evidence).toEqual({ kmsKeyId: KEY, ownerAccountId: "111122223333" });
    expect(evaluateTrail({ kmsKeyId: undefined })[0]?.evidence).toEqual({
      kmsKeyId: null,
      ownerAccountId: "111122223333",
    });
  });

  it.each([
    { name: "a stopped trail", trail: { status: { isLogging: false } } },
    {
      name: "a trail without management events",
      trail: { eventSelectors: { classic: [classicSelector({ includeManagementEvents: false })], advanced: [] } },
    },
  ])("does not judge $name", ({ trail }) => {
    expect(evaluateTrail({ kmsKeyId: undefined, ...trail })).toEqual([]);
  });

  it("yields nothing without trails or without CloudTrail data", () => {
    expect(control.evaluate(trailsInventory([]), { now })).toEqual([]);
    expect(control.evaluate(accountLoggingInventory({}), { now })).toEqual([]);
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
      const results = evaluateTrail({ kmsKeyId: undefined, ...trail });
      expect(results.map((r) => r.status)).toEqual(["error"]);
      expect(results[0]?.reason).toBe(
        `CloudTrail trail management-trail is not judged: the ${what} of trail management-trail could not be read (${action}).`,
      );
    });

    it.each([
      { name: "with a KMS key", overrides: {}, verdict: "pass" },
      { name: "without a KMS key", overrides: { kmsKeyId: undefined }, verdict: "fail" },
    ])(
      "judges an unreadable organization trail $name on DescribeTrails' KmsKeyId, and waits on its lookups",
      ({ overrides, verdict }) => {
        const trail = memberViewTrail(["status", "eventSelectors"], overrides);
        const inventory = trailsInventory([trail], { errors: memberViewErrors(trail) });
        const [result] = control.evaluate(inventory, { now });
        expect(result?.status).toBe(verdict);
        expect(result?.dependsOn).toEqual(LOOKUPS);
        expect(result?.evidence).toEqual({ kmsKeyId: trail.kmsKeyId ?? null, ownerAccountId: MANAGEMENT_ACCOUNT });
        // Whether it logs at all is unknown: incomplete, never a pass or a fail.
        const after = afterRunner([trail], ORG_TRAIL);
        expect(after?.status).toBe("error");
        expect(after?.reason).toMatch(
          /cloudtrail:GetTrailStatus failed in us-east-1 \(member account view of 999988887777/,
        );
      },
    );

    it("judges an organization trail the member may read like the account's own", () => {
      const trail = memberViewTrail([], { kmsKeyId: undefined });
      expect(afterRunner([trail], ORG_TRAIL)).toMatchObject({
        status: "fail",
        reason: "CloudTrail organization trail org-main stores its log files with SSE-S3 only, not with a KMS key.",
        evidence: { kmsKeyId: null, ownerAccountId: MANAGEMENT_ACCOUNT },
      });
    });

    it("judges the account's own readable trail beside an unreadable organization trail", () => {
      const rows = control.evaluate(
        trailsInventory([memberViewTrail(), loggingTrail({ name: "own", kmsKeyId: undefined })]),
        { now },
      );
      expect(rows.map((r) => [r.name, r.status])).toEqual([
        ["org-main", "error"],
        ["own", "fail"],
      ]);
    });
  });
});
