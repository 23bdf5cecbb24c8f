import { describe, expect, it } from "vitest";
import { createLogger, REDACTED, redactFields, type LogFields } from "./log";

const TOKEN = "Jq3v9Xz0-Lw2Pb7Rk5Ty8Nc1Md4Hs6Gf";
const JWT =
  "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkphbmUifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
const ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
const SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

function capture(env: Record<string, string | undefined> = {}) {
  const lines: string[] = [];
  const logger = createLogger({ write: (l) => lines.push(l), now: () => new Date("2025-01-02T03:04:05.000Z"), env });
  return { logger, lines, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe("structured log", () => {
  it("writes one JSON line with time, level, event and fields", () => {
    const { logger, lines, parsed } = capture();
    logger.error("scan.failed", { scanId: "20250102T030405Z-ab12", attempts: 3, ok: false });
    expect(lines).toHaveLength(1);
    expect(lines[0]!.endsWith("\n")).toBe(true);
    expect(lines[0]!.trimEnd()).not.toContain("\n");
    expect(parsed()[0]).toEqual({
      time: "2025-01-02T03:04:05.000Z",
      level: "error",
      event: "scan.failed",
      fields: { scanId: "20250102T030405Z-ab12", attempts: 3, ok: false },
    });
  });

  it.each([
    "token",
    "authToken",
    "password",
    "PASSWORD",
    "authorization",
    "Authorization",
    "clientSecret",
    "client_secret",
    "credentials",
    "AWS_SECRET_ACCESS_KEY",
    "sessionToken",
    "apiKey",
    "cookie",
  ])("replaces the value of a field named %s, however deep", (key) => {
    const fields: LogFields = { [key]: "plain-value-1234", nested: { list: [{ [key]: { any: "thing" } }] } };
    const out = redactFields(fields, {});
    expect(out[key]).toBe(REDACTED);
    expect(JSON.stringify(out)).not.toContain("plain-value-1234");
    expect(JSON.stringify(out)).not.toContain("thing");
  });

  it.each([
    ["a bearer token", `request had Authorization: Bearer ${TOKEN}`, TOKEN],
    ["Basic credentials", "Authorization: Basic YXVkaXRvcjpjb3JyZWN0LWhvcnNlLWJhdHRlcnk=", "YXVkaXRvcjpjb3JyZWN0"],
    ["an AWS access key id", `The security token included in the request is invalid: ${ACCESS_KEY_ID}`, ACCESS_KEY_ID],
    ["a temporary access key id", "key ASIAY34FZKBOKMUTVV7A expired", "ASIAY34FZKBOKMUTVV7A"],
    ["a secret access key", `aws_secret_access_key = ${SECRET_ACCESS_KEY}`, SECRET_ACCESS_KEY],
    ["a JWT", `id token ${JWT} rejected`, "eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkphbmUifQ"],
    ["credentials in a URL", "fetch https://admin:hunter2hunter2@internal.example.com/x failed", "hunter2hunter2"],
    [
      "a presigned URL signature",
      "GET https://b.s3.amazonaws.com/k?X-Amz-Signature=abcdef0123456789abcdef",
      "abcdef0123456789",
    ],
  ])("masks %s inside any string value", (_name, text, secret) => {
    const { logger, lines } = capture();
    logger.warn("aws.call", { message: text, list: [text], nested: { deeper: text } });
    expect(lines[0]).not.toContain(secret);
  });

  it("masks the process's own secrets wherever they appear, even in unrelated fields", () => {
    const env = {
      SAFEKEEP_AUTH_TOKEN: TOKEN,
      SAFEKEEP_BASIC_AUTH: "auditor:Tr0ub4dor&3-long",
      AWS_SECRET_ACCESS_KEY: "short-but-real-secret",
    };
    const { logger, lines } = capture(env);
    logger.info("note", {
      detail: `compared ${TOKEN}`,
      other: "user typed Tr0ub4dor&3-long into the wrong box",
      aws: "short-but-real-secret leaked",
    });
    expect(lines[0]).not.toContain(TOKEN);
    expect(lines[0]).not.toContain("Tr0ub4dor&3-long");
    expect(lines[0]).not.toContain("short-but-real-secret");
    expect(lines[0]).toContain(REDACTED);
  });

  it("masks personal data the way snapshots do, keeping the scanned account's own id", () => {
    const { logger, lines } = capture();
    logger.error("snapshot.corrupt", {
      accountId: "210987654321",
      problem: "resource jane.doe@gmail.com-GB82WEST12345698765432 card 4111 1111 1111 1111 in 210987654321",
    });
    const line = lines[0]!;
    expect(line).not.toContain("jane.doe@gmail.com");
    expect(line).not.toContain("GB82WEST12345698765432");
    expect(line).not.toContain("4111 1111 1111 1111");
    expect(line).toContain("210987654321");
  });

  it("logs errors by name, message and a short stack, all masked", () => {
    const error = new Error(`AccessDenied for ${ACCESS_KEY_ID} (jane.doe@gmail.com)`, {
      cause: new TypeError(`Bearer ${TOKEN}`),
    });
    const { logger, lines, parsed } = capture();
    logger.error("scan.failed", { error });
    expect(lines[0]).not.toContain(ACCESS_KEY_ID);
    expect(lines[0]).not.toContain("jane.doe@gmail.com");
    expect(lines[0]).not.toContain(TOKEN);
    const logged = (parsed()[0]!.fields as { error: { name: string; message: string; stack: string; cause: unknown } })
      .error;
    expect(logged.name).toBe("Error");
    expect(logged.message).toMatch(/^AccessDenied for /);
    expect(logged.stack).toContain("log.test.ts");
    expect(logged.cause).toMatchObject({ name: "TypeError" });
  });

  it("copes with cycles, depth, long strings, bigints, dates and undefined", () => {
    const cyclic: Record<string, unknown> = { name: "loop" };
    cyclic.self = cyclic;
    let deep: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 10; i++) deep = { deep };
    const out = redactFields(
      { cyclic, deep, long: "x".repeat(50_000), big: 10n, at: new Date(0), gone: undefined, fn: () => 1 },
      {},
    );
    expect((out.cyclic as Record<string, unknown>).self).toBe("[circular]");
    expect(JSON.stringify(out.deep)).toContain("[…]");
    expect((out.long as string).length).toBeLessThanOrEqual(2_000);
    expect(out.big).toBe("10");
    expect(out.at).toBe("1970-01-01T00:00:00.000Z");
    expect(JSON.parse(JSON.stringify(out))).not.toHaveProperty("gone");
    expect(out.fn).toBe("[function]");
  });

  it("never throws, and never writes fields it could not redact", () => {
    const { logger, lines } = capture();
    const hostile = {
      get boom(): string {
        throw new Error(`getter leaked ${TOKEN}`);
      },
    };
    expect(() => logger.error("odd", { hostile })).not.toThrow();
    expect(lines[0]).not.toContain(TOKEN);
    expect(JSON.parse(lines[0]!)).toMatchObject({ event: "odd", fields: { logError: "unserialisable fields" } });
    const broken = createLogger({
      write: () => {
        throw new Error("EPIPE");
      },
    });
    expect(() => broken.warn("x")).not.toThrow();
  });

  it("keeps newlines and quotes from forging extra log lines", () => {
    const { logger, lines } = capture();
    logger.info("request", { path: '/x\n{"level":"error","event":"forged"}' });
    expect(lines).toHaveLength(1);
    expect(lines[0]!.trimEnd().split("\n")).toHaveLength(1);
  });
});
