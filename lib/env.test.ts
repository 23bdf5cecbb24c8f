import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

const TOKEN = "Jq3v9Xz0-Lw2Pb7Rk5Ty8Nc1Md4Hs6Gf";

describe("Safekeep settings", () => {
  it("default to no authentication", () => {
    expect(parseEnv({})).toEqual({ dataDir: path.resolve(".data"), auth: undefined, ownerTag: "owner" });
  });

  it("read the owner tag key exactly as given, blank as unset, and refuse what no tag key can be", () => {
    expect(parseEnv({ SAFEKEEP_OWNER_TAG: "team" }).ownerTag).toBe("team");
    expect(parseEnv({ SAFEKEEP_OWNER_TAG: "aws:cloudformation:stack-name" }).ownerTag).toBe(
      "aws:cloudformation:stack-name",
    );
    expect(parseEnv({ SAFEKEEP_OWNER_TAG: "" }).ownerTag).toBe("owner");
    expect(parseEnv({ SAFEKEEP_OWNER_TAG: "k".repeat(128) }).ownerTag).toHaveLength(128);
    expect(() => parseEnv({ SAFEKEEP_OWNER_TAG: "k".repeat(129) })).toThrow(
      /^Invalid Safekeep configuration: SAFEKEEP_OWNER_TAG: must be a tag key of at most 128 characters$/,
    );
    expect(() => parseEnv({ SAFEKEEP_OWNER_TAG: "owner\n" })).toThrow(
      /SAFEKEEP_OWNER_TAG: must not hold control characters$/,
    );
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
