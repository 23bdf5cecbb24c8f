import { describe, expect, it } from "vitest";
import { isAuthorized, isLoopbackHostHeader, sameSecret } from "./auth";

const TOKEN = "Jq3v9Xz0-Lw2Pb7Rk5Ty8Nc1Md4Hs6Gf";
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

describe("sameSecret", () => {
  it("compares whole secrets of any length", () => {
    expect(sameSecret(TOKEN, TOKEN)).toBe(true);
    expect(sameSecret(TOKEN.slice(0, -1), TOKEN)).toBe(false);
    expect(sameSecret(`${TOKEN}x`, TOKEN)).toBe(false);
    expect(sameSecret("", TOKEN)).toBe(false);
  });
});

describe("isAuthorized", () => {
  const tokenOnly = { token: TOKEN };
  const basicOnly = { basic: { user: "auditor", password: "correct-horse-battery" } };
  const both = { ...tokenOnly, ...basicOnly };

  it("accepts the bearer token, with the scheme in any case", () => {
    expect(isAuthorized(`Bearer ${TOKEN}`, tokenOnly)).toBe(true);
    expect(isAuthorized(`bearer ${TOKEN}`, both)).toBe(true);
    expect(isAuthorized(`Bearer ${TOKEN}`, basicOnly)).toBe(false);
  });

  it("accepts the Basic pair, and the token as a Basic password (for browser prompts)", () => {
    expect(isAuthorized(basic("auditor", "correct-horse-battery"), basicOnly)).toBe(true);
    expect(isAuthorized(basic("auditor", "correct-horse-battery"), both)).toBe(true);
    expect(isAuthorized(basic("anyone", TOKEN), tokenOnly)).toBe(true);
    expect(isAuthorized(basic("anyone", TOKEN), both)).toBe(true);
    expect(isAuthorized(basic("auditor", TOKEN), basicOnly)).toBe(false);
  });

  it.each([
    ["nothing", null],
    ["an empty header", ""],
    ["a wrong token", `Bearer ${TOKEN.slice(0, -1)}X`],
    ["a token prefix", `Bearer ${TOKEN.slice(0, 10)}`],
    ["the token without a scheme", TOKEN],
    ["an unknown scheme", `Token ${TOKEN}`],
    ["the wrong user", basic("admin", "correct-horse-battery")],
    ["the wrong password", basic("auditor", "correct-horse-batterY")],
    ["no colon", `Basic ${Buffer.from("auditorcorrect-horse-battery").toString("base64")}`],
    ["invalid base64", "Basic !!!not-base64!!!"],
    ["an oversized header", `Bearer ${"A".repeat(5000)}`],
  ])("refuses %s", (_name, header) => {
    expect(isAuthorized(header, both)).toBe(false);
  });
});

describe("isLoopbackHostHeader", () => {
  it.each(["127.0.0.1:3000", "127.0.0.1", "localhost:3100", "LOCALHOST", "[::1]:3000", "[::1]"])("%s is local", (h) =>
    expect(isLoopbackHostHeader(h)).toBe(true),
  );

  it.each([
    null,
    "",
    "rebound.attacker.example:3000",
    "10.0.0.5:3000",
    "0.0.0.0:3000",
    "evil.example@127.0.0.1",
    "127.0.0.1.evil.example",
    "localhost/..",
    "127.0.0.1:3000 evil",
  ])("%s is not", (h) => expect(isLoopbackHostHeader(h)).toBe(false));
});
