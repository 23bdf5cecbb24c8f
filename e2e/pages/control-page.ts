import { expect, type Locator, type Page } from "@playwright/test";

/** One control: the seed quote, remediation and the per-resource results with their evidence. */
export class ControlPage {
  constructor(readonly page: Page) {}

  get results(): Locator {
    return this.page.getByRole("region", { name: "Resources" });
  }

  resultRow(resourceName: string): Locator {
    return this.results.getByRole("row").filter({ hasText: resourceName }).first();
  }

  async filterByStatus(label: string | RegExp) {
    const select = this.results.getByLabel("Status");
    if (typeof label === "string") return void (await select.selectOption({ label }));
    const options = await select.locator("option").allTextContents();
    const match = options.find((o) => label.test(o.trim()));
    if (!match) throw new Error(`no status option matches ${label}`);
    await select.selectOption({ label: match.trim() });
  }

  async showEvidence(resourceName: string) {
    await this.results.getByRole("button", { name: `Show evidence for ${resourceName}` }).click();
    await expect(this.results.getByRole("button", { name: `Hide evidence for ${resourceName}` })).toBeVisible();
  }
}
