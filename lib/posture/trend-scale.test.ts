import { describe, expect, it } from "vitest";
import { scoreDomain, scoreFraction, timeFractions, timeTicks } from "./trend-scale";

describe("scoreDomain", () => {
  it.each([
    // scores, min, max, ticks
    [[70, 75, 79], 65, 85, [65, 70, 75, 80, 85]],
    [[74, 79], 65, 85, [65, 70, 75, 80, 85]],
    [[100, 100], 90, 100, [90, 95, 100]],
    [[0, 3], 0, 10, [0, 5, 10]],
    [[12, 96], 0, 100, [0, 25, 50, 75, 100]],
    [[41, 42, 42], 35, 50, [35, 40, 45, 50]],
  ])("fits %j into %i–%i", (scores, min, max, ticks) => {
    const domain = scoreDomain(scores);
    expect(domain).toEqual({ min, max, ticks });
  });

  it("never hides a point and never leaves 0–100", () => {
    for (let a = 0; a <= 100; a += 7)
      for (let b = a; b <= 100; b += 11) {
        const { min, max, ticks } = scoreDomain([a, b]);
        expect(min).toBeGreaterThanOrEqual(0);
        expect(max).toBeLessThanOrEqual(100);
        if (a > 0) expect(min).toBeLessThan(a);
        else expect(min).toBe(0);
        if (b < 100) expect(max).toBeGreaterThan(b);
        else expect(max).toBe(100);
        expect(max - min).toBeGreaterThanOrEqual(10);
        expect(ticks.length).toBeGreaterThanOrEqual(2);
        expect(ticks.length).toBeLessThanOrEqual(5);
        expect(scoreFraction(a, { min, max })).toBeGreaterThanOrEqual(0);
        expect(scoreFraction(b, { min, max })).toBeLessThanOrEqual(1);
      }
  });
});

describe("timeFractions", () => {
  it("spaces points by time, not by index", () => {
    // Three scans: two 30 minutes apart, then one 12 days later.
    const at = timeFractions(["2026-11-08T09:00:00Z", "2026-11-08T09:30:00Z", "2026-11-20T09:30:00Z"]);
    expect(at[0]).toBe(0);
    expect(at[2]).toBe(1);
    expect(at[1]).toBeCloseTo(30 / (12 * 24 * 60 + 30), 6);
  });

  it("puts points of one moment in the middle", () => {
    expect(timeFractions(["2026-11-08T09:00:00Z", "2026-11-08T09:00:00Z"])).toEqual([0.5, 0.5]);
  });
});

describe("timeTicks", () => {
  it("labels days across a fortnight on round UTC midnights", () => {
    const ticks = timeTicks(["2026-11-08T09:00:00Z", "2026-11-20T17:00:00Z"]);
    expect(ticks.map((t) => t.label)).toEqual(["9 Nov", "12 Nov", "15 Nov", "18 Nov"]);
    for (const t of ticks) {
      expect(t.iso).toMatch(/T00:00:00\.000Z$/);
      expect(t.at).toBeGreaterThan(0);
      expect(t.at).toBeLessThan(1);
    }
  });

  it("labels clock times within a day, with the day on the first", () => {
    const ticks = timeTicks(["2026-11-20T08:10:00Z", "2026-11-20T10:40:00Z"]);
    expect(ticks.map((t) => t.label)).toEqual(["20 Nov 09:00", "10:00"]);
    expect(ticks[0]!.at).toBeCloseTo(50 / 150, 6);
  });

  it("writes the day again when a sub-day axis crosses midnight", () => {
    const ticks = timeTicks(["2026-11-20T20:00:00Z", "2026-11-21T07:00:00Z"]);
    expect(ticks.map((t) => t.label)).toEqual(["20 Nov 21:00", "21 Nov 00:00", "03:00", "06:00"]);
  });

  it("labels months across a year", () => {
    const ticks = timeTicks(["2026-01-15T00:00:00Z", "2026-12-20T00:00:00Z"]);
    expect(ticks.map((t) => t.label)).toEqual(["Apr 2026", "Jul 2026", "Oct 2026"]);
  });

  it("never labels more than asked", () => {
    const spans = [10 * 60_000, 3_600_000, 86_400_000, 9 * 86_400_000, 40 * 86_400_000, 900 * 86_400_000];
    for (const span of spans) {
      const start = Date.parse("2026-03-03T03:03:00Z");
      const ticks = timeTicks([new Date(start).toISOString(), new Date(start + span).toISOString()], 4);
      expect(ticks.length, `span ${span}`).toBeGreaterThanOrEqual(1);
      expect(ticks.length, `span ${span}`).toBeLessThanOrEqual(4);
    }
  });

  it("labels one moment once", () => {
    expect(timeTicks(["2026-11-20T08:42:23Z", "2026-11-20T08:42:23Z"])).toEqual([
      { at: 0.5, label: "20 Nov 08:42", iso: "2026-11-20T08:42:23.000Z" },
    ]);
  });
});
