import { randomBytes } from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { startFakeIdp, type FakeIdp } from "../fake-idp/server";
import { HAS_STANDALONE_BUILD, startOwnServer, waitUntilServing, type OwnServer } from "./support/own-server";

/**
 * Sign-in through an OpenID Connect provider (fake-idp/, a real oidc-provider) with Chromium: each
 * role sees and may do what it should, and a forged, expired or group-less sign-in is refused.
 */
const port = Number(process.env.E2E_SIGNIN_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 11);
const base = `http://127.0.0.1:${port}`;
const token = randomBytes(32).toString("base64url");

let idp: FakeIdp;
let server: OwnServer;

test.describe.configure({ mode: "serial" });
test.skip(!HAS_STANDALONE_BUILD, "needs the standalone production build (npx next build)");

test.beforeAll(async ({ playwright }) => {
  test.setTimeout(90_000);
  idp = await startFakeIdp({
    clients: [
      {
        redirectUris: [`${base}/auth/callback`],
        postLogoutRedirectUris: [`${base}/signin`],
        tokenEndpointAuthMethod: "client_secret_basic",
      },
    ],
  });
  server = startOwnServer(port, {
    SAFEKEEP_HOST: "0.0.0.0",
    SAFEKEEP_DATA_DIR: "test-results/e2e-signin-data",
    SAFEKEEP_OIDC_ISSUER: idp.issuer,
    SAFEKEEP_OIDC_CLIENT_ID: idp.clientId,
    SAFEKEEP_OIDC_CLIENT_SECRET: idp.clientSecret,
    SAFEKEEP_OIDC_SCOPES: "openid profile email groups",
    SAFEKEEP_PUBLIC_URL: base,
    SAFEKEEP_SESSION_SECRET: randomBytes(32).toString("base64"),
    SAFEKEEP_OIDC_VIEWER_GROUPS: "safekeep-viewers",
    SAFEKEEP_OIDC_OPERATOR_GROUPS: "safekeep-operators",
    SAFEKEEP_OIDC_ADMIN_GROUPS: "safekeep-admins",
    SAFEKEEP_AUTH_TOKEN: token,
    SAFEKEEP_AUTH_TOKEN_ROLE: "viewer",
  });
  const api = await playwright.request.newContext();
  await waitUntilServing(server, api);
  await api.dispose();
});

test.afterAll(async () => {
  await server?.stop();
  await idp?.stop();
});

test.afterEach(() => idp.setMode("normal"));

/** Signs in as `login` in a fresh browser context (no provider session left from another test). */
async function signIn(browser: Browser, login: string, path = "/"): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}${path}`);
  await expect(page).toHaveURL(/\/signin\?returnTo=/);
  await page.getByRole("link", { name: "Sign in with your identity provider" }).click();
  await page.getByLabel("Username").fill(login);
  await page.getByRole("button", { name: "Sign in" }).click();
  return page;
}

test("without a session: pages go to the sign-in page, the API answers 401", async ({ request }) => {
  const api = await request.get(`${base}/api/snapshots/latest`, { maxRedirects: 0 });
  expect(api.status()).toBe(401);
  const page = await request.get(`${base}/findings?status=fail`, {
    maxRedirects: 0,
    headers: { accept: "text/html" },
  });
  expect(page.status()).toBe(303);
  expect(page.headers()["location"]).toBe(`${base}/signin?returnTo=${encodeURIComponent("/findings?status=fail")}`);
  expect((await request.get(`${base}/api/health`)).status()).toBe(200);
});

test("an admin signs in, lands where they were going, and sees the audit log", async ({ browser }) => {
  const page = await signIn(browser, "alice", "/mutes");
  await expect(page).toHaveURL(`${base}/mutes`);
  await expect(page.getByRole("banner")).toContainText("Alice Admin");
  await expect(page.getByRole("banner")).toContainText("Admin");
  const cookies = await page.context().cookies(base);
  const session = cookies.find((c) => c.name === "safekeep-session");
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe("Lax");
  // The cookie holds no token of the provider and no readable claim.
  expect(session?.value).not.toContain("Alice");
  expect(session!.value.split(".")).toHaveLength(5);
  await page.goto(`${base}/settings/audit`);
  await expect(page.getByRole("table")).toContainText("sign-in");
  await expect(page.getByRole("table")).toContainText("Alice Admin");
  await page.context().close();
});

test("a viewer may read but not change: scans and mutes are refused with 403", async ({ browser }) => {
  const page = await signIn(browser, "vera", "/scan");
  await expect(page).toHaveURL(`${base}/scan`);
  await expect(page.getByText(/needs the operator role/i).first()).toBeVisible();
  const scan = await page.request.post(`${base}/api/scans`, {
    data: { regions: ["us-east-1"] },
    headers: { origin: base },
  });
  expect(scan.status()).toBe(403);
  expect((await scan.json()).error).toMatch(/operator role/);
  const audit = await page.request.get(`${base}/api/audit`);
  expect(audit.status()).toBe(403);
  expect((await page.request.get(`${base}/api/accounts`)).status()).not.toBe(401);
  await page.context().close();
});

test("an operator may scan but not read the audit log", async ({ browser }) => {
  const page = await signIn(browser, "oliver", "/settings/audit");
  await expect(page).toHaveURL(`${base}/settings/audit`);
  await expect(page.getByText(/needs the admin role/i).first()).toBeVisible();
  await page.goto(`${base}/scan`);
  await expect(page.getByText(/needs the operator role/i)).toHaveCount(0);
  await page.context().close();
});

test("someone in none of the groups is refused, and the refusal is audited", async ({ browser }) => {
  const page = await signIn(browser, "nogroup");
  await expect(page).toHaveURL(/\/signin\?error=no-role/);
  await expect(page.getByRole("main").getByRole("alert")).toContainText("not in any of the groups");
  expect(await page.context().cookies(base)).not.toContainEqual(expect.objectContaining({ name: "safekeep-session" }));
  await page.context().close();
  const admin = await signIn(browser, "alice");
  const audit = await admin.request.get(`${base}/api/audit?action=sign-in-refused`);
  expect(audit.status()).toBe(200);
  expect(JSON.stringify(await audit.json())).toContain("no-role");
  await admin.context().close();
});

for (const mode of ["wrong-key", "expired"] as const) {
  test(`an ID token ${mode === "wrong-key" ? "signed with a key the provider does not publish" : "already expired"} is refused`, async ({
    browser,
  }) => {
    idp.setMode(mode);
    const page = await signIn(browser, "alice");
    await expect(page).toHaveURL(/\/signin\?error=token-rejected/);
    await expect(page.getByRole("main").getByRole("alert")).toContainText("could not be verified");
    expect(await page.context().cookies(base)).not.toContainEqual(
      expect.objectContaining({ name: "safekeep-session" }),
    );
    // Still refused on the next page: nothing was signed in.
    await page.goto(`${base}/`);
    await expect(page).toHaveURL(/\/signin/);
    await page.context().close();
  });
}

test("signing out ends the session and offers the provider's sign-out", async ({ browser }) => {
  const page = await signIn(browser, "oliver");
  await expect(page.getByRole("banner")).toContainText("Oliver Operator");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(`${base}/signin?signedOut=1`);
  await expect(page.getByRole("status")).toContainText("You are signed out of Safekeep");
  await expect(page.getByRole("link", { name: "Also sign out of your identity provider" })).toBeVisible();
  await page.goto(`${base}/`);
  await expect(page).toHaveURL(/\/signin\?returnTo=/);
  await page.context().close();
});

test("the token keeps working for automation with its own role, and wrong guesses are throttled", async ({
  request,
}) => {
  const bearer = { authorization: `Bearer ${token}` };
  expect((await request.get(`${base}/api/accounts`, { headers: bearer })).status()).toBe(200);
  const denied = await request.post(`${base}/api/scans`, {
    headers: { ...bearer, origin: base },
    data: { regions: ["us-east-1"] },
  });
  expect(denied.status()).toBe(403); // SAFEKEEP_AUTH_TOKEN_ROLE=viewer
  const statuses: number[] = [];
  let retryAfter: string | undefined;
  for (let i = 0; i < 25 && !retryAfter; i++) {
    const guess = await request.get(`${base}/api/accounts`, { headers: { authorization: `Bearer guess-${i}` } });
    statuses.push(guess.status());
    retryAfter = guess.headers()["retry-after"];
  }
  // 20 failures from one address are free (two refused sign-ins above already counted), then back-off.
  expect(statuses.slice(0, -1).every((s) => s === 401)).toBe(true);
  expect(statuses.length).toBeGreaterThanOrEqual(15);
  expect(statuses.length).toBeLessThanOrEqual(21);
  expect(statuses.at(-1)).toBe(429);
  expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
  // While blocked, even the right token is turned away unread: guessing gains nothing.
  expect((await request.get(`${base}/api/accounts`, { headers: bearer })).status()).toBe(429);
  await new Promise((resolve) => setTimeout(resolve, (Number(retryAfter) + 0.5) * 1000));
  expect((await request.get(`${base}/api/accounts`, { headers: bearer })).status()).toBe(200);
  expect(server.output()).not.toContain(token);
});
