import { describe, expect, it } from "vitest";
import type { Trail } from "@/lib/inventory";
import {
  classicSelector,
  loggingTrail,
  MANAGEMENT_ACCOUNT,
  managementAdvancedSelector,
  memberViewErrors,
  memberViewTrail,
  trailsInventory,
} from "@/lib/inventory/builders";
import {
  awaiting,
  describeCoverage,
  globalEventsRegion,
  isLoggingManagementTrail,
  judgedTrails,
  managementCoverage,
  ownerAccountOf,
  unreadLookups,
} from "./cloudtrail-coverage";

const withSelectors = (selectors: Trail["eventSelectors"]) => loggingTrail({ eventSelectors: selectors });

describe("managementCoverage", () => {
  it.each([
    { name: "classic All", selectors: { classic: [classicSelector()], advanced: [] }, expected: { kind: "full" } },
    {
      name: "classic ReadOnly",
      selectors: { classic: [classicSelector({ readWriteType: "ReadOnly" as const })], advanced: [] },
      expected: { kind: "partial", only: "reads" },
    },
    {
      name: "classic management events off",
      selectors: { classic: [classicSelector({ includeManagementEvents: false })], advanced: [] },
      expected: { kind: "none" },
    },
    {
      name: "classic All excluding KMS beside a clean ReadOnly",
      selectors: {
        classic: [
          classicSelector({ excludeManagementEventSources: ["kms.amazonaws.com"] }),
          classicSelector({ readWriteType: "ReadOnly" as const }),
        ],
        advanced: [],
      },
      expected: { kind: "restricted", excludedSources: ["kms.amazonaws.com"], filters: [] },
    },
    {
      name: "advanced Management",
      selectors: { classic: [], advanced: [managementAdvancedSelector()] },
      expected: { kind: "full" },
    },
    {
      name: "advanced readOnly Equals both values",
      selectors: {
        classic: [],
        advanced: [managementAdvancedSelector([{ field: "readOnly", equals: ["true", "false"] }])],
      },
      expected: { kind: "full" },
    },
    {
      name: "advanced readOnly NotEquals false",
      selectors: { classic: [], advanced: [managementAdvancedSelector([{ field: "readOnly", notEquals: ["false"] }])] },
      expected: { kind: "partial", only: "reads" },
    },
    {
      name: "advanced filtered on eventName",
      selectors: {
        classic: [],
        advanced: [managementAdvancedSelector([{ field: "eventName", equals: ["PutObject"] }])],
      },
      expected: { kind: "restricted", excludedSources: [], filters: ["eventName"] },
    },
    {
      name: "advanced data events only",
      selectors: { classic: [], advanced: [{ fieldSelectors: [{ field: "eventCategory", equals: ["Data"] }] }] },
      expected: { kind: "none" },
    },
    { name: "no selectors", selectors: { classic: [], advanced: [] }, expected: { kind: "none" } },
    { name: "selectors not read", selectors: undefined, expected: { kind: "unknown" } },
  ])("$name → $expected.kind", ({ selectors, expected }) => {
    expect(managementCoverage(withSelectors(selectors))).toEqual(expected);
  });

  it("describes coverage for reasons", () => {
    expect(
      describeCoverage({ kind: "restricted", excludedSources: ["kms.amazonaws.com"], filters: ["eventName"] }),
    ).toBe("management events excluding kms.amazonaws.com and filtered on eventName");
    expect(describeCoverage({ kind: "partial", only: "writes" })).toBe("write management events only");
  });
});

describe("isLoggingManagementTrail", () => {
  it.each([
    { name: "logging with management events", trail: loggingTrail(), expected: true },
    { name: "stopped", trail: loggingTrail({ status: { isLogging: false } }), expected: false },
    { name: "status unknown", trail: loggingTrail({ status: undefined }), expected: undefined },
    { name: "selectors unknown", trail: loggingTrail({ eventSelectors: undefined }), expected: undefined },
    {
      name: "stopped, selectors unknown",
      trail: loggingTrail({ status: { isLogging: false }, eventSelectors: undefined }),
      expected: false,
    },
  ])("$name → $expected", ({ trail, expected }) => {
    expect(isLoggingManagementTrail(trail)).toBe(expected);
  });
});

it.each([
  ["aws", "us-east-1"],
  ["aws-us-gov", "us-gov-west-1"],
  ["aws-cn", "cn-north-1"],
])("global service events of partition %s are recorded in %s", (partition, region) => {
  expect(globalEventsRegion(partition)).toBe(region);
});

describe("trails whose details could not be read", () => {
  const OWN = "arn:aws:cloudtrail:us-east-1:111122223333:trail/management-trail";
  const status = (resource: string) => ({ action: "cloudtrail:GetTrailStatus", region: "us-east-1", resource });
  const selectors = (resource: string) => ({ action: "cloudtrail:GetEventSelectors", region: "us-east-1", resource });

  it.each([
    { name: "both read", trail: loggingTrail(), unread: [] },
    { name: "status missing", trail: loggingTrail({ status: undefined }), unread: [status(OWN)] },
    { name: "selectors missing", trail: loggingTrail({ eventSelectors: undefined }), unread: [selectors(OWN)] },
    {
      name: "stopped: selectors not needed",
      trail: loggingTrail({ status: { isLogging: false }, eventSelectors: undefined }),
      unread: [],
    },
    {
      name: "status missing, selectors not asked (home Region answered nothing)",
      trail: loggingTrail({
        status: undefined,
        eventSelectors: undefined,
        details: {
          status: {
            state: "unreadable",
            action: "cloudtrail:GetTrailStatus",
            errorKind: "credentials-rejected",
            memberView: false,
          },
          eventSelectors: { state: "not-needed", why: "its home Region answered credentials-rejected" },
          logFileValidation: { state: "read", action: "cloudtrail:DescribeTrails" },
          kmsKey: { state: "read", action: "cloudtrail:DescribeTrails" },
        },
      }),
      unread: [status(OWN)],
    },
    {
      name: "both missing",
      trail: loggingTrail({ status: undefined, eventSelectors: undefined }),
      unread: [status(OWN), selectors(OWN)],
    },
  ])("$name → $unread.length unread lookups", ({ trail, unread }) => {
    expect(unreadLookups(trail)).toEqual(unread);
  });

  it("takes the owner from the inventory, else from the ARN", () => {
    expect(ownerAccountOf(memberViewTrail())).toBe(MANAGEMENT_ACCOUNT);
    expect(ownerAccountOf(loggingTrail({ ownerAccountId: undefined }))).toBe("111122223333");
  });

  it("judges logging trails and trails that might log, never trails known not to", () => {
    const org = memberViewTrail();
    const judged = judgedTrails(
      trailsInventory([
        loggingTrail({ name: "on" }),
        loggingTrail({ name: "off", status: { isLogging: false } }),
        loggingTrail({
          name: "data",
          eventSelectors: { classic: [classicSelector({ includeManagementEvents: false })], advanced: [] },
        }),
        org,
      ]),
    );
    expect(judged.map(({ trail, unread }) => [trail.name, unread.length])).toEqual([
      ["on", 0],
      ["org-main", 2],
    ]);
    expect(judged[1]?.unread).toEqual([status(org.arn), selectors(org.arn)]);
  });

  describe("awaiting", () => {
    const org = memberViewTrail(["status"]);
    const row = {
      resourceArn: org.arn,
      resourceType: "Trail",
      region: "us-east-1",
      status: "pass" as const,
      reason: "tentative",
      evidence: {},
      dependsOn: [selectors(org.arn)],
    };

    it("keeps the verdict and adds the unread lookups when their failures are recorded", () => {
      const inventory = trailsInventory([org], { errors: memberViewErrors(org) });
      expect(awaiting(row, [status(org.arn)], inventory, "not judged")).toEqual({
        ...row,
        dependsOn: [selectors(org.arn), status(org.arn)],
      });
    });

    it("is an error itself when a failure it waits on is not recorded", () => {
      const result = awaiting(row, [status(org.arn)], trailsInventory([org]), "not judged");
      expect(result).toMatchObject({
        status: "error",
        reason: "not judged",
        evidence: { failedActions: ["cloudtrail:GetTrailStatus"] },
      });
    });

    it("leaves a verdict with nothing unread alone", () => {
      expect(awaiting(row, [], trailsInventory([org]), "not judged")).toBe(row);
    });
  });
});
