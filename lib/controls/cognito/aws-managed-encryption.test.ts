import { describe, expect, it } from "vitest";
import {
  buildCognitoRegion,
  buildInventory,
  cognitoIdentityPool,
  cognitoInventory,
  cognitoUserPool,
  COGNITO_TEST_POOL_ID,
} from "@/lib/inventory/builders";
import { control } from "./aws-managed-encryption";

const now = new Date("2026-06-01T00:00:00Z");
const CMK = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

function evaluatePool(overrides: Parameters<typeof cognitoUserPool>[0]) {
  return control.evaluate(cognitoInventory({ userPools: [cognitoUserPool(overrides)] }), { now });
}

describe("cognito.aws-managed-encryption", () => {
  it.each([
    {
      name: "AWS owned key",
      key: { keyType: "AWS_OWNED_KEY" },
      reason: /encrypted at rest by AWS and served only over TLS/,
    },
    { name: "key not reported (older SDK)", key: undefined, reason: /encrypted at rest by AWS/ },
    {
      name: "customer managed key (seed drift)",
      key: { keyType: "CUSTOMER_MANAGED_KEY", kmsKeyArn: CMK },
      reason: /customer managed KMS key \(arn:aws:kms:.*\), newer than the seed page/,
    },
    {
      name: "customer managed key without ARN",
      key: { keyType: "CUSTOMER_MANAGED_KEY" },
      reason: /key not reported/,
    },
  ])("$name → pass", ({ key, reason }) => {
    const [result] = evaluatePool({ keyConfiguration: key });
    expect(result?.status).toBe("pass");
    expect(result?.reason).toContain(COGNITO_TEST_POOL_ID);
    expect(result?.reason).toMatch(reason);
  });

  it("is an AWS-responsibility info control", () => {
    expect(control.meta).toMatchObject({ responsibility: "aws", severity: "info", recommendation: "aws-managed" });
  });

  it("records the key as evidence", () => {
    expect(
      evaluatePool({ keyConfiguration: { keyType: "CUSTOMER_MANAGED_KEY", kmsKeyArn: CMK } })[0]?.evidence,
    ).toEqual({
      keyType: "CUSTOMER_MANAGED_KEY",
      kmsKeyArn: CMK,
    });
    expect(evaluatePool({ keyConfiguration: undefined })[0]?.evidence).toEqual({ keyType: null, kmsKeyArn: null });
  });

  it("adds one row per region that has identity pools", () => {
    const inventory = buildInventory({
      services: ["cognito"],
      cognito: {
        regions: [
          buildCognitoRegion({
            userPools: [cognitoUserPool()],
            identityPools: [cognitoIdentityPool(), cognitoIdentityPool({ id: "us-east-1:other" })],
          }),
          buildCognitoRegion({ region: "eu-west-1", identityPools: [cognitoIdentityPool({ region: "eu-west-1" })] }),
          buildCognitoRegion({ region: "ap-south-1" }),
        ],
      },
    });
    const results = control.evaluate(inventory, { now });
    expect(results.map((r) => [r.resourceType, r.region, r.status])).toEqual([
      ["User pool", "us-east-1", "pass"],
      ["Identity pools (Region)", "us-east-1", "pass"],
      ["Identity pools (Region)", "eu-west-1", "pass"],
    ]);
    expect(results[1]).toMatchObject({
      resourceArn: "arn:aws:cognito-identity:us-east-1:111122223333:identitypool/*",
      reason: "The 2 identity pools in us-east-1 are encrypted at rest by AWS and served only over TLS.",
      evidence: { identityPoolCount: 2 },
    });
    expect(results[2]?.reason).toBe(
      "The 1 identity pool in eu-west-1 is encrypted at rest by AWS and served only over TLS.",
    );
  });

  it("yields nothing without pools", () => {
    expect(control.evaluate(cognitoInventory({}), { now })).toEqual([]);
  });
});
