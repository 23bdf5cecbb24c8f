import { expect, test } from "@playwright/test";

test.describe("the findings view", () => {
  test("filters and order live in the address: reload and a new context give the same view", async ({
    page,
    browser,
  }) => {
    await page.goto("/findings");
    await expect(page.getByRole("heading", { level: 1, name: "Findings" })).toBeVisible();
    const form = page.getByRole("form", { name: "Filter findings" });
    await form.getByRole("combobox", { name: "Severity" }).selectOption("high");
    await form.getByRole("combobox", { name: "Order" }).selectOption("-resource");
    await form.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/severity=high/);
    expect(new URL(page.url()).searchParams.get("sort")).toBe("-resource");

    const rows = page.getByRole("table").getByRole("row");
    const firstView = await rows.allInnerTexts();
    expect(firstView.length).toBeGreaterThan(1);
    // Every row shown is of the severity asked for.
    for (const text of firstView.slice(1)) expect(text).toContain("High");

    // allInnerTexts does not wait: read the rows once the reloaded table has them all.
    await page.reload();
    await expect(rows).toHaveCount(firstView.length);
    expect(await rows.allInnerTexts()).toEqual(firstView);
    await expect(form.getByRole("combobox", { name: "Severity" })).toHaveValue("high");

    const other = await browser.newContext();
    const shared = await other.newPage();
    await shared.goto(page.url());
    const sharedRows = shared.getByRole("table").getByRole("row");
    await expect(sharedRows).toHaveCount(firstView.length);
    expect(await sharedRows.allInnerTexts()).toEqual(firstView);
    await other.close();
  });

  test("pages through every finding once, and says what is wrong with a bad address", async ({ page }) => {
    await page.goto("/findings?limit=10");
    const count = await page.getByRole("heading", { level: 2 }).first().innerText();
    const total = Number(count.match(/^([\d,]+) finding/)![1]!.replace(/,/g, ""));
    const seen: string[] = [];
    for (let i = 0; i < 200; i++) {
      // A finding's id, not its text: one resource may fail a control on several fields.
      seen.push(
        ...(await page
          .locator("tr[data-finding]")
          .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-finding")!))),
      );
      const next = page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: /^Next/ });
      if ((await next.count()) === 0) break;
      await page.goto((await next.getAttribute("href"))!);
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);

    await page.goto("/findings?severity=catastrophic");
    await expect(page.getByRole("alert").filter({ hasText: "severity:" })).toBeVisible();
  });
});

test.describe("exporting the findings view", () => {
  test("export matches the rows shown", async ({ page }) => {
    await page.goto("/findings");
    const form = page.getByRole("form", { name: "Filter findings" });
    await form.getByRole("combobox", { name: "Severity" }).selectOption("high");
    await form.getByRole("combobox", { name: "Order" }).selectOption("-resource");
    await form.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/severity=high/);
    // The same view with every row on one page (the export links leave the page size out).
    const url = new URL(page.url());
    url.searchParams.set("limit", "500");
    await page.goto(url.toString());

    const count = await page.getByRole("heading", { level: 2 }).first().innerText();
    const total = Number(count.match(/^([\d,]+) finding/)![1]!.replace(/,/g, ""));
    const shown = await page
      .locator("tr[data-finding]")
      .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-finding")!));
    expect(shown.length).toBeGreaterThan(0);
    expect(shown).toHaveLength(total);

    const exports = page.getByRole("navigation", { name: "Export this view" });
    const link = exports.getByRole("link", { name: "CSV" });
    const href = new URL((await link.getAttribute("href"))!, page.url());
    expect(href.searchParams.get("severity")).toBe("high");
    expect(href.searchParams.get("sort")).toBe("-resource");
    expect(href.searchParams.has("limit")).toBe(false);
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^safekeep-findings-\d{8}-\d{4}\.csv$/);
    const file = await download.path();
    if (!file) throw new Error("download not saved");
    const { readFileSync } = await import("node:fs");
    const { parse } = await import("csv-parse/sync");
    const rows = parse(readFileSync(file, "utf8"), { columns: true }) as Record<string, string>[];
    // Same findings, same order, from the same snapshots.
    expect(rows.map((r) => `${r.snapshotId}/${r.findingId}`)).toEqual(shown);
    expect(rows.every((r) => r.severity === "high")).toBe(true);
  });
});
