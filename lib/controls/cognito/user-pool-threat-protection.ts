import type { RiskConfiguration, UserPool } from "@/lib/inventory";
import type { Control, ResourceResult } from "../types";
import { poolLookups, userPools } from "./scope";

const RESOURCE_TYPE = "User pool";

/** The risk configuration's "let the sign-in through" answer. */
const NO_ACTION = "NO_ACTION";

/** Each configurable response, named for reasons, with the action it is set to (undefined: not set). */
function responses(config: RiskConfiguration): [string, string | undefined][] {
  return [
    ["high-risk sign-ins", config.highAction],
    ["medium-risk sign-ins", config.mediumAction],
    ["low-risk sign-ins", config.lowAction],
    ["compromised credentials", config.compromisedCredentialsAction],
  ];
}

/**
 * ENFORCED mode acts only through the risk configuration: with every response set to NO_ACTION (or
 * not set at all, which configures no response) it blocks and challenges nothing, like audit mode.
 * Any response that blocks or asks for MFA makes the mode do something; which levels deserve which
 * response is the customer's tuning, so a partial setup is not second-guessed.
 */
function judgeEnforced(pool: UserPool): Pick<ResourceResult, "status" | "reason"> {
  const config = pool.riskConfiguration;
  if (config === undefined) {
    return {
      status: "error",
      reason: `User pool ${pool.id} enforces threat protection, but its risk configuration (cognito-idp:DescribeRiskConfiguration) was not read, so what it does about risky sign-ins is unknown.`,
    };
  }
  const acting = responses(config).filter(([, action]) => action !== undefined && action !== NO_ACTION);
  // App clients can override the pool's configuration; DescribeRiskConfiguration was asked for the pool only.
  const scopeNote = "; app clients may override these pool-level settings";
  if (acting.length === 0) {
    return {
      status: "warn",
      reason: `User pool ${pool.id} enforces threat protection but its risk configuration takes no action on any risk (adaptive authentication and compromised credentials allow every sign-in), so it protects no more than audit mode${scopeNote}.`,
    };
  }
  const described = acting.map(([what, action]) => `${what}: ${action}`).join(", ");
  return {
    status: "pass",
    reason: `User pool ${pool.id} enforces threat protection and acts on risks (${described})${scopeNote}.`,
  };
}

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
    requires: ["cognito-idp:ListUserPools", "cognito-idp:DescribeUserPool", "cognito-idp:DescribeRiskConfiguration"],
    related: ["Security Hub Cognito.1", "Prowler cognito_user_pool_advanced_security_enabled"],
    verdicts: [
      "pass: threat protection is ENFORCED and the risk configuration blocks or asks for MFA on at least one risk level or on compromised credentials.",
      "warn: audit mode only; ENFORCED with every response NO_ACTION or unset; or a Plus-plan pool with threat protection off.",
      "not applicable: the pool is not on the Plus plan, which threat protection requires.",
      "error: the pool could not be described, or, in ENFORCED mode, its risk configuration could not be read.",
    ],
  },
  evaluate(inventory) {
    return userPools(inventory).map((pool): ResourceResult => {
      const enforced = pool.advancedSecurityMode === "ENFORCED";
      const risk = pool.riskConfiguration;
      const base = {
        resourceArn: pool.arn,
        resourceType: RESOURCE_TYPE,
        region: pool.region,
        evidence: {
          advancedSecurityMode: pool.advancedSecurityMode ?? null,
          userPoolTier: pool.userPoolTier ?? null,
          highRiskAction: risk?.highAction ?? null,
          mediumRiskAction: risk?.mediumAction ?? null,
          lowRiskAction: risk?.lowAction ?? null,
          compromisedCredentialsAction: risk?.compromisedCredentialsAction ?? null,
        },
        // The risk configuration is read, and matters, only in ENFORCED mode.
        dependsOn: poolLookups(pool, [
          "cognito-idp:DescribeUserPool",
          ...(enforced ? ["cognito-idp:DescribeRiskConfiguration"] : []),
        ]),
      };
      if (enforced) return { ...base, ...judgeEnforced(pool) };
      if (pool.advancedSecurityMode === "AUDIT") {
        return {
          ...base,
          status: "warn",
          reason: `User pool ${pool.id} runs threat protection in audit mode only: risks are logged but no sign-in is blocked or challenged.`,
        };
      }
      // Threat protection exists only on the Plus plan: elsewhere it is a plan choice, not a misconfiguration.
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
