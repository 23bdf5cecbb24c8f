import { describe, expect, it } from "vitest";
import type { Snapshot } from "@/lib/snapshot/schema";
import { coverageLines, isEmpty, tidyCause } from "./coverage-lines";

const NOT_ENABLED = "The Region is not enabled for this account.";

/** Shaped like a scan with an ElastiCache action denied and two opt-in Regions not enabled. */
const coverage: Snapshot["coverage"] = {
  deniedActions: ["elasticache:DescribeReplicationGroups", "iam:GetAccountAuthorizationDetails"],
  skippedRegions: [
    { region: "me-central-1", service: "elasticache", reason: NOT_ENABLED },
    { region: "eu-south-2", service: "elasticache", reason: NOT_ENABLED },
    { region: "eu-south-2", service: "cognito", reason: `${NOT_ENABLED};` },
    { region: "me-central-1", service: "cognito", reason: NOT_ENABLED },
  ],
  errors: [
    {
      service: "elasticache",
      region: "us-east-1",
      action: "elasticache:DescribeReplicationGroups",
      kind: "access-denied",
      message: "User is not authorized to perform: elasticache:DescribeReplicationGroups",
    },
    {
      service: "iam",
      region: "global",
      action: "iam:GetAccountAuthorizationDetails",
      kind: "access-denied",
      message: "not authorized",
    },
    {
      service: "connect",
      region: "us-east-1",
      action: "connect:ListInstances",
      kind: "throttled",
      message: "Rate exceeded.",
    },
    {
      service: "connect",
      region: "eu-west-1",
      action: "connect:ListInstances",
      kind: "throttled",
      message: "Rate exceeded",
    },
    {
      service: "cognito",
      region: "ap-south-2",
      action: "cognito-idp:ListUserPools",
      kind: "credentials-rejected",
      message: "UnrecognizedClientException",
    },
  ],
};

describe("coverageLines", () => {
  it("on the overview: every denied action, and one line per cause instead of one per service", () => {
    const lines = coverageLines(coverage);
    expect(lines.deniedActions).toEqual([
      "elasticache:DescribeReplicationGroups",
      "iam:GetAccountAuthorizationDetails",
    ]);
    expect(lines.skipped).toEqual([
      {
        cause: "The Region is not enabled for this account",
        regions: ["eu-south-2", "me-central-1"],
        services: ["cognito", "elasticache"],
      },
    ]);
    expect(lines.errors).toEqual([
      {
        action: "connect:ListInstances",
        cause: "Rate exceeded",
        regions: ["eu-west-1", "us-east-1"],
        services: ["connect"],
      },
    ]);
    expect(lines.rejectingRegions).toEqual(["ap-south-2"]);
  });

  it("on IAM's page: only IAM's denied action, no ElastiCache skip, no Connect error", () => {
    const lines = coverageLines(coverage, { service: "iam", requires: ["iam:GetAccountAuthorizationDetails"] });
    expect(lines.deniedActions).toEqual(["iam:GetAccountAuthorizationDetails"]);
    expect(lines.skipped).toEqual([]);
    expect(lines.errors).toEqual([]);
    expect(lines.rejectingRegions).toEqual([]);
  });

  it("a denied action a service's control needs shows on its page even when filed under another service", () => {
    const lines = coverageLines(coverage, {
      service: "personalize",
      requires: ["personalize:ListDatasetExportJobs", "elasticache:DescribeReplicationGroups"],
    });
    expect(lines.deniedActions).toEqual(["elasticache:DescribeReplicationGroups"]);
    expect(isEmpty(lines)).toBe(false);
  });

  it("a Region skipped for every service shows on each service page", () => {
    const lines = coverageLines(
      { deniedActions: [], errors: [], skippedRegions: [{ region: "af-south-1", reason: NOT_ENABLED }] },
      { service: "connect", requires: [] },
    );
    expect(lines.skipped.map((g) => g.regions)).toEqual([["af-south-1"]]);
  });

  it("nothing to say is empty", () => {
    expect(isEmpty(coverageLines({ deniedActions: [], errors: [], skippedRegions: [] }))).toBe(true);
    expect(isEmpty(coverageLines(coverage, { service: "account", requires: [] }))).toBe(true);
  });
});

describe("tidyCause", () => {
  it.each([
    ["Rate exceeded.;", "Rate exceeded"],
    ["  no endpoint  in   this Region. ", "no endpoint in this Region"],
    ["Access denied: ", "Access denied"],
  ])("%j → %j", (raw, tidy) => {
    expect(tidyCause(raw)).toBe(tidy);
  });
});
