import type { Inventory } from "@/lib/inventory";
import type { Control, ResourceResult } from "../types";
import { cognitoRegions, userPools } from "./scope";

const RESOURCE_TYPE = "User pool";
const IDENTITY_POOLS_TYPE = "Identity pools (Region)";

function userPoolResults(inventory: Inventory): ResourceResult[] {
  return userPools(inventory).map((pool): ResourceResult => {
    const keyType = pool.keyConfiguration?.keyType;
    const base = {
      resourceArn: pool.arn,
      resourceType: RESOURCE_TYPE,
      region: pool.region,
      evidence: { keyType: keyType ?? null, kmsKeyArn: pool.keyConfiguration?.kmsKeyArn ?? null },
    };
    // Seed drift (docs/controls.md#caveats): the seed says Cognito "doesn't support customer provided keys", but the
    // current API can report one. It is shown as information; the key's health is xc.kms-key-usable's job.
    if (keyType === "CUSTOMER_MANAGED_KEY") {
      return {
        ...base,
        status: "pass",
        reason: `User pool ${pool.id} is encrypted at rest with a customer managed KMS key (${pool.keyConfiguration?.kmsKeyArn ?? "key not reported"}), newer than the seed page, which says Cognito takes no customer keys.`,
      };
    }
    return {
      ...base,
      status: "pass",
      reason: `User pool ${pool.id} is encrypted at rest by AWS and served only over TLS.`,
    };
  });
}

/** Identity pools carry no key setting, so they get one row per Region rather than one each. */
function identityPoolResults(inventory: Inventory): ResourceResult[] {
  const { id: account, partition } = inventory.account;
  return cognitoRegions(inventory)
    .filter((region) => region.identityPools.length > 0)
    .map((region) => {
      const count = region.identityPools.length;
      return {
        resourceArn: `arn:${partition}:cognito-identity:${region.region}:${account}:identitypool/*`,
        resourceType: IDENTITY_POOLS_TYPE,
        region: region.region,
        status: "pass",
        reason: `The ${count} identity pool${count === 1 ? "" : "s"} in ${region.region} ${count === 1 ? "is" : "are"} encrypted at rest by AWS and served only over TLS.`,
        evidence: { identityPoolCount: count },
      };
    });
}

export const control: Control = {
  meta: {
    id: "cognito.aws-managed-encryption",
    service: "cognito",
    title: "Cognito data is encrypted at rest and in transit by AWS",
    severity: "info",
    responsibility: "aws",
    recommendation: "aws-managed",
    seed: {
      file: "001_38261b1fc1dc3dcd.txt",
      quote: "Data within Amazon Cognito is encrypted at rest in accordance with industry standards.",
    },
    resourceType: RESOURCE_TYPE,
    remediation: {
      text: "None needed: AWS encrypts Cognito data at rest and accepts requests only over TLS. Where your Region and plan support it, a user pool can use a customer managed KMS key instead.",
      url: "https://docs.aws.amazon.com/cognito/latest/developerguide/data-protection.html",
    },
    docs: ["https://docs.aws.amazon.com/cognito/latest/developerguide/data-protection.html"],
    requires: [
      "cognito-idp:ListUserPools",
      "cognito-idp:DescribeUserPool",
      "cognito-identity:ListIdentityPools",
      "cognito-identity:DescribeIdentityPool",
    ],
    related: [],
    verdicts: [
      "pass: always, one row per user pool and one per Region with identity pools: AWS encrypts the data at rest and serves it only over TLS; a user pool's customer managed key is shown as information (shared responsibility).",
      "error: the pools could not be listed or described.",
    ],
  },
  evaluate(inventory) {
    return [...userPoolResults(inventory), ...identityPoolResults(inventory)];
  },
};
