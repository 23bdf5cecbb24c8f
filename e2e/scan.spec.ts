import { expect, test } from "@playwright/test";

test.describe("scanning from the dashboard @critical", () => {
  test("Scan now runs against the endpoint, streams progress and lands on the new snapshot", async ({
    page,
    request,
  }) => {
    await page.goto("/scan");
    await expect(page.getByRole("heading", { level: 1, name: "Scan now" })).toBeVisible();
    const form = page.getByRole("form", { name: "Scan settings", exact: true });
    for (const name of ["Account-wide", "AWS IAM and STS", "Amazon Cognito", "Amazon Personalize", "Amazon Connect"]) {
      await form.getByRole("checkbox", { name }).uncheck();
    }
    await form.getByRole("radio", { name: "These Regions:" }).check();
    const regions = form.getByRole("group", { name: "Regions to scan" });
    for (const region of ["us-east-1", "eu-west-1"])
      await regions.getByRole("checkbox", { name: new RegExp(`^${region}\\b`) }).check();
    await page.getByRole("button", { name: "Scan now" }).click();

    await page.waitForURL(/\/\?snapshot=[A-Za-z0-9-]+$/, { timeout: 20_000 });
    const snapshotId = new URL(page.url()).searchParams.get("snapshot")!;
    await expect(page.getByRole("note").getByText("Demo data", { exact: true })).toHaveCount(0);
    await expect(page.getByText("us-east-1, eu-west-1")).toBeVisible();
    await expect(page.getByRole("article", { name: "Amazon ElastiCache" })).toContainText(
      "View Amazon ElastiCache controls",
    );

    // The snapshot is stored and listed in the history.
    const stored = await request.get(`/api/snapshots/${snapshotId}`);
    expect(stored.status()).toBe(200);
    expect(((await stored.json()) as { source: string }).source).toBe("aws");
    await page.goto("/snapshots");
    await expect(page.getByRole("link", { name: snapshotId, exact: true })).toBeVisible();
  });

  test("scanning several accounts shows each account's progress and links its snapshot", async ({ page, request }) => {
    await page.goto("/scan");
    const form = page.getByRole("form", { name: "Organization scan settings" });
    await form.getByRole("radio", { name: "These accounts:" }).check();
    await form.getByRole("textbox", { name: "Account ids" }).fill("210987654321, 999999999999");
    for (const name of [
      "Account-wide",
      "Amazon ElastiCache",
      "Amazon Cognito",
      "Amazon Personalize",
      "Amazon Connect",
    ]) {
      await form.getByRole("checkbox", { name }).uncheck();
    }
    await form.getByRole("radio", { name: "These Regions:" }).check();
    const regions = form.getByRole("group", { name: "Regions to scan in each account" });
    await regions.getByRole("checkbox", { name: /^us-east-1\b/ }).check();
    await form.getByRole("button", { name: "Scan accounts" }).click();

    const progress = page.getByRole("region", { name: "Accounts’ progress" });
    await expect(progress.getByText(/^Finished: 1 done, 0 running, 0 queued, 1 failed, 0 skipped\.$/)).toBeVisible({
      timeout: 30_000,
    });
    // The caller's own account is scanned with its own credentials; the other's role cannot be assumed.
    const done = progress.getByRole("listitem").filter({ hasText: "210987654321" });
    await expect(done.getByText("Done", { exact: true })).toBeVisible();
    const link = done.getByRole("link", { name: /\/100$|not scored/ });
    const snapshotId = new URL((await link.getAttribute("href"))!, "http://x").searchParams.get("snapshot")!;
    expect((await request.get(`/api/snapshots/${snapshotId}`)).status()).toBe(200);
    const failed = progress.getByRole("listitem").filter({ hasText: "999999999999" });
    await expect(failed.getByText("Failed", { exact: true })).toBeVisible();
    await expect(failed).toContainText("could not assume");
  });

  test("the scan API refuses cross-site and malformed requests", async ({ request }) => {
    const crossSite = await request.post("/api/scans", {
      headers: { "content-type": "application/json", origin: "https://evil.example" },
      data: { services: ["elasticache"] },
    });
    expect(crossSite.status()).toBe(403);
    const form = await request.post("/api/scans", { form: { services: "elasticache" } });
    expect(form.status()).toBe(415);
    const bad = await request.post("/api/scans", {
      headers: { "content-type": "application/json" },
      data: { regions: ["mars"] },
    });
    expect(bad.status()).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toContain("not a region name");
    expect((await request.get("/api/scans/no-such-scan")).status()).toBe(404);
  });
});
