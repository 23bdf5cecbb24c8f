import { expect, test } from "@playwright/test";
import { ControlPage } from "./pages/control-page";
import { DashboardPage } from "./pages/dashboard-page";
import { ServicePage } from "./pages/service-page";

test.describe("posture drill-down @critical", () => {
  test("overview → ElastiCache → a failing control → its resources and evidence", async ({ page }) => {
    const dashboard = new DashboardPage(page);
    await dashboard.goto("?snapshot=demo");

    await expect(page.getByRole("note").getByText("Demo data", { exact: true })).toBeVisible();
    await expect(page.getByText("210987654321")).toBeVisible();
    await expect(page.getByRole("img", { name: /^Overall score: \d+ out of 100/ })).toBeVisible();
    // Services without controls yet say so, with no score.
    await expect(dashboard.scorecard("Amazon Cognito")).toContainText("Not evaluated yet");
    await expect(dashboard.scorecard("Amazon Cognito").getByRole("img")).toHaveCount(0);
    // The denied action from the scan is listed in the coverage banner.
    await expect(page.getByRole("region", { name: "Incomplete scan coverage" })).toContainText(
      "elasticache:DescribeServerlessCacheSnapshots",
    );

    await dashboard.openService("Amazon ElastiCache");
    const service = new ServicePage(page);
    await expect(service.recommendation("Use SSL/TLS (TLS 1.2 or later)")).toBeVisible();
    const tlsRow = service.controlRow("Valkey/Redis OSS replication groups require TLS");
    await expect(tlsRow).toContainText("Fail");
    await expect(tlsRow).toContainText("High");
    await service.openControl("Valkey/Redis OSS replication groups require TLS");

    const control = new ControlPage(page);
    await expect(page.getByRole("blockquote")).toContainText("We recommend TLS 1.2 or later.");
    await expect(page.getByRole("link", { name: "Data Protection in Amazon ElastiCache" })).toHaveAttribute(
      "href",
      /docs\.aws\.amazon\.com/,
    );
    await control.filterByStatus("Fail (1)");
    const row = control.resultRow("checkout-legacy");
    await expect(row).toContainText("in-transit encryption is off");
    await control.showEvidence("checkout-legacy");
    await expect(control.results.getByText("transitEncryptionEnabled")).toBeVisible();
    await expect(page.getByRole("link", { name: "AWS documentation for this fix" })).toBeVisible();
  });

  test("keyboard users can reach the drill-down links", async ({ page }) => {
    const dashboard = new DashboardPage(page);
    await dashboard.goto("?snapshot=demo");
    const link = dashboard
      .scorecard("Amazon ElastiCache")
      .getByRole("link", { name: "View Amazon ElastiCache controls" });
    await link.focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { level: 1, name: "Amazon ElastiCache" })).toBeVisible();
  });

  test("unknown pages and snapshots are 404s, bad API parameters 400", async ({ page, request }) => {
    expect((await page.goto("/services/nope"))?.status()).toBe(404);
    expect((await page.goto("/services/elasticache/controls/elasticache.nope"))?.status()).toBe(404);
    expect((await page.goto("/?snapshot=missing-snapshot"))?.status()).toBe(404);
    expect((await page.goto("/?snapshot=../../etc"))?.status()).toBe(404);
    expect((await request.get("/api/snapshots/..%2F..%2Fetc")).status()).toBe(400);
    expect((await request.get("/api/snapshots/unknown-id")).status()).toBe(404);
    const latest = await request.get("/api/snapshots/latest");
    expect(latest.status()).toBe(200);
    expect(((await latest.json()) as { schemaVersion: number }).schemaVersion).toBe(1);
  });

  test("works at tablet width", async ({ page }) => {
    await page.setViewportSize({ width: 768, height: 1024 });
    const dashboard = new DashboardPage(page);
    await dashboard.goto("?snapshot=demo");
    await dashboard.openService("Amazon ElastiCache");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
