import {
  CognitoIdentityProviderClient,
  DescribeRiskConfigurationCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  GetLogDeliveryConfigurationCommand,
  GetUserPoolMfaConfigCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  type RiskConfigurationType,
  type UserPoolClientType,
  type UserPoolType,
} from "@aws-sdk/client-cognito-identity-provider";
import {
  CognitoIdentityClient,
  DescribeIdentityPoolCommand,
  GetIdentityPoolRolesCommand,
  ListIdentityPoolsCommand,
} from "@aws-sdk/client-cognito-identity";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { createCollectScope } from "../harness";
import {
  arnParts,
  collectCognitoWithClients,
  identityPoolArn,
  toAppClient,
  toIdentityPool,
  toIdentityPoolRoles,
  toLogConfiguration,
  toLogConfigurations,
  toMfaFactors,
  toRiskConfiguration,
  toTags,
  toUserPool,
  userPoolArn,
} from "./collect";
import { collectCognitoRegion } from "./index";

const REGION = "eu-west-1";
const ACCOUNT = "111122223333";
const CONTEXT = { accountId: ACCOUNT, partition: "aws" };
const CLIENT_SECRET = "1q2w3e4r5t6y7u8i9o0pSECRETVALUEa1s2d3f4g5h6j7k8l9zxcvbnm";

const poolArn = (id: string, account = ACCOUNT) => `arn:aws:cognito-idp:${REGION}:${account}:userpool/${id}`;
const poolId = (n: number) => `${REGION}_Pool${n}`;
const guestRole = `arn:aws:iam::${ACCOUNT}:role/Cognito_Unauth`;

// SDK-shaped fixtures, as the Describe calls return them.
const sdkPool = (id: string, extra: Partial<UserPoolType> = {}): UserPoolType => ({
  Id: id,
  Name: `pool ${id}`,
  Arn: poolArn(id),
  MfaConfiguration: "OFF",
  DeletionProtection: "INACTIVE",
  EstimatedNumberOfUsers: 3,
  ...extra,
});
const sdkClient = (poolIdValue: string, clientId: string, extra: Partial<UserPoolClientType> = {}) => ({
  UserPoolId: poolIdValue,
  ClientId: clientId,
  ClientName: `client ${clientId}`,
  ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH" as const, "ALLOW_REFRESH_TOKEN_AUTH" as const],
  SupportedIdentityProviders: ["COGNITO"],
  ...extra,
});

const clients = {
  userPools: new CognitoIdentityProviderClient({ region: REGION }),
  identityPools: new CognitoIdentityClient({ region: REGION }),
};
const idp = mockClient(CognitoIdentityProviderClient);
const identity = mockClient(CognitoIdentityClient);

/** An SDK-style error: what the SDK throws after its own retries are spent. */
function awsError(name: string, message: string, httpStatusCode: number, attempts = 1) {
  return Object.assign(new Error(message), { name, $fault: "client", $metadata: { httpStatusCode, attempts } });
}

/** Answers for pools listed by `ListUserPools`; each pool has MFA off and no clients unless a test says otherwise. */
function listUserPools(...ids: string[]) {
  idp.on(ListUserPoolsCommand).resolves({ UserPools: ids.map((Id) => ({ Id, Name: `pool ${Id}` })) });
  for (const id of ids) {
    idp.on(DescribeUserPoolCommand, { UserPoolId: id }).resolves({ UserPool: sdkPool(id) });
    idp.on(ListUserPoolClientsCommand, { UserPoolId: id }).resolves({ UserPoolClients: [] });
    idp
      .on(GetLogDeliveryConfigurationCommand, { UserPoolId: id })
      .resolves({ LogDeliveryConfiguration: { UserPoolId: id, LogConfigurations: [] } });
  }
}

function listIdentityPools(...pools: { id: string; guest?: boolean; classic?: boolean }[]) {
  identity.on(ListIdentityPoolsCommand).resolves({
    IdentityPools: pools.map(({ id }) => ({ IdentityPoolId: id, IdentityPoolName: `name-${id}` })),
  });
  for (const { id, guest = false, classic } of pools) {
    identity.on(DescribeIdentityPoolCommand, { IdentityPoolId: id }).resolves({
      IdentityPoolId: id,
      IdentityPoolName: `name-${id}`,
      AllowUnauthenticatedIdentities: guest,
      AllowClassicFlow: classic,
    });
    identity
      .on(GetIdentityPoolRolesCommand, { IdentityPoolId: id })
      .resolves({ IdentityPoolId: id, Roles: { unauthenticated: guestRole } });
  }
}

const collect = () => collectCognitoWithClients(clients, REGION, CONTEXT);

beforeEach(() => {
  idp.reset();
  identity.reset();
  idp.on(ListUserPoolsCommand).resolves({ UserPools: [] });
  identity.on(ListIdentityPoolsCommand).resolves({ IdentityPools: [] });
});

describe("reshaping SDK objects", () => {
  it("maps a user pool with every field", () => {
    const pool = sdkPool("eu-west-1_Full", {
      Name: "customers",
      MfaConfiguration: "ON",
      DeletionProtection: "ACTIVE",
      UserPoolAddOns: { AdvancedSecurityMode: "ENFORCED" },
      UserPoolTier: "PLUS",
      KeyConfiguration: { KeyType: "CUSTOMER_MANAGED_KEY", KmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/k-1" },
      UserPoolTags: { team: "identity" },
      Domain: "customers-auth",
      CustomDomain: "auth.example.com",
      EstimatedNumberOfUsers: 1200,
      SmsAuthenticationMessage: "Your code is {####}",
      LambdaConfig: {
        DefineAuthChallenge: "arn:aws:lambda:eu-west-1:111122223333:function:define-auth",
        PreSignUp: "arn:aws:lambda:eu-west-1:111122223333:function:pre-sign-up",
      },
    });
    expect(toUserPool(pool, { id: "x", arn: "fallback" }, REGION)).toEqual({
      id: "eu-west-1_Full",
      name: "customers",
      arn: poolArn("eu-west-1_Full"),
      region: REGION,
      mfaConfiguration: "ON",
      deletionProtection: "ACTIVE",
      advancedSecurityMode: "ENFORCED",
      userPoolTier: "PLUS",
      customAuthTrigger: true,
      keyConfiguration: { keyType: "CUSTOMER_MANAGED_KEY", kmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/k-1" },
      tags: [{ key: "team", value: "identity" }],
      domain: "customers-auth",
      customDomain: "auth.example.com",
      estimatedNumberOfUsers: 1200,
    });
  });

  it("keeps missing pool fields undefined and fills identifiers from the request", () => {
    const pool = toUserPool({}, { id: "eu-west-1_Bare", arn: poolArn("eu-west-1_Bare") }, REGION);
    expect(pool).toMatchObject({ id: "eu-west-1_Bare", arn: poolArn("eu-west-1_Bare"), name: "", tags: [] });
    for (const field of ["mfaConfiguration", "deletionProtection", "advancedSecurityMode", "userPoolTier"] as const) {
      expect(pool[field]).toBeUndefined();
    }
    expect(pool.keyConfiguration).toBeUndefined();
    // DescribeUserPool reports every trigger, so none reported means none there.
    expect(pool.customAuthTrigger).toBe(false);
    expect(
      toUserPool({ LambdaConfig: { PreSignUp: "arn:aws:lambda:x" } }, { id: "p", arn: "a" }, REGION),
    ).toMatchObject({
      customAuthTrigger: false,
    });
  });

  it.each([
    {
      name: "compromised credentials blocked, adaptive authentication notifying only (as in the CLI reference)",
      config: {
        UserPoolId: "us-west-2_aaaaaaaaa",
        CompromisedCredentialsRiskConfiguration: {
          EventFilter: ["SIGN_IN", "SIGN_UP", "PASSWORD_CHANGE"],
          Actions: { EventAction: "BLOCK" },
        },
        AccountTakeoverRiskConfiguration: {
          NotifyConfiguration: {
            From: "diego@example.com",
            SourceArn: "arn:aws:ses:us-east-1:111122223333:identity/diego@example.com",
          },
          Actions: { HighAction: { EventAction: "NO_ACTION", Notify: true } },
        },
      },
      expected: { highAction: "NO_ACTION", compromisedCredentialsAction: "BLOCK" },
    },
    {
      name: "adaptive authentication per level",
      config: {
        UserPoolId: "eu-west-1_P",
        AccountTakeoverRiskConfiguration: {
          Actions: {
            LowAction: { EventAction: "NO_ACTION", Notify: false },
            MediumAction: { EventAction: "MFA_IF_CONFIGURED", Notify: true },
            HighAction: { EventAction: "BLOCK", Notify: true },
          },
        },
        CompromisedCredentialsRiskConfiguration: { Actions: { EventAction: "NO_ACTION" } },
        RiskExceptionConfiguration: { BlockedIPRangeList: ["192.0.2.0/24"] },
      },
      expected: {
        lowAction: "NO_ACTION",
        mediumAction: "MFA_IF_CONFIGURED",
        highAction: "BLOCK",
        compromisedCredentialsAction: "NO_ACTION",
      },
    },
    { name: "a configuration with no block (nothing set)", config: { UserPoolId: "eu-west-1_P" }, expected: {} },
    { name: "no configuration in the answer", config: undefined, expected: {} },
  ] satisfies { name: string; config: RiskConfigurationType | undefined; expected: object }[])(
    "reads the risk configuration: $name",
    ({ config, expected }) => {
      const reshaped = toRiskConfiguration(config);
      expect(reshaped).toEqual(expected);
      // Notification senders, templates and IP lists are not kept.
      expect(JSON.stringify(reshaped)).not.toMatch(/diego|192\.0\.2/);
    },
  );

  it("maps an app client and keeps only whether it has a secret", () => {
    const client = toAppClient(
      sdkClient("eu-west-1_P", "c-1", {
        ClientSecret: CLIENT_SECRET,
        AllowedOAuthFlows: ["code", "implicit"],
        AllowedOAuthFlowsUserPoolClient: true,
        CallbackURLs: ["https://app.example.com/cb"],
        LogoutURLs: ["https://app.example.com/"],
        DefaultRedirectURI: "https://app.example.com/cb",
        PreventUserExistenceErrors: "ENABLED",
        EnableTokenRevocation: true,
      }),
      { clientId: "ignored", userPoolId: "ignored" },
      REGION,
    );
    expect(client).toEqual({
      clientId: "c-1",
      name: "client c-1",
      userPoolId: "eu-west-1_P",
      region: REGION,
      explicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      allowedOAuthFlows: ["code", "implicit"],
      allowedOAuthFlowsUserPoolClient: true,
      callbackUrls: ["https://app.example.com/cb"],
      logoutUrls: ["https://app.example.com/"],
      defaultRedirectUri: "https://app.example.com/cb",
      supportedIdentityProviders: ["COGNITO"],
      preventUserExistenceErrors: "ENABLED",
      enableTokenRevocation: true,
      hasSecret: true,
    });
    expect(JSON.stringify(client)).not.toContain(CLIENT_SECRET);
  });

  it.each([
    { secret: undefined, hasSecret: false },
    { secret: "", hasSecret: false },
    { secret: "abc", hasSecret: true },
  ])("records hasSecret=$hasSecret for secret $secret", ({ secret, hasSecret }) => {
    const client = toAppClient({ ClientSecret: secret }, { clientId: "c", userPoolId: "p" }, REGION);
    expect(client).toMatchObject({ clientId: "c", userPoolId: "p", hasSecret, explicitAuthFlows: [] });
    expect(client.allowedOAuthFlowsUserPoolClient).toBe(false);
  });

  it.each([
    {
      name: "nothing configured",
      config: {},
      factors: { sms: false, softwareToken: false, email: false, webAuthn: false },
    },
    {
      name: "TOTP and SMS",
      config: {
        SoftwareTokenMfaConfiguration: { Enabled: true },
        SmsMfaConfiguration: { SmsConfiguration: { SnsCallerArn: "arn:aws:iam::111122223333:role/sns" } },
      },
      factors: { sms: true, softwareToken: true, email: false, webAuthn: false },
    },
    {
      name: "TOTP switched off, email on",
      config: { SoftwareTokenMfaConfiguration: { Enabled: false }, EmailMfaConfiguration: { Subject: "Code" } },
      factors: { sms: false, softwareToken: false, email: true, webAuthn: false },
    },
    {
      name: "passkeys as MFA",
      config: { WebAuthnConfiguration: { FactorConfiguration: "MULTI_FACTOR_WITH_USER_VERIFICATION" as const } },
      factors: { sms: false, softwareToken: false, email: false, webAuthn: true },
    },
    {
      name: "passkeys as a single factor only",
      config: { WebAuthnConfiguration: { FactorConfiguration: "SINGLE_FACTOR" as const, RelyingPartyId: "x" } },
      factors: { sms: false, softwareToken: false, email: false, webAuthn: false },
    },
  ])("reads MFA factors: $name", ({ config, factors }) => {
    expect(toMfaFactors(config)).toEqual(factors);
  });

  it("maps log configurations to their destination, and a missing block to none", () => {
    expect(
      toLogConfiguration({
        EventSource: "userNotification",
        LogLevel: "ERROR",
        CloudWatchLogsConfiguration: { LogGroupArn: "arn:aws:logs:eu-west-1:111122223333:log-group:g" },
      }),
    ).toEqual({ eventSource: "userNotification", logLevel: "ERROR", destination: "cloudwatch-logs" });
    expect(
      toLogConfiguration({ EventSource: "userAuthEvents", LogLevel: "INFO", S3Configuration: { BucketArn: "b" } }),
    ).toMatchObject({ destination: "s3" });
    expect(
      toLogConfiguration({
        EventSource: "userAuthEvents",
        LogLevel: "INFO",
        FirehoseConfiguration: { StreamArn: "s" },
      }),
    ).toMatchObject({ destination: "firehose" });
    expect(toLogConfiguration({ EventSource: "userAuthEvents", LogLevel: "INFO" })).toMatchObject({
      destination: "unknown",
    });
    expect(toLogConfigurations({})).toEqual([]);
    expect(
      toLogConfigurations({ LogDeliveryConfiguration: { UserPoolId: "p", LogConfigurations: undefined } }),
    ).toEqual([]);
  });

  it("maps an identity pool, its roles and its ARN", () => {
    const arn = identityPoolArn("aws", REGION, ACCOUNT, "eu-west-1:abc");
    expect(arn).toBe(`arn:aws:cognito-identity:${REGION}:${ACCOUNT}:identitypool/eu-west-1:abc`);
    expect(
      toIdentityPool(
        {
          IdentityPoolId: "eu-west-1:abc",
          IdentityPoolName: "app",
          AllowUnauthenticatedIdentities: true,
          AllowClassicFlow: true,
          IdentityPoolTags: { env: "prod" },
        },
        { id: "ignored", arn },
        REGION,
        toIdentityPoolRoles({ authenticated: "arn:auth", unauthenticated: guestRole }),
      ),
    ).toEqual({
      id: "eu-west-1:abc",
      name: "app",
      arn,
      region: REGION,
      allowUnauthenticatedIdentities: true,
      allowClassicFlow: true,
      tags: [{ key: "env", value: "prod" }],
      roles: { authenticated: "arn:auth", unauthenticated: guestRole },
    });
    expect(toIdentityPoolRoles(undefined)).toEqual({ authenticated: undefined, unauthenticated: undefined });
    expect(
      toIdentityPool(
        { IdentityPoolId: undefined, IdentityPoolName: undefined, AllowUnauthenticatedIdentities: undefined },
        { id: "x", arn },
        REGION,
      ),
    ).toMatchObject({ id: "x", allowUnauthenticatedIdentities: false, allowClassicFlow: undefined, roles: undefined });
  });

  it("parses ARNs and builds the user pool ARN", () => {
    expect(arnParts(poolArn("p", "999988887777"))).toEqual({ partition: "aws", accountId: "999988887777" });
    expect(arnParts("arn:aws-cn:cognito-idp:cn-north-1:123:userpool/p")).toEqual({
      partition: "aws-cn",
      accountId: "123",
    });
    expect(arnParts("not-an-arn")).toBeUndefined();
    expect(arnParts("arn:aws:cognito-idp:eu-west-1::userpool/p")).toBeUndefined();
    expect(userPoolArn("aws", REGION, ACCOUNT, "p")).toBe(poolArn("p"));
    expect(toTags(undefined)).toEqual([]);
  });
});

describe("collectCognitoWithClients", () => {
  it("collects user pools with MFA factors, log delivery and clients, and identity pools with guest roles", async () => {
    listUserPools(poolId(1));
    idp.on(DescribeUserPoolCommand, { UserPoolId: poolId(1) }).resolves({
      UserPool: sdkPool(poolId(1), { MfaConfiguration: "ON", UserPoolTier: "ESSENTIALS" }),
    });
    idp.on(GetUserPoolMfaConfigCommand, { UserPoolId: poolId(1) }).resolves({
      MfaConfiguration: "ON",
      SoftwareTokenMfaConfiguration: { Enabled: true },
    });
    idp.on(GetLogDeliveryConfigurationCommand, { UserPoolId: poolId(1) }).resolves({
      LogDeliveryConfiguration: {
        UserPoolId: poolId(1),
        LogConfigurations: [
          { EventSource: "userNotification", LogLevel: "ERROR", CloudWatchLogsConfiguration: { LogGroupArn: "g" } },
        ],
      },
    });
    idp.on(ListUserPoolClientsCommand, { UserPoolId: poolId(1) }).resolves({
      UserPoolClients: [{ ClientId: "web", UserPoolId: poolId(1) }, { ClientId: "server" }],
    });
    idp
      .on(DescribeUserPoolClientCommand, { ClientId: "web" })
      .resolves({ UserPoolClient: sdkClient(poolId(1), "web") });
    idp.on(DescribeUserPoolClientCommand, { ClientId: "server" }).resolves({
      UserPoolClient: sdkClient(poolId(1), "server", { ClientSecret: CLIENT_SECRET }),
    });
    listIdentityPools({ id: "eu-west-1:guest", guest: true }, { id: "eu-west-1:private" });

    const { inventory, errors } = await collect();

    expect(errors).toEqual([]);
    expect(inventory.region).toBe(REGION);
    expect(inventory.userPools).toHaveLength(1);
    expect(inventory.userPools[0]).toMatchObject({
      id: poolId(1),
      arn: poolArn(poolId(1)),
      mfaConfiguration: "ON",
      userPoolTier: "ESSENTIALS",
      mfaFactors: { softwareToken: true, sms: false, email: false, webAuthn: false },
      logConfigurations: [{ eventSource: "userNotification", logLevel: "ERROR", destination: "cloudwatch-logs" }],
    });
    expect(inventory.userPools[0]?.clients?.map((c) => [c.clientId, c.hasSecret])).toEqual([
      ["web", false],
      ["server", true],
    ]);
    expect(inventory.identityPools).toEqual([
      {
        id: "eu-west-1:guest",
        name: "name-eu-west-1:guest",
        arn: identityPoolArn("aws", REGION, ACCOUNT, "eu-west-1:guest"),
        region: REGION,
        allowUnauthenticatedIdentities: true,
        allowClassicFlow: undefined,
        tags: [],
        roles: { authenticated: undefined, unauthenticated: guestRole },
      },
      {
        id: "eu-west-1:private",
        name: "name-eu-west-1:private",
        arn: identityPoolArn("aws", REGION, ACCOUNT, "eu-west-1:private"),
        region: REGION,
        allowUnauthenticatedIdentities: false,
        allowClassicFlow: undefined,
        tags: [],
      },
    ]);
    expect(idp).toHaveReceivedCommandWith(DescribeUserPoolClientCommand, { UserPoolId: poolId(1), ClientId: "web" });
  });

  describe("the app client secret", () => {
    beforeEach(() => {
      listUserPools(poolId(1), poolId(2));
      for (const id of [poolId(1), poolId(2)]) {
        idp.on(ListUserPoolClientsCommand, { UserPoolId: id }).resolves({ UserPoolClients: [{ ClientId: `${id}-c` }] });
        idp.on(DescribeUserPoolClientCommand, { UserPoolId: id }).resolves({
          UserPoolClient: sdkClient(id, `${id}-c`, { ClientSecret: CLIENT_SECRET }),
        });
      }
    });

    it("appears nowhere in the returned inventory or errors", async () => {
      const result = await collect();
      expect(result.inventory.userPools.flatMap((p) => p.clients ?? []).map((c) => c.hasSecret)).toEqual([true, true]);
      expect(JSON.stringify(result)).not.toContain(CLIENT_SECRET);
      expect(JSON.stringify(result)).not.toMatch(/SECRETVALUE/);
    });

    it("appears nowhere either when other calls fail around it", async () => {
      idp
        .on(DescribeUserPoolClientCommand, { UserPoolId: poolId(2) })
        .rejects(awsError("InternalErrorException", "boom", 500));
      const result = await collect();
      expect(result.errors.map((e) => e.action)).toEqual(["cognito-idp:DescribeUserPoolClient"]);
      expect(result.inventory.userPools.map((p) => p.clients?.length)).toEqual([1, undefined]);
      expect(JSON.stringify(result)).not.toContain(CLIENT_SECRET);
    });
  });

  it("sends MaxResults 60 on all three list calls (required by the APIs)", async () => {
    listUserPools(poolId(1));
    await collect();
    expect(idp).toHaveReceivedCommandWith(ListUserPoolsCommand, { MaxResults: 60 });
    expect(idp).toHaveReceivedCommandWith(ListUserPoolClientsCommand, { UserPoolId: poolId(1), MaxResults: 60 });
    expect(identity).toHaveReceivedCommandWith(ListIdentityPoolsCommand, { MaxResults: 60 });
  });

  it("follows NextToken pages of user pools, app clients and identity pools", async () => {
    // Later pages answer only when asked with the right token, so the test proves the token is sent.
    listUserPools(poolId(1), poolId(2), poolId(3));
    idp.on(ListUserPoolsCommand).resolves({ UserPools: [{ Id: poolId(1) }, { Id: poolId(2) }], NextToken: "up-2" });
    idp.on(ListUserPoolsCommand, { NextToken: "up-2" }).resolves({ UserPools: [{ Id: poolId(3) }] });
    idp.on(ListUserPoolClientsCommand, { UserPoolId: poolId(1) }).resolves({
      UserPoolClients: [{ ClientId: "a" }],
      NextToken: "c-2",
    });
    idp.on(ListUserPoolClientsCommand, { UserPoolId: poolId(1), NextToken: "c-2" }).resolves({
      UserPoolClients: [{ ClientId: "b" }],
    });
    idp.on(DescribeUserPoolClientCommand).callsFake((input: { UserPoolId: string; ClientId: string }) => ({
      UserPoolClient: sdkClient(input.UserPoolId, input.ClientId),
    }));
    listIdentityPools({ id: "ip-1" }, { id: "ip-2" });
    identity.on(ListIdentityPoolsCommand).resolves({ IdentityPools: [{ IdentityPoolId: "ip-1" }], NextToken: "ip-2" });
    identity
      .on(ListIdentityPoolsCommand, { NextToken: "ip-2" })
      .resolves({ IdentityPools: [{ IdentityPoolId: "ip-2" }] });

    const { inventory, errors } = await collect();

    expect(errors).toEqual([]);
    expect(inventory.userPools.map((p) => p.id)).toEqual([poolId(1), poolId(2), poolId(3)]);
    expect(inventory.userPools[0]?.clients?.map((c) => c.clientId)).toEqual(["a", "b"]);
    expect(inventory.identityPools.map((p) => p.id)).toEqual(["ip-1", "ip-2"]);
    expect(idp).toHaveReceivedCommandTimes(ListUserPoolsCommand, 2);
    expect(idp).toHaveReceivedLastCommandWith(ListUserPoolsCommand, { NextToken: "up-2", MaxResults: 60 });
    expect(identity).toHaveReceivedCommandTimes(ListIdentityPoolsCommand, 2);
  });

  it("stops paging when the service repeats its last token", async () => {
    identity
      .on(ListIdentityPoolsCommand)
      .resolvesOnce({ IdentityPools: [{ IdentityPoolId: "ip-1" }], NextToken: "same" })
      .resolves({ IdentityPools: [], NextToken: "same" });
    identity.on(DescribeIdentityPoolCommand).resolves({
      IdentityPoolId: "ip-1",
      IdentityPoolName: "one",
      AllowUnauthenticatedIdentities: false,
    });
    const { inventory } = await collect();
    expect(inventory.identityPools.map((p) => p.id)).toEqual(["ip-1"]);
    expect(identity).toHaveReceivedCommandTimes(ListIdentityPoolsCommand, 2);
  });

  describe("call budget (docs/controls.md#call-budget)", () => {
    it("makes only the two list calls in an empty region", async () => {
      const { inventory, errors } = await collect();
      expect(errors).toEqual([]);
      expect(inventory).toEqual({ region: REGION, userPools: [], identityPools: [] });
      expect(idp.calls()).toHaveLength(1);
      expect(identity.calls()).toHaveLength(1);
    });

    it("asks for MFA factors only when MFA is not OFF", async () => {
      listUserPools(poolId(1), poolId(2), poolId(3));
      idp.on(DescribeUserPoolCommand, { UserPoolId: poolId(2) }).resolves({
        UserPool: sdkPool(poolId(2), { MfaConfiguration: "OPTIONAL" }),
      });
      idp.on(DescribeUserPoolCommand, { UserPoolId: poolId(3) }).resolves({
        UserPool: sdkPool(poolId(3), { MfaConfiguration: "ON" }),
      });
      idp.on(GetUserPoolMfaConfigCommand).resolves({ SmsMfaConfiguration: {} });

      const { inventory } = await collect();

      expect(idp).toHaveReceivedCommandTimes(GetUserPoolMfaConfigCommand, 2);
      expect(idp).not.toHaveReceivedCommandWith(GetUserPoolMfaConfigCommand, { UserPoolId: poolId(1) });
      expect(inventory.userPools.map((p) => p.mfaFactors?.sms)).toEqual([undefined, true, true]);
    });

    it("asks for identity pool roles only when guest access is on", async () => {
      listIdentityPools({ id: "ip-guest", guest: true }, { id: "ip-private" });
      await collect();
      expect(identity).toHaveReceivedCommandTimes(GetIdentityPoolRolesCommand, 1);
      expect(identity).toHaveReceivedCommandWith(GetIdentityPoolRolesCommand, { IdentityPoolId: "ip-guest" });
    });

    it("describes no client of a pool without clients", async () => {
      listUserPools(poolId(1));
      await collect();
      expect(idp).toHaveReceivedCommandTimes(DescribeUserPoolClientCommand, 0);
    });
  });

  it("keeps at most three calls in flight across both Cognito APIs", async () => {
    let inFlight = 0;
    let peak = 0;
    const slow =
      <Input, Answer>(answer: (input: Input) => Answer) =>
      async (input: Input) => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 3));
        inFlight -= 1;
        return answer(input);
      };
    const ids = [1, 2, 3, 4].map(poolId);
    idp.on(ListUserPoolsCommand).callsFake(slow(() => ({ UserPools: ids.map((Id) => ({ Id })) })));
    idp
      .on(DescribeUserPoolCommand)
      .callsFake(
        slow((input: { UserPoolId: string }) => ({ UserPool: sdkPool(input.UserPoolId, { MfaConfiguration: "ON" }) })),
      );
    idp.on(GetUserPoolMfaConfigCommand).callsFake(slow(() => ({})));
    idp.on(GetLogDeliveryConfigurationCommand).callsFake(slow(() => ({})));
    idp
      .on(ListUserPoolClientsCommand)
      .callsFake(slow(() => ({ UserPoolClients: [{ ClientId: "a" }, { ClientId: "b" }] })));
    idp.on(DescribeUserPoolClientCommand).callsFake(
      slow((input: { UserPoolId: string; ClientId: string }) => ({
        UserPoolClient: sdkClient(input.UserPoolId, input.ClientId),
      })),
    );
    identity.on(ListIdentityPoolsCommand).callsFake(slow(() => ({ IdentityPools: [{ IdentityPoolId: "ip" }] })));
    identity
      .on(DescribeIdentityPoolCommand)
      .callsFake(slow(() => ({ IdentityPoolId: "ip", IdentityPoolName: "ip", AllowUnauthenticatedIdentities: true })));
    identity.on(GetIdentityPoolRolesCommand).callsFake(slow(() => ({ Roles: {} })));

    const { inventory, errors } = await collect();

    expect(errors).toEqual([]);
    expect(inventory.userPools).toHaveLength(4);
    expect(peak).toBe(3);
    // 1 list + 4 × (describe, MFA, logs, client list, 2 client describes) + identity list, describe, roles.
    expect(idp.calls().length + identity.calls().length).toBe(1 + 4 * 6 + 3);
  });

  describe("identity pool ARNs", () => {
    it("take the account and partition from a user pool ARN when there is one", async () => {
      listUserPools(poolId(1));
      idp.on(DescribeUserPoolCommand, { UserPoolId: poolId(1) }).resolves({
        UserPool: sdkPool(poolId(1), { Arn: "arn:aws-us-gov:cognito-idp:eu-west-1:999988887777:userpool/x" }),
      });
      listIdentityPools({ id: "ip-1" });
      const { inventory } = await collect();
      expect(inventory.identityPools[0]?.arn).toBe(identityPoolArn("aws-us-gov", REGION, "999988887777", "ip-1"));
    });

    it("take them from the context when the region has no user pool", async () => {
      listIdentityPools({ id: "ip-1" });
      const { inventory } = await collectCognitoWithClients(clients, REGION, {
        accountId: "444455556666",
        partition: "aws-cn",
      });
      expect(inventory.identityPools[0]?.arn).toBe(identityPoolArn("aws-cn", REGION, "444455556666", "ip-1"));
    });

    it("build a user pool ARN from the context when the describe leaves it out", async () => {
      listUserPools(poolId(1));
      idp.on(DescribeUserPoolCommand, { UserPoolId: poolId(1) }).resolves({
        UserPool: sdkPool(poolId(1), { Arn: undefined }),
      });
      const { inventory } = await collect();
      expect(inventory.userPools[0]?.arn).toBe(poolArn(poolId(1)));
    });
  });

  describe("GetLogDeliveryConfiguration", () => {
    beforeEach(() => listUserPools(poolId(1)));

    it("reads a configuration-less answer as nothing configured", async () => {
      idp.on(GetLogDeliveryConfigurationCommand).resolves({});
      const { inventory, errors } = await collect();
      expect(errors).toEqual([]);
      expect(inventory.userPools[0]?.logConfigurations).toEqual([]);
    });

    it("reads a ResourceNotFoundException about the configuration as nothing configured", async () => {
      idp
        .on(GetLogDeliveryConfigurationCommand)
        .rejects(awsError("ResourceNotFoundException", "Log delivery configuration not found.", 400));
      const { inventory, errors } = await collect();
      expect(errors).toEqual([]);
      expect(inventory.userPools[0]?.logConfigurations).toEqual([]);
    });

    it("drops the pool when the NotFound says the user pool is gone", async () => {
      idp
        .on(GetLogDeliveryConfigurationCommand)
        .rejects(awsError("ResourceNotFoundException", `User pool ${poolId(1)} does not exist.`, 400));
      const { inventory, errors } = await collect();
      expect(errors).toEqual([]);
      expect(inventory.userPools).toEqual([]);
    });

    it("leaves log delivery undefined and reports access denied, keeping the pool", async () => {
      idp.on(GetLogDeliveryConfigurationCommand).rejects(awsError("AccessDeniedException", "denied", 400));
      const { inventory, errors } = await collect();
      expect(errors).toEqual([
        {
          service: "cognito",
          region: REGION,
          action: "cognito-idp:GetLogDeliveryConfiguration",
          kind: "access-denied",
          message: "insufficient permissions: cognito-idp:GetLogDeliveryConfiguration",
          resource: poolId(1),
        },
      ]);
      expect(inventory.userPools).toHaveLength(1);
      expect(inventory.userPools[0]?.logConfigurations).toBeUndefined();
    });
  });

  describe("DescribeRiskConfiguration", () => {
    const enforced = (id: string, extra: Partial<UserPoolType> = {}) =>
      idp.on(DescribeUserPoolCommand, { UserPoolId: id }).resolves({
        UserPool: sdkPool(id, { UserPoolTier: "PLUS", UserPoolAddOns: { AdvancedSecurityMode: "ENFORCED" }, ...extra }),
      });

    it("is asked only for pools that enforce threat protection, and kept on the pool", async () => {
      listUserPools(poolId(1), poolId(2), poolId(3));
      enforced(poolId(1));
      idp.on(DescribeUserPoolCommand, { UserPoolId: poolId(2) }).resolves({
        UserPool: sdkPool(poolId(2), { UserPoolTier: "PLUS", UserPoolAddOns: { AdvancedSecurityMode: "AUDIT" } }),
      });
      idp.on(DescribeRiskConfigurationCommand, { UserPoolId: poolId(1) }).resolves({
        RiskConfiguration: {
          UserPoolId: poolId(1),
          AccountTakeoverRiskConfiguration: {
            Actions: {
              LowAction: { EventAction: "NO_ACTION", Notify: false },
              MediumAction: { EventAction: "NO_ACTION", Notify: false },
              HighAction: { EventAction: "NO_ACTION", Notify: true },
            },
          },
          CompromisedCredentialsRiskConfiguration: { Actions: { EventAction: "NO_ACTION" } },
        },
      });

      const { inventory, errors } = await collect();

      expect(errors).toEqual([]);
      expect(idp).toHaveReceivedCommandTimes(DescribeRiskConfigurationCommand, 1);
      expect(idp).toHaveReceivedCommandWith(DescribeRiskConfigurationCommand, { UserPoolId: poolId(1) });
      expect(inventory.userPools[0]?.riskConfiguration).toEqual({
        lowAction: "NO_ACTION",
        mediumAction: "NO_ACTION",
        highAction: "NO_ACTION",
        compromisedCredentialsAction: "NO_ACTION",
      });
      expect(inventory.userPools.slice(1).map((p) => "riskConfiguration" in p)).toEqual([false, false]);
    });

    it("leaves the configuration unknown and reports the failure against the pool", async () => {
      listUserPools(poolId(1));
      enforced(poolId(1));
      idp.on(DescribeRiskConfigurationCommand).rejects(awsError("AccessDeniedException", "denied", 400));
      const { inventory, errors } = await collect();
      expect(errors).toEqual([
        {
          service: "cognito",
          region: REGION,
          action: "cognito-idp:DescribeRiskConfiguration",
          kind: "access-denied",
          message: "insufficient permissions: cognito-idp:DescribeRiskConfiguration",
          resource: poolId(1),
        },
      ]);
      expect(inventory.userPools).toHaveLength(1);
      expect(inventory.userPools[0]?.riskConfiguration).toBeUndefined();
    });

    it("drops the pool when the NotFound says the user pool is gone", async () => {
      listUserPools(poolId(1));
      enforced(poolId(1));
      idp
        .on(DescribeRiskConfigurationCommand)
        .rejects(awsError("ResourceNotFoundException", `User pool ${poolId(1)} does not exist.`, 400));
      const { inventory, errors } = await collect();
      expect(errors).toEqual([]);
      expect(inventory.userPools).toEqual([]);
    });

    it("reports any other NotFound rather than reading it as no action configured", async () => {
      listUserPools(poolId(1));
      enforced(poolId(1));
      idp
        .on(DescribeRiskConfigurationCommand)
        .rejects(awsError("ResourceNotFoundException", "Risk configuration not found.", 400));
      const { inventory, errors } = await collect();
      expect(errors.map((e) => [e.action, e.resource])).toEqual([["cognito-idp:DescribeRiskConfiguration", poolId(1)]]);
      expect(inventory.userPools[0]?.riskConfiguration).toBeUndefined();
    });
  });

  describe("resources deleted while we look", () => {
    it.each([
      { call: "DescribeUserPool", stub: () => idp.on(DescribeUserPoolCommand, { UserPoolId: poolId(2) }) },
      { call: "ListUserPoolClients", stub: () => idp.on(ListUserPoolClientsCommand, { UserPoolId: poolId(2) }) },
      { call: "GetUserPoolMfaConfig", stub: () => idp.on(GetUserPoolMfaConfigCommand, { UserPoolId: poolId(2) }) },
    ])("drop a user pool silently on NotFound from $call", async ({ stub }) => {
      listUserPools(poolId(1), poolId(2));
      idp.on(DescribeUserPoolCommand, { UserPoolId: poolId(2) }).resolves({
        UserPool: sdkPool(poolId(2), { MfaConfiguration: "ON" }),
      });
      idp.on(GetUserPoolMfaConfigCommand).resolves({});
      stub().rejects(awsError("ResourceNotFoundException", `User pool ${poolId(2)} does not exist.`, 400));
      const { inventory, errors } = await collect();
      expect(errors).toEqual([]);
      expect(inventory.userPools.map((p) => p.id)).toEqual([poolId(1)]);
    });

    it("drop an app client silently on NotFound from DescribeUserPoolClient", async () => {
      listUserPools(poolId(1));
      idp.on(ListUserPoolClientsCommand).resolves({ UserPoolClients: [{ ClientId: "gone" }, { ClientId: "kept" }] });
      idp
        .on(DescribeUserPoolClientCommand, { ClientId: "kept" })
        .resolves({ UserPoolClient: sdkClient(poolId(1), "kept") });
      idp
        .on(DescribeUserPoolClientCommand, { ClientId: "gone" })
        .rejects(awsError("ResourceNotFoundException", "Client does not exist.", 400));
      const { inventory, errors } = await collect();
      expect(errors).toEqual([]);
      expect(inventory.userPools[0]?.clients?.map((c) => c.clientId)).toEqual(["kept"]);
    });

    it.each([
      {
        call: "DescribeIdentityPool",
        stub: () => identity.on(DescribeIdentityPoolCommand, { IdentityPoolId: "ip-2" }),
      },
      {
        call: "GetIdentityPoolRoles",
        stub: () => identity.on(GetIdentityPoolRolesCommand, { IdentityPoolId: "ip-2" }),
      },
    ])("drop an identity pool silently on NotFound from $call", async ({ stub }) => {
      listIdentityPools({ id: "ip-1" }, { id: "ip-2", guest: true });
      stub().rejects(awsError("ResourceNotFoundException", "IdentityPool 'ip-2' not found.", 400));
      const { inventory, errors } = await collect();
      expect(errors).toEqual([]);
      expect(inventory.identityPools.map((p) => p.id)).toEqual(["ip-1"]);
    });
  });

  describe("failed calls", () => {
    it("omits a user pool whose describe failed, reports it, and collects the others", async () => {
      listUserPools(poolId(1), poolId(2));
      idp
        .on(DescribeUserPoolCommand, { UserPoolId: poolId(1) })
        .rejects(awsError("InternalErrorException", "oops", 500));
      const { inventory, errors } = await collect();
      expect(errors).toEqual([
        {
          service: "cognito",
          region: REGION,
          action: "cognito-idp:DescribeUserPool",
          kind: "other",
          message: "InternalErrorException: oops",
          resource: poolId(1),
        },
      ]);
      expect(inventory.userPools.map((p) => p.id)).toEqual([poolId(2)]);
      // Nothing more is asked about a pool that could not be described.
      expect(idp).not.toHaveReceivedCommandWith(ListUserPoolClientsCommand, { UserPoolId: poolId(1) });
    });

    it("omits an identity pool whose describe failed and keeps the others", async () => {
      listIdentityPools({ id: "ip-1" }, { id: "ip-2" });
      identity
        .on(DescribeIdentityPoolCommand, { IdentityPoolId: "ip-1" })
        .rejects(awsError("ThrottlingException", "Rate exceeded", 400, 8));
      const { inventory, errors } = await collect();
      expect(errors).toEqual([
        {
          service: "cognito",
          region: REGION,
          action: "cognito-identity:DescribeIdentityPool",
          kind: "throttled",
          message: "throttled: ThrottlingException: Rate exceeded",
          resource: "ip-1",
        },
      ]);
      expect(inventory.identityPools.map((p) => p.id)).toEqual(["ip-2"]);
    });

    it("keeps an identity pool whose roles could not be read, with roles unknown", async () => {
      listIdentityPools({ id: "ip-1", guest: true });
      identity.on(GetIdentityPoolRolesCommand).rejects(awsError("NotAuthorizedException", "not allowed", 400));
      const { inventory, errors } = await collect();
      expect(errors.map((e) => [e.action, e.kind])).toEqual([["cognito-identity:GetIdentityPoolRoles", "other"]]);
      expect(inventory.identityPools).toHaveLength(1);
      expect(inventory.identityPools[0]?.roles).toBeUndefined();
    });

    it("leaves MFA factors undefined when GetUserPoolMfaConfig fails", async () => {
      listUserPools(poolId(1));
      idp.on(DescribeUserPoolCommand).resolves({ UserPool: sdkPool(poolId(1), { MfaConfiguration: "ON" }) });
      idp.on(GetUserPoolMfaConfigCommand).rejects(awsError("AccessDeniedException", "denied", 400));
      const { inventory, errors } = await collect();
      expect(errors.map((e) => e.action)).toEqual(["cognito-idp:GetUserPoolMfaConfig"]);
      expect(inventory.userPools[0]).toMatchObject({ mfaConfiguration: "ON", mfaFactors: undefined });
      expect(inventory.userPools[0]?.clients).toEqual([]);
    });

    it("leaves clients undefined when the client list fails part-way (never half a list)", async () => {
      listUserPools(poolId(1));
      idp
        .on(ListUserPoolClientsCommand)
        .resolvesOnce({ UserPoolClients: [{ ClientId: "a" }], NextToken: "p2" })
        .rejectsOnce(awsError("TooManyRequestsException", "slow down", 400, 8));
      const { inventory, errors } = await collect();
      expect(errors.map((e) => [e.action, e.kind])).toEqual([["cognito-idp:ListUserPoolClients", "throttled"]]);
      expect(inventory.userPools[0]?.clients).toBeUndefined();
      expect(idp).toHaveReceivedCommandTimes(DescribeUserPoolClientCommand, 0);
    });

    it("leaves clients undefined when one client's describe fails, so no pool is judged on part of its clients", async () => {
      listUserPools(poolId(1));
      idp.on(ListUserPoolClientsCommand).resolves({ UserPoolClients: [{ ClientId: "a" }, { ClientId: "b" }] });
      idp.on(DescribeUserPoolClientCommand, { ClientId: "a" }).resolves({ UserPoolClient: sdkClient(poolId(1), "a") });
      idp
        .on(DescribeUserPoolClientCommand, { ClientId: "b" })
        .rejects(awsError("AccessDeniedException", "denied", 400));
      const { inventory, errors } = await collect();
      expect(errors.map((e) => e.action)).toEqual(["cognito-idp:DescribeUserPoolClient"]);
      expect(inventory.userPools[0]?.clients).toBeUndefined();
      expect(inventory.userPools[0]?.logConfigurations).toEqual([]);
    });

    it("turns access denied on a list into an error naming the action, and collects the other API", async () => {
      const message =
        "User: arn:aws:sts::111122223333:assumed-role/scanner/s is not authorized to perform: cognito-idp:ListUserPools on resource: arn:aws:cognito-idp:eu-west-1:111122223333:userpool/* because no identity-based policy allows the cognito-idp:ListUserPools action";
      idp.on(ListUserPoolsCommand).rejects(awsError("AccessDeniedException", message, 400));
      listIdentityPools({ id: "ip-1" });
      const { inventory, errors } = await collect();
      expect(errors).toEqual([
        {
          service: "cognito",
          region: REGION,
          action: "cognito-idp:ListUserPools",
          kind: "access-denied",
          message: "insufficient permissions: cognito-idp:ListUserPools",
        },
      ]);
      expect(inventory.userPools).toEqual([]);
      expect(inventory.identityPools.map((p) => p.id)).toEqual(["ip-1"]);
    });

    it("drops a pool list that failed on a later page rather than reporting half of it", async () => {
      listUserPools(poolId(1));
      idp
        .on(ListUserPoolsCommand)
        .resolvesOnce({ UserPools: [{ Id: poolId(1) }], NextToken: "p2" })
        .rejectsOnce(awsError("InternalErrorException", "oops", 500));
      const { inventory, errors } = await collect();
      expect(errors.map((e) => e.action)).toEqual(["cognito-idp:ListUserPools"]);
      expect(inventory.userPools).toEqual([]);
      expect(idp).toHaveReceivedCommandTimes(DescribeUserPoolCommand, 0);
    });

    it.each([
      {
        name: "UnrecognizedClientException (opt-in region not enabled)",
        error: () =>
          awsError("UnrecognizedClientException", "The security token included in the request is invalid.", 400),
        kind: "credentials-rejected",
      },
      {
        name: "an endpoint that does not resolve",
        error: () =>
          Object.assign(new Error("getaddrinfo ENOTFOUND cognito-identity.xx-new-1.amazonaws.com"), {
            code: "ENOTFOUND",
          }),
        kind: "region-unavailable",
      },
    ])("stops a region answering with $name and returns only that error", async ({ error, kind }) => {
      listUserPools(poolId(1));
      identity.on(ListIdentityPoolsCommand).rejects(error());
      const { inventory, errors } = await collect();
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ kind, action: "cognito-identity:ListIdentityPools" });
      expect(inventory).toEqual({ region: REGION, userPools: [], identityPools: [] });
      expect(idp).toHaveReceivedCommandTimes(DescribeUserPoolCommand, 0);
    });

    it("reports the same failure once per pool, naming each pool, so only its own verdicts become unknown", async () => {
      listUserPools(poolId(1), poolId(2), poolId(3));
      idp.on(GetLogDeliveryConfigurationCommand).rejects(awsError("AccessDeniedException", "denied", 400));
      const { inventory, errors } = await collect();
      expect(errors.map((e) => [e.action, e.resource])).toEqual([
        ["cognito-idp:GetLogDeliveryConfiguration", poolId(1)],
        ["cognito-idp:GetLogDeliveryConfiguration", poolId(2)],
        ["cognito-idp:GetLogDeliveryConfiguration", poolId(3)],
      ]);
      expect(inventory.userPools.map((p) => p.logConfigurations)).toEqual([undefined, undefined, undefined]);
    });

    it("reports clients of one pool refused alike once, naming the pool, and the list calls without one", async () => {
      listUserPools(poolId(1));
      idp.on(ListUserPoolClientsCommand).resolves({ UserPoolClients: [{ ClientId: "a" }, { ClientId: "b" }] });
      idp.on(DescribeUserPoolClientCommand).rejects(awsError("AccessDeniedException", "denied", 400));
      identity.on(ListIdentityPoolsCommand).rejects(awsError("AccessDeniedException", "denied", 400));
      const { errors } = await collect();
      expect(errors.map((e) => [e.action, e.resource])).toEqual([
        ["cognito-identity:ListIdentityPools", undefined],
        ["cognito-idp:DescribeUserPoolClient", poolId(1)],
      ]);
    });

    it("turns a malformed answer into an error instead of throwing", async () => {
      listUserPools(poolId(1));
      idp.on(DescribeUserPoolCommand).resolves({ UserPool: sdkPool(poolId(1), { MfaConfiguration: "ON" }) });
      idp.on(GetUserPoolMfaConfigCommand).resolves(undefined as never);
      const { inventory, errors } = await collect();
      expect(errors.map((e) => [e.action, e.kind])).toEqual([["cognito-idp:GetUserPoolMfaConfig", "other"]]);
      expect(inventory.userPools[0]?.mfaFactors).toBeUndefined();
    });

    it("never throws, whatever the clients throw", async () => {
      idp.on(ListUserPoolsCommand).rejects("plain string rejection");
      identity.on(ListIdentityPoolsCommand).rejects(new TypeError("weird"));
      await expect(collect()).resolves.toMatchObject({
        errors: [
          { action: "cognito-idp:ListUserPools", kind: "other" },
          { action: "cognito-identity:ListIdentityPools", kind: "other" },
        ],
      });
    });
  });
});

describe("collectCognitoRegion", () => {
  it("creates both clients for the region and collects with them", async () => {
    listUserPools(poolId(1));
    listIdentityPools({ id: "ip-1" });
    const { inventory, errors } = await collectCognitoRegion(REGION, createCollectScope(CONTEXT));
    expect(errors).toEqual([]);
    expect(inventory.userPools.map((p) => p.id)).toEqual([poolId(1)]);
    expect(inventory.identityPools.map((p) => p.arn)).toEqual([identityPoolArn("aws", REGION, ACCOUNT, "ip-1")]);
  });
});
