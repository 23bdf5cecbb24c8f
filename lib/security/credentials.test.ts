import { describe, expect, it } from "vitest";
import { oidcConfig } from "@/scripts/oidc-policy.mjs";
import { cookieValue, identify, sessionCookieName, type CredentialSettings } from "./credentials";
import { sealSession } from "./session";

const TOKEN = "Jq3v9Xz0-Lw2Pb7Rk5Ty8Nc1Md4Hs6GfQe2Wr";
const SECRET = "kP2vX9qL4mR7tW1zB8nC5yD3fG6hJ0aS-e_uQ";
const NOW = new Date("2026-12-03T08:00:00Z");
const oidc = oidcConfig({
  SAFEKEEP_OIDC_ISSUER: "https://idp.example.com",
  SAFEKEEP_OIDC_CLIENT_ID: "safekeep",
  SAFEKEEP_OIDC_CLIENT_SECRET: "s",
  SAFEKEEP_PUBLIC_URL: "https://safekeep.example.com",
  SAFEKEEP_SESSION_SECRET: SECRET,
  SAFEKEEP_OIDC_VIEWER_GROUPS: "v",
})!;

const settings: CredentialSettings = {
  auth: { token: TOKEN, basic: { user: "secops", password: "vT7#kq2!Lm9zRw" } },
  tokenRole: "operator",
  basicRole: "admin",
  oidc,
};
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
const headers = (values: Record<string, string>) => new Headers(values);

describe("identify", () => {
  it("names the local user as admin when nothing is configured", async () => {
    const result = await identify(headers({}), { tokenRole: "operator", basicRole: "admin" }, NOW);
    expect(result).toEqual({
      ok: true,
      identity: { method: "local", name: "local user", subject: "local", role: "admin" },
    });
  });

  it.each([
    [{ authorization: `Bearer ${TOKEN}` }, { method: "token", name: "API token", role: "operator" }],
    [{ authorization: basic("secops", "vT7#kq2!Lm9zRw") }, { method: "basic", name: "secops", role: "admin" }],
    [
      { authorization: basic("mallory", TOKEN) },
      { method: "token", name: "mallory (shared token, name not verified)", role: "operator" },
    ],
  ])("gives each shared credential its own role (%#)", async (given, expected) => {
    const result = await identify(headers(given), settings, NOW);
    expect(result.ok && result.identity).toMatchObject(expected);
  });

  it("refuses wrong credentials and says which user name was tried", async () => {
    expect(await identify(headers({ authorization: "Bearer nope" }), settings, NOW)).toEqual({
      ok: false,
      presented: true,
      method: "token",
      user: undefined,
    });
    expect(await identify(headers({ authorization: basic("secops", "guess") }), settings, NOW)).toMatchObject({
      ok: false,
      method: "basic",
      user: "secops",
    });
  });

  it("reads the session cookie, and treats a stale or forged one as refused", async () => {
    const s = Math.floor(NOW.getTime() / 1000);
    const sealed = await sealSession(
      { subject: "u1", name: "Vera", role: "viewer", signedInAt: s, seenAt: s },
      SECRET,
      NOW,
    );
    const cookie = `theme=dark; ${sessionCookieName(oidc)}=${sealed}`;
    const ok = await identify(headers({ cookie }), settings, NOW);
    expect(ok.ok && ok.identity).toEqual({ method: "session", name: "Vera", subject: "u1", role: "viewer" });
    const later = new Date(NOW.getTime() + 2 * 60 * 60 * 1000);
    expect(await identify(headers({ cookie }), settings, later)).toEqual({
      ok: false,
      presented: true,
      method: "session",
    });
    expect(await identify(headers({}), settings, NOW)).toEqual({ ok: false, presented: false });
  });

  it("lets an Authorization header win over a cookie", async () => {
    const result = await identify(
      headers({ authorization: "Bearer wrong", cookie: "__Host-safekeep=x" }),
      settings,
      NOW,
    );
    expect(result).toMatchObject({ ok: false, method: "token" });
  });

  it("finds a cookie by exact name", () => {
    expect(cookieValue("a=1; __Host-safekeep=xyz; b=2", "__Host-safekeep")).toBe("xyz");
    expect(cookieValue("x__Host-safekeep=1", "__Host-safekeep")).toBeUndefined();
    expect(sessionCookieName(oidc)).toBe("__Host-safekeep");
  });
});
