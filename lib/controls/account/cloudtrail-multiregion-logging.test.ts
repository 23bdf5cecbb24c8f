import { describe, expect, it } from "vitest";
import type { CollectionError, Inventory, Trail } from "@/lib/inventory";
import {
  accountLoggingInventory,
  classicSelector,
  loggingTrail,
  MANAGEMENT_ACCOUNT,
  managementAdvancedSelector,
  memberViewErrors,
  memberViewTrail,
  trailsInventory,
} from "@/lib/inventory/builders";
import { evaluateInventory } from "@/lib/posture/evaluate";
import { control } from "./cloudtrail-multiregion-logging";

const now = new Date("2026-06-01T00:00:00Z");
const REGIONS = ["us-east-1", "eu-west-1", "ap-south-1"];

function evaluate(trails: Trail[], regions = REGIONS) {
  return control.evaluate(trailsInventory(trails, { regions }), { now });
}

const MANAGEMENT_TRAIL = "arn:aws:cloudtrail:us-east-1:111122223333:trail/management-trail";
const ORG_TRAIL = `arn:aws:cloudtrail:us-east-1:${MANAGEMENT_ACCOUNT}:trail/org-main`;

/** A GetTrailStatus failure recorded for `trail`, as the collector records one. */
const statusError = (trail: Trail): CollectionError => ({
  service: "account",
  region: trail.homeRegion,
  action: "cloudtrail:GetTrailStatus",
  kind: "throttled",
  message: "throttled: ThrottlingException: Rate exceeded",
  resource: trail.arn,
});

/** The control's status after the runner: failed lookups a verdict depends on make it `error`. */
function runStatus(inventory: Inventory) {
  const [outcome] = evaluateInventory(inventory, [control], { now });
  return outcome?.results.find((r) => r.resourceType === "Account")?.status;
}

const singleRegion = (name: string, homeRegion: string, overrides: Partial<Trail> = {}) =>
  loggingTrail({
    name,
    homeRegion,
    isMultiRegion: false,
    includeGlobalServiceEvents: homeRegion === "us-east-1",
    ...overrides,
  });

describe("xc.cloudtrail-multiregion-logging", () => {
  it.each([
    {
      name: "multi-Region trail, classic selector ReadWriteType All",
      trails: [loggingTrail()],
      status: "pass",
      reason: /management-trail logging read and write/,
    },
    {
      name: "organization trail seen as a shadow trail counts",
      trails: [loggingTrail({ name: "org", isOrganizationTrail: true, seenInRegions: REGIONS })],
      status: "pass",
      reason: /organization trail org/,
    },
    {
      name: "advanced selector eventCategory = Management without readOnly",
      trails: [loggingTrail({ eventSelectors: { classic: [], advanced: [managementAdvancedSelector()] } })],
      status: "pass",
      reason: /read and write/,
    },
    {
      name: "ReadWriteType left out (API default All)",
      trails: [
        loggingTrail({
          eventSelectors: {
            classic: [classicSelector({ readWriteType: undefined, includeManagementEvents: undefined })],
            advanced: [],
          },
        }),
      ],
      status: "pass",
      reason: /read and write/,
    },
    {
      name: "one ReadOnly and one WriteOnly classic selector together",
      trails: [
        loggingTrail({
          eventSelectors: {
            classic: [classicSelector({ readWriteType: "ReadOnly" }), classicSelector({ readWriteType: "WriteOnly" })],
            advanced: [],
          },
        }),
      ],
      status: "pass",
      reason: /read and write/,
    },
    {
      name: "advanced selectors readOnly=true and readOnly=false together",
      trails: [
        loggingTrail({
          eventSelectors: {
            classic: [],
            advanced: [
              managementAdvancedSelector([{ field: "readOnly", equals: ["true"] }]),
              managementAdvancedSelector([{ field: "readOnly", equals: ["false"] }]),
            ],
          },
        }),
      ],
      status: "pass",
      reason: /read and write/,
    },
    {
      name: "advanced readOnly = true alone: reads only",
      trails: [
        loggingTrail({
          eventSelectors: {
            classic: [],
            advanced: [managementAdvancedSelector([{ field: "readOnly", equals: ["true"] }])],
          },
        }),
      ],
      status: "warn",
      reason: /read-only management events only/,
    },
    {
      name: "advanced readOnly = false alone: writes only",
      trails: [
        loggingTrail({
          eventSelectors: {
            classic: [],
            advanced: [managementAdvancedSelector([{ field: "readOnly", equals: ["false"] }])],
          },
        }),
      ],
      status: "warn",
      reason: /write management events only/,
    },
    {
      name: "advanced readOnly NotEquals true: writes only",
      trails: [
        loggingTrail({
          eventSelectors: {
            classic: [],
            advanced: [managementAdvancedSelector([{ field: "readOnly", notEquals: ["true"] }])],
          },
        }),
      ],
      status: "warn",
      reason: /write management events only/,
    },
    {
      name: "classic WriteOnly: writes only",
      trails: [
        loggingTrail({ eventSelectors: { classic: [classicSelector({ readWriteType: "WriteOnly" })], advanced: [] } }),
      ],
      status: "warn",
      reason: /write management events only/,
    },
    {
      name: "classic selector excluding KMS events",
      trails: [
        loggingTrail({
          eventSelectors: {
            classic: [classicSelector({ excludeManagementEventSources: ["kms.amazonaws.com"] })],
            advanced: [],
          },
        }),
      ],
      status: "warn",
      reason: /excluding kms\.amazonaws\.com/,
    },
    {
      name: "advanced selector excluding RDS Data API events",
      trails: [
        loggingTrail({
          eventSelectors: {
            classic: [],
            advanced: [managementAdvancedSelector([{ field: "eventSource", notEquals: ["rdsdata.amazonaws.com"] }])],
          },
        }),
      ],
      status: "warn",
      reason: /excluding rdsdata\.amazonaws\.com/,
    },
    {
      name: "advanced selector limited to one event source",
      trails: [
        loggingTrail({
          eventSelectors: {
            classic: [],
            advanced: [managementAdvancedSelector([{ field: "eventSource", equals: ["s3.amazonaws.com"] }])],
          },
        }),
      ],
      status: "warn",
      reason: /filtered on eventSource/,
    },
    {
      name: "log delivery failing",
      trails: [loggingTrail({ status: { isLogging: true, latestDeliveryError: "AccessDenied" } })],
      status: "warn",
      reason: /last log delivery failed \(AccessDenied\)/,
    },
    {
      name: "multi-Region trail without global service events",
      trails: [loggingTrail({ includeGlobalServiceEvents: false })],
      status: "warn",
      reason: /IAM and STS activity recorded in us-east-1 is missed/,
    },
    {
      name: "only single-Region trails: uncovered Regions listed",
      trails: [singleRegion("use1", "us-east-1")],
      status: "warn",
      reason: /only single-Region trails \(use1\): no trail logs in eu-west-1, ap-south-1\./,
    },
    {
      name: "single-Region trails outside us-east-1 miss IAM and STS events",
      trails: [singleRegion("euw1", "eu-west-1")],
      status: "warn",
      reason: /no trail logs in us-east-1, ap-south-1; IAM and STS events \(recorded in us-east-1\) are not captured/,
    },
    {
      name: "us-east-1 single-Region trail without global service events",
      trails: [singleRegion("use1", "us-east-1", { includeGlobalServiceEvents: false })],
      status: "warn",
      reason: /IAM and STS events \(recorded in us-east-1\) are not captured/,
    },
    {
      name: "single-Region trails in every scanned Region still warn",
      trails: REGIONS.map((r) => singleRegion(`t-${r}`, r)),
      status: "warn",
      reason: /Regions enabled later will not be logged/,
    },
    { name: "no trail at all", trails: [], status: "fail", reason: /no trail logging management events/ },
    {
      name: "multi-Region trail stopped",
      trails: [loggingTrail({ status: { isLogging: false } })],
      status: "fail",
      reason: /management-trail is stopped/,
    },
    {
      name: "multi-Region trail with data events only (classic)",
      trails: [
        loggingTrail({
          eventSelectors: { classic: [classicSelector({ includeManagementEvents: false })], advanced: [] },
        }),
      ],
      status: "fail",
      reason: /no trail logging management events/,
    },
    {
      name: "multi-Region trail with data events only (advanced)",
      trails: [
        loggingTrail({
          eventSelectors: {
            classic: [],
            advanced: [{ fieldSelectors: [{ field: "eventCategory", equals: ["Data"] }] }],
          },
        }),
      ],
      status: "fail",
      reason: /no trail logging management events/,
    },
    {
      name: "a good trail beside a stopped one",
      trails: [loggingTrail({ name: "old", status: { isLogging: false } }), loggingTrail({ name: "main" })],
      status: "pass",
      reason: /trail main/,
    },
    {
      name: "a healthy trail beside a narrower one",
      trails: [
        loggingTrail({
          name: "writes",
          eventSelectors: { classic: [classicSelector({ readWriteType: "WriteOnly" })], advanced: [] },
        }),
        loggingTrail({ name: "all" }),
      ],
      status: "pass",
      reason: /trail all/,
    },
  ])("$name → $status", ({ trails, status, reason }) => {
    const results = evaluate(trails);
    expect(results).toHaveLength(1);
    expect(results[0]?.status).toBe(status);
    expect(results[0]?.reason).toMatch(reason);
    expect(results[0]?.reason).toContain("111122223333");
  });

  it("reports one account-level row with the trails it used as evidence", () => {
    const [result] = evaluate([loggingTrail(), singleRegion("use1", "us-east-1")]);
    expect(result).toMatchObject({
      resourceArn: "arn:aws:cloudtrail::111122223333:account",
      resourceType: "Account",
      region: "global",
      // The pass rests on the trail that proves it, not on every trail's lookups.
      dependsOn: [
        { action: "cloudtrail:GetTrailStatus", region: "us-east-1", resource: MANAGEMENT_TRAIL },
        { action: "cloudtrail:GetEventSelectors", region: "us-east-1", resource: MANAGEMENT_TRAIL },
      ],
      evidence: {
        judgedTrail: "arn:aws:cloudtrail:us-east-1:111122223333:trail/management-trail",
        judgedTrailName: "management-trail",
        ownerAccountId: "111122223333",
        organizationTrail: false,
        unreadTrails: [],
        managementEvents: "all management events",
        latestDeliveryError: null,
        includeGlobalServiceEvents: true,
        multiRegionLoggingTrails: ["arn:aws:cloudtrail:us-east-1:111122223333:trail/management-trail"],
        singleRegionLoggingTrails: ["arn:aws:cloudtrail:us-east-1:111122223333:trail/use1"],
        cloudTrailLake: "not checked",
      },
    });
  });

  it("lists uncovered Regions in the evidence", () => {
    const [result] = evaluate([singleRegion("use1", "us-east-1")]);
    expect(result?.evidence.uncoveredRegions).toEqual(["eu-west-1", "ap-south-1"]);
    expect(result?.evidence.notCheckedRegions).toEqual([]);
  });

  it("uses the GovCloud Region for global service events", () => {
    const results = control.evaluate(
      trailsInventory([singleRegion("gov", "us-gov-east-1")], {
        regions: ["us-gov-east-1"],
        account: { id: "111122223333", partition: "aws-us-gov" },
      }),
      { now },
    );
    expect(results[0]?.reason).toMatch(/recorded in us-gov-west-1/);
    expect(results[0]?.resourceArn).toBe("arn:aws-us-gov:cloudtrail::111122223333:account");
  });

  describe("missing data never passes or fails", () => {
    it("yields nothing when CloudTrail was not collected", () => {
      expect(control.evaluate(accountLoggingInventory({}), { now })).toEqual([]);
    });

    it("yields nothing when no Region answered DescribeTrails", () => {
      const inventory = accountLoggingInventory(
        { cloudtrail: { trails: [], describedRegions: [] } },
        { regions: REGIONS },
      );
      expect(control.evaluate(inventory, { now })).toEqual([]);
    });

    it("is not judged when the only multi-Region trail's status is unknown and no failure is recorded", () => {
      const results = evaluate([loggingTrail({ status: undefined }), singleRegion("use1", "us-east-1")]);
      expect(results.map((r) => r.status)).toEqual(["error"]);
      expect(results[0]?.reason).toBe(
        "Account 111122223333's CloudTrail logging is not judged: the status of trail management-trail could not be read (cloudtrail:GetTrailStatus).",
      );
      expect(results[0]?.evidence.unreadTrails).toEqual([MANAGEMENT_TRAIL]);
    });

    it("waits on the recorded failure when the only multi-Region trail's status is unknown", () => {
      const trail = loggingTrail({ status: undefined });
      const inventory = trailsInventory([trail, singleRegion("use1", "us-east-1")], {
        regions: REGIONS,
        errors: [statusError(trail)],
      });
      const [result] = control.evaluate(inventory, { now });
      // The verdict from what was read (single-Region only) is never shown: the row waits on the status.
      expect(result?.dependsOn).toContainEqual({
        action: "cloudtrail:GetTrailStatus",
        region: "us-east-1",
        resource: MANAGEMENT_TRAIL,
      });
      expect(runStatus(inventory)).toBe("error");
    });

    it("is not judged when a trail's selectors are unknown and the verdict would fail", () => {
      const results = evaluate([singleRegion("euw1", "eu-west-1", { eventSelectors: undefined })]);
      expect(results.map((r) => r.status)).toEqual(["error"]);
      expect(results[0]?.reason).toMatch(/the event selectors of trail euw1 could not be read/);
    });

    it("still passes on a healthy trail when another trail could not be read", () => {
      const results = evaluate([loggingTrail({ name: "unknown", status: undefined }), loggingTrail({ name: "main" })]);
      expect(results.map((r) => r.status)).toEqual(["pass"]);
    });

    it("does not call a Region uncovered when its trails could not be listed or read", () => {
      const inventory = accountLoggingInventory(
        {
          cloudtrail: {
            trails: [singleRegion("use1", "us-east-1"), singleRegion("aps1", "ap-south-1", { status: undefined })],
            describedRegions: ["us-east-1", "ap-south-1"],
          },
        },
        { regions: REGIONS },
      );
      const [result] = control.evaluate(inventory, { now });
      expect(result?.status).toBe("warn");
      expect(result?.evidence.uncoveredRegions).toEqual([]);
      expect(result?.evidence.notCheckedRegions).toEqual(["eu-west-1", "ap-south-1"]);
    });

    it("fails from the Regions that answered: multi-Region trails show up in every Region", () => {
      const inventory = accountLoggingInventory(
        { cloudtrail: { trails: [], describedRegions: ["us-east-1"] } },
        { regions: REGIONS },
      );
      const [result] = control.evaluate(inventory, { now });
      expect(result?.status).toBe("fail");
      expect(result?.evidence.notCheckedRegions).toEqual(["eu-west-1", "ap-south-1"]);
    });
  });

  describe("an organization trail seen from a member account", () => {
    /** The member's inventory: the trails it sees and the member-view errors that go with them. */
    const memberInventory = (trails: Trail[]) =>
      trailsInventory(trails, { regions: REGIONS, errors: trails.flatMap(memberViewErrors) });

    it("passes when the member may read it, with the trail and its owner account as evidence", () => {
      const inventory = memberInventory([memberViewTrail([], { seenInRegions: REGIONS })]);
      const [result] = control.evaluate(inventory, { now });
      expect(result?.status).toBe("pass");
      expect(result?.reason).toBe(
        `Account 111122223333 has multi-Region organization trail org-main of account ${MANAGEMENT_ACCOUNT} logging read and write management events in every Region.`,
      );
      expect(result?.evidence).toMatchObject({
        judgedTrail: ORG_TRAIL,
        judgedTrailName: "org-main",
        ownerAccountId: MANAGEMENT_ACCOUNT,
        organizationTrail: true,
      });
      expect(runStatus(inventory)).toBe("pass");
    });

    it.each([
      { name: "status and selectors refused", unreadable: ["status", "eventSelectors"] as const },
      { name: "status refused", unreadable: ["status"] as const },
      { name: "selectors refused (status readable)", unreadable: ["eventSelectors"] as const },
    ])("is incomplete, never a pass or a fail, when its $name and nothing else logs", ({ unreadable }) => {
      const trail = memberViewTrail(unreadable);
      const inventory = memberInventory([trail]);
      const [result] = control.evaluate(inventory, { now });
      const waitedOn = memberViewErrors(trail).map((e) => ({
        action: e.action,
        region: e.region,
        resource: ORG_TRAIL,
      }));
      expect(result?.dependsOn).toEqual(expect.arrayContaining(waitedOn));
      expect(result?.evidence.unreadTrails).toEqual([ORG_TRAIL]);
      expect(runStatus(inventory)).toBe("error");
    });

    it("is incomplete rather than a warning when a narrower trail of the account's own logs beside it", () => {
      const narrow = loggingTrail({
        name: "writes",
        eventSelectors: { classic: [classicSelector({ readWriteType: "WriteOnly" })], advanced: [] },
      });
      const inventory = memberInventory([memberViewTrail(["status"]), narrow]);
      expect(control.evaluate(inventory, { now })[0]?.status).toBe("warn");
      expect(runStatus(inventory)).toBe("error");
    });

    it("passes on a readable trail that proves coverage, whatever the organization trail's lookups did", () => {
      const inventory = memberInventory([memberViewTrail(), loggingTrail({ name: "own" })]);
      const [result] = control.evaluate(inventory, { now });
      expect(result?.status).toBe("pass");
      expect(result?.reason).toMatch(/trail own/);
      expect(result?.evidence.unreadTrails).toEqual([ORG_TRAIL]);
      expect(runStatus(inventory)).toBe("pass");
    });

    it("is an error naming the trail and its owner when the inventory lacks the failures", () => {
      const results = control.evaluate(trailsInventory([memberViewTrail(["status"])], { regions: REGIONS }), { now });
      expect(results.map((r) => r.status)).toEqual(["error"]);
      expect(results[0]?.reason).toBe(
        `Account 111122223333's CloudTrail logging is not judged: the status of organization trail org-main of account ${MANAGEMENT_ACCOUNT} could not be read (cloudtrail:GetTrailStatus).`,
      );
    });
  });
});
