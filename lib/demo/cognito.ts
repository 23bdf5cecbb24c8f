/**
 * The demo account's Amazon Cognito part: customer and workforce user pools with their app clients,
 * and identity pools, in us-east-1, eu-west-1 and ap-southeast-2. Every other scanned region was
 * listed (ListUserPools, ListIdentityPools) and is empty.
 */
import type { AppClient, CognitoInventory, CognitoRegionInventory, IdentityPool, UserPool } from "@/lib/inventory";
import { AP_SOUTHEAST_2, DEMO_ACCOUNT_ID, DEMO_REGIONS, EU_WEST_1, KEYS, ROLES, US_EAST_1 } from "./ids";

function userPoolArn(region: string, id: string): string {
  return `arn:aws:cognito-idp:${region}:${DEMO_ACCOUNT_ID}:userpool/${id}`;
}

function identityPoolArn(region: string, id: string): string {
  return `arn:aws:cognito-identity:${region}:${DEMO_ACCOUNT_ID}:identitypool/${id}`;
}

/** A well-configured client: SRP and refresh tokens, code grant, generic errors, revocation on. */
function client(
  pool: { id: string; region: string },
  clientId: string,
  name: string,
  parts: Partial<AppClient>,
): AppClient {
  return {
    clientId,
    name,
    userPoolId: pool.id,
    region: pool.region,
    explicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    allowedOAuthFlows: ["code"],
    allowedOAuthFlowsUserPoolClient: true,
    callbackUrls: [],
    logoutUrls: [],
    supportedIdentityProviders: ["COGNITO"],
    preventUserExistenceErrors: "ENABLED",
    enableTokenRevocation: true,
    hasSecret: false,
    ...parts,
  };
}

/**
 * A JSON Web Token shape (header.payload.signature) with a harmless payload and a fake signature:
 * {"alg":"HS256","typ":"JWT"} . {"sub":"demo-shopper","iss":"northwind-demo"} . "signature-not-real".
 */
const FAKE_JWT =
  "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJkZW1vLXNob3BwZXIiLCJpc3MiOiJub3J0aHdpbmQtZGVtbyJ9.c2lnbmF0dXJlLW5vdC1yZWFs";

// ---------------------------------------------------------------------------------------------
// us-east-1
// ---------------------------------------------------------------------------------------------
const CUSTOMERS = { id: "us-east-1_Xk82mPqR3", region: US_EAST_1 };
const WORKFORCE = { id: "us-east-1_Lw4nTd7Qe", region: US_EAST_1 };

/**
 * The storefront's customer pool. Plus tier with threat protection enforced, deletion protection on,
 * a customer managed key, logs exported; but MFA is only optional (warning).
 */
const northwindCustomers: UserPool = {
  id: CUSTOMERS.id,
  name: "northwind-customers",
  arn: userPoolArn(US_EAST_1, CUSTOMERS.id),
  region: US_EAST_1,
  mfaConfiguration: "OPTIONAL",
  mfaFactors: { sms: false, softwareToken: true, email: true, webAuthn: true },
  deletionProtection: "ACTIVE",
  advancedSecurityMode: "ENFORCED",
  userPoolTier: "PLUS",
  // Risky sign-ins are challenged or blocked and compromised passwords blocked: threat protection passes.
  riskConfiguration: {
    lowAction: "NO_ACTION",
    mediumAction: "MFA_IF_CONFIGURED",
    highAction: "BLOCK",
    compromisedCredentialsAction: "BLOCK",
  },
  customAuthTrigger: false,
  keyConfiguration: { keyType: "CUSTOMER_MANAGED_KEY", kmsKeyArn: KEYS.cognitoCustomersUse1 },
  tags: [
    { key: "team", value: "identity" },
    { key: "data-classification", value: "customer-pii" },
  ],
  domain: "northwind-customers",
  customDomain: "auth.northwind-retail.com",
  estimatedNumberOfUsers: 1284511,
  logConfigurations: [
    { eventSource: "userNotification", logLevel: "ERROR", destination: "cloudwatch-logs" },
    { eventSource: "userAuthEvents", logLevel: "INFO", destination: "firehose" },
  ],
  clients: [
    // The web storefront: everything right.
    client(CUSTOMERS, "3n4b5urk1ft4fl3mg5e62d9ado", "storefront-web", {
      callbackUrls: ["https://www.northwind-retail.com/auth/callback"],
      logoutUrls: ["https://www.northwind-retail.com/"],
      defaultRedirectUri: "https://www.northwind-retail.com/auth/callback",
    }),
    // The iOS app: code grant with PKCE to a custom scheme.
    client(CUSTOMERS, "6qg2h0rs8vkpl1c9n7m3e5tjba", "storefront-ios", {
      callbackUrls: ["northwind://auth/callback"],
      logoutUrls: ["northwind://auth/signed-out"],
    }),
    // A 2019 checkout widget: implicit grant (fails), plaintext password flow (warning), user
    // existence errors on (warning).
    client(CUSTOMERS, "1k7d3f9p2w8r5t0y4u6i2o9e1q", "legacy-checkout-widget", {
      explicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      allowedOAuthFlows: ["implicit"],
      callbackUrls: [
        "https://checkout.northwind-retail.com/widget/return",
        // planted for the detector demo: a token baked into a callback URL (xc.credentials-in-urls fails).
        `https://checkout.northwind-retail.com/widget/return?access_token=${FAKE_JWT}`,
      ],
      logoutUrls: ["https://checkout.northwind-retail.com/widget/"],
      preventUserExistenceErrors: "LEGACY",
    }),
  ],
};

/**
 * Back-office staff sign in through the corporate IdP only: the one client allows no local sign-in
 * flow (refresh tokens only) and offers no COGNITO provider, so MFA is the IdP's job (not applicable
 * here). Essentials tier (no threat protection); logs not exported (warning).
 */
const northwindWorkforce: UserPool = {
  id: WORKFORCE.id,
  name: "northwind-workforce",
  arn: userPoolArn(US_EAST_1, WORKFORCE.id),
  region: US_EAST_1,
  mfaConfiguration: "OFF",
  deletionProtection: "ACTIVE",
  advancedSecurityMode: "OFF",
  userPoolTier: "ESSENTIALS",
  customAuthTrigger: false,
  keyConfiguration: { keyType: "AWS_OWNED_KEY" },
  tags: [{ key: "team", value: "identity" }],
  domain: "northwind-workforce",
  estimatedNumberOfUsers: 2140,
  logConfigurations: [],
  clients: [
    client(WORKFORCE, "5h8j2k4l6z0x9c7v3b1n5m8a2s", "backoffice-portal", {
      explicitAuthFlows: ["ALLOW_REFRESH_TOKEN_AUTH"],
      callbackUrls: ["https://backoffice.northwind-retail.com/oauth2/idpresponse"],
      logoutUrls: ["https://backoffice.northwind-retail.com/signed-out"],
      supportedIdentityProviders: ["NorthwindOkta"],
      hasSecret: true,
    }),
  ],
};

const usEast1: CognitoRegionInventory = {
  region: US_EAST_1,
  userPools: [northwindCustomers, northwindWorkforce],
  identityPools: [
    // Loyalty app: guests can send clickstream events (guest access on, role scoped: warning).
    {
      id: "us-east-1:1c2a7f4e-9b3d-4e85-a6f0-d2c81b5e7a39",
      name: "northwind_loyalty_app",
      arn: identityPoolArn(US_EAST_1, "us-east-1:1c2a7f4e-9b3d-4e85-a6f0-d2c81b5e7a39"),
      region: US_EAST_1,
      allowUnauthenticatedIdentities: true,
      allowClassicFlow: false,
      tags: [{ key: "app", value: "loyalty" }],
      roles: { authenticated: ROLES.loyaltyAppAuthenticated, unauthenticated: ROLES.loyaltyAppGuest },
    },
    // Signed-in storefront users only, enhanced flow: passes both identity pool controls.
    {
      id: "us-east-1:8e5d3b1a-6c4f-4a27-9d0e-f7b2a8c9e146",
      name: "storefront_signed_in",
      arn: identityPoolArn(US_EAST_1, "us-east-1:8e5d3b1a-6c4f-4a27-9d0e-f7b2a8c9e146"),
      region: US_EAST_1,
      allowUnauthenticatedIdentities: false,
      allowClassicFlow: false,
      tags: [{ key: "app", value: "storefront" }],
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// eu-west-1
// ---------------------------------------------------------------------------------------------
const CUSTOMERS_EU = { id: "eu-west-1_Rb6vJk2Wn", region: EU_WEST_1 };
const SMS_PILOT = { id: "eu-west-1_Hq9sFz3Yc", region: EU_WEST_1 };

/** EU customers: MFA required with TOTP/passkeys (passes); threat protection only audits and deletion protection is off (warnings). */
const northwindCustomersEu: UserPool = {
  id: CUSTOMERS_EU.id,
  name: "northwind-customers-eu",
  arn: userPoolArn(EU_WEST_1, CUSTOMERS_EU.id),
  region: EU_WEST_1,
  mfaConfiguration: "ON",
  mfaFactors: { sms: false, softwareToken: true, email: false, webAuthn: true },
  deletionProtection: "INACTIVE",
  advancedSecurityMode: "AUDIT",
  userPoolTier: "PLUS",
  customAuthTrigger: false,
  keyConfiguration: { keyType: "AWS_OWNED_KEY" },
  tags: [{ key: "team", value: "identity" }],
  domain: "northwind-customers-eu",
  customDomain: "auth.northwind-retail.eu",
  estimatedNumberOfUsers: 418203,
  logConfigurations: [{ eventSource: "userAuthEvents", logLevel: "INFO", destination: "s3" }],
  clients: [
    client(CUSTOMERS_EU, "2p5o8i1u4y7t0r3e6w9q2a5s8d", "storefront-web-eu", {
      callbackUrls: ["https://www.northwind-retail.eu/auth/callback"],
      logoutUrls: ["https://www.northwind-retail.eu/"],
      defaultRedirectUri: "https://www.northwind-retail.eu/auth/callback",
    }),
    // Server-side partner portal: admin password flow only (passes with a note), secret held server-side.
    client(CUSTOMERS_EU, "7f0g3h6j9k2l5z8x1c4v7b0n3m", "partner-portal-eu", {
      explicitAuthFlows: ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      callbackUrls: ["https://partners.northwind-retail.eu/sso/callback"],
      hasSecret: true,
    }),
  ],
};

/** Loyalty-by-text pilot: MFA required but SMS is the only factor (warning); Lite tier, no logs. */
const loyaltySmsPilot: UserPool = {
  id: SMS_PILOT.id,
  name: "loyalty-sms-pilot",
  arn: userPoolArn(EU_WEST_1, SMS_PILOT.id),
  region: EU_WEST_1,
  mfaConfiguration: "ON",
  mfaFactors: { sms: true, softwareToken: false, email: false, webAuthn: false },
  deletionProtection: "INACTIVE",
  advancedSecurityMode: "OFF",
  userPoolTier: "LITE",
  customAuthTrigger: false,
  keyConfiguration: { keyType: "AWS_OWNED_KEY" },
  tags: [
    { key: "team", value: "loyalty" },
    { key: "expires", value: "2027-01-31" },
  ],
  estimatedNumberOfUsers: 3120,
  logConfigurations: [],
  clients: [
    client(SMS_PILOT, "4d7f0h3j6k9l2z5x8c1v4b7n0m", "loyalty-sms-web", {
      callbackUrls: ["https://loyalty.northwind-retail.eu/callback"],
    }),
  ],
};

const euWest1: CognitoRegionInventory = {
  region: EU_WEST_1,
  userPools: [northwindCustomersEu, loyaltySmsPilot],
  identityPools: [],
};

// ---------------------------------------------------------------------------------------------
// ap-southeast-2
// ---------------------------------------------------------------------------------------------
const CUSTOMERS_AU = { id: "ap-southeast-2_Nc5tGm8Vx", region: AP_SOUTHEAST_2 };

/** AU customers: MFA off (fails); the web client still uses the plaintext password flow from the old IdP migration (warning). */
const northwindCustomersAu: UserPool = {
  id: CUSTOMERS_AU.id,
  name: "northwind-customers-au",
  arn: userPoolArn(AP_SOUTHEAST_2, CUSTOMERS_AU.id),
  region: AP_SOUTHEAST_2,
  mfaConfiguration: "OFF",
  deletionProtection: "ACTIVE",
  advancedSecurityMode: "OFF",
  userPoolTier: "ESSENTIALS",
  customAuthTrigger: false,
  keyConfiguration: { keyType: "AWS_OWNED_KEY" },
  tags: [{ key: "team", value: "identity" }],
  domain: "northwind-customers-au",
  customDomain: "auth.northwind-retail.com.au",
  estimatedNumberOfUsers: 96544,
  logConfigurations: [{ eventSource: "userNotification", logLevel: "ERROR", destination: "cloudwatch-logs" }],
  clients: [
    client(CUSTOMERS_AU, "9z2x5c8v1b4n7m0a3s6d9f2g5h", "storefront-web-au", {
      explicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      callbackUrls: ["https://www.northwind-retail.com.au/auth/callback"],
      logoutUrls: ["https://www.northwind-retail.com.au/"],
      enableTokenRevocation: false,
    }),
  ],
};

/** The AU store locator lets guests in through the basic (classic) flow with an `s3:*` role: fails. */
const storeLocatorAu: IdentityPool = {
  id: "ap-southeast-2:4b9e2d7c-1a6f-4c38-b5e0-8d3f6a2c9e71",
  name: "store_locator_au",
  arn: identityPoolArn(AP_SOUTHEAST_2, "ap-southeast-2:4b9e2d7c-1a6f-4c38-b5e0-8d3f6a2c9e71"),
  region: AP_SOUTHEAST_2,
  allowUnauthenticatedIdentities: true,
  allowClassicFlow: true,
  tags: [{ key: "app", value: "store-locator" }],
  roles: { unauthenticated: ROLES.storeLocatorAuGuest },
};

const apSoutheast2: CognitoRegionInventory = {
  region: AP_SOUTHEAST_2,
  userPools: [northwindCustomersAu],
  identityPools: [storeLocatorAu],
};

const populated = new Map([usEast1, euWest1, apSoutheast2].map((r) => [r.region, r]));

export const demoCognito: CognitoInventory = {
  // Cognito is offered in every scanned region; the ones without pools were listed and found empty.
  regions: DEMO_REGIONS.map((region) => populated.get(region) ?? { region, userPools: [], identityPools: [] }),
};
