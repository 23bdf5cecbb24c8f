import { describe, expect, it } from "vitest";
import { buildInventory, IAM_TEST_NOW, iamInventory, TEST_ACCOUNT } from "@/lib/inventory/builders";
import { control } from "./aws-managed-encryption";

const now = IAM_TEST_NOW;

describe("iam.aws-managed-encryption", () => {
  it.each([
    { name: "IAM collected", inventory: iamInventory({}) },
    { name: "IAM not collected (nothing to read)", inventory: buildInventory({ services: ["iam"] }) },
  ])("always passes, one row for the account: $name", ({ inventory }) => {
    const results = control.evaluate(inventory, { now });
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({
      status: "pass",
      region: "global",
      resourceArn: `arn:aws:iam::${TEST_ACCOUNT}:root`,
    });
    expect(results[0]?.reason).toContain(TEST_ACCOUNT);
    expect(results[0]?.evidence).toMatchObject({ encryptedAtRest: true, customerManagedKeys: false });
  });

  it("is an AWS-side, informational control that reads nothing", () => {
    expect(control.meta).toMatchObject({
      responsibility: "aws",
      severity: "info",
      recommendation: "aws-managed",
      requires: [],
    });
  });
});
