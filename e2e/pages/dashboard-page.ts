import { expect, type Locator, type Page } from "@playwright/test";

/** The overview: account header, overall score and one scorecard per service. */
export class DashboardPage {
  constructor(readonly page: Page) {}

  async goto(query = "") {
    await this.page.goto(`/${query}`);
    await expect(this.page.getByRole("heading", { level: 1, name: "Data-protection posture" })).toBeVisible();
  }

  scorecard(serviceName: string): Locator {
    return this.page.getByRole("article", { name: serviceName });
  }

  async openService(serviceName: string) {
    await this.scorecard(serviceName)
      .getByRole("link", { name: `View ${serviceName} controls` })
      .click();
    await expect(this.page.getByRole("heading", { level: 1, name: serviceName })).toBeVisible();
  }
}
