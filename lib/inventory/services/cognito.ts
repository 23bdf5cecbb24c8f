/** Amazon Cognito (user pools and identity pools), described once for the cross-cutting code (see ./types.ts). */
import { SERVICE_NAMES } from "../common";
import type { AppClient, UserPool } from "../cognito";
import type { Inventory } from "../index";
import { appClientArn, present, push, pushTags, pushUrls, NOT_WALKED, type FieldResource } from "./fields";
import type { ServiceDescriptor, TextField } from "./types";

/** An app client as a field's resource: it has no ARN, so a pseudo-ARN under its pool's. */
function appClientResource(pool: UserPool, client: AppClient): FieldResource {
  return {
    resourceArn: appClientArn(pool.arn, client.clientId),
    resourceType: "App client",
    region: client.region,
    resourceName: client.name,
  };
}

function textFields(inventory: Inventory): TextField[] {
  const into: TextField[] = [];
  for (const region of inventory.cognito?.regions ?? []) {
    for (const pool of region.userPools) {
      const resource = {
        resourceArn: pool.arn,
        resourceType: "User pool",
        region: pool.region,
        resourceName: pool.name,
      };
      push(into, resource, "Name", pool.name);
      pushTags(into, resource, pool.tags);
      push(into, resource, "Domain", pool.domain);
      push(into, resource, "CustomDomain", pool.customDomain);
      for (const client of pool.clients ?? []) {
        push(into, appClientResource(pool, client), "ClientName", client.name);
      }
    }
    for (const pool of region.identityPools) {
      const resource = {
        resourceArn: pool.arn,
        resourceType: "Identity pool",
        region: pool.region,
        resourceName: pool.name,
      };
      push(into, resource, "IdentityPoolName", pool.name);
      pushTags(into, resource, pool.tags);
    }
  }
  return into;
}

/** Callback, logout and default redirect URLs of the app clients. */
function urlFields(inventory: Inventory): TextField[] {
  const into: TextField[] = [];
  for (const region of inventory.cognito?.regions ?? []) {
    for (const pool of region.userPools) {
      for (const client of pool.clients ?? []) {
        const resource = appClientResource(pool, client);
        pushUrls(into, resource, "CallbackURLs", client.callbackUrls);
        pushUrls(into, resource, "LogoutURLs", client.logoutUrls);
        push(into, resource, "DefaultRedirectURI", client.defaultRedirectUri);
      }
    }
  }
  return into;
}

export const cognito: ServiceDescriptor = {
  id: "cognito",
  name: SERVICE_NAMES.cognito,
  part: "cognito",
  iamPrefixes: ["cognito-idp", "cognito-identity"],
  taggedResourceTypes: ["cognito-idp", "cognito-identity"],
  textFields,
  urlFields,
  textFieldActions: [
    "cognito-idp:ListUserPools",
    "cognito-idp:DescribeUserPool",
    "cognito-idp:ListUserPoolClients",
    "cognito-idp:DescribeUserPoolClient",
    "cognito-identity:ListIdentityPools",
    "cognito-identity:DescribeIdentityPool",
  ],
  urlFieldActions: ["cognito-idp:ListUserPoolClients", "cognito-idp:DescribeUserPoolClient"],
  textFieldExemptions: {
    "regions[].region": NOT_WALKED.region,
    "regions[].userPools[].id": NOT_WALKED.awsId,
    "regions[].userPools[].arn": NOT_WALKED.arn,
    "regions[].userPools[].region": NOT_WALKED.region,
    "regions[].userPools[].mfaConfiguration": NOT_WALKED.awsValue,
    "regions[].userPools[].deletionProtection": NOT_WALKED.awsValue,
    "regions[].userPools[].advancedSecurityMode": NOT_WALKED.awsValue,
    "regions[].userPools[].userPoolTier": NOT_WALKED.awsValue,
    "regions[].userPools[].riskConfiguration": NOT_WALKED.awsValue,
    "regions[].userPools[].keyConfiguration.keyType": NOT_WALKED.awsValue,
    "regions[].userPools[].keyConfiguration.kmsKeyArn": NOT_WALKED.key,
    "regions[].userPools[].logConfigurations": NOT_WALKED.awsValue,
    "regions[].userPools[].clients[].clientId": NOT_WALKED.awsId,
    "regions[].userPools[].clients[].userPoolId": NOT_WALKED.awsId,
    "regions[].userPools[].clients[].region": NOT_WALKED.region,
    "regions[].userPools[].clients[].explicitAuthFlows[]": NOT_WALKED.awsValue,
    "regions[].userPools[].clients[].allowedOAuthFlows[]": NOT_WALKED.awsValue,
    "regions[].userPools[].clients[].preventUserExistenceErrors": NOT_WALKED.awsValue,
    "regions[].userPools[].clients[].supportedIdentityProviders[]":
      "not walked yet: COGNITO or the name of an identity provider configured in the pool (ListIdentityProviders is not collected)",
    "regions[].identityPools[].id": NOT_WALKED.awsId,
    "regions[].identityPools[].arn": NOT_WALKED.arn,
    "regions[].identityPools[].region": NOT_WALKED.region,
    "regions[].identityPools[].roles": NOT_WALKED.role,
  },
  tls: {
    sources: [
      { eventSource: "cognito-idp.amazonaws.com", sampleEventName: "ListUserPools" },
      { eventSource: "cognito-identity.amazonaws.com", sampleEventName: "ListIdentityPools" },
    ],
    regionsWithResources: (inventory) =>
      (inventory.cognito?.regions ?? [])
        .filter((r) => r.userPools.length + r.identityPools.length > 0)
        .map((r) => r.region),
    reads: ["cognito.regions[].region", "cognito.regions[].userPools", "cognito.regions[].identityPools"],
  },
  fips: [
    {
      id: "cognito-idp",
      name: "Amazon Cognito user pools",
      eventSource: "cognito-idp.amazonaws.com",
      scannedAs: "cognito",
      global: false,
      fipsEndpoints: {
        aws: {
          "us-east-1": "cognito-idp-fips.us-east-1.amazonaws.com",
          "us-east-2": "cognito-idp-fips.us-east-2.amazonaws.com",
          "us-west-1": "cognito-idp-fips.us-west-1.amazonaws.com",
          "us-west-2": "cognito-idp-fips.us-west-2.amazonaws.com",
        },
        "aws-us-gov": {
          "us-gov-west-1": "cognito-idp-fips.us-gov-west-1.amazonaws.com",
        },
      },
    },
    {
      id: "cognito-identity",
      name: "Amazon Cognito identity pools",
      eventSource: "cognito-identity.amazonaws.com",
      scannedAs: "cognito",
      global: false,
      fipsEndpoints: {
        aws: {
          "us-east-1": "cognito-identity-fips.us-east-1.amazonaws.com",
          "us-east-2": "cognito-identity-fips.us-east-2.amazonaws.com",
          "us-west-1": "cognito-identity-fips.us-west-1.amazonaws.com",
          "us-west-2": "cognito-identity-fips.us-west-2.amazonaws.com",
        },
        "aws-us-gov": {
          "us-gov-west-1": "cognito-identity-fips.us-gov-west-1.amazonaws.com",
        },
      },
    },
  ],
  arnLabels: {
    services: { "cognito-idp": "Cognito" },
    resourceTypes: {
      "cognito-idp:userpool": "User pool",
      "cognito-identity:identitypool": "Identity pool",
    },
    kinds: { "cognito-idp:userpool": "user pool" },
  },
  references: {
    keyUses: (inventory) =>
      (inventory.cognito?.regions ?? []).flatMap((region) =>
        region.userPools.map((pool) => ({
          keyId: pool.keyConfiguration?.kmsKeyArn,
          region: pool.region,
          reference: { service: "cognito" as const, resourceArn: pool.arn },
        })),
      ),
    reads: ["cognito.regions[].userPools"],
  },
  names(inventory, into) {
    for (const region of inventory.cognito?.regions ?? []) {
      for (const pool of region.userPools) {
        into.add(pool.arn, present(pool.name) ? pool.name : pool.id, pool.tags);
        for (const client of pool.clients ?? []) {
          // Controls name an app client `<pool ARN>/client/<client id>`: app clients have no ARN of their own.
          into.add(appClientArn(pool.arn, client.clientId), present(client.name) ? client.name : client.clientId);
        }
      }
      for (const pool of region.identityPools) into.add(pool.arn, present(pool.name) ? pool.name : pool.id, pool.tags);
    }
  },
  inventorySources: {
    "cognito.regions[].region": [],
    // A user pool whose DescribeUserPool fails is dropped, so the pools list both calls.
    "cognito.regions[].userPools": ["cognito-idp:ListUserPools", "cognito-idp:DescribeUserPool"],
    "cognito.regions[].identityPools": ["cognito-identity:ListIdentityPools", "cognito-identity:DescribeIdentityPool"],
  },
};
