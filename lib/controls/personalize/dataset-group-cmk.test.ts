import { describe, expect, it } from "vitest";
import { personalizeDatasetGroup, personalizeInventory, PERSONALIZE_TEST_KEY } from "@/lib/inventory/builders";
import { control } from "./dataset-group-cmk";

const now = new Date("2026-06-01T00:00:00Z");

function evaluateGroup(overrides: Parameters<typeof personalizeDatasetGroup>[0]) {
  return control.evaluate(personalizeInventory({ datasetGroups: [personalizeDatasetGroup(overrides)] }), { now });
}

describe("personalize.dataset-group-cmk", () => {
  it.each([
    {
      name: "customer managed key with its service role",
      group: {},
      status: "pass",
      reason: /encrypted with a customer managed KMS key/,
    },
    {
      name: "no key: Personalize managed keys",
      group: { kmsKeyArn: undefined, roleArn: undefined },
      status: "warn",
      reason: /Amazon Personalize managed keys/,
    },
    {
      name: "empty key ARN counts as no key",
      group: { kmsKeyArn: "", roleArn: undefined },
      status: "warn",
      reason: /Amazon Personalize managed keys/,
    },
    {
      name: "key without a role",
      group: { roleArn: undefined },
      status: "warn",
      reason: /without a role/,
    },
    {
      name: "creation failed",
      group: { status: "CREATE FAILED", kmsKeyArn: undefined },
      status: "not-applicable",
      reason: /CREATE FAILED/,
    },
    {
      name: "deletion pending",
      group: { status: "DELETE PENDING", kmsKeyArn: undefined },
      status: "not-applicable",
      reason: /DELETE PENDING/,
    },
    {
      name: "deletion in progress",
      group: { status: "DELETE IN_PROGRESS" },
      status: "not-applicable",
      reason: /no data to protect/,
    },
    {
      name: "still being created is judged",
      group: { status: "CREATE IN_PROGRESS", kmsKeyArn: undefined },
      status: "warn",
      reason: /managed keys/,
    },
    {
      name: "domain dataset group without a domain-specific rule",
      group: { domain: "VIDEO_ON_DEMAND" },
      status: "pass",
      reason: /customer managed KMS key/,
    },
  ])("$name → $status", ({ group, status, reason }) => {
    const [result] = evaluateGroup(group);
    expect(result?.status).toBe(status);
    expect(result?.reason).toContain("retail-recs");
    expect(result?.reason).toMatch(reason);
  });

  it("says the key can only be chosen at creation when it warns about a missing key", () => {
    const [result] = evaluateGroup({ kmsKeyArn: undefined });
    expect(result?.reason).toMatch(/only be chosen when a dataset group is created/);
  });

  it("records the fields it judged as evidence", () => {
    const [result] = evaluateGroup({ roleArn: undefined });
    expect(result?.evidence).toEqual({ kmsKeyArn: PERSONALIZE_TEST_KEY, roleArn: null, status: "ACTIVE" });
    expect(result).toMatchObject({ resourceType: "Dataset group", region: "us-east-1" });
  });

  it("does not judge a group whose describe failed: its key is unknown, not absent", () => {
    expect(evaluateGroup({ describeFailed: true, kmsKeyArn: undefined, roleArn: undefined })).toEqual([]);
  });

  it("yields nothing without dataset groups or without Personalize", () => {
    expect(control.evaluate(personalizeInventory({}), { now })).toEqual([]);
    expect(control.evaluate(personalizeInventory({}, undefined, { personalize: undefined }), { now })).toEqual([]);
  });

  it("evaluates every group in every region separately", () => {
    const inventory = personalizeInventory({
      datasetGroups: [
        personalizeDatasetGroup({ name: "a" }),
        personalizeDatasetGroup({ name: "b", kmsKeyArn: undefined, roleArn: undefined }),
      ],
    });
    expect(control.evaluate(inventory, { now }).map((r) => [r.reason.split(" ")[2], r.status])).toEqual([
      ["a", "pass"],
      ["b", "warn"],
    ]);
  });

  it("lists the calls whose data it reads", () => {
    expect(control.meta.requires).toEqual(["personalize:ListDatasetGroups", "personalize:DescribeDatasetGroup"]);
  });
});
