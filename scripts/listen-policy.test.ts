import { describe, expect, it } from "vitest";
import { authConfig, authSettingsProblems, isLoopbackHost, listenDecision } from "./listen-policy.mjs";

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
    [{ SAFEKEEP_AUTH_TOKEN: "a".repeat(40) }, /pattern/],
    [{ SAFEKEEP_AUTH_TOKEN: `${TOKEN} x` }, /whitespace/],
    [{ SAFEKEEP_BASIC_AUTH: "no-colon-password-here" }, /user:password/],
    [{ SAFEKEEP_BASIC_AUTH: ":password-without-user" }, /user:password/],
    [{ SAFEKEEP_BASIC_AUTH: "admin:short" }, /at least 12 characters/],
    [{ SAFEKEEP_BASIC_AUTH: "admin:aaaaaaaaaaaaaaaa" }, /too easy/],
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
