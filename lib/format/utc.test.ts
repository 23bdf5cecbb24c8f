import { describe, expect, it } from "vitest";
import { formatLocal, formatUtc } from "./utc";

describe("formatUtc", () => {
  it.each([
    ["2026-12-02T10:05:00.000Z", "2026-12-02 10:05 UTC"],
    ["2026-12-02T10:05:59.999Z", "2026-12-02 10:05 UTC"],
    // An offset is converted, never dropped: 11:05 in Paris is 10:05 UTC.
    ["2026-12-02T11:05:00+01:00", "2026-12-02 10:05 UTC"],
    ["2026-12-31T23:30:00-01:00", "2027-01-01 00:30 UTC"],
  ])("%s → %s", (iso, expected) => {
    expect(formatUtc(iso)).toBe(expected);
  });

  it("returns what it cannot parse as given", () => {
    expect(formatUtc("not a date")).toBe("not a date");
  });
});

describe("formatLocal", () => {
  it("writes the moment in the zone asked for", () => {
    const tokyo = formatLocal("2026-12-02T10:05:00.000Z", "en-US", "Asia/Tokyo");
    expect(tokyo).toContain("7:05");
    expect(tokyo).toContain("Dec 2, 2026");
    expect(formatLocal("2026-12-02T10:05:00.000Z", "en-US", "America/New_York")).toContain("5:05");
  });
});
