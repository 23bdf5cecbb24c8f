import {
  CognitoIdentityProviderClient,
  DescribeRiskConfigurationCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  GetLogDeliveryConfigurationCommand,
  ListUserPoolsCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { CognitoIdentityClient, DescribeIdentityPoolCommand } from "@aws-sdk/client-cognito-identity";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectCognitoWithClients } from "@/lib/aws/cognito/collect";
import type { CognitoRegionInventory, Inventory } from "@/lib/inventory";
import {
  buildCognitoRegion,
  buildInventory,
  cognitoAppClient,
  cognitoIdentityPool,
  cognitoUserPool,
  COGNITO_TEST_GUEST_ROLE_ARN,
  TEST_ACCOUNT,
  TEST_REGION,
} from "@/lib/inventory/builders";
import { startFakeAws, type FakeAws } from "../server";
import type { Scenario } from "../types";
import { cognitoIdentity, cognitoIdp, FAKE_CLIENT_SECRET } from "./cognito";
import { FAKE_SERVICES } from "./index";

const OTHER_REGION = "eu-west-1";
const CONTEXT = { accountId: TEST_ACCOUNT, partition: "aws" };

const fullPool = cognitoUserPool({
  id: `${TEST_REGION}_Full1234`,
  name: "customers",
  mfaConfiguration: "ON",
  mfaFactors: { sms: true, softwareToken: true, email: true, webAuthn: true },
  keyConfiguration: {
    keyType: "CUSTOMER_MANAGED_KEY",
    kmsKeyArn: `arn:aws:kms:${TEST_REGION}:${TEST_ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
  },
  tags: [
    { key: "team", value: "identity" },
    { key: "env", value: "prod" },
  ],
  domain: "customers-auth",
  customDomain: "auth.example.com",
  estimatedNumberOfUsers: 1200,
  logConfigurations: [
    { eventSource: "userNotification", logLevel: "ERROR", destination: "cloudwatch-logs" },
    { eventSource: "userAuthEvents", logLevel: "INFO", destination: "s3" },
    { eventSource: "userAuthEvents", logLevel: "INFO", destination: "firehose" },
    { eventSource: "userAuthEvents", logLevel: "INFO", destination: "unknown" },
  ],
  clients: [
    cognitoAppClient({ clientId: "webclient0000000000000001", userPoolId: `${TEST_REGION}_Full1234` }),
    cognitoAppClient({
      clientId: "serverclient000000000002",
      name: "backend",
      userPoolId: `${TEST_REGION}_Full1234`,
      explicitAuthFlows: [],
      allowedOAuthFlows: ["client_credentials"],
      callbackUrls: [],
      logoutUrls: [],
      defaultRedirectUri: "https://api.example.com/cb",
      preventUserExistenceErrors: "LEGACY",
      enableTokenRevocation: false,
      hasSecret: true,
    }),
  ],
});

/** MFA off (so no factors are asked), nothing optional set, no clients, no log delivery. */
const barePool = cognitoUserPool({
  id: `${TEST_REGION}_Bare5678`,
  name: "",
  mfaConfiguration: "OFF",
  mfaFactors: undefined,
  deletionProtection: "INACTIVE",
  advancedSecurityMode: undefined,
  userPoolTier: undefined,
  keyConfiguration: undefined,
  estimatedNumberOfUsers: undefined,
  logConfigurations: [],
  clients: [],
});

const optionalMfaPool = cognitoUserPool({
  id: `${TEST_REGION}_Opt9012`,
  name: "partners",
  mfaConfiguration: "OPTIONAL",
  mfaFactors: { sms: true, softwareToken: false, email: false, webAuthn: false },
  advancedSecurityMode: "AUDIT",
  userPoolTier: "ESSENTIALS",
  clients: [cognitoAppClient({ clientId: "partnerclient00000000003", userPoolId: `${TEST_REGION}_Opt9012` })],
});

const guestPool = cognitoIdentityPool({
  id: `${TEST_REGION}:00000000-0000-4000-8000-000000000001`,
  name: "guests",
  allowUnauthenticatedIdentities: true,
  allowClassicFlow: true,
  roles: {
    authenticated: `arn:aws:iam::${TEST_ACCOUNT}:role/Cognito_AppAuth_Role`,
    unauthenticated: COGNITO_TEST_GUEST_ROLE_ARN,
  },
});
const guestOnlyPool = cognitoIdentityPool({
  id: `${TEST_REGION}:00000000-0000-4000-8000-000000000002`,
  name: "guests_only",
  allowUnauthenticatedIdentities: true,
  roles: { authenticated: undefined, unauthenticated: COGNITO_TEST_GUEST_ROLE_ARN },
});
const privatePool = cognitoIdentityPool({
  id: `${TEST_REGION}:00000000-0000-4000-8000-000000000003`,
  name: "private",
  allowClassicFlow: undefined,
  tags: [{ key: "env", value: "prod" }],
});

const mainRegion = buildCognitoRegion({
  region: TEST_REGION,
  userPools: [fullPool, barePool, optionalMfaPool],
  identityPools: [guestPool, guestOnlyPool, privatePool],
});
const otherRegion = buildCognitoRegion({
  region: OTHER_REGION,
  userPools: [
    cognitoUserPool({
      id: `${OTHER_REGION}_Other123`,
      region: OTHER_REGION,
      clients: [cognitoAppClient({ userPoolId: `${OTHER_REGION}_Other123`, region: OTHER_REGION })],
    }),
  ],
  identityPools: [
    cognitoIdentityPool({ id: `${OTHER_REGION}:00000000-0000-4000-8000-00000000000a`, region: OTHER_REGION }),
  ],
});

function inventoryWith(...regions: CognitoRegionInventory[]): Inventory {
  return buildInventory({
    regions: regions.map((r) => r.region),
    services: ["cognito"],
    cognito: { regions },
  });
}

const baseScenario: Scenario = { inventory: inventoryWith(mainRegion, otherRegion) };

let fake: FakeAws;
const registered = { ...FAKE_SERVICES };

beforeAll(async () => {
  FAKE_SERVICES[cognitoIdp.model.signingName] = cognitoIdp;
  FAKE_SERVICES[cognitoIdentity.model.signingName] = cognitoIdentity;
  fake = await startFakeAws(baseScenario);
});

afterAll(async () => {
  await fake.close();
  for (const name of [cognitoIdp.model.signingName, cognitoIdentity.model.signingName]) {
    if (registered[name]) FAKE_SERVICES[name] = registered[name];
    else delete FAKE_SERVICES[name];
  }
});

const clientConfig = (region: string) => ({
  region,
  endpoint: fake.url,
  credentials: { accessKeyId: "test", secretAccessKey: "test" },
  maxAttempts: 1,
});

function clients(region: string) {
  return {
    userPools: new CognitoIdentityProviderClient(clientConfig(region)),
    identityPools: new CognitoIdentityClient(clientConfig(region)),
  };
}

function use(scenario: Scenario) {
  fake.setScenario(scenario);
  fake.reset();
}

const collect = (region: string) => collectCognitoWithClients(clients(region), region, CONTEXT);

describe("fake Cognito (cognito-idp + cognito-identity, awsJson1_1)", () => {
  it.each([mainRegion, otherRegion].map((r) => [r.region, r] as const))(
    "round-trips the Cognito inventory of %s through the real collector",
    async (region, expected) => {
      use(baseScenario);
      const { inventory, errors } = await collect(region);
      expect(errors).toEqual([]);
      expect(inventory).toEqual(expected);
    },
  );

  it("makes the calls the collector's budget allows, and nothing for a region without Cognito resources", async () => {
    use(baseScenario);
    await collect(TEST_REGION);
    expect(fake.counts()).toEqual({
      "cognito-idp:ListUserPools": 1,
      "cognito-idp:DescribeUserPool": 3,
      "cognito-idp:GetUserPoolMfaConfig": 2,
      // Only the pool that enforces threat protection.
      "cognito-idp:DescribeRiskConfiguration": 1,
      "cognito-idp:GetLogDeliveryConfiguration": 3,
      "cognito-idp:ListUserPoolClients": 3,
      "cognito-idp:DescribeUserPoolClient": 3,
      "cognito-identity:ListIdentityPools": 1,
      "cognito-identity:DescribeIdentityPool": 3,
      "cognito-identity:GetIdentityPoolRoles": 2,
    });

    fake.reset();
    const { inventory, errors } = await collect("ap-southeast-2");
    expect(errors).toEqual([]);
    expect(inventory).toEqual({ region: "ap-southeast-2", userPools: [], identityPools: [] });
    expect(fake.counts()).toEqual({ "cognito-idp:ListUserPools": 1, "cognito-identity:ListIdentityPools": 1 });
  });

  it("serves a client secret on the wire, which the collector drops", async () => {
    use(baseScenario);
    const raw = await clients(TEST_REGION).userPools.send(
      new DescribeUserPoolClientCommand({ UserPoolId: fullPool.id, ClientId: "serverclient000000000002" }),
    );
    expect(raw.UserPoolClient?.ClientSecret).toBe(FAKE_CLIENT_SECRET);
    expect(raw.UserPoolClient?.CreationDate).toEqual(new Date(baseScenario.inventory.startedAt));

    const result = await collect(TEST_REGION);
    expect(result.inventory.userPools[0]?.clients?.map((c) => c.hasSecret)).toEqual([false, true]);
    expect(JSON.stringify(result)).not.toContain(FAKE_CLIENT_SECRET);
  });

  // Some 650 calls through the local endpoint: more than the default 5 s on a busy machine.
  it("pages user pools, app clients and identity pools 60 at a time", { timeout: 30_000 }, async () => {
    const userPools = Array.from({ length: 130 }, (_, i) =>
      cognitoUserPool({
        ...barePool,
        id: `${TEST_REGION}_Page${String(i).padStart(4, "0")}`,
        arn: `arn:aws:cognito-idp:${TEST_REGION}:${TEST_ACCOUNT}:userpool/${TEST_REGION}_Page${String(i).padStart(4, "0")}`,
        name: `pool-${i}`,
      }),
    );
    const firstId = userPools[0]!.id;
    userPools[0] = {
      ...userPools[0]!,
      clients: Array.from({ length: 61 }, (_, i) =>
        cognitoAppClient({ clientId: `pagedclient${String(i).padStart(14, "0")}`, userPoolId: firstId }),
      ),
    };
    const identityPools = Array.from({ length: 61 }, (_, i) =>
      cognitoIdentityPool({ id: `${TEST_REGION}:00000000-0000-4000-8000-${String(i).padStart(12, "0")}` }),
    );
    const region = buildCognitoRegion({ userPools, identityPools });
    use({ inventory: inventoryWith(region) });

    const { inventory, errors } = await collect(TEST_REGION);

    expect(errors).toEqual([]);
    expect(inventory).toEqual(region);
    const counts = fake.counts();
    expect(counts["cognito-idp:ListUserPools"]).toBe(3);
    expect(counts["cognito-idp:ListUserPoolClients"]).toBe(130 + 1);
    expect(counts["cognito-idp:DescribeUserPoolClient"]).toBe(61);
    expect(counts["cognito-identity:ListIdentityPools"]).toBe(2);
  });

  it("serves threat protection's risk configuration and the custom authentication trigger", async () => {
    const silent = cognitoUserPool({
      id: `${TEST_REGION}_Silent01`,
      customAuthTrigger: true,
      riskConfiguration: {
        lowAction: "NO_ACTION",
        mediumAction: "NO_ACTION",
        highAction: "NO_ACTION",
        compromisedCredentialsAction: "NO_ACTION",
      },
      clients: [
        cognitoAppClient({
          clientId: "otpclient000000000000001",
          userPoolId: `${TEST_REGION}_Silent01`,
          explicitAuthFlows: ["ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        }),
      ],
    });
    const blockOnly = cognitoUserPool({
      id: `${TEST_REGION}_Block002`,
      riskConfiguration: { compromisedCredentialsAction: "BLOCK" },
      clients: [],
    });
    const region = buildCognitoRegion({ userPools: [silent, blockOnly, barePool] });
    use({ inventory: inventoryWith(region) });
    const idp = clients(TEST_REGION).userPools;

    const raw = await idp.send(new DescribeRiskConfigurationCommand({ UserPoolId: silent.id }));
    expect(raw.RiskConfiguration?.AccountTakeoverRiskConfiguration?.Actions?.HighAction).toEqual({
      EventAction: "NO_ACTION",
      Notify: false,
    });
    const described = await idp.send(new DescribeUserPoolCommand({ UserPoolId: silent.id }));
    expect(described.UserPool?.LambdaConfig?.DefineAuthChallenge).toMatch(/^arn:aws:lambda:us-east-1:\d{12}:function:/);
    // An app client is answered with what it inherits from the pool; an unknown one is not found.
    const inherited = await idp.send(
      new DescribeRiskConfigurationCommand({ UserPoolId: silent.id, ClientId: "otpclient000000000000001" }),
    );
    expect(inherited.RiskConfiguration?.ClientId).toBeUndefined();
    await expect(
      idp.send(new DescribeRiskConfigurationCommand({ UserPoolId: silent.id, ClientId: "nosuchclient" })),
    ).rejects.toMatchObject({ name: "ResourceNotFoundException" });
    // As Cognito answers a pool whose threat protection is off.
    await expect(idp.send(new DescribeRiskConfigurationCommand({ UserPoolId: barePool.id }))).rejects.toMatchObject({
      name: "UserPoolAddOnNotEnabledException",
    });

    fake.reset();
    const { inventory, errors } = await collect(TEST_REGION);
    expect(errors).toEqual([]);
    expect(inventory).toEqual(region);
    expect(fake.counts()["cognito-idp:DescribeRiskConfiguration"]).toBe(2);
  });

  it("rejects a page size above 60 as Cognito does", async () => {
    use(baseScenario);
    await expect(
      clients(TEST_REGION).userPools.send(new ListUserPoolsCommand({ MaxResults: 61 })),
    ).rejects.toMatchObject({ name: "InvalidParameterException" });
  });

  describe("injected faults", () => {
    it("access denied on log delivery keeps the pools, reports the action per pool, leaves the field undefined", async () => {
      use({ ...baseScenario, faults: [{ action: "cognito-idp:GetLogDeliveryConfiguration", kind: "access-denied" }] });
      const { inventory, errors } = await collect(TEST_REGION);
      expect(errors).toHaveLength(mainRegion.userPools.length);
      expect(errors).toEqual(
        expect.arrayContaining(
          mainRegion.userPools.map((pool) => ({
            service: "cognito",
            region: TEST_REGION,
            action: "cognito-idp:GetLogDeliveryConfiguration",
            kind: "access-denied",
            message: "insufficient permissions: cognito-idp:GetLogDeliveryConfiguration",
            resource: pool.id,
          })),
        ),
      );
      expect(inventory).toEqual({
        ...mainRegion,
        userPools: mainRegion.userPools.map((p) => ({ ...p, logConfigurations: undefined })),
      });
    });

    it("access denied on the user pool list keeps the identity pools", async () => {
      use({ ...baseScenario, faults: [{ action: "cognito-idp:ListUserPools", kind: "access-denied" }] });
      const { inventory, errors } = await collect(TEST_REGION);
      expect(errors).toEqual([expect.objectContaining({ action: "cognito-idp:ListUserPools", kind: "access-denied" })]);
      expect(inventory).toEqual({ ...mainRegion, userPools: [] });
    });

    it("throttling on identity pool describes drops those pools and names each one", async () => {
      use({ ...baseScenario, faults: [{ action: "cognito-identity:DescribeIdentityPool", kind: "throttle" }] });
      const { inventory, errors } = await collect(TEST_REGION);
      // The throttled describes finish in any order.
      expect(errors.map((e) => [e.action, e.kind, e.resource]).sort()).toEqual(
        mainRegion.identityPools.map((pool) => ["cognito-identity:DescribeIdentityPool", "throttled", pool.id]).sort(),
      );
      expect(inventory).toEqual({ ...mainRegion, identityPools: [] });
    });

    it("a server error on an app client describe leaves that pool's clients undefined", async () => {
      use({
        ...baseScenario,
        faults: [{ action: "cognito-idp:DescribeUserPoolClient", kind: "server-error" }],
      });
      const { inventory, errors } = await collect(TEST_REGION);
      // Once per pool with clients (its clients refused alike are one error), naming the pool.
      expect(errors).toHaveLength(2);
      expect(errors).toEqual(
        expect.arrayContaining(
          [fullPool, optionalMfaPool].map((pool) =>
            expect.objectContaining({
              action: "cognito-idp:DescribeUserPoolClient",
              kind: "other",
              message: expect.stringContaining("InternalServerException") as unknown,
              resource: pool.id,
            }),
          ),
        ),
      );
      expect(inventory).toEqual({
        ...mainRegion,
        userPools: mainRegion.userPools.map((p) => ({ ...p, clients: p.clients?.length ? undefined : [] })),
      });
    });

    it("a malformed answer to DescribeUserPool drops the pools and is reported, not thrown", async () => {
      use({ ...baseScenario, faults: [{ action: "cognito-idp:DescribeUserPool", kind: "malformed-body" }] });
      const { inventory, errors } = await collect(TEST_REGION);
      expect(errors.map((e) => [e.action, e.kind, e.resource]).sort()).toEqual(
        mainRegion.userPools.map((pool) => ["cognito-idp:DescribeUserPool", "other", pool.id]).sort(),
      );
      expect(inventory).toEqual({ ...mainRegion, userPools: [] });
    });
  });

  describe("resources deleted while the collector looks", () => {
    it("answers ResourceNotFoundException the way the collector recognises", async () => {
      use(baseScenario);
      const { userPools, identityPools } = clients(TEST_REGION);
      await expect(
        userPools.send(new DescribeUserPoolCommand({ UserPoolId: `${TEST_REGION}_Gone0000` })),
      ).rejects.toMatchObject({
        name: "ResourceNotFoundException",
        message: `User pool ${TEST_REGION}_Gone0000 does not exist.`,
        $metadata: { httpStatusCode: 400 },
      });
      await expect(
        userPools.send(new GetLogDeliveryConfigurationCommand({ UserPoolId: `${TEST_REGION}_Gone0000` })),
      ).rejects.toMatchObject({ name: "ResourceNotFoundException" });
      await expect(
        userPools.send(new DescribeUserPoolClientCommand({ UserPoolId: fullPool.id, ClientId: "nosuchclient" })),
      ).rejects.toMatchObject({ name: "ResourceNotFoundException" });
      await expect(
        identityPools.send(new DescribeIdentityPoolCommand({ IdentityPoolId: `${TEST_REGION}:gone` })),
      ).rejects.toMatchObject({
        name: "ResourceNotFoundException",
        message: `IdentityPool '${TEST_REGION}:gone' not found.`,
      });
    });

    it("drops pools deleted between the list and the describe, without an error", async () => {
      use(baseScenario);
      const after: Scenario = {
        inventory: inventoryWith(
          { ...mainRegion, userPools: [fullPool, optionalMfaPool], identityPools: [guestPool, privatePool] },
          otherRegion,
        ),
      };
      const { userPools, identityPools } = clients(TEST_REGION);
      // Once both lists have been answered, the pools they named in the middle are deleted.
      let listsAnswered = 0;
      const deleteOnceListed = (commandName: string | undefined) => {
        if (/^List(User|Identity)PoolsCommand$/.test(commandName ?? "") && ++listsAnswered === 2) {
          fake.setScenario(after);
        }
      };
      userPools.middlewareStack.add(
        (next, context) => async (args) => {
          const result = await next(args);
          deleteOnceListed(context.commandName);
          return result;
        },
        { step: "initialize", name: "deleteAfterList" },
      );
      identityPools.middlewareStack.add(
        (next, context) => async (args) => {
          const result = await next(args);
          deleteOnceListed(context.commandName);
          return result;
        },
        { step: "initialize", name: "deleteAfterList" },
      );
      const { inventory, errors } = await collectCognitoWithClients({ userPools, identityPools }, TEST_REGION, CONTEXT);
      expect(errors).toEqual([]);
      expect(inventory).toEqual({
        ...mainRegion,
        userPools: [fullPool, optionalMfaPool],
        identityPools: [guestPool, privatePool],
      });
      // The deleted pools were still asked about, and their NotFound answers were dropped silently.
      expect(fake.counts()["cognito-idp:DescribeUserPool"]).toBe(3);
      expect(fake.counts()["cognito-identity:DescribeIdentityPool"]).toBe(3);
    });
  });
});
