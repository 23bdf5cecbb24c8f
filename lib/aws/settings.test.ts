import { describe, expect, it } from "vitest";
import { awsCallSettings } from "./settings";

describe("awsCallSettings", () => {
  it("defaults to 8 attempts, a 5 s connection timeout and a 20 s request timeout", () => {
    expect(awsCallSettings({})).toEqual({ maxAttempts: 8, connectionTimeoutMs: 5_000, requestTimeoutMs: 20_000 });
  });

  it("reads the SAFEKEEP_AWS_* overrides, treating empty ones as unset", () => {
    expect(
      awsCallSettings({
        SAFEKEEP_AWS_MAX_ATTEMPTS: "3",
        SAFEKEEP_AWS_CONNECTION_TIMEOUT_MS: "",
        SAFEKEEP_AWS_REQUEST_TIMEOUT_MS: "1500",
      }),
    ).toEqual({ maxAttempts: 3, connectionTimeoutMs: 5_000, requestTimeoutMs: 1_500 });
  });

  it.each([
    ["SAFEKEEP_AWS_MAX_ATTEMPTS", "0"],
    ["SAFEKEEP_AWS_MAX_ATTEMPTS", "2.5"],
    ["SAFEKEEP_AWS_MAX_ATTEMPTS", "many"],
    ["SAFEKEEP_AWS_REQUEST_TIMEOUT_MS", "50"],
    ["SAFEKEEP_AWS_CONNECTION_TIMEOUT_MS", "-1"],
  ])("refuses %s=%s, naming the variable", (name, value) => {
    expect(() => awsCallSettings({ [name]: value })).toThrow(new RegExp(`^Invalid Safekeep configuration: ${name}: `));
  });
});
