import { describe, expect, it } from "vitest";
import {
  buildInventory,
  buildPersonalizeRegion,
  personalizeDatasetGroup,
  personalizeInventory,
  personalizeJob,
  personalizeName,
} from "@/lib/inventory/builders";
import { control } from "./aws-managed-encryption";

const now = new Date("2026-06-01T00:00:00Z");

describe("personalize.aws-managed-encryption", () => {
  it.each([
    { name: "a dataset group", region: { datasetGroups: [personalizeDatasetGroup()] } },
    { name: "only jobs (dataset group list failed)", region: { jobs: [personalizeJob()] } },
    { name: "only named resources", region: { names: [personalizeName()] } },
    {
      name: "a group whose describe failed",
      region: { datasetGroups: [personalizeDatasetGroup({ describeFailed: true, kmsKeyArn: undefined })] },
    },
  ])("passes a region with $name", ({ region }) => {
    const results = control.evaluate(personalizeInventory(region), { now });
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({
      status: "pass",
      region: "us-east-1",
      resourceType: "Region",
      resourceArn: "arn:aws:personalize:us-east-1:111122223333:*",
    });
    expect(results[0]?.reason).toMatch(/us-east-1 .*managed AWS KMS keys.*TLS 1\.2/);
  });

  it("yields one row per region with resources and none for empty regions", () => {
    const inventory = buildInventory({
      services: ["personalize"],
      personalize: {
        regions: [
          buildPersonalizeRegion({ region: "us-east-1", datasetGroups: [personalizeDatasetGroup()] }),
          buildPersonalizeRegion({ region: "eu-west-1" }),
          buildPersonalizeRegion({
            region: "ap-south-1",
            datasetGroups: [personalizeDatasetGroup({ region: "ap-south-1" })],
          }),
        ],
      },
    });
    expect(control.evaluate(inventory, { now }).map((r) => r.region)).toEqual(["us-east-1", "ap-south-1"]);
  });

  it("yields nothing without Personalize resources", () => {
    expect(control.evaluate(personalizeInventory({}), { now })).toEqual([]);
    expect(control.evaluate(buildInventory(), { now })).toEqual([]);
  });

  it("is an AWS-responsibility info control", () => {
    expect(control.meta).toMatchObject({ responsibility: "aws", severity: "info", recommendation: "aws-managed" });
  });

  it("records resource counts as evidence", () => {
    const [result] = control.evaluate(
      personalizeInventory({ datasetGroups: [personalizeDatasetGroup()], jobs: [personalizeJob(), personalizeJob()] }),
      { now },
    );
    expect(result?.evidence).toEqual({ datasetGroups: 1, jobs: 2 });
  });
});
