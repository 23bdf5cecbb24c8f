import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const FAKE_AWS_PORT = Number(process.env.E2E_FAKE_AWS_PORT ?? 4610);

export default defineConfig({
  testDir: "./e2e",
  testMatch: "**/*.spec.ts",
  timeout: 30_000,
  fullyParallel: false,
  workers: 1, // two cores: one browser and one server
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"], ["json", { outputFile: "test-results/playwright.json" }]],
  outputDir: "test-results/playwright",
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    acceptDownloads: true,
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        // Debian's Chromium: Playwright cannot download its own browser here.
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          args: [
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            "--no-first-run",
          ],
        },
      },
    },
  ],
  webServer: [
    {
      // The local fake AWS endpoint serving the demo account; the app reaches it only through AWS_ENDPOINT_URL.
      command: `npx tsx fake-aws/main.ts --port ${FAKE_AWS_PORT} --scenario demo`,
      url: `http://127.0.0.1:${FAKE_AWS_PORT}/__fake/health`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: "node scripts/start-standalone.mjs",
      url: `http://127.0.0.1:${PORT}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: {
        PORT: String(PORT),
        SAFEKEEP_HOST: "127.0.0.1",
        SAFEKEEP_DATA_DIR: "test-results/e2e-data",
        NEXT_TELEMETRY_DISABLED: "1",
        AWS_EC2_METADATA_DISABLED: "true",
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
        AWS_ENDPOINT_URL: `http://127.0.0.1:${FAKE_AWS_PORT}`,
        AWS_ACCESS_KEY_ID: "test",
        AWS_SECRET_ACCESS_KEY: "test",
        AWS_REGION: "us-east-1",
      },
    },
  ],
});
