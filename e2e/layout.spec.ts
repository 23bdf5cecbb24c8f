/**
 * Layout and accessibility on every page, at a phone's width (390 px) and a desktop's (1440 px): the
 * document never scrolls sideways (tables scroll in their own box or become cards), and axe finds no
 * serious or critical violation. Run on the default data and on an account built to stress layouts
 * (a dozen denied actions, 200-character names, 64-hex ids, 10,000 results), under its own account id.
 *
 * The long-data snapshots would become the newest stored snapshot, which is what the other specs'
 * pages show, so they are served by a server of this spec's own (own port and data directory, as the
 * organization spec does) seeded here; the default data is checked on the shared server.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import {
  freePort,
  hasStandaloneBuild,
  STANDALONE_SERVER,
  startServerProcess,
  type ServerProcess,
} from "../fake-aws/server-process";
import { SqliteSnapshotStore } from "../lib/snapshot/sqlite-store";
import { hex64, LAYOUT_ACCOUNT, LAYOUT_CONTROL, LAYOUT_SERVICE, layoutSnapshot } from "../test-support/layout-fixture";

const WIDTHS = [390, 1440] as const;
const OLDER_ID = hex64(1000);
const NEWEST_ID = hex64(2000);

/** How far the document is wider than the window (0 when it does not scroll sideways), with the widest culprit. */
async function overflow(page: Page): Promise<{ by: number; culprit: string }> {
  return page.evaluate(() => {
    const by = document.documentElement.scrollWidth - window.innerWidth;
    let culprit = "";
    if (by > 0) {
      let widest = 0;
      for (const el of Array.from(document.body.querySelectorAll("*"))) {
        const right = el.getBoundingClientRect().right;
        if (right > widest) {
          widest = right;
          culprit = `${el.tagName.toLowerCase()}.${String(el.className).slice(0, 80)} "${(el.textContent ?? "").slice(0, 40)}"`;
        }
      }
    }
    return { by, culprit };
  });
}

/** Serious or critical axe violations, one line each (rule, impact, first targets). */
async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(" "))
          .join(" | ")}`,
    );
}

/** At each width: no sideways document scroll and no serious axe violation. One load, then a resize. */
async function checkAtBothWidths(page: Page, url: string, after?: (page: Page) => Promise<void>) {
  await page.setViewportSize({ width: WIDTHS[0], height: 900 });
  const response = await page.goto(url);
  expect(response?.status(), url).toBeLessThan(500);
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    if (after) await after(page);
    const sideways = await overflow(page);
    expect(
      sideways.by,
      `${url} at ${width} px is wider than the window; widest: ${sideways.culprit}`,
    ).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page), `${url} at ${width} px`).toEqual([]);
  }
}

test.describe("layout and accessibility, default data", () => {
  const pages: { name: string; url: string }[] = [
    { name: "overview", url: "/" },
    { name: "a service page", url: "/services/elasticache" },
    { name: "findings", url: "/findings" },
    { name: "history", url: "/snapshots" },
    { name: "accounts", url: "/accounts" },
    { name: "mutes", url: "/mutes" },
    { name: "frameworks", url: "/frameworks" },
    { name: "a framework page", url: "/frameworks/nist-800-53-r5" },
    { name: "scan", url: "/scan" },
    { name: "notification settings", url: "/settings/notifications" },
    { name: "the 404 page", url: "/no-such-page" },
  ];
  for (const { name, url } of pages) {
    test(`${name}: fits 390 and 1440 px, no serious axe violation`, async ({ page }) => {
      await checkAtBothWidths(page, url);
    });
  }

  test("a control page: fits both widths, with its evidence open on a phone", async ({ page }) => {
    await page.goto("/services/elasticache");
    const href = await page.locator('a[href*="/controls/"]').first().getAttribute("href");
    expect(href).toBeTruthy();
    await checkAtBothWidths(page, href!, async (p) => {
      const show = p.getByRole("button", { name: /^Show evidence/ }).first();
      if ((await show.count()) > 0) await show.click();
    });
  });
});

let server: ServerProcess;
let dataDir: string;

test.describe("layout and accessibility, long data", () => {
  test.describe.configure({ timeout: 60_000 });
  test.skip(!hasStandaloneBuild(), `no production build at ${STANDALONE_SERVER}: run "npm run build" first`);

  test.beforeAll(async () => {
    test.setTimeout(90_000);
    dataDir = await mkdtemp(path.join(os.tmpdir(), "safekeep-layout-e2e-"));
    const store = new SqliteSnapshotStore(path.join(dataDir, "safekeep.db"));
    try {
      await store.put(layoutSnapshot(OLDER_ID, "2026-11-29T10:05:00.000Z", 20));
      await store.put(layoutSnapshot(NEWEST_ID, "2026-11-30T10:05:00.000Z"));
    } finally {
      store.close();
    }
    server = await startServerProcess({
      port: await freePort(),
      dataDir,
      awsEndpoint: `http://127.0.0.1:${process.env.E2E_FAKE_AWS_PORT ?? 4610}`,
    });
  });

  test.afterAll(async () => {
    await server?.kill("SIGTERM");
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const longData: { name: string; url: string }[] = [
    { name: "overview", url: `/?account=${LAYOUT_ACCOUNT}` },
    { name: "service page", url: `/services/${LAYOUT_SERVICE}?account=${LAYOUT_ACCOUNT}` },
    { name: "findings", url: `/findings?account=${LAYOUT_ACCOUNT}` },
    { name: "history", url: `/snapshots?account=${LAYOUT_ACCOUNT}` },
    { name: "accounts", url: "/accounts" },
    { name: "framework page", url: `/frameworks/nist-800-53-r5?account=${LAYOUT_ACCOUNT}` },
  ];
  for (const { name, url } of longData) {
    test(`long data, ${name}: fits 390 and 1440 px, no serious axe violation`, async ({ page }) => {
      await checkAtBothWidths(page, `${server.url}${url}`);
    });
  }

  test("long data, control page with 10,000 results: fits, evidence open on a phone", async ({ page }) => {
    const url = `/services/${LAYOUT_SERVICE}/controls/${LAYOUT_CONTROL}?account=${LAYOUT_ACCOUNT}`;
    await checkAtBothWidths(page, `${server.url}${url}`, async (p) => {
      const show = p.getByRole("button", { name: /^Show evidence/ }).first();
      await show.click();
      await expect(p.getByText("ReplicationGroupId").first()).toBeVisible();
    });
    await expect(page.getByText("10,000 resources match", { exact: false })).toBeVisible();
  });

  test("long data: the service page lists only its own denied actions, skipped Regions grouped once", async ({
    page,
  }) => {
    await page.goto(`${server.url}/services/iam?account=${LAYOUT_ACCOUNT}`);
    const banner = page.getByRole("region", { name: "Incomplete scan coverage" });
    await expect(banner).toContainText("iam:GetAccountAuthorizationDetails");
    await expect(banner).not.toContainText("elasticache:");
    await page.goto(`${server.url}/?account=${LAYOUT_ACCOUNT}`);
    const all = page.getByRole("region", { name: "Incomplete scan coverage" });
    await expect(all.getByText(/^Skipped Regions:/)).toHaveCount(1);
    await expect(all).not.toContainText(".;");
  });

  test("an older snapshot says so and links to the newest of its account", async ({ page }) => {
    await page.goto(`${server.url}/services/${LAYOUT_SERVICE}?snapshot=${OLDER_ID}`);
    await expect(page.getByText("Older snapshot")).toBeVisible();
    await page.getByRole("link", { name: "View latest" }).click();
    await expect(page).toHaveURL(new RegExp(`/services/${LAYOUT_SERVICE}\\?account=${LAYOUT_ACCOUNT}$`));
    await expect(page.getByText("Older snapshot")).toHaveCount(0);
    await expect(page.getByText(NEWEST_ID).first()).toBeVisible();
  });

  test("the 404 page offers a way back", async ({ page }) => {
    await page.goto(`${server.url}/services/elasticache/controls/elasticache.no-such-control`);
    await expect(page.getByRole("link", { name: "Back to the overview" })).toBeVisible();
    await expect(page.getByRole("link", { name: "All findings" })).toBeVisible();
  });
});
