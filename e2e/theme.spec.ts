/**
 * Dark mode, print and the static assets: the theme follows the system until the header's toggle picks
 * one, the choice survives a reload and is applied by the pre-paint script (under the strict CSP, with
 * no React at all), print hides the screen-only parts, and the favicon, icons and fonts are served.
 */
import { expect, test, type Page } from "@playwright/test";

const OVERVIEW = "/?snapshot=demo";

/** Relative luminance (0 black … 1 white) of an element's background, whatever colour syntax CSS computed. */
async function backgroundLuminance(page: Page, selector: string): Promise<number> {
  return page.locator(selector).evaluate((el) => {
    const context = document.createElement("canvas").getContext("2d")!;
    context.fillStyle = getComputedStyle(el).backgroundColor;
    context.fillRect(0, 0, 1, 1);
    const [r, g, b] = Array.from(context.getImageData(0, 0, 1, 1).data).map((c) => {
      const s = c / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  });
}

const themeMark = (page: Page) => page.evaluate(() => document.documentElement.getAttribute("data-theme"));
const toggle = (page: Page) => page.getByRole("button", { name: /^Theme:/ });

/** Loads a page and waits until the toggle is hydrated (a click before that would be lost). */
async function open(page: Page, url = OVERVIEW) {
  await page.goto(url);
  await expect(page.locator('[data-theme-toggle="ready"]')).toBeVisible();
}

test.describe("theme", () => {
  test("the toggle switches to dark, and the choice survives a reload", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "light" });
    await open(page);
    expect(await themeMark(page)).toBeNull();
    expect(await backgroundLuminance(page, "body")).toBeGreaterThan(0.8);

    await expect(toggle(page)).toHaveText(/Theme: System/);
    await toggle(page).click();
    await expect(toggle(page)).toHaveText(/Theme: Light/);
    await toggle(page).click();
    await expect(toggle(page)).toHaveText(/Theme: Dark/);
    expect(await themeMark(page)).toBe("dark");
    expect(await backgroundLuminance(page, "body")).toBeLessThan(0.05);
    // Cards go dark with the page.
    expect(await backgroundLuminance(page, "main section.rounded-lg >> nth=0")).toBeLessThan(0.05);

    await page.reload();
    await expect(page.locator('[data-theme-toggle="ready"]')).toBeVisible();
    expect(await themeMark(page)).toBe("dark");
    expect(await backgroundLuminance(page, "body")).toBeLessThan(0.05);
    await expect(toggle(page)).toHaveText(/Theme: Dark/);

    // Back to following the system.
    await toggle(page).click();
    await expect(toggle(page)).toHaveText(/Theme: System/);
    expect(await themeMark(page)).toBeNull();
    expect(await page.evaluate(() => localStorage.getItem("safekeep.theme"))).toBeNull();
  });

  test("without a choice the page follows the system; a light choice overrides a dark system", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "dark" });
    await open(page);
    expect(await themeMark(page)).toBeNull();
    expect(await backgroundLuminance(page, "body")).toBeLessThan(0.05);

    await toggle(page).click(); // system → light
    await expect.poll(() => themeMark(page)).toBe("light");
    expect(await backgroundLuminance(page, "body")).toBeGreaterThan(0.8);
  });

  test("the stored choice is applied before React runs, under the CSP", async ({ page }) => {
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.emulateMedia({ colorScheme: "light" });
    await page.goto(OVERVIEW);
    await page.evaluate(() => localStorage.setItem("safekeep.theme", "dark"));
    // No application JavaScript at all: only the nonced inline script in <head> can mark <html>.
    await page.route(
      (url) => url.pathname.startsWith("/_next/static/") && url.pathname.endsWith(".js"),
      (route) => route.abort(),
    );
    await page.goto(OVERVIEW);
    expect(await themeMark(page)).toBe("dark");
    expect(await backgroundLuminance(page, "body")).toBeLessThan(0.05);
    expect(violations).toEqual([]);
  });

  test("print hides the navigation, the toggle, forms and export links, and prints on white", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto(OVERVIEW);
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    await page.emulateMedia({ media: "print", colorScheme: "dark" });
    await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
    await expect(toggle(page)).toBeHidden();
    await expect(page.locator("a[download]").first()).toBeHidden();
    await expect(page.getByRole("heading", { level: 1, name: "Data-protection posture" })).toBeVisible();
    expect(await backgroundLuminance(page, "body")).toBeGreaterThan(0.95);
  });
});

test.describe("static assets", () => {
  test("favicon, icons and robots.txt are served", async ({ page, request }) => {
    const favicon = await request.get("/favicon.ico");
    expect(favicon.status()).toBe(200);
    expect(favicon.headers()["content-type"]).toMatch(/image\/(x-icon|vnd\.microsoft\.icon)/);

    await page.goto(OVERVIEW);
    for (const selector of ['link[rel="icon"][type="image/svg+xml"]', 'link[rel="apple-touch-icon"]']) {
      const href = await page.locator(selector).first().getAttribute("href");
      expect(href, selector).toBeTruthy();
      const response = await request.get(href!);
      expect(response.status(), href!).toBe(200);
      expect(response.headers()["content-type"], href!).toMatch(/^image\//);
    }

    const robots = await request.get("/robots.txt");
    expect(robots.status()).toBe(200);
    expect(await robots.text()).toContain("Disallow: /");
  });

  test("the page's fonts are WOFF2, not TTF", async ({ page }) => {
    const fonts: string[] = [];
    page.on("response", (r) => {
      if (r.request().resourceType() === "font") fonts.push(r.url());
    });
    await page.goto(OVERVIEW);
    await page.evaluate(() => document.fonts.ready);
    const preloaded = await page
      .locator('link[rel="preload"][as="font"]')
      .evaluateAll((links) => links.map((l) => l.getAttribute("href") ?? ""));
    expect(preloaded.length).toBeGreaterThan(0);
    for (const url of [...preloaded, ...fonts]) expect(url).toMatch(/\.woff2$/);
  });
});
