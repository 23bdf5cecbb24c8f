import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

const TOKEN = "Jq3v9Xz0-Lw2Pb7Rk5Ty8Nc1Md4Hs6Gf";

describe("Safekeep settings", () => {
  it("default to no authentication", () => {
    expect(parseEnv({})).toEqual({ dataDir: path.resolve(".data"), auth: undefined });
  });

  it("carry the authentication the start script accepted", () => {
    expect(parseEnv({ SAFEKEEP_AUTH_TOKEN: TOKEN, SAFEKEEP_BASIC_AUTH: "ops:correct-horse-battery" }).auth).toEqual({
      token: TOKEN,
      basic: { user: "ops", password: "correct-horse-battery" },
    });
  });

  it("refuse what the start script refuses, without repeating the secret", () => {
    expect(() => parseEnv({ SAFEKEEP_AUTH_TOKEN: "hunter2-hunter2" })).toThrow(
      /^Invalid Safekeep configuration: SAFEKEEP_AUTH_TOKEN must be at least 32 characters$/,
    );
    expect(() => parseEnv({ SAFEKEEP_BASIC_AUTH: "admin:s3cret" })).toThrow(/password must be at least 12/);
    expect(() => parseEnv({ SAFEKEEP_BASIC_AUTH: "admin:s3cret" })).not.toThrow(/s3cret/);
  });
});
