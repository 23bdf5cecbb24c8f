import type { Control, ResourceResult } from "../types";
import { identityPools } from "./scope";

const RESOURCE_TYPE = "Identity pool";

export const control: Control = {
  meta: {
    id: "cognito.identity-pool-classic-flow",
    service: "cognito",
    title: "Identity pools have the basic (classic) authentication flow turned off",
    severity: "medium",
    responsibility: "customer",
    recommendation: "least-privilege",
    seed: {
      file: "001_38261b1fc1dc3dcd.txt",
      quote: "That way each user is given only the permissions necessary to fulfill their job duties.",
    },
    resourceType: RESOURCE_TYPE,
    remediation: {
      text: "Turn off the basic (classic) flow on the identity pool unless a documented need exists, and have apps get credentials through the enhanced flow (GetCredentialsForIdentity).",
      url: "https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flow.html",
    },
    docs: ["https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flow.html"],
    requires: ["cognito-identity:ListIdentityPools", "cognito-identity:DescribeIdentityPool"],
    related: [],
    verdicts: [
      "pass: the basic (classic) flow is off (absent means the API default, off).",
      "warn: the basic flow is on, so apps can request credentials for any role that trusts the pool.",
      "fail: the basic flow is on together with guest access.",
      "error: the identity pool could not be listed or described.",
    ],
  },
  evaluate(inventory) {
    return identityPools(inventory).map((pool): ResourceResult => {
      const base = {
        resourceArn: pool.arn,
        resourceType: RESOURCE_TYPE,
        region: pool.region,
        evidence: {
          allowClassicFlow: pool.allowClassicFlow ?? null,
          allowUnauthenticatedIdentities: pool.allowUnauthenticatedIdentities,
        },
      };
      const name = `Identity pool ${pool.id}`;
      // Absent means the API default, off.
      if (pool.allowClassicFlow !== true) {
        return { ...base, status: "pass", reason: `${name} has the basic (classic) flow turned off.` };
      }
      if (pool.allowUnauthenticatedIdentities) {
        return {
          ...base,
          status: "fail",
          reason: `${name} allows the basic (classic) flow together with guest access, so anyone can request credentials for any role that trusts the pool, without the guest scope-down policy.`,
        };
      }
      return {
        ...base,
        status: "warn",
        reason: `${name} allows the basic (classic) flow, which lets apps request credentials for any role that trusts the pool.`,
      };
    });
  },
};
