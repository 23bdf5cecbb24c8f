import { describe, expect, it } from "vitest";
import { actorOf } from "./actor";

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
const auth = { token: "t".repeat(16) + "0123456789abcdef", basic: { user: "alice", password: "correct horse" } };

describe("actorOf", () => {
  it("names the holder of the credentials, never the secret", () => {
    expect(actorOf(null, undefined)).toBe("local user");
    expect(actorOf(basic("alice", "correct horse"), auth)).toBe("alice");
    expect(actorOf(`Bearer ${auth.token}`, auth)).toBe("API token");
    // Any user name goes with the shared token: it is recorded, marked as not verified.
    expect(actorOf(basic("alice", auth.token), auth)).toBe("alice (shared token, name not verified)");
    expect(actorOf(basic("", auth.token), auth)).toBe("shared token");
    expect(actorOf(basic("bob\u0007\n", auth.token), auth)).toBe("bob (shared token, name not verified)");
    for (const header of [basic("alice", "correct horse"), `Bearer ${auth.token}`, basic("x", auth.token)])
      expect(actorOf(header, auth)).not.toMatch(/correct horse|0123456789abcdef/);
  });
});
