/**
 * The compare page against the production build: pick two snapshots on the page, filter by a
 * summary chip, and export what is listed as CSV. Two scans of one account must be stored before the
 * server reads them, so this spec starts its own server on a store seeded here (as the organization
 * spec does).
 */
import { expect, test, type Page } from "@playwright/test";
import { readFile, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import {
  freePort,
  hasStandaloneBuild,
  STANDALONE_SERVER,
  startServerProcess,
  type ServerProcess,
} from "../fake-aws/server-process";
import { control, ec, exampleSnapshot } from "../lib/snapshot/fixtures";
import { SqliteSnapshotStore } from "../lib/snapshot/sqlite-store";

let server: ServerProcess;
let dataDir: string;

/** Three scans of the example account; the newest fails 3 replication groups that passed before. */
function seeded() {
  const groups = (status: "pass" | "fail") =>
    control(
      "elasticache.rg-at-rest-encryption",
      "elasticache",
      "medium",
      ["elasticache:DescribeReplicationGroups"],
      ["orders", "carts", "sessions"].map((name) => ({
        arn: ec("us-east-1", "replicationgroup", name),
        region: "us-east-1",
        status,
      })),
    );
  return [
    exampleSnapshot("scan-1", "2026-11-13T10:05:00.000Z", (s) => s.controls.push(groups("pass"))),
    exampleSnapshot("scan-2", "2026-11-20T10:05:00.000Z", (s) => s.controls.push(groups("pass"))),
    exampleSnapshot("scan-3", "2026-11-27T10:05:00.000Z", (s) => s.controls.push(groups("fail"))),
  ];
}

test.describe("compare page", () => {
  test.describe.configure({ mode: "serial", timeout: 60_000 });
  test.skip(!hasStandaloneBuild(), `no production build at ${STANDALONE_SERVER}: run "npm run build" first`);

  test.beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), "safekeep-compare-e2e-"));
    const store = new SqliteSnapshotStore(path.join(dataDir, "safekeep.db"));
    for (const snapshot of seeded()) await store.put(snapshot);
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

  test("pick two snapshots on the page, filter by a chip, export the list as CSV @critical", async ({ page }) => {
    const response = await open(page, "/snapshots/compare");
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: "What changed" })).toBeVisible();
    await expect(page.getByRole("link", { name: /Compare the latest snapshot \(scan-3\)/ })).toBeVisible();

    const picker = page.getByRole("form", { name: "Pick two snapshots" });
    await picker.getByLabel("From (earlier)").selectOption("scan-1");
    await picker.getByLabel("To (later)").selectOption("scan-3");
    await picker.getByRole("button", { name: "Compare" }).click();
    await page.waitForURL(/\/snapshots\/compare\?from=scan-1&to=scan-3/);

    const chips = page.getByRole("navigation", { name: "Filter by change" });
    await chips.getByRole("link", { name: /^New: 3$/ }).click();
    await page.waitForURL(/change=new/);
    await expect(chips.getByRole("link", { name: /^New: 3$/ })).toHaveAttribute("aria-current", "true");
    const section = page.locator("details", { has: page.getByRole("heading", { name: "Amazon ElastiCache (3)" }) });
    await expect(section.getByRole("listitem")).toHaveCount(3);
    await expect(page.getByText("sessions-prod")).toHaveCount(0); // still failing: filtered out

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "CSV", exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("safekeep-compare-scan-1-scan-3.csv");
    const file = await download.path();
    const rows: Record<string, string>[] = parse(await readFile(file!, "utf8"), { columns: true });
    expect(rows.map((r) => [r.change, r.resourceName]).sort()).toEqual([
      ["new", "carts"],
      ["new", "orders"],
      ["new", "sessions"],
    ]);
  });

  test("an unknown snapshot id is said in words, with the picker to choose again", async ({ page }) => {
    const response = await open(page, "/snapshots/compare?from=nope&to=scan-3");
    expect(response?.status()).toBeLessThan(500);
    await expect(page.getByRole("main").getByRole("alert")).toContainText("No snapshot with id nope.");
    await expect(page.getByRole("form", { name: "Pick two snapshots" })).toBeVisible();
  });
});
