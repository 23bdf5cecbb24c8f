import type { Control, ResourceResult } from "../types";
import { userPools } from "./scope";

const RESOURCE_TYPE = "User pool";

export const control: Control = {
  meta: {
    id: "cognito.user-pool-threat-protection",
    service: "cognito",
    title: "Plus-tier user pools enforce threat protection (advanced security)",
    severity: "low",
    responsibility: "customer",
    recommendation: "encryption",
    seed: {
      file: "001_38261b1fc1dc3dcd.txt",
      quote: "Use AWS encryption solutions, along with all default security controls within AWS services.",
    },
    resourceType: RESOURCE_TYPE,
    remediation: {
      text: "On the Plus feature plan, set threat protection to full-function (ENFORCED) so Amazon Cognito blocks compromised credentials and asks for MFA on risky sign-ins; run it in audit mode first to tune it.",
      url: "https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-settings-threat-protection.html",
    },
    docs: [
      "https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-settings-advanced-security-threat-protection.html",
      "https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-sign-in-feature-plans.html",
    ],
    requires: ["cognito-idp:ListUserPools", "cognito-idp:DescribeUserPool"],
    related: ["Security Hub Cognito.1", "Prowler cognito_user_pool_advanced_security_enabled"],
  },
  evaluate(inventory) {
    return userPools(inventory).map((pool): ResourceResult => {
      const base = {
        resourceArn: pool.arn,
        resourceType: RESOURCE_TYPE,
        region: pool.region,
        evidence: { advancedSecurityMode: pool.advancedSecurityMode ?? null, userPoolTier: pool.userPoolTier ?? null },
      };
      if (pool.advancedSecurityMode === "ENFORCED") {
        return {
          ...base,
          status: "pass",
          reason: `User pool ${pool.id} enforces threat protection: risky sign-ins and compromised passwords are acted on.`,
        };
      }
      if (pool.advancedSecurityMode === "AUDIT") {
        return {
          ...base,
          status: "warn",
          reason: `User pool ${pool.id} runs threat protection in audit mode only: risks are logged but no sign-in is blocked or challenged.`,
        };
      }
      // Threat protection exists only on the Plus plan (§2.3): elsewhere it is a plan choice, not a misconfiguration.
      if (pool.userPoolTier !== "PLUS") {
        const tier = pool.userPoolTier ? `the ${pool.userPoolTier} plan` : "a plan the API did not report";
        return {
          ...base,
          status: "not-applicable",
          reason: `User pool ${pool.id} is on ${tier}, and threat protection requires the Plus plan.`,
        };
      }
      return {
        ...base,
        status: "warn",
        reason: `User pool ${pool.id} is on the Plus plan but has threat protection turned off.`,
      };
    });
  },
};
