/**
 * The benchmark runs: the small account, scanned by Safekeep and the baseline, exported, with a
 * short latency and raised rate limits so it takes seconds. The dashboard and first-load parts need
 * a production build and are left to `npm run bench`. Checks the report's shape, not its figures.
 */
import { describe, expect, it } from "vitest";
import { formatReport, runBench, type BenchReport } from "./run";

describe("npm run bench", { timeout: 180_000 }, () => {
  it("measures the small size and reports machine-readable JSON", async () => {
    const report: BenchReport = JSON.parse(
      JSON.stringify(
        await runBench({
          sizes: ["small"],
          latencyMs: 2,
          rateScale: 20,
          requests: 2,
          skip: ["dashboard", "export-load", "first-load"],
          seed: 1,
          log: () => undefined,
        }),
      ),
    );
    expect(report.schemaVersion).toBe(1);
    expect(report.sizes).toHaveLength(1);
    const [small] = report.sizes;
    expect(small).toMatchObject({ size: "small", dashboard: null });
    expect(small?.resources).toBeGreaterThan(50);
    expect(small?.lowerBound.minimumCalls).toBeGreaterThan(100);
    expect(small?.lowerBound.wallMs).toBeGreaterThan(0);
    // Every call the catalog requires was made, and the scan lost nothing.
    expect(small?.safekeep.requests).toBeGreaterThanOrEqual(small?.lowerBound.minimumCalls ?? Infinity);
    expect(small?.safekeep.failedCalls).toBe(0);
    expect(small?.safekeep.resources).toBe(small?.resources);
    expect(small?.safekeep.wallVsLowerBound).toBeGreaterThan(0);
    expect(small?.safekeep.results).toBeGreaterThan(0);
    expect(small?.baseline?.failedCalls).toBe(0);
    expect(small?.baseline?.safekeepSpeedup).toBeGreaterThan(0);
    expect(small?.exports?.formats.map((f) => f.format)).toEqual(["pdf", "csv", "json"]);
    expect(small?.exports?.results).toBe(small?.safekeep.results);
    for (const format of small?.exports?.formats ?? []) {
      expect(format.bytes).toBeGreaterThan(0);
      expect(format.peakRssMb).toBeGreaterThan(format.rssBeforeMb * 0.5);
    }
    expect(report.firstLoad).toBeNull();
    expect(report.targets.length).toBeGreaterThan(0);
    expect(report.targets.every((t) => typeof t.met === "boolean")).toBe(true);
    expect(formatReport(report)).toContain("lower bound");
  });
});
