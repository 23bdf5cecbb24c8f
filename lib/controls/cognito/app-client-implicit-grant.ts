import type { Control, ResourceResult } from "../types";
import { appClients } from "./scope";

const RESOURCE_TYPE = "App client";

export const control: Control = {
  meta: {
    id: "cognito.app-client-implicit-grant",
    service: "cognito",
    title: "App clients don't use the OAuth implicit grant (tokens in URLs)",
    severity: "medium",
    responsibility: "customer",
    recommendation: "urls",
    seed: {
      file: "001_38261b1fc1dc3dcd.txt",
      quote:
        "When you provide a URL to an external server, don't include credentials information in the URL to validate your request to that server.",
    },
    resourceType: RESOURCE_TYPE,
    remediation: {
      text: "Switch the app client to the authorization code grant with PKCE and remove implicit from its allowed OAuth flows, so tokens are no longer appended to the redirect URL.",
      url: "https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html",
    },
    docs: [
      "https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html",
      "https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-app-idp-settings.html",
    ],
    requires: [
      "cognito-idp:ListUserPools",
      "cognito-idp:DescribeUserPool",
      "cognito-idp:ListUserPoolClients",
      "cognito-idp:DescribeUserPoolClient",
    ],
    related: [],
    verdicts: [
      "pass: the app client does not allow the OAuth implicit grant, or lists it with OAuth flows switched off.",
      "fail: OAuth flows are on and the implicit grant is allowed, so tokens travel in the redirect URL.",
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
          allowedOAuthFlows: client.allowedOAuthFlows,
          allowedOAuthFlowsUserPoolClient: client.allowedOAuthFlowsUserPoolClient,
        },
      };
      const name = `App client ${client.clientId} of user pool ${pool.id}`;
      const implicit = client.allowedOAuthFlows.includes("implicit");
      if (client.allowedOAuthFlowsUserPoolClient && implicit) {
        return {
          ...base,
          status: "fail",
          reason: `${name} allows the OAuth implicit grant, which puts tokens in the redirect URL where browsers, logs and referrers can expose them.`,
        };
      }
      // The OAuth flows take effect only when AllowedOAuthFlowsUserPoolClient is true.
      return {
        ...base,
        status: "pass",
        reason: implicit
          ? `${name} lists the implicit grant but has OAuth flows switched off, so no token is issued in a URL.`
          : `${name} does not allow the OAuth implicit grant.`,
      };
    });
  },
};
