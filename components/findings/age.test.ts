import { describe, expect, it } from "vitest";
import { age } from "./age";

describe("age", () => {
  const asOf = Date.parse("2026-12-02T10:00:00.000Z");
  it("counts whole days to the scan shown", () => {
    expect(age(null, asOf)).toBe("—");
    expect(age("2026-12-02T09:00:00.000Z", asOf)).toBe("today");
    expect(age("2026-12-01T09:00:00.000Z", asOf)).toBe("1 day");
    expect(age("2026-11-02T10:00:00.000Z", asOf)).toBe("30 days");
  });
});
