/**
 * Compliance frameworks as an auditor reaches them: the list, one framework's requirements with their
 * status and sources, down to the findings, and the evidence PDF and CSV of the snapshot shown.
 */
import { expect, test } from "@playwright/test";
import { pdfText } from "../test-support/pdf-text";

test.describe("compliance frameworks", () => {
  test("from the list to a framework's requirements, its findings and its evidence files", async ({ page }) => {
    await page.goto("/frameworks");
    await expect(page.getByRole("heading", { level: 1, name: "Frameworks" })).toBeVisible();
    await page
      .getByRole("link", { name: /NIST SP 800-53/ })
      .first()
      .click();
    await expect(page.getByRole("heading", { level: 1, name: /NIST SP 800-53/ })).toBeVisible();
    // Every mapped control names where the mapping comes from.
    const sources = page.locator('a[href^="https://"]').filter({ hasNotText: /^https:\/\/csrc/ });
    expect(await sources.count()).toBeGreaterThan(0);

    const csv = await page.request.get((await page.getByRole("link", { name: "Evidence CSV" }).getAttribute("href"))!);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    expect((await csv.text()).split("\n")[0]).toMatch(/requirement/i);

    const pdf = await page.request.get((await page.getByRole("link", { name: "Evidence PDF" }).getAttribute("href"))!);
    expect(pdf.status()).toBe(200);
    const text = pdfText(Buffer.from(await pdf.body()), { flat: true });
    if (text !== undefined) expect(text).toMatch(/Safekeep evidence for NIST SP 800-53/);
  });
});
