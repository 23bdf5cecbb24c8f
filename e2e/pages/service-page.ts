import { expect, type Locator, type Page } from "@playwright/test";

/** A service drill-down: controls grouped under the seed recommendation they check. */
export class ServicePage {
  constructor(readonly page: Page) {}

  recommendation(title: string): Locator {
    return this.page.getByRole("region", { name: title });
  }

  controlRow(title: string): Locator {
    return this.page.getByRole("row").filter({ has: this.page.getByRole("link", { name: title, exact: true }) });
  }

  async openControl(title: string) {
    await this.page.getByRole("link", { name: title, exact: true }).click();
    await expect(this.page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  }
}
