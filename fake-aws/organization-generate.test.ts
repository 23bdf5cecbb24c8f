/**
 * Generated organizations (the benchmark's synthetic accounts under their own ids) and
 * `npm run fake-aws -- --org N`, driven as a user drives it: read the printed credentials, then
 * list the organization and assume the member role with the real SDK.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { ListAccountsCommand, OrganizationsClient } from "@aws-sdk/client-organizations";
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterEach, describe, expect, it } from "vitest";
import { TEST_ACCOUNT } from "@/lib/inventory/builders";
import { generatedAccountId, generateOrganization, relabelInventory } from "./organization-generate";
import { validateOrganization } from "./organization";

describe("generateOrganization", () => {
  const scenario = generateOrganization({ accounts: 5, size: "small", seed: 7, suspended: 1 });
  const { accounts, organizationalUnits = [] } = scenario.organization;

  it("gives every account its own 12-digit id, the management account first", () => {
    const ids = accounts.map((a) => a.inventory.account.id);
    expect(ids).toEqual([0, 1, 2, 3, 4].map(generatedAccountId));
    expect(new Set(ids).size).toBe(5);
    expect(() => validateOrganization(scenario.organization)).not.toThrow();
  });

  it("leaves no trace of the generator's own account id in any inventory", () => {
    for (const account of accounts) {
      const text = JSON.stringify(account.inventory);
      expect(text).not.toContain(TEST_ACCOUNT);
      expect(text).toContain(`arn:aws:iam::${account.inventory.account.id}:`);
    }
  });

  it("generates each account from its own seed, and repeats run after run", () => {
    // Under one id, the accounts still differ: their resources come from different seeds.
    const contents = accounts.map((a) => JSON.stringify(relabelInventory(a.inventory, "000000000000").elasticache));
    expect(new Set(contents).size).toBe(accounts.length);
    expect(generateOrganization({ accounts: 5, size: "small", seed: 7, suspended: 1 })).toEqual(scenario);
  });

  it("keeps the management account at the root, spreads members over OUs and suspends the last ones asked", () => {
    expect(accounts[0]).toMatchObject({ name: "management", parentId: undefined, status: "ACTIVE" });
    const ouIds = new Set(organizationalUnits.map((ou) => ou.id));
    for (const member of accounts.slice(1)) expect(ouIds.has(member.parentId ?? "")).toBe(true);
    expect(accounts.map((a) => a.status)).toEqual(["ACTIVE", "ACTIVE", "ACTIVE", "ACTIVE", "SUSPENDED"]);
  });

  it("relabels only the account's own id", () => {
    const inventory = accounts[1]!.inventory;
    const foreign = "arn:aws:iam::999988887777:root";
    const withForeign = { ...inventory, regions: [...inventory.regions, foreign] };
    const relabelled = relabelInventory(withForeign, "123412341234");
    expect(relabelled.account.id).toBe("123412341234");
    expect(relabelled.regions).toContain(foreign);
  });
});

describe("npm run fake-aws -- --org N", { timeout: 20_000 }, () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    if (child?.exitCode === null) child.kill("SIGTERM");
  });

  function start(args: string[]) {
    const cli = path.resolve("node_modules/tsx/dist/cli.mjs");
    const proc = spawn(process.execPath, [cli, "fake-aws/main.ts", "--port", "0", ...args], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    child = proc;
    let out = "";
    proc.stdout.on("data", (d: Buffer) => (out += d.toString()));
    proc.stderr.on("data", (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)));
    const printed = (pattern: RegExp) =>
      new Promise<RegExpExecArray>((resolve, reject) => {
        const timer = setInterval(() => {
          const found = pattern.exec(out);
          if (found) {
            clearInterval(timer);
            resolve(found);
          } else if (proc.exitCode !== null) {
            clearInterval(timer);
            reject(new Error(`exited ${proc.exitCode}:\n${out}`));
          }
        }, 50);
      });
    return { printed, exited, output: () => out };
  }

  it("serves the organization and prints what to sign with", async () => {
    const fake = start(["--org", "3", "--role-name", "AuditReader"]);
    const [, url] = await fake.printed(/on (http:\/\/127\.0\.0\.1:\d+) \(organization of 3 small accounts\)/);
    const [, accessKeyId, secretAccessKey] = await fake.printed(/AWS_ACCESS_KEY_ID=(\S+) AWS_SECRET_ACCESS_KEY=(\S+)/);
    await fake.printed(/member role: AuditReader/);
    const config = {
      region: "us-east-1",
      endpoint: url!,
      credentials: { accessKeyId: accessKeyId!, secretAccessKey: secretAccessKey! },
    };

    const listed = await new OrganizationsClient(config).send(new ListAccountsCommand({}));
    const ids = listed.Accounts!.map((a) => a.Id);
    expect(ids).toEqual([0, 1, 2].map(generatedAccountId));
    expect(fake.output()).toContain(`management account ${ids[0]}; members: ${ids[1]}, ${ids[2]}`);

    const assumed = await new STSClient(config).send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ids[2]}:role/AuditReader`, RoleSessionName: "cli-test" }),
    );
    const c = assumed.Credentials!;
    const member = new STSClient({
      ...config,
      credentials: { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken },
    });
    await expect(member.send(new GetCallerIdentityCommand({}))).resolves.toMatchObject({ Account: ids[2] });
  });

  it("refuses arguments it cannot serve, with exit code 2", async () => {
    const fake = start(["--org", "0"]);
    expect(await fake.exited).toBe(2);
    expect(fake.output()).toContain("--org must be an integer ≥ 1");
  });
});
