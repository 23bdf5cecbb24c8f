import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  authConfig,
  authenticationConfigured,
  authSettingsProblems,
  isLoopbackHost,
  listenDecision,
  secretProblems,
  serverDecision,
} from "./listen-policy.mjs";

const TOKEN = "Jq3v9Xz0-Lw2Pb7Rk5Ty8Nc1Md4Hs6Gf";
const BASIC = "auditor:correct-horse-battery";

describe("isLoopbackHost", () => {
  it.each(["127.0.0.1", "127.1.2.3", "localhost", "LOCALHOST", "app.localhost", "::1", "[::1]", "::ffff:127.0.0.1"])(
    "%s is loopback",
    (host) => expect(isLoopbackHost(host)).toBe(true),
  );

  it.each(["0.0.0.0", "::", "10.0.0.5", "192.168.1.10", "example.com", "127.0.0.1.evil.example", "128.0.0.1", ""])(
    "%s is not loopback",
    (host) => expect(isLoopbackHost(host)).toBe(false),
  );
});

describe("authSettingsProblems", () => {
  it("accepts strong settings and treats empty values as unset", () => {
    expect(authSettingsProblems({ SAFEKEEP_AUTH_TOKEN: TOKEN, SAFEKEEP_BASIC_AUTH: BASIC })).toEqual([]);
    expect(authSettingsProblems({ SAFEKEEP_AUTH_TOKEN: "", SAFEKEEP_BASIC_AUTH: "" })).toEqual([]);
    expect(authSettingsProblems({})).toEqual([]);
  });

  it.each([
    [{ SAFEKEEP_AUTH_TOKEN: "short-token" }, /at least 32 characters/],
    [{ SAFEKEEP_AUTH_TOKEN: "a".repeat(40) }, /too easy to guess.*repeated block/],
    [{ SAFEKEEP_AUTH_TOKEN: `${TOKEN} x` }, /whitespace/],
    [{ SAFEKEEP_BASIC_AUTH: "no-colon-password-here" }, /user:password/],
    [{ SAFEKEEP_BASIC_AUTH: ":password-without-user" }, /user:password/],
    [{ SAFEKEEP_BASIC_AUTH: "admin:short" }, /at least 12 characters/],
    [{ SAFEKEEP_BASIC_AUTH: "admin:aaaaaaaaaaaaaaaa" }, /too easy to guess/],
    [{ SAFEKEEP_BASIC_AUTH: "administrator:administrator" }, /too easy/],
    [{ SAFEKEEP_BASIC_AUTH: "admin:pass\nword-long-enough" }, /control characters/],
  ])("refuses %j", (source, message) => {
    expect(authSettingsProblems(source).join("; ")).toMatch(message);
  });
});

describe("authConfig", () => {
  it("splits the Basic pair at the first colon, so passwords may contain colons", () => {
    expect(authConfig({ SAFEKEEP_BASIC_AUTH: "ops:pa:ss:word-1234" })).toEqual({
      token: undefined,
      basic: { user: "ops", password: "pa:ss:word-1234" },
    });
    expect(authConfig({ SAFEKEEP_AUTH_TOKEN: TOKEN })).toEqual({ token: TOKEN, basic: undefined });
    expect(authConfig({ SAFEKEEP_AUTH_TOKEN: "" })).toBeUndefined();
  });
});

describe("listenDecision", () => {
  it("listens on loopback by default, with or without authentication", () => {
    expect(listenDecision({})).toEqual({ ok: true, host: "127.0.0.1", authenticated: false });
    expect(listenDecision({ SAFEKEEP_HOST: "" })).toMatchObject({ ok: true, host: "127.0.0.1" });
    expect(listenDecision({ SAFEKEEP_HOST: "::1", SAFEKEEP_AUTH_TOKEN: TOKEN })).toEqual({
      ok: true,
      host: "::1",
      authenticated: true,
    });
  });

  it.each(["0.0.0.0", "::", "10.1.2.3", "dashboard.internal"])("refuses %s without authentication", (host) => {
    const decision = listenDecision({ SAFEKEEP_HOST: host });
    expect(decision.ok).toBe(false);
    if (!decision.ok) {
      expect(decision.message).toContain(`SAFEKEEP_HOST=${host}`);
      expect(decision.message).toContain("SAFEKEEP_AUTH_TOKEN");
      expect(decision.message).toContain("SAFEKEEP_BASIC_AUTH");
    }
  });

  it("allows any address once a token or a Basic pair is configured", () => {
    expect(listenDecision({ SAFEKEEP_HOST: "0.0.0.0", SAFEKEEP_AUTH_TOKEN: TOKEN })).toMatchObject({ ok: true });
    expect(listenDecision({ SAFEKEEP_HOST: "0.0.0.0", SAFEKEEP_BASIC_AUTH: BASIC })).toMatchObject({ ok: true });
  });

  it("refuses weak settings even on loopback, and never echoes the secret", () => {
    const decision = listenDecision({ SAFEKEEP_AUTH_TOKEN: "hunter2-hunter2" });
    expect(decision.ok).toBe(false);
    if (!decision.ok) {
      expect(decision.message).toMatch(/at least 32 characters/);
      expect(decision.message).not.toContain("hunter2");
    }
    const basic = listenDecision({ SAFEKEEP_HOST: "0.0.0.0", SAFEKEEP_BASIC_AUTH: "admin:s3cret" });
    expect(basic.ok).toBe(false);
    if (!basic.ok) expect(basic.message).not.toContain("s3cret");
  });
});

describe("secret strength", () => {
  const openssl = {
    base64: (bytes: number) => randomBytes(bytes).toString("base64"),
    hex: (bytes: number) => randomBytes(bytes).toString("hex"),
  };

  it.each([
    ["a block repeated", "abcdefgh".repeat(4), /repeated block/],
    ["sequential digits", "0123456789".repeat(4), /repeated block|run/],
    ["a keyboard row", "qwertyuiopasdfghjklzxcvbnm1234567890", /word or common password|keyboard/],
    ["a keyboard walk repeated", "qwertyuiop".repeat(4), /repeated block|keyboard/],
    ["dictionary words", "correcthorsebatterystaplecorrecthorsebattery", /word or common password/],
    ["a common password repeated", "password".repeat(4), /repeated block|word/],
    ["dates", "2024-01-15-2024-01-16-2024-01-17-x", /date/],
    ["a 32-digit number", "20240115202401162024011720240118", /too short for the characters/],
    ["a hex value repeated", "deadbeefdeadbeef06c1b761c4af6fac", /repeated block/],
  ])("refuses a token made of %s, saying what is wrong without repeating it", (_what, token, reason) => {
    const problems = authSettingsProblems({ SAFEKEEP_AUTH_TOKEN: token });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^SAFEKEEP_AUTH_TOKEN is too (easy to guess|short)/);
    expect(problems[0]).toMatch(reason);
    expect(problems[0]).toContain("openssl rand -base64 32");
    expect(problems[0]).not.toContain(token.slice(0, 8));
  });

  it("accepts real `openssl rand -base64 32` and `-hex 16` outputs (128 random bits is the floor)", () => {
    for (let i = 0; i < 20; i++) {
      expect(authSettingsProblems({ SAFEKEEP_AUTH_TOKEN: openssl.base64(32) })).toEqual([]);
      expect(authSettingsProblems({ SAFEKEEP_AUTH_TOKEN: openssl.hex(16) })).toEqual([]);
    }
    // Random strings hold short "patterns" by chance: a digit run zxcvbn reads as a date, "c0c0", a name.
    for (const hex of [
      "03e5b515e82db1b84944010f59e06a2a",
      "b6c45b239dcb462e95fd8c0c0c2248fb",
      "24c675db8edee6a08de8fb46e8256e2b",
    ])
      expect(secretProblems("SAFEKEEP_AUTH_TOKEN", hex)).toEqual([]);
  });

  it("refuses 15 random bytes as hex: fewer than 128 bits whatever they look like", () => {
    expect(secretProblems("SAFEKEEP_SESSION_SECRET", openssl.hex(15))).toEqual([
      expect.stringMatching(
        /^SAFEKEEP_SESSION_SECRET is too short for the characters it uses \(about 120 bits, needs 128\)/,
      ),
    ]);
  });

  it("checks any secret by name with its own floor, and ignores an unset one", () => {
    expect(secretProblems("SAFEKEEP_SESSION_SECRET", undefined)).toEqual([]);
    expect(secretProblems("SAFEKEEP_SESSION_SECRET", "")).toEqual([]);
    expect(secretProblems("SAFEKEEP_SESSION_SECRET", openssl.base64(32), 256)).toEqual([]);
    expect(secretProblems("SAFEKEEP_SESSION_SECRET", openssl.hex(16), 256)[0]).toMatch(/needs 256/);
    expect(secretProblems("X", "two words")).toEqual(["X must not contain whitespace"]);
  });

  it.each([
    ["admin:password1234", /about 1\d bits.*word or common password/],
    ["admin:Password123!", /word or common password/],
    ["ops:iloveyou12345", /word or common password/],
    ["ops:hunter2-hunter2", /word or common password/],
    ["admin:admin-admin-admin", /too easy to guess/],
    ["safekeep:safekeep2024!", /too easy to guess/],
  ])("refuses the Basic pair %s", (pair, reason) => {
    const problems = authSettingsProblems({ SAFEKEEP_BASIC_AUTH: pair });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^the SAFEKEEP_BASIC_AUTH password is too easy to guess/);
    expect(problems[0]).toMatch(reason);
    expect(problems[0]).not.toContain(pair.split(":")[1]);
  });

  it.each(["auditor:correct-horse-battery", "ops:Summer2024Vacation!", `ops:${randomBytes(12).toString("base64")}`])(
    "accepts the Basic pair %s",
    (pair) => expect(authSettingsProblems({ SAFEKEEP_BASIC_AUTH: pair })).toEqual([]),
  );
});

describe("authenticationConfigured", () => {
  it("counts a token, a Basic pair or a complete OpenID Connect sign-in, nothing less", () => {
    expect(authenticationConfigured({})).toBe(false);
    expect(authenticationConfigured({ SAFEKEEP_AUTH_TOKEN: TOKEN })).toBe(true);
    expect(authenticationConfigured({ SAFEKEEP_BASIC_AUTH: BASIC })).toBe(true);
    expect(authenticationConfigured({ SAFEKEEP_OIDC_ISSUER: "https://idp.example" })).toBe(false);
  });
});

describe("serverDecision (the server's own check, however it was started)", () => {
  it("uses the addresses the server listens on when known", () => {
    expect(serverDecision({}, ["127.0.0.1"])).toEqual({ ok: true, addresses: ["127.0.0.1"], authenticated: false });
    const open = serverDecision({}, ["::"]);
    expect(open.ok).toBe(false);
    if (!open.ok) expect(open.message).toMatch(/listening on :: would let other machines reach the dashboard/);
    expect(serverDecision({ SAFEKEEP_AUTH_TOKEN: TOKEN }, ["0.0.0.0"])).toMatchObject({
      ok: true,
      authenticated: true,
    });
  });

  it.each([
    [{}, "0.0.0.0"],
    [{ HOSTNAME: "0.0.0.0" }, "0.0.0.0"],
    [{ HOSTNAME: "3f2c9a1b7d4e" }, "3f2c9a1b7d4e"],
  ])("otherwise assumes what server.js does with %j: listens on %s, refused", (source, address) => {
    const decision = serverDecision(source);
    expect(decision).toMatchObject({ ok: false, addresses: [address] });
  });

  it("refuses a weak token even on loopback", () => {
    const decision = serverDecision({ HOSTNAME: "127.0.0.1", SAFEKEEP_AUTH_TOKEN: "abcdefgh".repeat(4) });
    expect(decision.ok).toBe(false);
    if (!decision.ok) expect(decision.message).toMatch(/^Safekeep will not start: SAFEKEEP_AUTH_TOKEN is too easy/);
  });
});
