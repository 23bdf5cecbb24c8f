import { afterEach, describe, expect, it, vi } from "vitest";
import { minimalSink } from "./server-output.mjs";

afterEach(() => vi.restoreAllMocks());

describe("the log writer used before the server's logger is installed", () => {
  it("writes one JSON line without the terminal's colour codes or the server's secrets", () => {
    const written: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((chunk) => (written.push(String(chunk)), true));
    vi.stubEnv("SAFEKEEP_AUTH_TOKEN", "Zq9-secret-token-value-for-tests");
    minimalSink("info", "next.console", [
      "\u001b[32m\u001b[1m✓\u001b[22m\u001b[39m Ready with Zq9-secret-token-value-for-tests",
    ]);
    vi.unstubAllEnvs();
    const line = JSON.parse(written.join(""));
    expect(line).toMatchObject({
      level: "info",
      event: "next.console",
      fields: { message: "✓ Ready with [redacted]" },
    });
  });
});
