import type { Control, ResourceResult } from "../types";
import { userCount, userPools } from "./scope";

const RESOURCE_TYPE = "User pool";

export const control: Control = {
  meta: {
    id: "cognito.user-pool-deletion-protection",
    service: "cognito",
    title: "User pools have deletion protection active",
    severity: "low",
    responsibility: "customer",
    recommendation: "encryption",
    seed: {
      file: "001_38261b1fc1dc3dcd.txt",
      quote: "Use AWS encryption solutions, along with all default security controls within AWS services.",
    },
    resourceType: RESOURCE_TYPE,
    remediation: {
      text: "Activate deletion protection on the user pool (UpdateUserPool with DeletionProtection ACTIVE), so deleting it, and every user profile in it, takes a deliberate second step.",
      url: "https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-deletion-protection.html",
    },
    docs: ["https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-deletion-protection.html"],
    requires: ["cognito-idp:ListUserPools", "cognito-idp:DescribeUserPool"],
    related: ["Security Hub Cognito.6", "Prowler cognito_user_pool_deletion_protection_enabled"],
    verdicts: [
      "pass: the user pool has deletion protection ACTIVE.",
      "warn: deletion protection is inactive or unset (the API default).",
      "error: the pool could not be listed or described.",
    ],
  },
  evaluate(inventory) {
    return userPools(inventory).map((pool): ResourceResult => {
      const base = {
        resourceArn: pool.arn,
        resourceType: RESOURCE_TYPE,
        region: pool.region,
        evidence: {
          deletionProtection: pool.deletionProtection ?? null,
          estimatedNumberOfUsers: pool.estimatedNumberOfUsers ?? null,
        },
      };
      if (pool.deletionProtection === "ACTIVE") {
        return { ...base, status: "pass", reason: `User pool ${pool.id} has deletion protection active.` };
      }
      // Absent means the API default, INACTIVE.
      const users = userCount(pool);
      return {
        ...base,
        status: "warn",
        reason: `User pool ${pool.id} has no deletion protection, so one API call deletes it for good${users ? `, with about ${users}` : ""}.`,
      };
    });
  },
};
