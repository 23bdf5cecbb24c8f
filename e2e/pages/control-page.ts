import { expect, type Locator, type Page } from "@playwright/test";

/**
 * One control: the seed quote, remediation and the per-resource results with their evidence. The
 * results are served a page at a time; their filters are a GET form, so applying one loads the page
 * again with the filter in the address.
 */
export class ControlPage {
  constructor(readonly page: Page) {}

  get results(): Locator {
    return this.page.getByRole("region", { name: "Resources", exact: true });
  }

  get filters(): Locator {
    return this.results.getByRole("form", { name: "Filter resources" });
  }

  /** Submits the filter form and waits for the page it loads. */
  async apply() {
    await Promise.all([
      this.page.waitForEvent("framenavigated", (frame) => frame === this.page.mainFrame()),
      this.filters.getByRole("button", { name: "Apply" }).click(),
    ]);
    await this.page.waitForLoadState();
    await expect(this.results).toBeVisible();
  }

  resultRow(resourceName: string): Locator {
    return this.results.getByRole("row").filter({ hasText: resourceName }).first();
  }

  async filterByStatus(label: string | RegExp) {
    const select = this.filters.getByLabel("Status");
    if (typeof label === "string") await select.selectOption({ label });
    else {
      const options = await select.locator("option").allTextContents();
      const match = options.find((o) => label.test(o.trim()));
      if (!match) throw new Error(`no status option matches ${label}`);
      await select.selectOption({ label: match.trim() });
    }
    await this.apply();
  }

  async search(text: string) {
    await this.filters.getByLabel("Search resources").fill(text);
    await this.apply();
  }

  async showEvidence(resourceName: string) {
    await this.results.getByRole("button", { name: `Show evidence for ${resourceName}` }).click();
    await expect(this.results.getByRole("button", { name: `Hide evidence for ${resourceName}` })).toBeVisible();
  }
}
