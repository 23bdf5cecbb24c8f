import {
  GenerateCredentialReportCommand,
  GetAccountAuthorizationDetailsCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  GetOpenIDConnectProviderCommand,
  IAMClient,
  IAMServiceException,
  ListAccountAliasesCommand,
  ListOpenIDConnectProvidersCommand,
  ListVirtualMFADevicesCommand,
  type ManagedPolicyDetail,
} from "@aws-sdk/client-iam";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { collectIamAccount } from "./collect";

const ACCOUNT = "111122223333";
const NOW = new Date("2026-06-01T12:00:00Z");
const arn = (kind: string, name: string) => `arn:aws:iam::${ACCOUNT}:${kind}/${name}`;
const encode = (document: object) => encodeURIComponent(JSON.stringify(document));
const STAR = encode({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] });

const REPORT = [
  "user,arn,user_creation_time,password_enabled,password_last_used,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date",
  `<root_account>,arn:aws:iam::${ACCOUNT}:root,2016-03-14T09:12:55+00:00,not_supported,N/A,true,false,N/A,N/A,false,N/A,N/A`,
  `deploy,${arn("user", "deploy")},2023-02-07T15:20:11+00:00,false,N/A,false,true,2026-04-02T14:05:33+00:00,N/A,false,N/A,N/A`,
].join("\n");

const managedPolicy = (name: string, extra: Partial<ManagedPolicyDetail> = {}): ManagedPolicyDetail => ({
  PolicyName: name,
  Arn: arn("policy", name),
  AttachmentCount: 1,
  DefaultVersionId: "v1",
  PolicyVersionList: [{ VersionId: "v1", IsDefaultVersion: true, Document: STAR }],
  ...extra,
});

const iam = mockClient(IAMClient);
const client = new IAMClient({ region: "us-east-1" });
const sleep = vi.fn(async (_ms: number) => {});
const collect = () => collectIamAccount(client, { now: NOW, sleep });

function awsError(name: string, message: string, httpStatusCode: number) {
  return Object.assign(new Error(message), { name, $fault: "client", $metadata: { httpStatusCode, attempts: 1 } });
}

/** A small, healthy account unless a test says otherwise. */
function defaultAnswers() {
  iam.on(GetAccountSummaryCommand).resolves({
    SummaryMap: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0, AccountPasswordPresent: 1, Users: 1 },
  });
  iam.on(GetCredentialReportCommand).resolves({
    Content: new TextEncoder().encode(REPORT),
    ReportFormat: "text/csv",
    GeneratedTime: new Date(NOW.getTime() - 3_600_000),
  });
  iam.on(GenerateCredentialReportCommand).resolves({ State: "COMPLETE" });
  iam.on(GetAccountPasswordPolicyCommand).resolves({
    PasswordPolicy: { MinimumPasswordLength: 14, RequireSymbols: true, AllowUsersToChangePassword: true },
  });
  iam.on(GetAccountAuthorizationDetailsCommand).resolves({
    UserDetailList: [{ UserName: "deploy", Arn: arn("user", "deploy"), GroupList: [], AttachedManagedPolicies: [] }],
    GroupDetailList: [],
    RoleDetailList: [],
    Policies: [],
    IsTruncated: false,
  });
  iam.on(ListVirtualMFADevicesCommand).resolves({ VirtualMFADevices: [] });
  iam.on(ListAccountAliasesCommand).resolves({ AccountAliases: ["acme-prod"] });
  iam.on(ListOpenIDConnectProvidersCommand).resolves({ OpenIDConnectProviderList: [] });
}

beforeEach(() => {
  iam.reset();
  sleep.mockClear();
  defaultAnswers();
});

describe("collectIamAccount", () => {
  it("collects every part of the account", async () => {
    iam.on(ListVirtualMFADevicesCommand).resolves({
      VirtualMFADevices: [
        {
          SerialNumber: `arn:aws:iam::${ACCOUNT}:mfa/root-account-mfa-device`,
          Base32StringSeed: new TextEncoder().encode("SEED"),
          User: { Arn: `arn:aws:iam::${ACCOUNT}:root`, UserName: "root", UserId: ACCOUNT, Path: "/", CreateDate: NOW },
        },
      ],
    });
    iam.on(ListOpenIDConnectProvidersCommand).resolves({
      OpenIDConnectProviderList: [{ Arn: arn("oidc-provider", "token.actions.githubusercontent.com") }],
    });
    iam.on(GetOpenIDConnectProviderCommand).resolves({ Url: "token.actions.githubusercontent.com" });

    const { inventory, errors } = await collect();

    expect(errors).toEqual([]);
    expect(inventory.summary).toEqual({
      accountMfaEnabled: true,
      accountAccessKeysPresent: false,
      accountPasswordPresent: true,
    });
    expect(inventory.credentialReport?.rows.map((row) => row.user)).toEqual(["<root_account>", "deploy"]);
    expect(inventory.passwordPolicy).toMatchObject({ minimumPasswordLength: 14, requireSymbols: true });
    expect(inventory.authorization?.users.map((user) => user.name)).toEqual(["deploy"]);
    expect(inventory.virtualMfaDevices).toEqual([
      { serialNumber: `arn:aws:iam::${ACCOUNT}:mfa/root-account-mfa-device`, userArn: `arn:aws:iam::${ACCOUNT}:root` },
    ]);
    expect(inventory.accountAliases).toEqual(["acme-prod"]);
    expect(inventory.oidcProviders).toEqual([
      {
        arn: arn("oidc-provider", "token.actions.githubusercontent.com"),
        url: "https://token.actions.githubusercontent.com",
      },
    ]);
    expect(inventory.stsVpcEndpoints).toBeUndefined();
    expect(JSON.stringify(inventory)).not.toContain("SEED");
    expect(iam).toHaveReceivedCommandTimes(GenerateCredentialReportCommand, 0);
  });

  it("asks for users, groups, roles and both policy kinds, 500 at a time, and only assigned MFA devices", async () => {
    await collect();
    expect(iam).toHaveReceivedCommandWith(GetAccountAuthorizationDetailsCommand, {
      Filter: ["User", "Group", "Role", "LocalManagedPolicy", "AWSManagedPolicy"],
      MaxItems: 500,
    });
    expect(iam).toHaveReceivedCommandWith(ListVirtualMFADevicesCommand, { AssignmentStatus: "Assigned" });
  });

  it("follows Marker pages of authorization details, keeping only AWS managed policies in use", async () => {
    // Later pages answer only when asked with the right token, so the test proves the token is sent.
    iam.on(GetAccountAuthorizationDetailsCommand).resolves({
      UserDetailList: [{ UserName: "a", Arn: arn("user", "a") }],
      Policies: [managedPolicy("Legacy"), managedPolicy("Draft", { AttachmentCount: 0 })],
      IsTruncated: true,
      Marker: "page-2",
    });
    iam.on(GetAccountAuthorizationDetailsCommand, { Marker: "page-2" }).resolves({
      UserDetailList: [{ UserName: "b", Arn: arn("user", "b") }],
      RoleDetailList: [{ RoleName: "r", Arn: arn("role", "r"), Path: "/" }],
      GroupDetailList: [{ GroupName: "g", Arn: arn("group", "g") }],
      Policies: [
        managedPolicy("AdministratorAccess", {
          Arn: "arn:aws:iam::aws:policy/AdministratorAccess",
          AttachmentCount: 3,
        }),
        managedPolicy("ReadOnlyAccess", { Arn: "arn:aws:iam::aws:policy/ReadOnlyAccess", AttachmentCount: 0 }),
      ],
      IsTruncated: false,
    });

    const { inventory, errors } = await collect();

    expect(errors).toEqual([]);
    expect(inventory.authorization?.users.map((u) => u.name)).toEqual(["a", "b"]);
    expect(inventory.authorization?.roles.map((r) => r.name)).toEqual(["r"]);
    expect(inventory.authorization?.groups.map((g) => g.name)).toEqual(["g"]);
    expect(inventory.authorization?.policies.map((p) => [p.name, p.awsManaged])).toEqual([
      ["Legacy", false],
      ["Draft", false],
      ["AdministratorAccess", true],
    ]);
    expect(inventory.authorization?.policies[0]?.statements).toEqual([
      { effect: "Allow", actions: ["*"], resources: ["*"], hasCondition: false },
    ]);
    expect(iam).toHaveReceivedCommandTimes(GetAccountAuthorizationDetailsCommand, 2);
    expect(iam).toHaveReceivedLastCommandWith(GetAccountAuthorizationDetailsCommand, {
      Marker: "page-2",
      MaxItems: 500,
    });
  });

  it("follows pages of MFA devices and aliases", async () => {
    iam.on(ListVirtualMFADevicesCommand).resolves({
      VirtualMFADevices: [{ SerialNumber: "mfa-1" }],
      IsTruncated: true,
      Marker: "m2",
    });
    iam.on(ListVirtualMFADevicesCommand, { Marker: "m2" }).resolves({ VirtualMFADevices: [{ SerialNumber: "mfa-2" }] });
    iam.on(ListAccountAliasesCommand).resolves({ AccountAliases: ["one"], IsTruncated: true, Marker: "a2" });
    iam.on(ListAccountAliasesCommand, { Marker: "a2" }).resolves({ AccountAliases: ["two"] });

    const { inventory } = await collect();

    expect(inventory.virtualMfaDevices?.map((d) => d.serialNumber)).toEqual(["mfa-1", "mfa-2"]);
    expect(inventory.accountAliases).toEqual(["one", "two"]);
  });

  it("reads no OIDC provider details when there are no providers (call budget)", async () => {
    const { inventory } = await collect();
    expect(inventory.oidcProviders).toEqual([]);
    expect(iam).toHaveReceivedCommandTimes(GetOpenIDConnectProviderCommand, 0);
    expect(iam.calls()).toHaveLength(7);
  });

  it("drops an OIDC provider deleted between list and get", async () => {
    iam.on(ListOpenIDConnectProvidersCommand).resolves({
      OpenIDConnectProviderList: [{ Arn: "arn:gone" }, { Arn: "arn:kept" }],
    });
    iam
      .on(GetOpenIDConnectProviderCommand, { OpenIDConnectProviderArn: "arn:gone" })
      .rejects(awsError("NoSuchEntityException", "not found", 404));
    iam
      .on(GetOpenIDConnectProviderCommand, { OpenIDConnectProviderArn: "arn:kept" })
      .resolves({ Url: "kept.example.com" });

    const { inventory, errors } = await collect();

    expect(errors).toEqual([]);
    expect(inventory.oidcProviders).toEqual([{ arn: "arn:kept", url: "https://kept.example.com" }]);
  });

  it("reports no password policy as null, not as an error", async () => {
    iam
      .on(GetAccountPasswordPolicyCommand)
      .rejects(
        awsError("NoSuchEntityException", "The Password Policy with domain name 111122223333 cannot be found.", 404),
      );
    const { inventory, errors } = await collect();
    expect(errors).toEqual([]);
    expect(inventory.passwordPolicy).toBeNull();
  });

  it("keeps at most three calls in flight", async () => {
    let inFlight = 0;
    let peak = 0;
    const slow = (answer: object) => async () => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight -= 1;
      return answer;
    };
    iam.on(GetAccountSummaryCommand).callsFake(slow({ SummaryMap: {} }));
    iam.on(GetAccountPasswordPolicyCommand).callsFake(slow({ PasswordPolicy: {} }));
    iam.on(GetAccountAuthorizationDetailsCommand).callsFake(slow({}));
    iam.on(ListVirtualMFADevicesCommand).callsFake(slow({ VirtualMFADevices: [] }));
    iam.on(ListAccountAliasesCommand).callsFake(slow({ AccountAliases: [] }));
    iam.on(ListOpenIDConnectProvidersCommand).callsFake(slow({ OpenIDConnectProviderList: [] }));

    await collect();

    expect(peak).toBe(3);
  });

  describe("failed calls", () => {
    it("turns access denied into an error naming the action, and collects the rest", async () => {
      iam.on(GetAccountAuthorizationDetailsCommand).rejects(
        new IAMServiceException({
          name: "AccessDenied",
          $fault: "client",
          $metadata: { httpStatusCode: 403 },
          message: `User: arn:aws:iam::${ACCOUNT}:user/scanner is not authorized to perform: iam:GetAccountAuthorizationDetails on resource: * with an explicit deny in a service control policy`,
        }),
      );

      const { inventory, errors } = await collect();

      expect(errors).toEqual([
        {
          service: "iam",
          region: "global",
          action: "iam:GetAccountAuthorizationDetails",
          kind: "access-denied",
          message:
            "insufficient permissions: iam:GetAccountAuthorizationDetails (explicit deny in a service control policy)",
        },
      ]);
      expect(inventory.authorization).toBeUndefined();
      expect(inventory.summary).toBeDefined();
      expect(inventory.credentialReport).toBeDefined();
      expect(inventory.passwordPolicy).toBeDefined();
    });

    it("yields no authorization details when a later page fails", async () => {
      iam.on(GetAccountAuthorizationDetailsCommand).resolves({
        UserDetailList: [{ UserName: "a", Arn: arn("user", "a") }],
        IsTruncated: true,
        Marker: "page-2",
      });
      iam
        .on(GetAccountAuthorizationDetailsCommand, { Marker: "page-2" })
        .rejects(awsError("ServiceFailureException", "Internal failure", 500));

      const { inventory, errors } = await collect();

      expect(inventory.authorization).toBeUndefined();
      expect(errors).toEqual([
        {
          service: "iam",
          region: "global",
          action: "iam:GetAccountAuthorizationDetails",
          kind: "other",
          message: "ServiceFailureException: Internal failure",
        },
      ]);
    });

    it("reports throttling that outlasted the SDK's retries", async () => {
      iam.on(GetAccountSummaryCommand).rejects(awsError("Throttling", "Rate exceeded", 400));
      const { inventory, errors } = await collect();
      expect(errors).toEqual([
        {
          service: "iam",
          region: "global",
          action: "iam:GetAccountSummary",
          kind: "throttled",
          message: "throttled: Throttling: Rate exceeded",
        },
      ]);
      expect(inventory.summary).toBeUndefined();
      expect(inventory.credentialReport).toBeDefined();
    });

    it("reports each failed part separately and leaves only those parts undefined", async () => {
      iam.on(GetAccountPasswordPolicyCommand).rejects(awsError("AccessDenied", "denied", 403));
      iam.on(ListVirtualMFADevicesCommand).rejects(awsError("AccessDenied", "denied", 403));
      iam.on(ListAccountAliasesCommand).rejects(awsError("AccessDenied", "denied", 403));
      iam.on(ListOpenIDConnectProvidersCommand).resolves({ OpenIDConnectProviderList: [{ Arn: "arn:a" }] });
      iam.on(GetOpenIDConnectProviderCommand).rejects(awsError("AccessDenied", "denied", 403));
      iam.on(GetCredentialReportCommand).rejects(awsError("AccessDenied", "denied", 403));

      const { inventory, errors } = await collect();

      expect(errors.map((e) => [e.action, e.kind, e.region])).toEqual([
        ["iam:GetCredentialReport", "access-denied", "global"],
        ["iam:GetAccountPasswordPolicy", "access-denied", "global"],
        ["iam:ListVirtualMFADevices", "access-denied", "global"],
        ["iam:ListAccountAliases", "access-denied", "global"],
        ["iam:GetOpenIDConnectProvider", "access-denied", "global"],
      ]);
      expect(inventory).toEqual({
        summary: expect.any(Object),
        credentialReport: undefined,
        passwordPolicy: undefined,
        authorization: expect.any(Object),
        virtualMfaDevices: undefined,
        accountAliases: undefined,
        oidcProviders: undefined,
      });
    });

    it("returns nothing but the error when the IAM endpoint rejects the credentials' region", async () => {
      iam
        .on(GetAccountSummaryCommand)
        .rejects(awsError("InvalidClientTokenId", "The security token included in the request is invalid.", 403));

      const { inventory, errors } = await collect();

      expect(inventory).toEqual({});
      expect(errors).toEqual([
        {
          service: "iam",
          region: "global",
          action: "iam:GetAccountSummary",
          kind: "credentials-rejected",
          message:
            "the Region rejected the credentials: InvalidClientTokenId: The security token included in the request is invalid.",
        },
      ]);
    });

    it("generates the credential report when none exists, polling with the injected sleep", async () => {
      iam
        .on(GetCredentialReportCommand)
        .rejectsOnce(awsError("CredentialReportNotPresentException", "no report", 410))
        .rejectsOnce(awsError("CredentialReportNotReadyException", "in progress", 404))
        .resolves({ Content: new TextEncoder().encode(REPORT), GeneratedTime: NOW });

      const { inventory, errors } = await collect();

      expect(errors).toEqual([]);
      expect(inventory.credentialReport?.generatedTime).toBe(NOW.toISOString());
      expect(iam).toHaveReceivedCommandTimes(GenerateCredentialReportCommand, 1);
      expect(sleep).toHaveBeenCalledTimes(1);
    });
  });
});
