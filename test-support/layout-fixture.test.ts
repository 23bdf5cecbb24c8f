import { describe, expect, it } from "vitest";
import { coverageLines } from "@/components/posture/coverage-lines";
import { hex64, LAYOUT_ACCOUNT, LAYOUT_CONTROL, layoutSnapshot } from "./layout-fixture";

describe("layoutSnapshot", () => {
  const snapshot = layoutSnapshot(hex64(42), "2026-11-30T10:05:00.000Z", 30);

  it("is a valid stored snapshot of its own account, with a 64-hex id", () => {
    expect(snapshot.id).toMatch(/^[0-9a-f]{64}$/);
    expect(snapshot.account.id).toBe(LAYOUT_ACCOUNT);
    expect(snapshot.account.name!.length).toBe(200);
  });

  it("holds what stresses a layout: a dozen denied actions, skips repeated per service, long names", () => {
    expect(snapshot.coverage.deniedActions.length).toBeGreaterThanOrEqual(12);
    // Eight skipped Regions per service collapse into one line on the overview.
    expect(snapshot.coverage.skippedRegions.length).toBe(8);
    expect(coverageLines(snapshot.coverage).skipped).toHaveLength(1);
    const control = snapshot.controls.find((c) => c.id === LAYOUT_CONTROL)!;
    expect(control.results).toHaveLength(30);
    expect(control.results[0]!.name!.length).toBeGreaterThan(150);
    expect(new Set(control.results.map((r) => r.findingId)).size).toBe(30);
  });

  it("has 10,000 results by default", () => {
    const full = layoutSnapshot(hex64(1), "2026-11-30T10:05:00.000Z");
    expect(full.controls.find((c) => c.id === LAYOUT_CONTROL)!.results).toHaveLength(10_000);
  });

  it("hex64 is 64 hex characters and differs by seed", () => {
    expect(hex64(0)).toMatch(/^[0-9a-f]{64}$/);
    expect(hex64(7)).toMatch(/^[0-9a-f]{64}$/);
    expect(hex64(0)).not.toBe(hex64(1));
  });
});
