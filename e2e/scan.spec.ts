import { expect, test } from "@playwright/test";

test.describe("scanning from the dashboard @critical", () => {
  test("Scan now runs against the endpoint, streams progress and lands on the new snapshot", async ({
    page,
    request,
  }) => {
    await page.goto("/scan");
    await expect(page.getByRole("heading", { level: 1, name: "Scan now" })).toBeVisible();
    for (const name of ["Account-wide", "AWS IAM and STS", "Amazon Cognito", "Amazon Personalize", "Amazon Connect"]) {
      await page.getByRole("checkbox", { name }).uncheck();
    }
    await page.getByRole("textbox", { name: /Regions/ }).fill("us-east-1, eu-west-1");
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
