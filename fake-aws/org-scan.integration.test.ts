/**
 * `npm run scan -- --org` against the fake endpoint serving an organization of three accounts: the
 * organization is listed, each member reached through the member role the SDK assumes, and each
 * account stored as its own snapshot; with a role name the members do not have, every member fails
 * with the refused role named and the management account is still scanned with its own credentials.
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { generatedAccountId, generateOrganization } from "./organization-generate";
import { sdkEnvironmentFor } from "./sdk-environment";
import { startFakeAws, type FakeAws } from "./server";

const MANAGEMENT = generatedAccountId(0);
const MEMBERS = [generatedAccountId(1), generatedAccountId(2)];
const scenario = generateOrganization({ accounts: 3, size: "small", seed: 1 });
const regions = scenario.organization.accounts[0]!.inventory.regions.join(",");

let fake: FakeAws;
let dataDir: string;

beforeAll(async () => {
  fake = await startFakeAws(scenario);
  dataDir = await mkdtemp(path.join(tmpdir(), "safekeep-org-scan-"));
  for (const [name, value] of Object.entries(sdkEnvironmentFor(fake.url))) vi.stubEnv(name, value);
  vi.stubEnv("SAFEKEEP_DATA_DIR", dataDir);
  // A refused call is final at the fake: no need to wait through retries.
  vi.stubEnv("SAFEKEEP_AWS_MAX_ATTEMPTS", "2");
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await fake?.close();
});

async function scan(argv: string[]) {
  const { main } = await import("@/lib/cli/scan");
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (m: string) => out.push(m), err: (m: string) => err.push(m) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

async function storedAccounts(): Promise<string[]> {
  const { openSnapshotStore } = await import("@/lib/snapshot/store");
  return (await openSnapshotStore(dataDir).list()).map((s) => s.accountId).sort();
}

describe("npm run scan -- --org against an organization of three accounts", { timeout: 30_000 }, () => {
  it("scans every account into its own snapshot, the members through the member role", async () => {
    const { code, out } = await scan(["--org", "--regions", regions]);
    expect(code).toBe(0);
    expect(out).toContain("Accounts: 3 scanned, 0 failed, 0 skipped (3 in all)");
    for (const id of [MANAGEMENT, ...MEMBERS])
      expect(out).toMatch(new RegExp(`^${id} .*scanned .*snapshot \\S+$`, "m"));
    expect(await storedAccounts()).toEqual([MANAGEMENT, ...MEMBERS].sort());
    // Each member's own inventory answered: its calls reached it, not the management account.
    for (const id of MEMBERS) expect(Object.values(fake.counts(id)).reduce((a, b) => a + b, 0)).toBeGreaterThan(10);
    // One AssumeRole per member, however many clients its scan creates: the credentials are shared.
    expect(fake.counts(MANAGEMENT)["sts:AssumeRole"]).toBe(MEMBERS.length);
  });

  it("fails every member with the refused role named, and still scans the management account", async () => {
    const before = await storedAccounts();
    const { code, out } = await scan(["--org", "--regions", regions, "--role-name", "NotTheRole"]);
    expect(code).toBe(0);
    expect(out).toContain("Accounts: 1 scanned, 2 failed, 0 skipped (3 in all)");
    expect(out).toMatch(new RegExp(`^${MANAGEMENT} .*scanned`, "m"));
    for (const id of MEMBERS) {
      expect(out).toMatch(
        new RegExp(
          `^${id} .*failed +could not assume arn:aws:iam::${id}:role/NotTheRole: access denied \\(sts:AssumeRole\\)$`,
          "m",
        ),
      );
    }
    expect(await storedAccounts()).toEqual([...before, MANAGEMENT].sort());
  });
});
