import type { Control, ResourceResult } from "../types";
import { appClients } from "./scope";

const RESOURCE_TYPE = "App client";

/** Client-side flows that send the plain password to Cognito instead of proving it with SRP. */
const PLAINTEXT_PASSWORD_FLOWS = ["ALLOW_USER_PASSWORD_AUTH", "USER_PASSWORD_AUTH"];
/** Server-side flows: the call is signed with IAM credentials, but the password still travels to Cognito. */
const ADMIN_PASSWORD_FLOWS = ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH"];
/** Choice-based sign-in, which can include a username-password factor without USER_PASSWORD_AUTH. */
const CHOICE_BASED_FLOW = "ALLOW_USER_AUTH";

export const control: Control = {
  meta: {
    id: "cognito.app-client-password-auth",
    service: "cognito",
    title: "App clients sign in with SRP or passwordless flows, not plaintext passwords",
    severity: "medium",
    responsibility: "customer",
    recommendation: "tls",
    seed: {
      file: "001_38261b1fc1dc3dcd.txt",
      quote: "All requests to Amazon Cognito must be made over the Transport Layer Security protocol (TLS).",
    },
    resourceType: RESOURCE_TYPE,
    remediation: {
      text: "Use ALLOW_USER_SRP_AUTH (or passkeys and other strong factors through ALLOW_USER_AUTH) and remove ALLOW_USER_PASSWORD_AUTH from the app client unless a user migration still needs it.",
      url: "https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-authentication-flow.html",
    },
    docs: [
      "https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-authentication-flow.html",
    ],
    requires: [
      "cognito-idp:ListUserPools",
      "cognito-idp:DescribeUserPool",
      "cognito-idp:ListUserPoolClients",
      "cognito-idp:DescribeUserPoolClient",
    ],
    related: [],
    verdicts: [
      "pass: the app client allows no client-side plaintext password flow; server-side admin password flows (signed with IAM credentials) pass with a note.",
      "warn: the client allows ALLOW_USER_PASSWORD_AUTH (or legacy USER_PASSWORD_AUTH), so Cognito receives the password instead of an SRP proof.",
      "error: the pool's app clients could not be listed or described.",
    ],
  },
  evaluate(inventory) {
    return appClients(inventory).map(({ pool, client, arn }): ResourceResult => {
      const flows = client.explicitAuthFlows;
      const base = {
        resourceArn: arn,
        resourceType: RESOURCE_TYPE,
        region: client.region,
        evidence: { explicitAuthFlows: flows },
      };
      const name = `App client ${client.clientId} of user pool ${pool.id}`;
      const choiceNote = flows.includes(CHOICE_BASED_FLOW)
        ? "; note that choice-based sign-in (ALLOW_USER_AUTH) can also accept a password as a factor"
        : "";
      const plaintext = flows.filter((flow) => PLAINTEXT_PASSWORD_FLOWS.includes(flow));
      if (plaintext.length > 0) {
        return {
          ...base,
          status: "warn",
          reason: `${name} allows ${plaintext.join(" and ")}, so Amazon Cognito receives the password in the request instead of through the SRP protocol${choiceNote}.`,
        };
      }
      const admin = flows.filter((flow) => ADMIN_PASSWORD_FLOWS.includes(flow));
      if (admin.length > 0) {
        return {
          ...base,
          status: "pass",
          reason: `${name} sends passwords only through the server-side ${admin.join(" and ")} flow, whose calls are signed with IAM credentials, though the password still reaches Cognito${choiceNote}.`,
        };
      }
      return {
        ...base,
        status: "pass",
        reason: `${name} allows no plaintext password flow${choiceNote}.`,
      };
    });
  },
};
