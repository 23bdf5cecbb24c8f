/**
 * The fake endpoint serving an AWS Organization, through the real SDK clients over HTTP: routing by
 * access key, sts:AssumeRole as a member role's trust policy allows it, Organizations' listing calls
 * and their paging, and rate limits kept per account.
 */
import { IAMClient, ListAccountAliasesCommand } from "@aws-sdk/client-iam";
import {
  DescribeOrganizationCommand,
  DescribeOrganizationalUnitCommand,
  ListAccountsCommand,
  ListParentsCommand,
  OrganizationsClient,
  paginateListAccounts,
  type Account,
} from "@aws-sdk/client-organizations";
import {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  STSClient,
  type AssumeRoleCommandInput,
} from "@aws-sdk/client-sts";
import { fromTemporaryCredentials } from "@aws-sdk/credential-providers";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { classifyAwsError } from "@/lib/aws/errors";
import { demoInventory } from "@/lib/demo/inventory";
import type { Inventory } from "@/lib/inventory";
import { relabelInventory } from "./organization-generate";
import { startFakeAws, type FakeAws } from "./server";
import type { OrganizationAccount, OrganizationScenario } from "./types";

const MANAGEMENT = "210000000000";
const MEMBER = "210000001111";
const OTHER_MEMBER = "210000002222";
const SUSPENDED = "210000003333";
const NO_ROLE = "210000004444";
const ADMIN = "210000005555";
const OU = "ou-ab12-prod0001";

function inventoryOf(accountId: string, alias: string): Inventory {
  const inventory = relabelInventory({ ...demoInventory, errors: [] }, accountId);
  return { ...inventory, iam: { ...inventory.iam!, accountAliases: [alias] } };
}

function account(accountId: string, extra: Partial<OrganizationAccount> = {}): OrganizationAccount {
  return { inventory: inventoryOf(accountId, `alias-${accountId}`), name: `acct-${accountId}`, ...extra };
}

/** Five named accounts, then filler members so that ListAccounts needs more than one page of 20. */
function organizationScenario(overrides: Partial<OrganizationScenario["organization"]> = {}): OrganizationScenario {
  const filler = Array.from({ length: 18 }, (_, i) => account(String(220_000_000_000 + i)));
  return {
    organization: {
      id: "o-abcdefghij",
      rootId: "r-ab12",
      organizationalUnits: [{ id: OU, name: "Production" }],
      accounts: [
        account(MANAGEMENT, { joinedMethod: "INVITED" }),
        account(MEMBER, { parentId: OU, joinedTimestamp: "2025-03-04T05:06:07.000Z" }),
        account(OTHER_MEMBER, { parentId: OU }),
        account(SUSPENDED, { status: "SUSPENDED" }),
        account(NO_ROLE, { roleDeployed: false }),
        account(ADMIN),
        ...filler,
      ],
      delegatedAdministrators: [ADMIN],
      ...overrides,
    },
  };
}

const BASE = { accessKeyId: "test", secretAccessKey: "test" };
let fake: FakeAws;
let clock = Date.now();

beforeAll(async () => {
  fake = await startFakeAws(organizationScenario(), 0, { now: () => clock });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.setScenario(organizationScenario());
});

type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
const config = (credentials: Credentials) => ({
  region: "us-east-1",
  endpoint: fake.url,
  credentials,
  maxAttempts: 1,
});
const sts = (credentials: Credentials = BASE) => new STSClient(config(credentials));
const organizations = (credentials: Credentials = BASE) => new OrganizationsClient(config(credentials));

function roleArn(accountId: string, roleName = "SafekeepAudit") {
  return `arn:aws:iam::${accountId}:role/${roleName}`;
}

async function assume(input: Partial<AssumeRoleCommandInput> & { RoleArn: string }, as: Credentials = BASE) {
  const output = await sts(as).send(new AssumeRoleCommand({ RoleSessionName: "safekeep-scan", ...input }));
  const c = output.Credentials!;
  return {
    output,
    credentials: { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! },
  };
}

/** What a call threw, or "ok". */
async function outcome(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => "ok",
    (error: unknown) => error,
  );
}

describe("routing by access key", () => {
  it("answers the base credentials as the management account's scanner user", async () => {
    await expect(sts().send(new GetCallerIdentityCommand({}))).resolves.toMatchObject({
      Account: MANAGEMENT,
      Arn: `arn:aws:iam::${MANAGEMENT}:user/safekeep-scanner`,
    });
  });

  it("answers assumed credentials as the member's assumed role, from the member's own inventory", async () => {
    const { output, credentials } = await assume({ RoleArn: roleArn(MEMBER), RoleSessionName: "audit-1" });
    const assumedArn = `arn:aws:sts::${MEMBER}:assumed-role/SafekeepAudit/audit-1`;
    expect(output.AssumedRoleUser).toEqual({
      Arn: assumedArn,
      AssumedRoleId: expect.stringMatching(/^AROA\w{17}:audit-1$/),
    });
    expect(credentials.accessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
    expect(output.Credentials!.Expiration!.getTime()).toBe(clock + 3600_000);

    const identity = await sts(credentials).send(new GetCallerIdentityCommand({}));
    expect(identity).toMatchObject({ Account: MEMBER, Arn: assumedArn, UserId: output.AssumedRoleUser!.AssumedRoleId });

    const iam = (c: Credentials) => new IAMClient(config(c)).send(new ListAccountAliasesCommand({}));
    expect((await iam(credentials)).AccountAliases).toEqual([`alias-${MEMBER}`]);
    expect((await iam(BASE)).AccountAliases).toEqual([`alias-${MANAGEMENT}`]);
  });

  it("counts each call in the account that answered it", async () => {
    const { credentials } = await assume({ RoleArn: roleArn(MEMBER) });
    fake.reset();
    await sts(credentials).send(new GetCallerIdentityCommand({}));
    await sts(credentials).send(new GetCallerIdentityCommand({}));
    await sts().send(new GetCallerIdentityCommand({}));
    expect(fake.counts(MEMBER)).toEqual({ "sts:GetCallerIdentity": 2 });
    expect(fake.counts(MANAGEMENT)).toEqual({ "sts:GetCallerIdentity": 1 });
    expect(fake.counts()).toEqual({ "sts:GetCallerIdentity": 3 });
    const overHttp = await fetch(`${fake.url}/__fake/counts?account=${MEMBER}`);
    expect(await overHttp.json()).toEqual({ "sts:GetCallerIdentity": 2 });
  });

  it("works with the SDK's own role credential provider (fromTemporaryCredentials)", async () => {
    const credentials = fromTemporaryCredentials({
      params: { RoleArn: roleArn(OTHER_MEMBER), RoleSessionName: "safekeep-scan" },
      masterCredentials: BASE,
      clientConfig: { region: "us-east-1", endpoint: fake.url },
    });
    const client = new STSClient({ region: "us-east-1", endpoint: fake.url, credentials, maxAttempts: 1 });
    await expect(client.send(new GetCallerIdentityCommand({}))).resolves.toMatchObject({ Account: OTHER_MEMBER });
  });

  it.each([
    ["an access key nobody issued", { accessKeyId: "AKIAUNKNOWN000000000", secretAccessKey: "x" }],
    ["an issued key with another session token", "tampered"],
    ["an issued key without its session token", "dropped"],
  ] as const)("rejects %s as AWS rejects unknown credentials", async (_, kind) => {
    let credentials: Credentials;
    if (typeof kind === "object") credentials = kind;
    else {
      const issued = (await assume({ RoleArn: roleArn(MEMBER) })).credentials;
      credentials = { ...issued, sessionToken: kind === "tampered" ? `${issued.sessionToken}x` : undefined };
    }
    fake.reset();
    const viaSts = await outcome(sts(credentials).send(new GetCallerIdentityCommand({})));
    expect(viaSts).toMatchObject({ name: "InvalidClientTokenId", $metadata: { httpStatusCode: 403 } });
    const viaJson = await outcome(organizations(credentials).send(new DescribeOrganizationCommand({})));
    expect(viaJson).toMatchObject({ name: "UnrecognizedClientException" });
    expect(classifyAwsError(viaJson, "organizations:DescribeOrganization").kind).toBe("credentials-rejected");
    // Refused at the door: no account answered, so none counts the call.
    expect(fake.counts()).toEqual({});
  });

  it("refuses assumed credentials once they expire", async () => {
    const { credentials } = await assume({ RoleArn: roleArn(MEMBER), DurationSeconds: 900 });
    clock += 899_000;
    await expect(sts(credentials).send(new GetCallerIdentityCommand({}))).resolves.toMatchObject({ Account: MEMBER });
    clock += 1_000;
    await expect(sts(credentials).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: "ExpiredToken",
    });
  });
});

describe("sts:AssumeRole into a member account", () => {
  it.each([
    ["a role name other than the organization's", { RoleArn: roleArn(MEMBER, "OrganizationAccountAccessRole") }],
    ["an account outside the organization", { RoleArn: roleArn("999999999999") }],
    ["the management account itself", { RoleArn: roleArn(MANAGEMENT) }],
    ["a suspended account", { RoleArn: roleArn(SUSPENDED) }],
    ["a member where the role was never deployed", { RoleArn: roleArn(NO_ROLE) }],
    ["another partition's ARN", { RoleArn: `arn:aws-cn:iam::${MEMBER}:role/SafekeepAudit` }],
    ["something that is not a role ARN", { RoleArn: `arn:aws:iam::${MEMBER}:user/SafekeepAudit` }],
  ])("refuses %s with AccessDenied, naming the role", async (_, input) => {
    const error = await outcome(assume(input));
    expect(error).toMatchObject({
      name: "AccessDenied",
      message: `User: arn:aws:iam::${MANAGEMENT}:user/safekeep-scanner is not authorized to perform: sts:AssumeRole on resource: ${input.RoleArn}`,
      $metadata: { httpStatusCode: 403 },
    });
    expect(classifyAwsError(error, "sts:AssumeRole")).toMatchObject({
      kind: "access-denied",
      action: "sts:AssumeRole",
    });
  });

  it("refuses a member's session that tries to hop to another member (only the management account is trusted)", async () => {
    const { credentials } = await assume({ RoleArn: roleArn(MEMBER), RoleSessionName: "hop" });
    await expect(assume({ RoleArn: roleArn(OTHER_MEMBER) }, credentials)).rejects.toMatchObject({
      name: "AccessDenied",
      message: expect.stringContaining(`User: arn:aws:sts::${MEMBER}:assumed-role/SafekeepAudit/hop is not authorized`),
    });
  });

  it("honours the organization's role name and ExternalId", async () => {
    fake.setScenario(organizationScenario({ memberRoleName: "AuditReader", externalId: "ext-7f3a" }));
    const target = roleArn(MEMBER, "AuditReader");
    await expect(assume({ RoleArn: target, ExternalId: "ext-7f3a" })).resolves.toBeDefined();
    await expect(assume({ RoleArn: target, ExternalId: "ext-wrong" })).rejects.toMatchObject({ name: "AccessDenied" });
    await expect(assume({ RoleArn: target })).rejects.toMatchObject({ name: "AccessDenied" });
    await expect(assume({ RoleArn: roleArn(MEMBER), ExternalId: "ext-7f3a" })).rejects.toMatchObject({
      name: "AccessDenied",
    });
  });

  it("ignores an ExternalId the trust policy does not ask for, as AWS does", async () => {
    await expect(assume({ RoleArn: roleArn(MEMBER), ExternalId: "anything" })).resolves.toBeDefined();
  });

  it.each([
    [{ RoleSessionName: "a" }, "roleSessionName"],
    [{ RoleSessionName: "has space" }, "roleSessionName"],
    [{ DurationSeconds: 600 }, "durationSeconds"],
  ])("rejects invalid input %j with a ValidationError", async (input, member) => {
    await expect(assume({ RoleArn: roleArn(MEMBER), ...input })).rejects.toMatchObject({
      name: "ValidationError",
      message: expect.stringContaining(`at '${member}'`),
    });
  });

  it("caps a session at the role's one-hour maximum", async () => {
    await expect(assume({ RoleArn: roleArn(MEMBER), DurationSeconds: 7200 })).rejects.toMatchObject({
      name: "ValidationError",
      message: expect.stringContaining("MaxSessionDuration"),
    });
  });
});

describe("Organizations", () => {
  it("lists every account in pages of at most 20, in order, with AWS's fields", async () => {
    const pages: Account[][] = [];
    for await (const page of paginateListAccounts({ client: organizations() }, {})) pages.push(page.Accounts ?? []);
    expect(pages.map((p) => p.length)).toEqual([20, 4]);
    const accounts = pages.flat();
    expect(accounts.map((a) => a.Id)).toEqual(fake.accounts());
    expect(accounts[1]).toEqual({
      Id: MEMBER,
      Arn: `arn:aws:organizations::${MANAGEMENT}:account/o-abcdefghij/${MEMBER}`,
      Email: `aws+${MEMBER}@example.com`,
      Name: `acct-${MEMBER}`,
      Status: "ACTIVE",
      State: "ACTIVE",
      JoinedMethod: "CREATED",
      JoinedTimestamp: new Date("2025-03-04T05:06:07.000Z"),
    });
    expect(accounts.find((a) => a.Id === SUSPENDED)).toMatchObject({ Status: "SUSPENDED", State: "SUSPENDED" });
    expect(accounts[0]).toMatchObject({ Id: MANAGEMENT, JoinedMethod: "INVITED" });
  });

  it("honours MaxResults and NextToken, and refuses what AWS refuses", async () => {
    const client = organizations();
    const first = await client.send(new ListAccountsCommand({ MaxResults: 7 }));
    expect(first.Accounts).toHaveLength(7);
    const second = await client.send(new ListAccountsCommand({ MaxResults: 7, NextToken: first.NextToken }));
    expect(second.Accounts![0]!.Id).toBe(fake.accounts()[7]);
    const last = await client.send(new ListAccountsCommand({ MaxResults: 20, NextToken: second.NextToken }));
    expect(last.Accounts).toHaveLength(24 - 14);
    expect(last.NextToken).toBeUndefined();
    await expect(client.send(new ListAccountsCommand({ MaxResults: 21 }))).rejects.toMatchObject({
      name: "InvalidInputException",
    });
    await expect(client.send(new ListAccountsCommand({ NextToken: "not-a-token" }))).rejects.toMatchObject({
      name: "InvalidInputException",
      message: expect.stringContaining("INVALID_PAGINATION_TOKEN"),
    });
  });

  it("names each account's parent: its OU, or the root", async () => {
    const client = organizations();
    const parents = async (ChildId: string) => (await client.send(new ListParentsCommand({ ChildId }))).Parents;
    expect(await parents(MEMBER)).toEqual([{ Id: OU, Type: "ORGANIZATIONAL_UNIT" }]);
    expect(await parents(MANAGEMENT)).toEqual([{ Id: "r-ab12", Type: "ROOT" }]);
    expect(await parents(OU)).toEqual([{ Id: "r-ab12", Type: "ROOT" }]);
    await expect(parents("999999999999")).rejects.toMatchObject({ name: "ChildNotFoundException" });
    const unit = await client.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: OU }));
    expect(unit.OrganizationalUnit).toEqual({
      Id: OU,
      Name: "Production",
      Arn: `arn:aws:organizations::${MANAGEMENT}:ou/o-abcdefghij/${OU}`,
    });
  });

  it("describes the organization to any account in it", async () => {
    const expected = {
      Id: "o-abcdefghij",
      Arn: `arn:aws:organizations::${MANAGEMENT}:organization/o-abcdefghij`,
      FeatureSet: "ALL",
      MasterAccountId: MANAGEMENT,
      MasterAccountArn: `arn:aws:organizations::${MANAGEMENT}:account/o-abcdefghij/${MANAGEMENT}`,
      MasterAccountEmail: `aws+${MANAGEMENT}@example.com`,
    };
    expect((await organizations().send(new DescribeOrganizationCommand({}))).Organization).toEqual(expected);
    const { credentials } = await assume({ RoleArn: roleArn(MEMBER) });
    expect((await organizations(credentials).send(new DescribeOrganizationCommand({}))).Organization).toEqual(expected);
  });

  it("lists the organization only for the management account and delegated administrators", async () => {
    const member = (await assume({ RoleArn: roleArn(MEMBER) })).credentials;
    const denied = await outcome(organizations(member).send(new ListAccountsCommand({})));
    expect(denied).toMatchObject({ name: "AccessDeniedException" });
    expect(classifyAwsError(denied, "organizations:ListAccounts").kind).toBe("access-denied");
    await expect(organizations(member).send(new ListParentsCommand({ ChildId: MEMBER }))).rejects.toMatchObject({
      name: "AccessDeniedException",
    });

    const admin = (await assume({ RoleArn: roleArn(ADMIN) })).credentials;
    const listed = await organizations(admin).send(new ListAccountsCommand({}));
    expect(listed.Accounts).toHaveLength(20);
  });
});

describe("rate limits per account", () => {
  it("throttling one account leaves another's buckets full", async () => {
    fake.setScenario({
      ...organizationScenario(),
      rateLimits: { "sts:GetCallerIdentity": { rate: 0.01, burst: 2 } },
    });
    const member = (await assume({ RoleArn: roleArn(MEMBER) })).credentials;
    const call = (c: Credentials) => outcome(sts(c).send(new GetCallerIdentityCommand({})));
    const management = [await call(BASE), await call(BASE), await call(BASE)];
    expect(management.slice(0, 2)).toEqual(["ok", "ok"]);
    expect(management[2]).toMatchObject({ name: "Throttling" });
    expect([await call(member), await call(member)]).toEqual(["ok", "ok"]);
    expect(fake.throttled(MANAGEMENT)).toEqual({ "sts:GetCallerIdentity": 1 });
    expect(fake.throttled(MEMBER)).toEqual({});
    expect(fake.throttled()).toEqual({ "sts:GetCallerIdentity": 1 });
  });

  it("lets one account carry its own limits", async () => {
    const scenario = organizationScenario();
    scenario.organization.accounts[1] = {
      ...scenario.organization.accounts[1]!,
      rateLimits: { "sts:*": { rate: 0.01, burst: 1 } },
    };
    fake.setScenario(scenario);
    const member = (await assume({ RoleArn: roleArn(MEMBER) })).credentials;
    const call = (c: Credentials) => outcome(sts(c).send(new GetCallerIdentityCommand({})));
    expect(await call(member)).toBe("ok");
    expect(await call(member)).toMatchObject({ name: "Throttling" });
    expect([await call(BASE), await call(BASE), await call(BASE)]).toEqual(["ok", "ok", "ok"]);
  });
});

describe("a single-account scenario", () => {
  let single: FakeAws;
  beforeAll(async () => {
    single = await startFakeAws({ inventory: { ...demoInventory, errors: [] } });
  });
  afterAll(() => single.close());
  const client = <T>(Client: new (c: object) => T, accessKeyId: string) =>
    new Client({
      region: "us-east-1",
      endpoint: single.url,
      credentials: { accessKeyId, secretAccessKey: "x" },
      maxAttempts: 1,
    });

  it("answers any access key as its one account, as before", async () => {
    for (const key of ["test", "AKIAANYTHING"]) {
      await expect(client(STSClient, key).send(new GetCallerIdentityCommand({}))).resolves.toMatchObject({
        Account: demoInventory.account.id,
      });
    }
    expect(single.accounts()).toEqual([demoInventory.account.id]);
  });

  it("is not in an organization, and has no role to assume", async () => {
    await expect(client(OrganizationsClient, "test").send(new ListAccountsCommand({}))).rejects.toMatchObject({
      name: "AWSOrganizationsNotInUseException",
    });
    await expect(
      client(STSClient, "test").send(
        new AssumeRoleCommand({ RoleArn: roleArn(MEMBER), RoleSessionName: "safekeep-scan" }),
      ),
    ).rejects.toMatchObject({ name: "AccessDenied" });
  });
});
