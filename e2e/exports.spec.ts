import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { expect, test, type Download } from "@playwright/test";
import { ControlPage } from "./pages/control-page";

async function saved(download: Download): Promise<string> {
  const file = await download.path();
  if (!file) throw new Error("download not saved");
  return file;
}

function pdfText(file: string): string {
  return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
}

function pdfPages(file: string): number {
  const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
}

test.describe("exports @critical", () => {
  test("the overview exports the snapshot as a PDF report an auditor can read", async ({ page }) => {
    await page.goto("/?snapshot=demo");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("navigation", { name: "Export this snapshot" }).getByRole("link", { name: "PDF report" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("safekeep-210987654321-2026-11-20.pdf");
    const file = await saved(download);
    expect(readFileSync(file).subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdfPages(file)).toBeGreaterThan(8);
    const text = pdfText(file);
    for (const section of [
      "Contents",
      "Executive summary",
      "Amazon Connect",
      "Scan coverage",
      "Appendix: every control evaluated",
    ]) {
      expect(text).toContain(section);
    }
    expect(text).toContain("snapshot demo");
    expect(text).toMatch(/Page 1 of \d+/);
    // Personal data planted in names stays masked in the report too.
    expect(text).not.toContain("GB82WEST12345698765432");
    expect(text).not.toContain("4111111111111111");
  });

  test("a service page exports its own report and its controls as CSV", async ({ page }) => {
    await page.goto("/services/cognito?snapshot=demo");
    const exports = page.getByRole("navigation", { name: "Export Amazon Cognito" });
    const [pdf] = await Promise.all([
      page.waitForEvent("download"),
      exports.getByRole("link", { name: "PDF report" }).click(),
    ]);
    const text = pdfText(await saved(pdf));
    expect(text).toMatch(/Amazon Cognito data-protection\s+report/);
    expect(text).not.toMatch(/Amazon ElastiCache: \d+ \/ 100/);
    const [csv] = await Promise.all([
      page.waitForEvent("download"),
      exports.getByRole("link", { name: "CSV" }).click(),
    ]);
    const rows = readFileSync(await saved(csv), "utf8")
      .trim()
      .split("\n");
    expect(rows[0]).toContain("controlId");
    expect(rows.slice(1).every((r) => r.includes(",cognito,"))).toBe(true);
  });

  test("a control page exports exactly the filtered resources", async ({ page }) => {
    await page.goto("/services/elasticache/controls/elasticache.rg-transit-encryption?snapshot=demo");
    const control = new ControlPage(page);
    await control.filterByStatus("Fail (1)");
    const [csv] = await Promise.all([
      page.waitForEvent("download"),
      control.results.getByRole("navigation", { name: "Export this view" }).getByRole("link", { name: "CSV" }).click(),
    ]);
    const lines = readFileSync(await saved(csv), "utf8")
      .trim()
      .split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("checkout-legacy");
  });

  test("OCSF and JSON downloads follow their formats", async ({ request }) => {
    const ocsf = (await (await request.get("/api/snapshots/demo/export?format=ocsf")).json()) as {
      class_uid: number;
    }[];
    expect(ocsf.length).toBeGreaterThan(100);
    expect(ocsf.every((e) => e.class_uid === 2003)).toBe(true);
    const json = (await (await request.get("/api/snapshots/demo/export?format=json")).json()) as {
      schemaVersion: number;
    };
    expect(json.schemaVersion).toBe(1);
    expect((await request.get("/api/snapshots/demo/export?format=xml")).status()).toBe(400);
    expect((await request.get("/api/snapshots/demo/export?format=csv&status=bogus")).status()).toBe(400);
  });
});
