import { expect, test } from "@playwright/test";
import { ControlPage } from "./pages/control-page";
import { DashboardPage } from "./pages/dashboard-page";
import { ServicePage } from "./pages/service-page";

test.describe("posture drill-down @critical", () => {
  test("overview → ElastiCache → a failing control → its resources and evidence", async ({ page }) => {
    const dashboard = new DashboardPage(page);
    await dashboard.goto("?snapshot=demo");

    await expect(page.getByRole("note").getByText("Demo data", { exact: true })).toBeVisible();
    // Exact: the account id also appears inside resource names and ARNs the overview lists.
    await expect(page.getByText("210987654321", { exact: true })).toBeVisible();
    // The overview leads with the critical and high failures, each linked to its finding.
    const callOut = page.getByRole("region", { name: "Critical and high failures" });
    await expect(callOut.getByRole("heading", { level: 2 })).toHaveText(
      /^\d+ critical and high failures … and \d+ results could not be judged$/,
    );
    await expect(callOut.getByRole("link", { name: "Root user of account 210987654321" })).toHaveAttribute(
      "href",
      /^\/findings\?snapshot=demo&control=xc\.root-access-keys&q=/,
    );
    await expect(page.getByRole("heading", { name: "Open findings by severity (resources)" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Top risky resources" })).toBeVisible();
    await expect(page.getByRole("img", { name: /^Overall score: \d+ out of 100/ })).toBeVisible();
    for (const name of ["Account-wide", "AWS IAM and STS", "Amazon Cognito", "Amazon Personalize", "Amazon Connect"]) {
      await expect(
        dashboard.scorecard(name).getByRole("img", { name: new RegExp(`${name} score: \\d+ out of 100`) }),
      ).toBeVisible();
    }
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

  for (const name of ["Account-wide", "AWS IAM and STS", "Amazon Cognito", "Amazon Personalize", "Amazon Connect"]) {
    test(`drills into ${name}: the worst control and its evidence`, async ({ page }) => {
      const dashboard = new DashboardPage(page);
      await dashboard.goto("?snapshot=demo");
      await dashboard.openService(name);
      // Controls are listed worst first within each recommendation; open a failing one.
      const failing = page
        .getByRole("row")
        .filter({ hasText: /Fail|Warning/ })
        .filter({ has: page.getByRole("link") })
        .first();
      const link = failing.getByRole("link");
      const title = (await link.textContent())!.trim();
      await link.click();
      await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
      const control = new ControlPage(page);
      await control.filterByStatus(/^(Fail|Warning) \([1-9]\d*\)$/);
      const first = control.results.getByRole("row").nth(1);
      await expect(first).toContainText(/Fail|Warning/);
      await first.getByRole("button", { name: /Show evidence/ }).click();
      await expect(control.results.getByText("resourceArn")).toBeVisible();
    });
  }

  test("a control page's view is in its address: reload it and the view stays; a bad parameter is named", async ({
    page,
  }) => {
    const path = "/services/elasticache/controls/elasticache.rg-transit-encryption";
    await page.goto(`${path}?snapshot=demo`);
    const control = new ControlPage(page);
    await control.search("checkout");
    await expect(page).toHaveURL(/[?&]q=checkout(&|$)/);
    await expect(page).toHaveURL(/[?&]snapshot=demo(&|$)/);
    await expect(control.resultRow("checkout-legacy")).toBeVisible();
    const shown = await control.results.getByRole("row").allTextContents();
    await page.reload();
    await expect(control.filters.getByLabel("Search resources")).toHaveValue("checkout");
    expect(await control.results.getByRole("row").allTextContents()).toEqual(shown);

    await page.goto(`${path}?snapshot=demo&severity=high`);
    await expect(control.results.getByRole("alert")).toContainText("severity: not a filter of this page");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  });

  test("personal data planted in names stays masked on screen", async ({ page }) => {
    await page.goto("/services/account/controls/xc.pii-in-names-tags?snapshot=demo");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const text = await page.locator("main").innerText();
    expect(text).not.toContain("GB82WEST12345698765432");
    expect(text).not.toContain("4111111111111111");
    expect(text).not.toContain("jane.doe@gmail.com");
    await expect(page.getByText(/•+ ?5432/).first()).toBeVisible();
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
