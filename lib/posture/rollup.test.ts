import { describe, expect, it } from "vitest";
import type { Status } from "@/lib/controls/types";
import { rollUp } from "./rollup";

describe("rollUp", () => {
  it.each<[Status[], Status]>([
    [["pass", "warn", "fail", "error"], "fail"],
    [["pass", "error", "warn"], "warn"],
    [["pass", "error"], "pass"],
    [["error", "not-applicable"], "not-applicable"],
    [["error", "error"], "error"],
    [["pass", "warn", "not-applicable"], "warn"],
    [["pass", "not-applicable"], "pass"],
    [["not-applicable"], "not-applicable"],
    [[], "not-applicable"],
  ])("%j → %s", (statuses, expected) => {
    expect(rollUp(statuses)).toBe(expected);
  });
});
