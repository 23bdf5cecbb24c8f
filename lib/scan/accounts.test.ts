import {
  type Account,
  DescribeOrganizationCommand,
  ListAccountsCommand,
  ListParentsCommand,
  OrganizationsClient,
} from "@aws-sdk/client-organizations";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import type { FromTemporaryCredentialsOptions } from "@aws-sdk/credential-providers";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { assumeRoleCredentials, type AssumeRoleSettings, type AssumeRoleTarget } from "@/lib/aws/sts/assume-role";
import type { CallerIdentity } from "@/lib/aws/sts/identity";
import { demoInventory } from "@/lib/demo/inventory";
import type { Inventory } from "@/lib/inventory";
import type { Snapshot } from "@/lib/snapshot/schema";
import { resolveAccounts, scanAccounts, type AccountTarget } from "./accounts";
import { CannotStartError } from "./errors";
import type { ScanOptions } from "./scan-aws";

const MANAGEMENT = "111122223333";
const PROD = "444455556666";
const DEV = "777788889999";
const OLD = "210987654321";
const caller: CallerIdentity = { accountId: MANAGEMENT, partition: "aws", region: "us-east-1" };
const role: AssumeRoleSettings = { roleName: "SafekeepAudit" };

const sts = mockClient(STSClient);
const organizations = mockClient(OrganizationsClient);

/** What the STS client throws when AssumeRole is refused. */
function accessDenied(roleArn: string) {
  return Object.assign(
    new Error(
      `User: arn:aws:sts::${MANAGEMENT}:assumed-role/Admin/alice is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
    ),
    { name: "AccessDenied", $fault: "client", $metadata: { httpStatusCode: 403 } },
  );
}

/**
 * The real credential provider, with STS's AssumeRole answered here: the member role of `refuse`
 * is refused, every other one issues an access key whose id names the account.
 */
function membersExcept(...refuse: string[]) {
  const assumed: string[] = [];
  const credentialsFor = (target: AssumeRoleTarget, settings: AssumeRoleSettings) =>
    assumeRoleCredentials(target, settings, (options: FromTemporaryCredentialsOptions) => async () => {
      assumed.push(options.params.RoleArn!);
      if (refuse.includes(target.accountId)) throw accessDenied(options.params.RoleArn!);
      return { accessKeyId: `ASIA${target.accountId}`, secretAccessKey: "x", sessionToken: "y" };
    });
  return { credentialsFor, assumed };
}

function memoryStore() {
  const stored: Snapshot[] = [];
  return { stored, put: async (snapshot: Snapshot) => void stored.push(snapshot) };
}

beforeEach(() => {
  // The caller's own credentials, from the default chain.
  vi.stubEnv("AWS_ACCESS_KEY_ID", "AKIACALLEREXAMPLE");
  vi.stubEnv("AWS_SECRET_ACCESS_KEY", "caller-secret");
  // GetCallerIdentity answers for whichever account the request's access key belongs to.
  sts.on(GetCallerIdentityCommand).callsFake(async (_input, getClient) => {
    const { accessKeyId } = await (getClient() as STSClient).config.credentials();
    const account = accessKeyId === "AKIACALLEREXAMPLE" ? MANAGEMENT : accessKeyId.replace(/^ASIA/, "");
    return { Account: account, Arn: `arn:aws:sts::${account}:assumed-role/SafekeepAudit/safekeep-scan` };
  });
});
afterEach(() => {
  vi.unstubAllEnvs();
  sts.reset();
  organizations.reset();
});

describe("scanAccounts", () => {
  // The real scan of each account, with no service: only who-am-I, so the run stays fast.
  const scan = { regions: ["us-east-1"], services: [] };

  it("fails the account whose role is refused, with a safe reason, and scans the others into their own snapshots", async () => {
    const { credentialsFor, assumed } = membersExcept(DEV);
    const store = memoryStore();
    const finished: string[] = [];
    const outcomes = await scanAccounts(
      [{ accountId: MANAGEMENT, name: "management" }, { accountId: DEV, ou: "ou-ab12-22222222" }, { accountId: PROD }],
      { caller, role, scan, store, credentialsFor, onOutcome: (o) => finished.push(o.accountId) },
    );
    expect(outcomes).toEqual([
      expect.objectContaining({ accountId: MANAGEMENT, name: "management", status: "scanned" }),
      {
        accountId: DEV,
        ou: "ou-ab12-22222222",
        status: "failed",
        reason: `could not assume arn:aws:iam::${DEV}:role/SafekeepAudit: access denied (sts:AssumeRole)`,
      },
      expect.objectContaining({ accountId: PROD, status: "scanned" }),
    ]);
    // The caller's own account is scanned with its own credentials: no role is assumed for it.
    expect(assumed.sort()).toEqual([
      `arn:aws:iam::${PROD}:role/SafekeepAudit`,
      `arn:aws:iam::${DEV}:role/SafekeepAudit`,
    ]);
    expect(store.stored.map((s) => s.account.id).sort()).toEqual([MANAGEMENT, PROD]);
    expect(
      outcomes
        .filter((o) => o.status === "scanned")
        .map((o) => o.snapshotId)
        .sort(),
    ).toEqual(store.stored.map((s) => s.id).sort());
    expect(finished.sort()).toEqual([DEV, MANAGEMENT, PROD].sort());
  });

  it("fails every member but still scans the caller's account when the role name is wrong everywhere", async () => {
    const { credentialsFor } = membersExcept(PROD, DEV);
    const outcomes = await scanAccounts([{ accountId: MANAGEMENT }, { accountId: PROD }, { accountId: DEV }], {
      caller,
      role: { roleName: "NoSuchRole" },
      scan,
      credentialsFor,
    });
    expect(outcomes.map((o) => [o.accountId, o.status, o.reason])).toEqual([
      [MANAGEMENT, "scanned", undefined],
      [PROD, "failed", `could not assume arn:aws:iam::${PROD}:role/NoSuchRole: access denied (sts:AssumeRole)`],
      [DEV, "failed", `could not assume arn:aws:iam::${DEV}:role/NoSuchRole: access denied (sts:AssumeRole)`],
    ]);
  });

  it("scans at most two accounts at a time", async () => {
    let running = 0;
    let most = 0;
    const scanAccount = async (options: ScanOptions): Promise<Inventory> => {
      running += 1;
      most = Math.max(most, running);
      const { accessKeyId } = (await options.credentials?.()) ?? { accessKeyId: `ASIA${MANAGEMENT}` };
      await new Promise((resolve) => setTimeout(resolve, 5));
      running -= 1;
      return { ...demoInventory, source: "aws", account: { id: accessKeyId.slice(4), partition: "aws" } };
    };
    const targets: AccountTarget[] = [MANAGEMENT, PROD, DEV, OLD, "123456789012"].map((accountId) => ({ accountId }));
    const outcomes = await scanAccounts(targets, {
      caller,
      role,
      scan,
      scanAccount,
      credentialsFor: membersExcept().credentialsFor,
    });
    expect(outcomes.map((o) => o.status)).toEqual(["scanned", "scanned", "scanned", "scanned", "scanned"]);
    expect(most).toBe(2);
  });

  it("stores nothing for an account whose credentials answer as another account", async () => {
    const store = memoryStore();
    const outcomes = await scanAccounts([{ accountId: PROD }], {
      caller,
      role,
      scan,
      store,
      // A role that lands in the wrong account (a misrouted endpoint, a mistaken trust): the scan sees DEV.
      credentialsFor: () => async () => ({ accessKeyId: `ASIA${DEV}`, secretAccessKey: "x" }),
    });
    expect(outcomes).toEqual([
      { accountId: PROD, status: "failed", reason: `the credentials are for account ${DEV}, not this one` },
    ]);
    expect(store.stored).toEqual([]);
  });

  it("turns an unexpected failure into that account's failure, with secrets and the external id removed", async () => {
    const scanAccount = async (options: ScanOptions): Promise<Inventory> => {
      if (options.credentials) throw new Error("boom with AKIAIOSFODNN7EXAMPLE and ext-id-42");
      return { ...demoInventory, source: "aws", account: { id: MANAGEMENT, partition: "aws" } };
    };
    const outcomes = await scanAccounts([{ accountId: PROD }, { accountId: MANAGEMENT }], {
      caller,
      role: { roleName: "SafekeepAudit", externalId: "ext-id-42" },
      scan,
      scanAccount,
      credentialsFor: membersExcept().credentialsFor,
    });
    expect(outcomes.map((o) => o.status)).toEqual(["failed", "scanned"]);
    expect(outcomes[0]?.reason).toBe("unexpected failure: boom with [redacted] and [redacted]");
  });
});

describe("resolveAccounts", () => {
  const account = (Id: string, Name: string, State: string) =>
    ({ Id, Name, State, Email: `root+${Id}@example.com` }) as Account;

  beforeEach(() => {
    organizations.on(DescribeOrganizationCommand).resolves({ Organization: { Id: "o-exampleorgid" } });
    organizations.on(ListParentsCommand).callsFake(async ({ ChildId }: { ChildId: string }) => ({
      Parents: [{ Id: ChildId === MANAGEMENT ? "r-ab12" : "ou-ab12-11111111", Type: "ORGANIZATIONAL_UNIT" }],
    }));
  });

  it("--org: the ACTIVE accounts, with name and parent; the others listed as skipped", async () => {
    organizations.on(ListAccountsCommand).resolves({
      Accounts: [
        account(MANAGEMENT, "management", "ACTIVE"),
        account(PROD, "prod", "ACTIVE"),
        account(OLD, "old", "SUSPENDED"),
        account(DEV, "dev", "PENDING_CLOSURE"),
      ],
    });
    await expect(resolveAccounts({ org: true }, caller)).resolves.toEqual({
      toScan: [
        { accountId: MANAGEMENT, name: "management", ou: "r-ab12" },
        { accountId: PROD, name: "prod", ou: "ou-ab12-11111111" },
      ],
      skipped: [
        { accountId: OLD, name: "old", ou: "ou-ab12-11111111", status: "skipped", reason: "account state SUSPENDED" },
        {
          accountId: DEV,
          name: "dev",
          ou: "ou-ab12-11111111",
          status: "skipped",
          reason: "account state PENDING_CLOSURE",
        },
      ],
      organizationId: "o-exampleorgid",
      warnings: [],
    });
  });

  it("--org: cannot start when the organization cannot be listed, and says from where it can", async () => {
    organizations.on(ListAccountsCommand).rejects(
      Object.assign(new Error("You don't have permissions to access this resource."), {
        name: "AccessDeniedException",
        $metadata: { httpStatusCode: 400 },
      }),
    );
    const failure = resolveAccounts({ org: true }, caller);
    await expect(failure).rejects.toBeInstanceOf(CannotStartError);
    await expect(failure).rejects.toThrow(
      /insufficient permissions: organizations:ListAccounts.*management account or a delegated administrator/,
    );
  });

  it("--accounts: exactly the accounts named, once each, without asking Organizations", async () => {
    await expect(resolveAccounts({ accounts: [PROD, DEV, PROD] }, caller)).resolves.toEqual({
      toScan: [{ accountId: PROD }, { accountId: DEV }],
      skipped: [],
      warnings: [],
    });
    expect(organizations).toHaveReceivedCommandTimes(ListAccountsCommand, 0);
  });
});
