import type {
  AppClient,
  CognitoRegionInventory,
  IamInventory,
  IamRole,
  IdentityPool,
  Inventory,
  ManagedPolicy,
  UserPool,
} from "../index";
import { buildInventory, TEST_ACCOUNT, TEST_REGION } from "./common";

export const COGNITO_TEST_POOL_ID = `${TEST_REGION}_Ab12Cd34E`;
export const COGNITO_TEST_CLIENT_ID = "4example1client2id3abcdefgh";
export const COGNITO_TEST_IDENTITY_POOL_ID = `${TEST_REGION}:1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d`;
export const COGNITO_TEST_GUEST_ROLE_ARN = `arn:aws:iam::${TEST_ACCOUNT}:role/Cognito_AppUnauth_Role`;

export function buildCognitoRegion(overrides: Partial<CognitoRegionInventory> = {}): CognitoRegionInventory {
  return { region: TEST_REGION, userPools: [], identityPools: [], ...overrides };
}

/** An inventory holding one Cognito region; `inventory` adds other parts (e.g. `iam`). */
export function cognitoInventory(
  region: Partial<CognitoRegionInventory>,
  inventory: Partial<Inventory> = {},
): Inventory {
  return buildInventory({
    services: ["cognito"],
    cognito: { regions: [buildCognitoRegion(region)] },
    ...inventory,
  });
}

/** A web app client: SRP sign-in, authorization code grant, existence errors hidden. */
export function cognitoAppClient(overrides: Partial<AppClient> = {}): AppClient {
  return {
    clientId: COGNITO_TEST_CLIENT_ID,
    name: "web",
    userPoolId: COGNITO_TEST_POOL_ID,
    region: TEST_REGION,
    explicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    allowedOAuthFlows: ["code"],
    allowedOAuthFlowsUserPoolClient: true,
    callbackUrls: ["https://app.example.com/callback"],
    logoutUrls: ["https://app.example.com/"],
    supportedIdentityProviders: ["COGNITO"],
    preventUserExistenceErrors: "ENABLED",
    enableTokenRevocation: true,
    hasSecret: false,
    ...overrides,
  };
}

/** Threat protection challenging medium and high risks and blocking compromised credentials. */
export const ACTING_RISK_CONFIGURATION = {
  lowAction: "NO_ACTION",
  mediumAction: "MFA_IF_CONFIGURED",
  highAction: "MFA_REQUIRED",
  compromisedCredentialsAction: "BLOCK",
};

/**
 * A well-configured Plus-tier pool: MFA required with TOTP, threat protection enforced and acting on
 * risky sign-ins, no custom authentication trigger, logs exported.
 */
export function cognitoUserPool(overrides: Partial<UserPool> = {}): UserPool {
  const id = overrides.id ?? COGNITO_TEST_POOL_ID;
  const region = overrides.region ?? TEST_REGION;
  return {
    id,
    name: "customers",
    arn: `arn:aws:cognito-idp:${region}:${TEST_ACCOUNT}:userpool/${id}`,
    region,
    mfaConfiguration: "ON",
    mfaFactors: { sms: false, softwareToken: true, email: false, webAuthn: false },
    deletionProtection: "ACTIVE",
    advancedSecurityMode: "ENFORCED",
    userPoolTier: "PLUS",
    // As collected: the risk configuration is read only for pools that enforce threat protection.
    ...(("advancedSecurityMode" in overrides ? overrides.advancedSecurityMode : "ENFORCED") === "ENFORCED" && {
      riskConfiguration: { ...ACTING_RISK_CONFIGURATION },
    }),
    customAuthTrigger: false,
    keyConfiguration: { keyType: "AWS_OWNED_KEY" },
    tags: [],
    estimatedNumberOfUsers: 0,
    logConfigurations: [{ eventSource: "userAuthEvents", logLevel: "INFO", destination: "cloudwatch-logs" }],
    clients: [cognitoAppClient({ userPoolId: id, region })],
    ...overrides,
  };
}

/** An identity pool without guest access, using the enhanced flow. */
export function cognitoIdentityPool(overrides: Partial<IdentityPool> = {}): IdentityPool {
  const id = overrides.id ?? COGNITO_TEST_IDENTITY_POOL_ID;
  const region = overrides.region ?? TEST_REGION;
  return {
    id,
    name: "app_identities",
    arn: `arn:aws:cognito-identity:${region}:${TEST_ACCOUNT}:identitypool/${id}`,
    region,
    allowUnauthenticatedIdentities: false,
    allowClassicFlow: false,
    tags: [],
    ...overrides,
  };
}

/** The IAM role guests of an identity pool assume; by default it may only put analytics events. */
export function cognitoGuestRole(overrides: Partial<IamRole> = {}): IamRole {
  return {
    name: "Cognito_AppUnauth_Role",
    arn: COGNITO_TEST_GUEST_ROLE_ARN,
    inlinePolicies: [
      {
        name: "guest-analytics",
        statements: [
          { effect: "Allow", actions: ["mobiletargeting:PutEvents"], resources: ["*"], hasCondition: false },
        ],
      },
    ],
    attachedPolicies: [],
    tags: [],
    ...overrides,
  };
}

/** IAM data as GetAccountAuthorizationDetails would give it, holding just these roles and policies. */
export function cognitoIamInventory(roles: IamRole[], policies: ManagedPolicy[] = []): IamInventory {
  return { authorization: { users: [], groups: [], roles, policies } };
}
