import { GetAccountAuthorizationDetailsCommand, GetOpenIDConnectProviderCommand, IAMClient } from "@aws-sdk/client-iam";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectIamAccount } from "@/lib/aws/iam/collect";
import type { IamInventory } from "@/lib/inventory";
import {
  accountSummary,
  ADMINISTRATOR_ACCESS,
  allowStatement,
  authorization,
  credentialReport,
  credentialRow,
  IAM_TEST_NOW,
  iamArn,
  iamGroup,
  iamInventory,
  iamRole,
  iamUser,
  managedPolicy,
  NO_ACCESS_KEY,
  passwordPolicy,
  rootCredentialRow,
  stsVpcEndpointsRegion,
  TEST_ACCOUNT,
} from "@/lib/inventory/builders";
import { startFakeAws, type FakeAws } from "../server";
import type { Fault, Scenario } from "../types";
import { iam } from "./iam";
import { FAKE_SERVICES } from "./index";

let fake: FakeAws;
const instant = async () => {};

const OIDC_ARN = `arn:aws:iam::${TEST_ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;

function iamPart(): IamInventory {
  return {
    summary: accountSummary({ accountAccessKeysPresent: true }),
    credentialReport: credentialReport([
      rootCredentialRow(),
      credentialRow(),
      credentialRow({
        user: "alice",
        arn: iamArn("user", "engineering/alice"),
        accessKeys: [NO_ACCESS_KEY, NO_ACCESS_KEY],
      }),
      // IAM allows commas in user names and does not quote them in the report.
      credentialRow({ user: "ops,admin", passwordEnabled: false, passwordLastUsed: undefined, mfaActive: false }),
      credentialRow({
        user: "never-logged-in",
        passwordLastUsed: undefined,
        userCreationTime: "2026-05-20T10:11:12.345Z",
      }),
    ]),
    passwordPolicy: passwordPolicy({ maxPasswordAge: undefined, expirePasswords: false }),
    authorization: authorization({
      users: [
        iamUser({
          groups: ["developers"],
          inlinePolicies: [
            {
              name: "inline",
              statements: [
                allowStatement(["s3:GetObject", "s3:PutObject"], ["arn:aws:s3:::orders/*", "arn:aws:s3:::orders"]),
                { effect: "Deny", notActions: ["iam:*"], notResources: ["arn:aws:s3:::x"], hasCondition: true },
                { effect: "Allow", actions: [], resources: [], hasCondition: false },
              ],
            },
          ],
          attachedPolicies: [ADMINISTRATOR_ACCESS],
          tags: [{ key: "team", value: "platform & ops" }],
        }),
        iamUser({ name: "alice", arn: iamArn("user", "engineering/alice"), path: "/engineering/" }),
        iamUser({ name: "no-path", path: undefined }),
      ],
      groups: [
        iamGroup({
          inlinePolicies: [{ name: "read", statements: [allowStatement(["ec2:Describe*"], ["*"], true)] }],
          attachedPolicies: [{ name: "ReadOrders", arn: iamArn("policy", "ReadOrders") }],
        }),
      ],
      roles: [
        iamRole({ tags: [{ key: "env", value: "prod" }] }),
        iamRole({
          name: "AWSServiceRoleForSupport",
          arn: iamArn("role", "aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport"),
          path: "/aws-service-role/support.amazonaws.com/",
          attachedPolicies: [
            { name: "AWSSupportServiceRolePolicy", arn: "arn:aws:iam::aws:policy/aws-service-role/x" },
          ],
        }),
      ],
      policies: [
        managedPolicy({ description: 'Orders bucket, read only ("orders") <internal>' }),
        managedPolicy({ name: "Unattached", attachmentCount: 0, statements: [] }),
        {
          ...ADMINISTRATOR_ACCESS,
          path: "/",
          description: "Provides full access to AWS services and resources.",
          attachmentCount: 2,
          awsManaged: true,
          statements: [allowStatement(["*"])],
        },
      ],
    }),
    virtualMfaDevices: [
      {
        serialNumber: `arn:aws:iam::${TEST_ACCOUNT}:mfa/root-account-mfa-device`,
        userArn: `arn:aws:iam::${TEST_ACCOUNT}:root`,
      },
      { serialNumber: `arn:aws:iam::${TEST_ACCOUNT}:mfa/deploy-bot`, userArn: iamArn("user", "deploy-bot") },
      {
        serialNumber: `arn:aws:iam::${TEST_ACCOUNT}:mfa/engineering/alice`,
        userArn: iamArn("user", "engineering/alice"),
      },
    ],
    accountAliases: ["acme-prod"],
    oidcProviders: [{ arn: OIDC_ARN, url: "https://token.actions.githubusercontent.com" }],
  };
}

function scenario(part: Partial<IamInventory> = iamPart(), faults?: Fault[]): Scenario {
  return { inventory: iamInventory({ ...part, stsVpcEndpoints: [stsVpcEndpointsRegion()] }), faults };
}

function client() {
  return new IAMClient({
    region: "us-east-1",
    endpoint: fake.url,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts: 1,
  });
}

async function collect(now = IAM_TEST_NOW) {
  return collectIamAccount(client(), { now, sleep: instant });
}

beforeAll(async () => {
  FAKE_SERVICES[iam.model.signingName] = iam;
  fake = await startFakeAws(scenario());
});
afterAll(async () => {
  await fake.close();
});

describe("fake IAM", () => {
  it("round-trips the IAM inventory through the real collector, walking the credential report cycle", async () => {
    fake.setScenario(scenario());
    fake.reset();
    const { inventory, errors } = await collect();
    expect(errors).toEqual([]);
    const { stsVpcEndpoints: _endpoints, ...expected } = iamPart();
    expect(inventory).toEqual(expected);
    // No report yet: get (ReportNotPresent) → generate → get.
    expect(fake.counts()).toMatchObject({ "iam:GetCredentialReport": 2, "iam:GenerateCredentialReport": 1 });

    // The next scan of the same scenario reads the stored report, fresh for IAM_TEST_NOW.
    fake.reset();
    const again = await collect();
    expect(again.inventory.credentialReport).toEqual(expected.credentialReport);
    expect(fake.counts()["iam:GetCredentialReport"]).toBe(1);
    expect(fake.counts()["iam:GenerateCredentialReport"]).toBeUndefined();

    // A day later the stored report is stale: the collector regenerates it and takes what comes back.
    fake.reset();
    const later = await collect(new Date(IAM_TEST_NOW.getTime() + 86_400_000));
    expect(later.inventory.credentialReport).toEqual(expected.credentialReport);
    expect(fake.counts()).toMatchObject({ "iam:GetCredentialReport": 2, "iam:GenerateCredentialReport": 1 });
  });

  it("answers NoSuchEntity for an account without a password policy, and serves missing parts as empty", async () => {
    fake.setScenario(
      scenario({ summary: accountSummary({ accountPasswordPresent: undefined }), passwordPolicy: null }),
    );
    const { inventory, errors } = await collect();
    expect(errors).toEqual([]);
    expect(inventory).toEqual({
      summary: accountSummary({ accountPasswordPresent: undefined }),
      credentialReport: { generatedTime: iamInventory().startedAt, rows: [] },
      passwordPolicy: null,
      authorization: authorization(),
      virtualMfaDevices: [],
      accountAliases: [],
      oidcProviders: [],
    });
  });

  it("answers NoSuchEntity for an unknown OIDC provider", async () => {
    fake.setScenario(scenario());
    await expect(
      client().send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: `${OIDC_ARN}-gone` })),
    ).rejects.toMatchObject({ name: "NoSuchEntityException", $metadata: { httpStatusCode: 404 } });
  });

  it("pages GetAccountAuthorizationDetails by MaxItems across all entity kinds, and the MFA devices", async () => {
    const users = Array.from({ length: 480 }, (_, i) => iamUser({ name: `user-${i}` }));
    const roles = Array.from({ length: 130 }, (_, i) => iamRole({ name: `role-${i}` }));
    const policies = [managedPolicy()];
    const devices = Array.from({ length: 1500 }, (_, i) => ({
      serialNumber: `arn:aws:iam::${TEST_ACCOUNT}:mfa/user-${i}`,
      userArn: iamArn("user", `user-${i}`),
    }));
    fake.setScenario(
      scenario({ authorization: authorization({ users, roles, policies }), virtualMfaDevices: devices }),
    );
    fake.reset();
    const { inventory, errors } = await collect();
    expect(errors).toEqual([]);
    expect(inventory.authorization).toEqual(authorization({ users, roles, policies }));
    expect(inventory.virtualMfaDevices).toEqual(devices);
    // 611 entities at MaxItems 500; 1500 devices at MaxItems 1000.
    expect(fake.counts()["iam:GetAccountAuthorizationDetails"]).toBe(2);
    expect(fake.counts()["iam:ListVirtualMFADevices"]).toBe(2);
  });

  it("honours GetAccountAuthorizationDetails' entity filter", async () => {
    fake.setScenario(scenario());
    const answer = await client().send(
      new GetAccountAuthorizationDetailsCommand({ Filter: ["Role", "AWSManagedPolicy"] }),
    );
    expect(answer.UserDetailList).toEqual([]);
    expect(answer.RoleDetailList?.map((r) => r.RoleName)).toEqual(["app-role", "AWSServiceRoleForSupport"]);
    expect(answer.Policies?.map((p) => p.PolicyName)).toEqual(["AdministratorAccess"]);
  });

  it.each([
    {
      fault: { action: "iam:GetAccountAuthorizationDetails", kind: "access-denied" },
      error: {
        action: "iam:GetAccountAuthorizationDetails",
        kind: "access-denied",
        message: "insufficient permissions: iam:GetAccountAuthorizationDetails",
      },
      missing: "authorization",
    },
    {
      fault: { action: "iam:GetCredentialReport", kind: "throttle" },
      error: { action: "iam:GetCredentialReport", kind: "throttled", message: "throttled: Throttling: Rate exceeded" },
      missing: "credentialReport",
    },
    {
      fault: { action: "iam:GenerateCredentialReport", kind: "access-denied" },
      error: { action: "iam:GenerateCredentialReport", kind: "access-denied" },
      missing: "credentialReport",
    },
    {
      fault: { action: "iam:GetAccountPasswordPolicy", kind: "server-error" },
      error: { action: "iam:GetAccountPasswordPolicy", kind: "other" },
      missing: "passwordPolicy",
    },
    {
      fault: { action: "iam:GetOpenIDConnectProvider", kind: "malformed-body" },
      error: { action: "iam:GetOpenIDConnectProvider", kind: "other" },
      missing: "oidcProviders",
    },
  ] as const)("turns an injected $fault.kind on $fault.action into one error", async ({ fault, error, missing }) => {
    fake.setScenario(scenario(iamPart(), [{ ...fault }]));
    const { inventory, errors } = await collect();
    expect(errors).toEqual([{ service: "iam", region: "global", ...error, message: expect.any(String) }]);
    if ("message" in error) expect(errors[0]?.message).toBe(error.message);
    expect(inventory[missing]).toBeUndefined();
    const { stsVpcEndpoints: _endpoints, [missing]: _failed, ...rest } = iamPart();
    expect(inventory).toMatchObject(rest);
  });
});
