/**
 * The organization pages against the production build: the accounts × services overview with its OU
 * filter, the account menu in the header, and per-account history and comparison.
 *
 * Several accounts' snapshots must be in the store before the server reads it, and they must not
 * change what the other specs see, so this spec starts its own server (its own port and data
 * directory, as the kill spec does) on a store seeded here.
 */
import { expect, test, type Page } from "@playwright/test";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {
  freePort,
  hasStandaloneBuild,
  STANDALONE_SERVER,
  startServerProcess,
  type ServerProcess,
} from "../fake-aws/server-process";
import { CONTROLS } from "../lib/controls/registry";
import { demoInventory } from "../lib/demo/inventory";
import type { Inventory } from "../lib/inventory";
import { buildSnapshot } from "../lib/posture/build-snapshot";
import { control, exampleSnapshot } from "../lib/snapshot/fixtures";
import type { Snapshot } from "../lib/snapshot/schema";
import { SqliteSnapshotStore } from "../lib/snapshot/sqlite-store";

const PAYMENTS = "ou-ab12-payments";
const SANDBOX_OU = "ou-ab12-sandbox1";
const PROD = "111122223333";
const STAGING = "444455556666";
const SANDBOX = "777788889999";

/** The demo inventory scanned as a member account, by the real controls. */
function memberScan(id: string, account: Inventory["account"], finishedAt: string, services = demoInventory.services) {
  return buildSnapshot({ ...demoInventory, source: "aws", account, services, finishedAt }, CONTROLS, {
    id,
    now: new Date(finishedAt),
  });
}

/** The stored accounts, built when the spec runs (not when test files are collected). */
function seededSnapshots(): { prodOld: Snapshot; prodNew: Snapshot; staging: Snapshot; sandbox: Snapshot } {
  const prod = { id: PROD, partition: "aws", name: "prod-payments", ou: PAYMENTS };
  return {
    prodOld: memberScan("prod-1", prod, "2026-11-20T10:00:00.000Z"),
    prodNew: memberScan("prod-2", prod, "2026-11-27T10:00:00.000Z"),
    // Two services only: the others must read "Not evaluated", with no score.
    staging: memberScan(
      "staging-1",
      { id: STAGING, partition: "aws", name: "staging-payments", ou: PAYMENTS },
      "2026-11-26T10:00:00.000Z",
      ["iam", "elasticache"],
    ),
    // Nothing could be judged: no overall score ("not scored", never ranked as 0), a critical check unchecked.
    sandbox: exampleSnapshot("sandbox-1", "2026-11-25T10:00:00.000Z", (s) => {
      s.account = { id: SANDBOX, partition: "aws", name: "sandbox", ou: SANDBOX_OU };
      s.score = null;
      s.scoreUnverified = 100;
      s.controls.push(
        control(
          "xc.root-access-keys",
          "account",
          "critical",
          ["iam:GetAccountSummary"],
          [{ arn: `arn:aws:iam::${SANDBOX}:root`, region: "global", status: "error" }],
        ),
      );
    }),
  };
}

let seeded: ReturnType<typeof seededSnapshots>;
let server: ServerProcess;
let dataDir: string;

test.describe("organization pages", () => {
  test.describe.configure({ mode: "serial", timeout: 60_000 });

  test.skip(!hasStandaloneBuild(), `no production build at ${STANDALONE_SERVER}: run "npm run build" first`);

  test.beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), "safekeep-org-e2e-"));
    seeded = seededSnapshots();
    const store = new SqliteSnapshotStore(path.join(dataDir, "safekeep.db"));
    for (const snapshot of Object.values(seeded)) await store.put(snapshot);
    store.close();
    server = await startServerProcess({
      port: await freePort(),
      dataDir,
      awsEndpoint: `http://127.0.0.1:${process.env.E2E_FAKE_AWS_PORT ?? 4610}`,
    });
  });

  test.afterAll(async () => {
    await server?.kill("SIGTERM");
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const open = (page: Page, url: string) => page.goto(`${server.url}${url}`);
  const heatmap = (page: Page) => page.getByRole("region", { name: /Accounts by service/ });

  test("the accounts overview: heatmap, lowest scores, critical findings and scan times @critical", async ({
    page,
  }) => {
    await open(page, "/accounts");
    await expect(page.getByRole("heading", { level: 1, name: "Accounts" })).toBeVisible();
    const rows = heatmap(page).getByRole("row");
    await expect(rows).toHaveCount(4); // the header row and three accounts

    const prodRow = heatmap(page).getByRole("row", { name: /prod-payments/ });
    const { prodNew, staging } = seeded;
    await expect(prodRow).toContainText(`${prodNew.score}`);
    await expect(prodRow).toContainText("2026-11-27 10:00 UTC");
    // The demo's root user has an access key: one failing result of a critical control.
    await expect(prodRow.getByRole("cell").nth(7)).toHaveText(/1\s*failing/);

    const stagingRow = heatmap(page).getByRole("row", { name: /staging-payments/ });
    await expect(stagingRow.getByText("Not evaluated")).toHaveCount(4);

    const sandboxRow = heatmap(page).getByRole("row", { name: /sandbox/ });
    await expect(sandboxRow.getByRole("cell").first()).toContainText("No score");
    await expect(sandboxRow).toContainText("1 unchecked");

    const lowest = page.locator("section", { has: page.getByRole("heading", { name: "Lowest scores" }) });
    const ranked = [prodNew, staging].sort((a, b) => a.score! - b.score!).map((s) => s.account.name!);
    await expect(lowest.getByRole("listitem")).toHaveText(ranked.map((name) => new RegExp(name)));
    await expect(lowest).toContainText(/Not scored.*sandbox/);

    await prodRow.getByRole("link", { name: "prod-payments" }).click();
    await expect(page).toHaveURL(new RegExp(`/\\?account=${PROD}$`));
    await expect(page.getByText("prod-2", { exact: true })).toBeVisible();
  });

  test("the organizational unit filter, an unknown unit and a malformed one", async ({ page }) => {
    await open(page, "/accounts");
    await page.getByLabel("Organizational unit").selectOption(PAYMENTS);
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page).toHaveURL(new RegExp(`/accounts\\?ou=${PAYMENTS}$`));
    await expect(heatmap(page).getByRole("row")).toHaveCount(3);
    await expect(heatmap(page)).not.toContainText("sandbox");

    await open(page, "/accounts?ou=ou-ab12-nothere1");
    await expect(page.getByRole("main").getByRole("status")).toHaveText(
      "No account with a stored snapshot sits in organizational unit ou-ab12-nothere1.",
    );
    await expect(heatmap(page)).toHaveCount(0);

    const response = await open(page, `/accounts?ou=${encodeURIComponent("<script>alert(1)</script>")}`);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("main").getByRole("status")).toContainText(
      "The organizational unit filter was ignored",
    );
    await expect(heatmap(page).getByRole("row")).toHaveCount(4);
  });

  test("the account menu shows one account's latest snapshot on every page, and history and comparison stay within it", async ({
    page,
  }) => {
    await open(page, "/");
    // Without a pick: the newest snapshot of any account.
    await expect(page.getByText("prod-2", { exact: true })).toBeVisible();
    const menu = page.getByLabel("Account", { exact: true });
    await expect(menu.getByRole("option")).toHaveText([
      "Newest scan, any account",
      `prod-payments (${PROD})`,
      `sandbox (${SANDBOX})`,
      `staging-payments (${STAGING})`,
    ]);
    await menu.selectOption(STAGING);
    await expect(page).toHaveURL(new RegExp(`/\\?account=${STAGING}$`));
    await expect(page.getByText("staging-1", { exact: true })).toBeVisible();
    await expect(page.getByRole("article", { name: "Amazon Cognito" })).toContainText("Not evaluated yet");

    // Drilling down keeps the account.
    await page.getByRole("link", { name: "View AWS IAM and STS controls" }).click();
    await expect(page).toHaveURL(new RegExp(`/services/iam\\?account=${STAGING}$`));
    await expect(page.getByText("staging-1", { exact: true })).toBeVisible();
    await expect(menu).toHaveValue(STAGING);

    // Its history only; switching accounts in the menu switches the history.
    await open(page, `/snapshots?account=${PROD}`);
    await expect(page.getByRole("link", { name: "prod-2", exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: "staging-1", exact: true })).toHaveCount(0);
    await page.getByRole("button", { name: "Compare selected snapshots" }).click();
    await page.waitForURL(/\/snapshots\/compare\?/);
    const compared = new URL(page.url()).searchParams;
    expect([compared.get("from"), compared.get("to")]).toEqual(["prod-1", "prod-2"]);
    await expect(page.getByRole("heading", { level: 1, name: "What changed" })).toBeVisible();

    // Every account's history: compare links pair each snapshot with its own account's previous one only.
    await open(page, "/snapshots");
    const compareLinks = page.getByRole("link", { name: /^Compare .* with the previous snapshot of account/ });
    await expect(compareLinks).toHaveCount(1);
    await expect(compareLinks).toHaveAttribute("href", "/snapshots/compare?from=prod-1&to=prod-2");
  });

  test("a malformed or unknown account is said so, never shown as another account", async ({ page }) => {
    for (const url of ["/?account=12345", "/services/iam?account=..%2F..%2Fetc", "/snapshots?account=abc"]) {
      const response = await open(page, url);
      expect(response?.status(), url).toBeLessThan(500);
      await expect(page.getByRole("main").getByRole("alert")).toContainText("not an AWS account id (12 digits)");
      await expect(page.getByText("prod-2", { exact: true })).toHaveCount(0);
    }
    await open(page, "/?account=999999999999");
    await expect(page.getByRole("main").getByRole("alert")).toContainText("No snapshots for account 999999999999.");
  });

  test("on a phone the heatmap scrolls sideways, says so, and the page itself does not", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await open(page, "/accounts");
    await expect(page.getByText("Scroll sideways to see every service.")).toBeVisible();
    const region = heatmap(page);
    expect(await region.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await open(page, `/?account=${PROD}`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  });
});
