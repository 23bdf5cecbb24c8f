import type { IdentityPool } from "@/lib/inventory";
import type { Control, ResourceResult } from "../types";
import { checkGuestRole, identityPools, type GuestRoleCheck } from "./scope";

const RESOURCE_TYPE = "Identity pool";

/** What the reason says about the guest role when it is not the cause of a failure. */
function roleNote(check: GuestRoleCheck): string {
  switch (check.kind) {
    case "roles-unknown":
      return "its roles could not be read, so the guest role was not checked";
    case "no-role":
      return "it has no unauthenticated role set, so guests get identities but no AWS credentials";
    case "iam-unknown":
      return `IAM data was not collected, so the guest role ${check.roleArn} was not checked`;
    case "role-not-found":
      return `the guest role ${check.roleArn} is not among the account's IAM roles (another account, or deleted), so it was not checked`;
    case "checked":
      return check.grants.length > 0
        ? `the guest role ${check.roleArn} may grant ${grantList(check)}`
        : `the guest role ${check.roleArn} grants no service-wide S3, DynamoDB, IAM or STS access`;
  }
}

function grantList(check: Extract<GuestRoleCheck, { kind: "checked" }>): string {
  return [...new Set(check.grants.map((grant) => grant.grant))].join(", ");
}

function guestVerdict(pool: IdentityPool, check: GuestRoleCheck): Pick<ResourceResult, "status" | "reason"> {
  const name = `Identity pool ${pool.id}`;
  if (check.kind === "checked" && check.grants.length > 0) {
    return {
      status: "fail",
      reason: `${name} lets anyone obtain AWS credentials without signing in, and ${roleNote(check)}.`,
    };
  }
  if (pool.allowClassicFlow === true) {
    return {
      status: "fail",
      reason: `${name} gives guests AWS credentials through the basic (classic) flow, which skips the scope-down policy Cognito applies to guest sessions; ${roleNote(check)}.`,
    };
  }
  return {
    status: "warn",
    reason: `${name} lets anyone obtain AWS credentials without signing in, so confirm guest access is needed; ${roleNote(check)}.`,
  };
}

export const control: Control = {
  meta: {
    id: "cognito.identity-pool-unauthenticated",
    service: "cognito",
    title: "Identity pool guest access is off, or narrowly scoped on the enhanced flow",
    severity: "medium",
    responsibility: "customer",
    recommendation: "least-privilege",
    seed: {
      file: "001_38261b1fc1dc3dcd.txt",
      quote: "That way each user is given only the permissions necessary to fulfill their job duties.",
    },
    resourceType: RESOURCE_TYPE,
    remediation: {
      text: "Turn off unauthenticated (guest) identities, or limit the unauthenticated IAM role to the few actions and resources guests need and keep the pool on the enhanced flow.",
      url: "https://docs.aws.amazon.com/cognito/latest/developerguide/iam-roles.html",
    },
    docs: ["https://docs.aws.amazon.com/cognito/latest/developerguide/iam-roles.html"],
    requires: [
      "cognito-identity:ListIdentityPools",
      "cognito-identity:DescribeIdentityPool",
      "cognito-identity:GetIdentityPoolRoles",
      "iam:GetAccountAuthorizationDetails",
    ],
    related: [
      "Security Hub Cognito.2",
      "Prowler cognito_identity_pool_guest_access_disabled",
      "AWS Config cognito-identity-pool-unauth-access-check",
    ],
    verdicts: [
      "pass: the identity pool gives AWS credentials only to signed-in users (guest access off).",
      "warn: guest access is on and the guest role grants no service-wide S3, DynamoDB, IAM or STS access (or has no role, or could not be checked): confirm it is needed.",
      'fail: guest access is on and the guest role may grant "*" or every action of S3, DynamoDB, IAM or STS (denies and conditions not evaluated), or guests get credentials through the basic (classic) flow.',
      "error: the pool, its roles or the IAM authorization details could not be read.",
    ],
  },
  evaluate(inventory) {
    return identityPools(inventory).map((pool): ResourceResult => {
      const check = pool.allowUnauthenticatedIdentities ? checkGuestRole(inventory, pool) : undefined;
      const evidence = {
        allowUnauthenticatedIdentities: pool.allowUnauthenticatedIdentities,
        allowClassicFlow: pool.allowClassicFlow ?? null,
        unauthenticatedRoleArn: pool.roles?.unauthenticated ?? null,
        guestRoleCheck: check?.kind ?? null,
        broadGrants: check?.kind === "checked" ? check.grants.map((grant) => `${grant.grant} (${grant.source})`) : [],
      };
      const base = { resourceArn: pool.arn, resourceType: RESOURCE_TYPE, region: pool.region, evidence };
      if (!check) {
        return {
          ...base,
          status: "pass",
          reason: `Identity pool ${pool.id} gives AWS credentials only to signed-in users.`,
        };
      }
      return { ...base, ...guestVerdict(pool, check) };
    });
  },
};
