/**
 * The real CLI, as a user runs it (`npm run scan`), against the fake endpoint through
 * AWS_ENDPOINT_URL: exit codes, the summary, the progress lines and the file it writes.
 */
import { spawn } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoInventory } from "@/lib/demo/inventory";
import { snapshotSchema } from "@/lib/snapshot/schema";
import { startFakeAws, type FakeAws } from "./server";

let fake: FakeAws;
let dataDir: string;

beforeAll(async () => {
  fake = await startFakeAws({ inventory: { ...demoInventory, errors: [] } });
  dataDir = await mkdtemp(path.join(tmpdir(), "safekeep-cli-it-"));
});
afterAll(() => fake.close());

function runCli(args: string[], env: Record<string, string | undefined> = {}) {
  // Only what the CLI needs, so the developer's own AWS settings cannot leak into the test.
  const childEnv = {
    PATH: process.env.PATH,
    HOME: dataDir,
    SAFEKEEP_DATA_DIR: dataDir,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    AWS_EC2_METADATA_DISABLED: "true",
    ...env,
    NODE_ENV: "test",
  } as NodeJS.ProcessEnv;
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "lib/cli/scan.ts", ...args], {
      env: childEnv,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const awsEnv = () => ({
  AWS_ENDPOINT_URL: fake.url,
  AWS_ACCESS_KEY_ID: "test",
  AWS_SECRET_ACCESS_KEY: "test",
  AWS_REGION: "us-east-1",
});

describe("npm run scan against the fake endpoint", { timeout: 60_000 }, () => {
  it("scans, shows progress, prints the summary and writes the snapshot", async () => {
    const out = path.join(dataDir, "scan.json");
    const { code, stdout, stderr } = await runCli(["--regions", "us-east-1,eu-west-1", "--out", out], awsEnv());
    expect(code).toBe(0);
    expect(stderr).toMatch(/✓ elasticache us-east-1/);
    expect(stdout).toMatch(/Amazon Connect\s+\d+\/100/);
    expect(stdout).toContain(`account ${demoInventory.account.id}`);
    const snapshot = snapshotSchema.parse(JSON.parse(await readFile(out, "utf8")));
    expect(snapshot.source).toBe("aws");
    expect(snapshot.regions).toEqual(["us-east-1", "eu-west-1"]);
  });

  it("exits 1 when it cannot start (no credentials)", async () => {
    const { code, stderr } = await runCli(["--regions", "us-east-1"], {
      AWS_ENDPOINT_URL: fake.url,
      AWS_REGION: "us-east-1",
      AWS_CONFIG_FILE: path.join(dataDir, "none"),
      AWS_SHARED_CREDENTIALS_FILE: path.join(dataDir, "none"),
    });
    expect(code).toBe(1);
    expect(stderr).toContain("cannot start");
  });

  it("exits 2 on bad arguments", async () => {
    const { code, stderr } = await runCli(["--services", "s3"], awsEnv());
    expect(code).toBe(2);
    expect(stderr).toContain("unknown service s3");
  });
});
