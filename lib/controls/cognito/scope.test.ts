import { describe, expect, it } from "vitest";
import {
  cognitoAppClient,
  cognitoGuestRole,
  cognitoIamInventory,
  cognitoIdentityPool,
  cognitoInventory,
  cognitoUserPool,
  COGNITO_TEST_GUEST_ROLE_ARN,
} from "@/lib/inventory/builders";
import type { PolicyStatement } from "@/lib/inventory";
import {
  appClientArn,
  appClients,
  broadGrants,
  checkGuestRole,
  effectiveAuthFlows,
  localSignInPaths,
  localSignIns,
  signInScope,
  userCount,
  userPools,
} from "./scope";

const allow = (actions: string[], extra: Partial<PolicyStatement> = {}): PolicyStatement => ({
  effect: "Allow",
  actions,
  resources: ["*"],
  hasCondition: false,
  ...extra,
});

function grantsOf(statements: PolicyStatement[]) {
  const role = cognitoGuestRole({ inlinePolicies: [{ name: "p", statements }] });
  return broadGrants(cognitoIamInventory([role]), role).map((g) => g.grant);
}

describe("cognito scope helpers", () => {
  it("yields nothing when Cognito was not scanned", () => {
    expect(userPools(cognitoInventory({}, { cognito: undefined }))).toEqual([]);
    expect(appClients(cognitoInventory({}, { cognito: undefined }))).toEqual([]);
  });

  it("lists app clients with a synthetic ARN under their pool, skipping pools whose clients are unknown", () => {
    const pool = cognitoUserPool({
      clients: [cognitoAppClient({ clientId: "a" }), cognitoAppClient({ clientId: "b" })],
    });
    const unknown = cognitoUserPool({ id: "us-east-1_Unknown", clients: undefined });
    const clients = appClients(cognitoInventory({ userPools: [pool, unknown] }));
    expect(clients.map((c) => c.arn)).toEqual([`${pool.arn}/client/a`, `${pool.arn}/client/b`]);
    expect(appClientArn(pool, "a")).toBe(`${pool.arn}/client/a`);
  });

  it.each([
    { name: "a client offers COGNITO", clients: [cognitoAppClient()], scope: "local" },
    {
      name: "one of several clients offers COGNITO",
      clients: [
        cognitoAppClient({ supportedIdentityProviders: ["Google"] }),
        cognitoAppClient({ clientId: "x", supportedIdentityProviders: ["Okta", "COGNITO"] }),
      ],
      scope: "local",
    },
    {
      name: "clients list external providers only but allow SRP sign-in",
      clients: [cognitoAppClient({ supportedIdentityProviders: ["Google", "MySAML"] })],
      scope: "local",
    },
    {
      name: "clients list external providers only and allow no local flow",
      clients: [
        cognitoAppClient({ explicitAuthFlows: ["ALLOW_REFRESH_TOKEN_AUTH"], supportedIdentityProviders: ["Google"] }),
      ],
      scope: "federated-only",
    },
    { name: "no clients", clients: [], scope: "no-clients" },
    { name: "clients not read", clients: undefined, scope: "unknown" },
  ])("sign-in scope: $name → $scope", ({ clients, scope }) => {
    expect(signInScope(cognitoUserPool({ clients }))).toBe(scope);
  });

  it.each([
    { flows: [], effective: ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH"] },
    { flows: ["ALLOW_USER_AUTH"], effective: ["ALLOW_USER_AUTH"] },
    { flows: ["ADMIN_NO_SRP_AUTH"], effective: ["ADMIN_NO_SRP_AUTH", "USER_SRP_AUTH"] },
    { flows: ["CUSTOM_AUTH_FLOW_ONLY"], effective: ["CUSTOM_AUTH_FLOW_ONLY"] },
  ])("effective auth flows of $flows", ({ flows, effective }) => {
    expect(effectiveAuthFlows(cognitoAppClient({ explicitAuthFlows: flows }))).toEqual(effective);
  });

  it("lists each client's local sign-in paths, leaving out clients without one", () => {
    const pool = cognitoUserPool({
      customAuthTrigger: true,
      clients: [
        cognitoAppClient({ clientId: "web", explicitAuthFlows: ["ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }),
        cognitoAppClient({
          clientId: "sso",
          explicitAuthFlows: ["ALLOW_REFRESH_TOKEN_AUTH"],
          supportedIdentityProviders: ["Okta"],
        }),
        cognitoAppClient({
          clientId: "otp",
          explicitAuthFlows: ["ALLOW_CUSTOM_AUTH"],
          allowedOAuthFlowsUserPoolClient: false,
        }),
      ],
    });
    expect(localSignIns(pool)).toEqual([
      "client web: ALLOW_USER_AUTH, managed login (COGNITO)",
      "client otp: ALLOW_CUSTOM_AUTH",
    ]);
    expect(localSignInPaths(pool, pool.clients![1]!)).toEqual([]);
  });

  it.each([
    { users: undefined, text: undefined },
    { users: 0, text: undefined },
    { users: 1, text: "1 user" },
    { users: 12345, text: "12,345 users" },
  ])("user count $users → $text", ({ users, text }) => {
    expect(userCount(cognitoUserPool({ estimatedNumberOfUsers: users }))).toBe(text);
  });

  it.each([
    { name: "narrow grant", statements: [allow(["s3:GetObject", "s3:Get*", "dynamodb:GetItem"])], grants: [] },
    { name: "s3:*", statements: [allow(["s3:*"])], grants: ["s3:*"] },
    { name: "case-insensitive IAM wildcard", statements: [allow(["IAM:*"])], grants: ["iam:*"] },
    { name: "dynamodb:* and sts:*", statements: [allow(["dynamodb:*", "sts:*"])], grants: ["dynamodb:*", "sts:*"] },
    { name: "full wildcard reported once", statements: [allow(["*"])], grants: ["*"] },
    { name: "*:* counts as full wildcard", statements: [allow(["*:*"])], grants: ["*"] },
    {
      name: "NotAction leaves whole services allowed",
      statements: [{ effect: "Allow" as const, notActions: ["iam:*"], resources: ["*"], hasCondition: false }],
      grants: ["s3:*", "dynamodb:*", "sts:*"],
    },
    { name: "Deny statements grant nothing", statements: [allow(["s3:*"], { effect: "Deny" })], grants: [] },
  ])("broad grants: $name", ({ statements, grants }) => {
    expect(grantsOf(statements)).toEqual(grants);
  });

  it("reads grants from attached managed policies too, naming the source", () => {
    const policyArn = `arn:aws:iam::111122223333:policy/guest-data`;
    const role = cognitoGuestRole({ inlinePolicies: [], attachedPolicies: [{ name: "guest-data", arn: policyArn }] });
    const iam = cognitoIamInventory(
      [role],
      [
        {
          name: "guest-data",
          arn: policyArn,
          attachmentCount: 1,
          awsManaged: false,
          statements: [allow(["dynamodb:*"])],
        },
      ],
    );
    expect(broadGrants(iam, role)).toEqual([{ grant: "dynamodb:*", source: `managed:${policyArn}` }]);
  });

  it.each([
    { name: "roles not read", pool: { roles: undefined }, iam: true, kind: "roles-unknown" },
    { name: "no unauthenticated role", pool: { roles: { authenticated: "arn:auth" } }, iam: true, kind: "no-role" },
    {
      name: "IAM not collected",
      pool: { roles: { unauthenticated: COGNITO_TEST_GUEST_ROLE_ARN } },
      iam: false,
      kind: "iam-unknown",
    },
    {
      name: "role missing from IAM data",
      pool: { roles: { unauthenticated: "arn:aws:iam::444455556666:role/elsewhere" } },
      iam: true,
      kind: "role-not-found",
    },
    {
      name: "role found",
      pool: { roles: { unauthenticated: COGNITO_TEST_GUEST_ROLE_ARN } },
      iam: true,
      kind: "checked",
    },
  ])("guest role check: $name → $kind", ({ pool, iam, kind }) => {
    const inventory = cognitoInventory({}, iam ? { iam: cognitoIamInventory([cognitoGuestRole()]) } : {});
    const check = checkGuestRole(inventory, cognitoIdentityPool({ allowUnauthenticatedIdentities: true, ...pool }));
    expect(check.kind).toBe(kind);
  });

  it("treats an IAM inventory whose authorization details failed as not collected", () => {
    const inventory = cognitoInventory({}, { iam: {} });
    const pool = cognitoIdentityPool({ roles: { unauthenticated: COGNITO_TEST_GUEST_ROLE_ARN } });
    expect(checkGuestRole(inventory, pool)).toEqual({ kind: "iam-unknown", roleArn: COGNITO_TEST_GUEST_ROLE_ARN });
  });
});
