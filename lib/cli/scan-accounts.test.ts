/**
 * `npm run scan -- --org|--accounts`: what the CLI hands the account scan, what it prints and its
 * exit codes. The scan of the accounts itself is lib/scan/accounts.ts's (tested there, and against
 * the fake endpoint in fake-aws/org-scan.integration.test.ts).
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { AccountOutcome, ResolvedAccounts, ScanAccountsOptions } from "@/lib/scan/accounts";
import { CannotStartError } from "@/lib/scan/errors";

const accounts = vi.hoisted(() => ({
  callerIdentity: vi.fn(),
  resolveAccounts: vi.fn(),
  scanAccounts: vi.fn(),
}));
vi.mock("@/lib/scan/accounts", () => accounts);

const caller = { accountId: "111122223333", partition: "aws", region: "eu-west-1" };

beforeEach(async () => {
  vi.stubEnv("SAFEKEEP_DATA_DIR", await mkdtemp(path.join(tmpdir(), "safekeep-cli-accounts-")));
  accounts.callerIdentity.mockReset().mockResolvedValue(caller);
  accounts.resolveAccounts.mockReset();
  accounts.scanAccounts.mockReset();
});

async function run(argv: string[]) {
  const { main } = await import("./scan");
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (m: string) => out.push(m), err: (m: string) => err.push(m) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const organization: ResolvedAccounts = {
  toScan: [
    { accountId: "111122223333", name: "management", ou: "r-ab12" },
    { accountId: "444455556666", name: "prod", ou: "ou-ab12-11111111" },
  ],
  skipped: [{ accountId: "777788889999", name: "old", status: "skipped", reason: "account state SUSPENDED" }],
  organizationId: "o-exampleorgid",
  warnings: [],
};

describe("npm run scan -- --org / --accounts", () => {
  it("scans the organization's accounts with the role asked for, and lists every account with its outcome", async () => {
    accounts.resolveAccounts.mockResolvedValue(organization);
    accounts.scanAccounts.mockResolvedValue([
      {
        accountId: "111122223333",
        name: "management",
        ou: "r-ab12",
        status: "scanned",
        snapshotId: "snap-1",
        score: 72,
      },
      {
        accountId: "444455556666",
        name: "prod",
        ou: "ou-ab12-11111111",
        status: "failed",
        reason: "could not assume arn:aws:iam::444455556666:role/Audit: access denied (sts:AssumeRole)",
      },
    ] satisfies AccountOutcome[]);
    const { code, out, err } = await run([
      "--org",
      "--regions",
      "eu-west-1,us-east-1",
      "--role-name",
      "Audit",
      "--external-id",
      "ext-secret-1",
    ]);
    expect(code).toBe(0);
    expect(accounts.callerIdentity).toHaveBeenCalledWith("eu-west-1");
    expect(accounts.resolveAccounts).toHaveBeenCalledWith({ org: true }, caller);
    const [targets, options] = accounts.scanAccounts.mock.calls[0] as [unknown, ScanAccountsOptions];
    expect(targets).toEqual(organization.toScan);
    expect(options).toMatchObject({
      caller,
      role: { roleName: "Audit", externalId: "ext-secret-1", roleSessionName: "safekeep-scan" },
      scan: { regions: ["eu-west-1", "us-east-1"] },
    });
    expect(options.store).toBeDefined();
    expect(out.split("\n")).toEqual([
      "111122223333 management [r-ab12]      scanned  72/100    snapshot snap-1",
      "444455556666 prod [ou-ab12-11111111]  failed   could not assume arn:aws:iam::444455556666:role/Audit: access denied (sts:AssumeRole)",
      "777788889999 old                      skipped  account state SUSPENDED",
      "",
      "Accounts: 1 scanned, 1 failed, 1 skipped (3 in all)",
    ]);
    expect(err).toContain("Organization o-exampleorgid: 2 to scan, 1 skipped");
    expect(`${out}\n${err}`).not.toContain("ext-secret-1");
  });

  it("scans exactly the accounts named", async () => {
    accounts.resolveAccounts.mockResolvedValue({ toScan: [{ accountId: "444455556666" }], skipped: [], warnings: [] });
    accounts.scanAccounts.mockResolvedValue([
      { accountId: "444455556666", status: "scanned", snapshotId: "s", score: null },
    ]);
    const { code, out } = await run(["--accounts", "444455556666"]);
    expect(code).toBe(0);
    expect(accounts.resolveAccounts).toHaveBeenCalledWith({ accounts: ["444455556666"] }, caller);
    expect(out).toContain("444455556666  scanned  no score  snapshot s");
  });

  it("exits 1 when no account could be scanned", async () => {
    accounts.resolveAccounts.mockResolvedValue(organization);
    accounts.scanAccounts.mockResolvedValue(
      organization.toScan.map((t) => ({ ...t, status: "failed", reason: "could not assume …" })),
    );
    const { code, out, err } = await run(["--org"]);
    expect(code).toBe(1);
    expect(out).toContain("Accounts: 0 scanned, 2 failed, 1 skipped (3 in all)");
    expect(err).toContain("no account could be scanned");
  });

  it("exits 1 when the organization cannot be listed, scanning nothing", async () => {
    accounts.resolveAccounts.mockRejectedValue(new CannotStartError("could not list the organization's accounts (…)"));
    const { code, err } = await run(["--org"]);
    expect(code).toBe(1);
    expect(err).toContain("safekeep scan: cannot start: could not list the organization's accounts");
    expect(accounts.scanAccounts).not.toHaveBeenCalled();
  });

  it("exits 2 on --org with --accounts, before any call", async () => {
    const { code, err } = await run(["--org", "--accounts", "111122223333"]);
    expect(code).toBe(2);
    expect(err).toContain("--org and --accounts cannot be combined");
    expect(accounts.callerIdentity).not.toHaveBeenCalled();
  });
});
