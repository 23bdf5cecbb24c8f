/**
 * The scan page against servers of its own: one with no AWS credentials at all (it must say so, and
 * how to fix it, in words for a web user), one pointed at a slow fake AWS endpoint (the Region picker
 * lists the endpoint's Regions, progress uses people's names, and a cancelled scan stores nothing).
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { startFakeAws, type FakeAws } from "../fake-aws/server";
import { demoInventory } from "../lib/demo/inventory";
import { HAS_STANDALONE_BUILD, startOwnServer, waitUntilServing, type OwnServer } from "./support/own-server";

const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
/** Every answer of the fake endpoint this late: a full scan then runs long enough to be cancelled. */
const SLOW_ANSWER_MS = 150;

test.describe.configure({ mode: "serial" });
test.skip(!HAS_STANDALONE_BUILD, "needs the standalone production build (npx next build)");

/** Environment that leaves the AWS SDK no credentials: empty shared files, a missing profile, no instance role. */
async function noCredentials(dir: string): Promise<Record<string, string>> {
  const config = path.join(dir, "aws-config");
  const credentials = path.join(dir, "aws-credentials");
  await writeFile(config, "");
  await writeFile(credentials, "");
  return {
    AWS_ACCESS_KEY_ID: "",
    AWS_SECRET_ACCESS_KEY: "",
    AWS_SESSION_TOKEN: "",
    AWS_PROFILE: "safekeep-e2e-no-such-profile",
    AWS_CONFIG_FILE: config,
    AWS_SHARED_CREDENTIALS_FILE: credentials,
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_ENDPOINT_URL: "",
    AWS_REGION: "us-east-1",
  };
}

async function openScanPage(page: Page, base: string) {
  await page.goto(`${base}/scan`);
  await expect(page.getByRole("heading", { level: 1, name: "Scan now" })).toBeVisible();
  // The server's check streams in after the page.
  await expect(page.getByRole("region", { name: /Ready to scan|The server cannot scan yet/ })).toBeVisible({
    timeout: 15_000,
  });
}

test.describe("the scan page without AWS credentials", () => {
  let server: OwnServer;
  let dir: string;
  const port = Number(process.env.E2E_SCAN_NOCREDS_PORT ?? E2E_PORT + 21);

  test.beforeAll(async ({ playwright }) => {
    test.setTimeout(90_000);
    dir = await mkdtemp(path.join(os.tmpdir(), "safekeep-e2e-nocreds-"));
    server = startOwnServer(port, {
      SAFEKEEP_HOST: "127.0.0.1",
      SAFEKEEP_DATA_DIR: path.join(dir, "data"),
      ...(await noCredentials(dir)),
    });
    const api = await playwright.request.newContext();
    await waitUntilServing(server, api);
    await api.dispose();
  });

  test.afterAll(async () => {
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  test("says plainly that there are no credentials and how to fix it, and a scan fails as an error", async ({
    page,
  }) => {
    await openScanPage(page, server.base);
    const card = page.getByRole("region", { name: "The server cannot scan yet" });
    const alert = card.getByRole("alert");
    await expect(alert).toContainText("The server found no AWS credentials");
    await expect(alert).toContainText("policy/safekeep-scanner-policy.json");
    await expect(alert).toContainText("AWS_PROFILE");
    await expect(card).toContainText("none found");

    // The Regions cannot be listed without credentials: the known Regions are offered instead.
    const form = page.getByRole("form", { name: "Scan settings", exact: true });
    await expect(form.getByRole("radio", { name: /All enabled Regions/ })).toBeDisabled();
    await expect(form).toContainText("could not be listed");
    await expect(form.getByRole("checkbox", { name: /^us-east-1\b/ })).toBeChecked();

    await form.getByRole("button", { name: "Scan now" }).click();
    const failure = page.getByRole("region", { name: "Progress", exact: true }).getByRole("alert");
    await expect(failure).toContainText("The scan could not start: The server found no AWS credentials", {
      timeout: 15_000,
    });
    await expect(failure).toContainText("How to fix:");
    await expect(failure).not.toContainText("--");
  });
});

test.describe("the scan page against a slow fake AWS endpoint", () => {
  let server: OwnServer;
  let fake: FakeAws;
  let dir: string;
  const port = Number(process.env.E2E_SCAN_CANCEL_PORT ?? E2E_PORT + 22);

  test.beforeAll(async ({ playwright }) => {
    test.setTimeout(90_000);
    dir = await mkdtemp(path.join(os.tmpdir(), "safekeep-e2e-cancel-"));
    fake = await startFakeAws({ inventory: { ...demoInventory, errors: [] }, latencyMs: SLOW_ANSWER_MS });
    server = startOwnServer(port, {
      SAFEKEEP_HOST: "127.0.0.1",
      SAFEKEEP_DATA_DIR: path.join(dir, "data"),
      AWS_ENDPOINT_URL: fake.url,
      AWS_ACCESS_KEY_ID: "test",
      AWS_SECRET_ACCESS_KEY: "test",
      AWS_SESSION_TOKEN: "",
      AWS_PROFILE: "",
      AWS_REGION: "us-east-1",
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    });
    const api = await playwright.request.newContext();
    await waitUntilServing(server, api);
    await api.dispose();
  });

  test.afterAll(async () => {
    await server?.stop();
    await fake?.close();
    await rm(dir, { recursive: true, force: true });
  });

  test("lists the endpoint's Regions, names the steps for people, and a cancelled scan stores nothing", async ({
    page,
    request,
  }) => {
    test.setTimeout(90_000);
    await page.goto(`${server.base}/snapshots`);
    await expect(page.getByRole("heading", { name: "No scans yet" })).toBeVisible();

    await openScanPage(page, server.base);
    const card = page.getByRole("region", { name: "Ready to scan" });
    await expect(card).toContainText(demoInventory.account.id);
    const form = page.getByRole("form", { name: "Scan settings", exact: true });
    const all = form.getByRole("radio", { name: `All enabled Regions (${demoInventory.regions.length})` });
    await expect(all).toBeChecked();
    await form.getByRole("radio", { name: "These Regions:" }).check();
    const picker = form.getByRole("group", { name: "Regions to scan" });
    await expect(picker.getByRole("checkbox")).toHaveCount(demoInventory.regions.length);
    for (const region of demoInventory.regions) {
      await expect(picker.getByRole("checkbox", { name: new RegExp(`^${region}\\b`) })).toBeVisible();
    }
    await all.check();

    await form.getByRole("button", { name: "Scan now" }).click();
    const progress = page.getByRole("region", { name: "Progress", exact: true });
    const steps = progress.getByRole("list", { name: "Scan steps" });
    await expect(steps).toContainText("Amazon ElastiCache · clusters, replication groups and users", {
      timeout: 15_000,
    });
    await expect(steps).not.toContainText("sts-vpc-endpoints");
    await expect(steps).not.toContainText("tls-samples");

    await progress.getByRole("button", { name: "Cancel scan" }).click();
    await expect(progress).toContainText("Cancelled. Nothing was stored", { timeout: 60_000 });
    await expect(page).toHaveURL(/\/scan$/);

    // Nothing was stored: the scan ended as cancelled without a snapshot, and the history is still empty.
    const scan = (await (await request.get(`${server.base}/api/scans`)).json()) as {
      state: string;
      snapshotId?: string;
    };
    expect(scan.state).toBe("cancelled");
    expect(scan.snapshotId).toBeUndefined();
    await page.goto(`${server.base}/snapshots`);
    await expect(page.getByRole("heading", { name: "No scans yet" })).toBeVisible();
    await expect(page.getByRole("main").getByRole("link", { name: "Scan now" })).toBeVisible();
  });
});
