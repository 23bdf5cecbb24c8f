import { describe, expect, it } from "vitest";
import type { Trail } from "@/lib/inventory";
import {
  accountLoggingInventory,
  classicSelector,
  loggingTrail,
  managementAdvancedSelector,
  trailsInventory,
} from "@/lib/inventory/builders";
import { control } from "./cloudtrail-multiregion-logging";

const now = new Date("2026-06-01T00:00:00Z");
const REGIONS = ["us-east-1", "eu-west-1", "ap-south-1"];

function evaluate(trails: Trail[], regions = REGIONS) {
  return control.evaluate(trailsInventory(trails, { regions }), { now });
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
      evidence: {
        judgedTrail: "arn:aws:cloudtrail:us-east-1:111122223333:trail/management-trail",
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

    it("yields nothing when the only multi-Region trail's status is unknown", () => {
      expect(evaluate([loggingTrail({ status: undefined }), singleRegion("use1", "us-east-1")])).toEqual([]);
    });

    it("yields nothing when a trail's selectors are unknown and the verdict would fail", () => {
      expect(evaluate([singleRegion("euw1", "eu-west-1", { eventSelectors: undefined })])).toEqual([]);
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
});
