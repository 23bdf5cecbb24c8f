import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const TOKEN = "Jq3v9Xz0-Lw2Pb7Rk5Ty8Nc1Md4Hs6Gf";
const fixture = path.join(import.meta.dirname, "server-start.fixture.ts");

function run(host: string, env: Record<string, string>) {
  const result = spawnSync(process.execPath, ["--import", "tsx", fixture, host], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    // Only what the case sets: no inherited SAFEKEEP_* or HOSTNAME from the shell running the tests.
    env: { PATH: process.env.PATH, NODE_ENV: "test", ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, lines: result.stderr.split("\n").filter(Boolean) };
}

describe("the server's safeguards at start", () => {
  it("routes console and raw output into redacted JSON log lines, stack traces in one field", () => {
    const { code, stdout, lines } = run("127.0.0.1", { SAFEKEEP_AUTH_TOKEN: TOKEN });
    expect(code).toBe(0);
    // Already-JSON output passes through; nothing else reaches stdout.
    expect(stdout).toBe('{"already":"json"}\n');
    const entries = lines.map(
      (line) =>
        JSON.parse(line) as {
          level: string;
          event: string;
          fields: { message?: string; error?: { message: string; stack: string } };
        },
    );
    expect(entries.map((e) => [e.level, e.event])).toEqual([
      ["info", "next.console"],
      ["warn", "next.console"],
      ["error", "next.console"],
      ["warn", "next.output"],
    ]);
    expect(entries[0]!.fields.message).toBe("▲ Next.js 16 (banner)");
    expect(entries[1]!.fields.message).toBe("a warning with the token [redacted]");
    expect(entries[2]!.fields.error?.message).toMatch(/^page failed for Bearer \[redacted\]/);
    expect(entries[2]!.fields.error?.stack).toMatch(/^at .*server-start\.fixture\.ts/);
    expect(entries[3]!.fields.message).toBe("a raw line on stderr");
    expect(lines.join("\n")).not.toContain(TOKEN);
  });

  it("refuses to serve beyond loopback without authentication: exit 1 and a JSON reason", () => {
    const { code, lines } = run("0.0.0.0", {});
    expect(code).toBe(1);
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]!);
    expect(entry).toMatchObject({ level: "error", event: "server.refused", fields: { addresses: ["0.0.0.0"] } });
    expect(entry.fields.reason).toMatch(/^Safekeep will not start: listening on 0\.0\.0\.0 .*SAFEKEEP_AUTH_TOKEN/);
  });

  it("refuses a weak secret at start, without repeating it", () => {
    const { code, lines } = run("127.0.0.1", { SAFEKEEP_BASIC_AUTH: "admin:password1234" });
    expect(code).toBe(1);
    expect(lines.join("\n")).toMatch(/SAFEKEEP_BASIC_AUTH password is too easy to guess/);
    expect(lines.join("\n")).not.toContain("password1234");
  });
});
