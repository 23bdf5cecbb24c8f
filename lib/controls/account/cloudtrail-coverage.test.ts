import { describe, expect, it } from "vitest";
import type { Trail } from "@/lib/inventory";
import { classicSelector, loggingTrail, managementAdvancedSelector } from "@/lib/inventory/builders";
import {
  describeCoverage,
  globalEventsRegion,
  isLoggingManagementTrail,
  managementCoverage,
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
