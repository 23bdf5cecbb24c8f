/**
 * Amazon Cognito user pools (cognito-idp) and identity pools (cognito-identity), both awsJson1_1:
 * the inverse of lib/aws/cognito/reshape.ts, with real paging and the NotFound answers the collector
 * reads as "deleted while we looked".
 *
 * Lossy by nature: the inventory keeps only what controls need, so a field the recorded scan could
 * not read (`mfaFactors`, `logConfigurations`, `clients` or an enforced pool's `riskConfiguration`
 * left undefined) is served as "nothing configured", `hasSecret` is served as a fixed fake
 * `ClientSecret`, and `customAuthTrigger` as a DefineAuthChallenge trigger with a fake Lambda ARN.
 */
import * as idpSchemas from "@aws-sdk/client-cognito-identity-provider";
import * as identitySchemas from "@aws-sdk/client-cognito-identity";
import type {
  AppClient,
  CognitoRegionInventory,
  IdentityPool,
  LogConfiguration,
  MfaFactors,
  RiskConfiguration,
  Tag,
  UserPool,
} from "@/lib/inventory";
import { page } from "../paging";
import { FakeAwsError, type FakeRequest, type FakeService } from "../types";

/** What DescribeUserPoolClient answers for a client with a secret; the collector must drop it. */
export const FAKE_CLIENT_SECRET = "fakeawsClientSecret0do0not0store0this0value0anywhere0123456789";

/** All three list calls accept 1..60 (MaxResults is required by ListUserPools and ListIdentityPools). */
const MAX_PAGE_SIZE = 60;

function regionOf(request: FakeRequest): CognitoRegionInventory | undefined {
  return request.scenario.inventory.cognito?.regions.find((r) => r.region === request.region);
}

function stringParam(request: FakeRequest, name: string): string {
  const value = request.params[name];
  if (typeof value !== "string" || value === "") {
    throw new FakeAwsError(
      "InvalidParameterException",
      `1 validation error detected: Value null at '${name.charAt(0).toLowerCase()}${name.slice(1)}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return value;
}

function pageSize(request: FakeRequest, required: boolean): number {
  const value = request.params.MaxResults;
  if (value === undefined && !required) return MAX_PAGE_SIZE;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE) {
    throw new FakeAwsError(
      "InvalidParameterException",
      `1 validation error detected: Value '${String(value ?? "null")}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and ${MAX_PAGE_SIZE}`,
    );
  }
  return value;
}

function tagMap(tags: readonly Tag[]): Record<string, string> | undefined {
  return tags.length > 0 ? Object.fromEntries(tags.map((t) => [t.key, t.value])) : undefined;
}

/** AWS leaves empty lists out of Cognito answers; the collector reads a missing list as []. */
function list<T>(items: readonly T[]): T[] | undefined {
  return items.length > 0 ? [...items] : undefined;
}

function userPoolOf(request: FakeRequest): UserPool {
  const id = stringParam(request, "UserPoolId");
  const pool = regionOf(request)?.userPools.find((p) => p.id === id);
  if (!pool) throw new FakeAwsError("ResourceNotFoundException", `User pool ${id} does not exist.`);
  return pool;
}

function identityPoolOf(request: FakeRequest): IdentityPool {
  const id = stringParam(request, "IdentityPoolId");
  const pool = regionOf(request)?.identityPools.find((p) => p.id === id);
  if (!pool) throw new FakeAwsError("ResourceNotFoundException", `IdentityPool '${id}' not found.`);
  return pool;
}

function createdAt(request: FakeRequest): Date {
  const date = new Date(request.scenario.inventory.startedAt);
  return Number.isNaN(date.getTime()) ? new Date(0) : date;
}

/** Inverse of toMfaFactors: a factor counts when its block is present (passkeys: as MFA). */
function mfaConfig(pool: UserPool, request: FakeRequest) {
  const factors: MfaFactors = pool.mfaFactors ?? { sms: false, softwareToken: false, email: false, webAuthn: false };
  const { id: account, partition } = request.scenario.inventory.account;
  return {
    MfaConfiguration: pool.mfaConfiguration,
    SmsMfaConfiguration: factors.sms
      ? {
          SmsAuthenticationMessage: "Your code is {####}",
          SmsConfiguration: {
            SnsCallerArn: `arn:${partition}:iam::${account}:role/service-role/CognitoSms`,
            ExternalId: pool.id,
            SnsRegion: request.region,
          },
        }
      : undefined,
    SoftwareTokenMfaConfiguration: { Enabled: factors.softwareToken },
    EmailMfaConfiguration: factors.email
      ? { Subject: "Your verification code", Message: "Your code is {####}" }
      : undefined,
    WebAuthnConfiguration: factors.webAuthn
      ? { RelyingPartyId: `${pool.id}.example.com`, FactorConfiguration: "MULTI_FACTOR_WITH_USER_VERIFICATION" }
      : undefined,
  };
}

/** Inverse of toLogConfiguration: the destination becomes its configuration block. */
function logConfiguration(config: LogConfiguration, pool: UserPool, request: FakeRequest) {
  const { id: account, partition } = request.scenario.inventory.account;
  const name = `${pool.id}-${config.eventSource ?? "events"}`.replace(/[^\w-]/g, "-").toLowerCase();
  return {
    EventSource: config.eventSource,
    LogLevel: config.logLevel,
    CloudWatchLogsConfiguration:
      config.destination === "cloudwatch-logs"
        ? { LogGroupArn: `arn:${partition}:logs:${request.region}:${account}:log-group:/aws/cognito/${name}` }
        : undefined,
    S3Configuration: config.destination === "s3" ? { BucketArn: `arn:${partition}:s3:::${name}` } : undefined,
    FirehoseConfiguration:
      config.destination === "firehose"
        ? { StreamArn: `arn:${partition}:firehose:${request.region}:${account}:deliverystream/${name}` }
        : undefined,
  };
}

/** One adaptive-authentication response; Notify is required by the API, and nothing is sent here. */
function takeoverAction(eventAction: string | undefined) {
  return eventAction === undefined ? undefined : { EventAction: eventAction, Notify: false };
}

/** Inverse of toRiskConfiguration: a block is present only when it sets an action. */
function riskConfiguration(pool: UserPool, config: RiskConfiguration, request: FakeRequest) {
  const { lowAction, mediumAction, highAction, compromisedCredentialsAction } = config;
  const takeover = [lowAction, mediumAction, highAction].some((action) => action !== undefined);
  return {
    UserPoolId: pool.id,
    AccountTakeoverRiskConfiguration: takeover
      ? {
          Actions: {
            LowAction: takeoverAction(lowAction),
            MediumAction: takeoverAction(mediumAction),
            HighAction: takeoverAction(highAction),
          },
        }
      : undefined,
    CompromisedCredentialsRiskConfiguration:
      compromisedCredentialsAction === undefined
        ? undefined
        : {
            EventFilter: ["SIGN_IN", "PASSWORD_CHANGE", "SIGN_UP"],
            Actions: { EventAction: compromisedCredentialsAction },
          },
    LastModifiedDate: createdAt(request),
  };
}

function describeClient(client: AppClient, request: FakeRequest) {
  const date = createdAt(request);
  return {
    UserPoolId: client.userPoolId,
    ClientName: client.name,
    ClientId: client.clientId,
    ClientSecret: client.hasSecret ? FAKE_CLIENT_SECRET : undefined,
    LastModifiedDate: date,
    CreationDate: date,
    ExplicitAuthFlows: list(client.explicitAuthFlows),
    SupportedIdentityProviders: list(client.supportedIdentityProviders),
    CallbackURLs: list(client.callbackUrls),
    LogoutURLs: list(client.logoutUrls),
    DefaultRedirectURI: client.defaultRedirectUri,
    AllowedOAuthFlows: list(client.allowedOAuthFlows),
    AllowedOAuthFlowsUserPoolClient: client.allowedOAuthFlowsUserPoolClient,
    PreventUserExistenceErrors: client.preventUserExistenceErrors,
    EnableTokenRevocation: client.enableTokenRevocation,
  };
}

export const cognitoIdp: FakeService = {
  model: {
    signingName: "cognito-idp",
    actionPrefix: "cognito-idp",
    protocol: "json",
    jsonVersion: "1.1",
    schemas: idpSchemas,
  },
  responders: {
    ListUserPools: (request) => {
      const { items, next } = page(
        regionOf(request)?.userPools ?? [],
        request.params.NextToken,
        pageSize(request, true),
      );
      const date = createdAt(request);
      return {
        UserPools: items.map((p) => ({ Id: p.id, Name: p.name, LastModifiedDate: date, CreationDate: date })),
        NextToken: next,
      };
    },
    DescribeUserPool: (request) => {
      const pool = userPoolOf(request);
      const date = createdAt(request);
      return {
        UserPool: {
          Id: pool.id,
          Name: pool.name,
          Arn: pool.arn,
          LastModifiedDate: date,
          CreationDate: date,
          MfaConfiguration: pool.mfaConfiguration,
          DeletionProtection: pool.deletionProtection,
          UserPoolAddOns: pool.advancedSecurityMode ? { AdvancedSecurityMode: pool.advancedSecurityMode } : undefined,
          UserPoolTier: pool.userPoolTier,
          LambdaConfig: pool.customAuthTrigger
            ? {
                DefineAuthChallenge: `arn:${request.scenario.inventory.account.partition}:lambda:${request.region}:${request.scenario.inventory.account.id}:function:${pool.id}-define-auth-challenge`,
              }
            : undefined,
          KeyConfiguration: pool.keyConfiguration
            ? { KeyType: pool.keyConfiguration.keyType, KmsKeyArn: pool.keyConfiguration.kmsKeyArn }
            : undefined,
          UserPoolTags: tagMap(pool.tags),
          Domain: pool.domain,
          CustomDomain: pool.customDomain,
          EstimatedNumberOfUsers: pool.estimatedNumberOfUsers,
        },
      };
    },
    GetUserPoolMfaConfig: (request) => mfaConfig(userPoolOf(request), request),
    DescribeRiskConfiguration: (request) => {
      const pool = userPoolOf(request);
      // As Cognito answers a pool whose threat protection is off.
      if (pool.advancedSecurityMode !== "ENFORCED" && pool.advancedSecurityMode !== "AUDIT") {
        throw new FakeAwsError(
          "UserPoolAddOnNotEnabledException",
          "Threat protection features are not enabled for this user pool.",
        );
      }
      const clientId = request.params.ClientId;
      if (clientId !== undefined && !(pool.clients ?? []).some((c) => c.clientId === clientId)) {
        throw new FakeAwsError("ResourceNotFoundException", `User pool client ${String(clientId)} does not exist.`);
      }
      // Only pool-level settings are recorded: an app client is answered with what it inherits.
      return { RiskConfiguration: riskConfiguration(pool, pool.riskConfiguration ?? {}, request) };
    },
    GetLogDeliveryConfiguration: (request) => {
      const pool = userPoolOf(request);
      return {
        LogDeliveryConfiguration: {
          UserPoolId: pool.id,
          LogConfigurations: (pool.logConfigurations ?? []).map((c) => logConfiguration(c, pool, request)),
        },
      };
    },
    ListUserPoolClients: (request) => {
      const pool = userPoolOf(request);
      const { items, next } = page(pool.clients ?? [], request.params.NextToken, pageSize(request, false));
      return {
        UserPoolClients: items.map((c) => ({ ClientId: c.clientId, UserPoolId: c.userPoolId, ClientName: c.name })),
        NextToken: next,
      };
    },
    DescribeUserPoolClient: (request) => {
      const pool = userPoolOf(request);
      const clientId = stringParam(request, "ClientId");
      const client = (pool.clients ?? []).find((c) => c.clientId === clientId);
      if (!client) throw new FakeAwsError("ResourceNotFoundException", `User pool client ${clientId} does not exist.`);
      return { UserPoolClient: describeClient(client, request) };
    },
  },
};

export const cognitoIdentity: FakeService = {
  model: {
    signingName: "cognito-identity",
    actionPrefix: "cognito-identity",
    protocol: "json",
    jsonVersion: "1.1",
    schemas: identitySchemas,
  },
  responders: {
    ListIdentityPools: (request) => {
      const { items, next } = page(
        regionOf(request)?.identityPools ?? [],
        request.params.NextToken,
        pageSize(request, true),
      );
      return {
        IdentityPools: items.map((p) => ({ IdentityPoolId: p.id, IdentityPoolName: p.name })),
        NextToken: next,
      };
    },
    DescribeIdentityPool: (request) => {
      const pool = identityPoolOf(request);
      return {
        IdentityPoolId: pool.id,
        IdentityPoolName: pool.name,
        AllowUnauthenticatedIdentities: pool.allowUnauthenticatedIdentities,
        AllowClassicFlow: pool.allowClassicFlow,
        IdentityPoolTags: tagMap(pool.tags),
      };
    },
    GetIdentityPoolRoles: (request) => {
      const pool = identityPoolOf(request);
      const roles = Object.fromEntries(
        Object.entries(pool.roles ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
      );
      return { IdentityPoolId: pool.id, Roles: roles };
    },
  },
};
