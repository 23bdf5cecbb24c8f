import type { Control, ResourceResult } from "../types";
import { appClients } from "./scope";

const RESOURCE_TYPE = "App client";

export const control: Control = {
  meta: {
    id: "cognito.app-client-user-existence-errors",
    service: "cognito",
    title: "App clients don't reveal whether a user exists, and revoke tokens",
    severity: "low",
    responsibility: "customer",
    recommendation: "names",
    seed: {
      file: "001_38261b1fc1dc3dcd.txt",
      quote:
        "We strongly recommend that you never put sensitive identifying information, such as your customers' account numbers, into free-form fields such as a Name field.",
    },
    resourceType: RESOURCE_TYPE,
    remediation: {
      text: "Set PreventUserExistenceErrors to ENABLED on the app client, so sign-in, confirmation and password-reset answers don't tell an attacker which user names exist, and keep token revocation on.",
      url: "https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-managing-errors.html",
    },
    docs: [
      "https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-managing-errors.html",
      "https://docs.aws.amazon.com/cognito/latest/developerguide/token-revocation.html",
    ],
    requires: [
      "cognito-idp:ListUserPools",
      "cognito-idp:DescribeUserPool",
      "cognito-idp:ListUserPoolClients",
      "cognito-idp:DescribeUserPoolClient",
    ],
    related: ["Prowler cognito_user_pool_client_prevent_user_existence_errors"],
    verdicts: [
      "pass: the app client has PreventUserExistenceErrors ENABLED and token revocation is not turned off.",
      "warn: user existence errors are LEGACY or unset, so error messages reveal which user names exist; or token revocation is explicitly off.",
      "error: the pool's app clients could not be listed or described.",
    ],
  },
  evaluate(inventory) {
    return appClients(inventory).map(({ pool, client, arn }): ResourceResult => {
      const base = {
        resourceArn: arn,
        resourceType: RESOURCE_TYPE,
        region: client.region,
        evidence: {
          preventUserExistenceErrors: client.preventUserExistenceErrors ?? null,
          enableTokenRevocation: client.enableTokenRevocation ?? null,
        },
      };
      const name = `App client ${client.clientId} of user pool ${pool.id}`;
      // Only an explicit false counts: the API default for new clients is on.
      const revocationOff = client.enableTokenRevocation === false;
      const revocationNote = revocationOff ? ", and token revocation is off, so refresh tokens can't be revoked" : "";
      if (client.preventUserExistenceErrors !== "ENABLED") {
        const mode = client.preventUserExistenceErrors ?? "not set (LEGACY)";
        return {
          ...base,
          status: "warn",
          reason: `${name} has user existence errors ${mode}, so its error messages tell callers which user names exist${revocationNote}.`,
        };
      }
      if (revocationOff) {
        return {
          ...base,
          status: "warn",
          reason: `${name} hides whether a user exists, but token revocation is off, so refresh tokens can't be revoked.`,
        };
      }
      return {
        ...base,
        status: "pass",
        reason: `${name} hides whether a user exists and can revoke tokens.`,
      };
    });
  },
};
