import { describe, expect, it } from "vitest";
import { demoSnapshot } from "@/lib/demo/snapshot";
import { diffSnapshots } from "./diff";
import type { Snapshot } from "./schema";

function withResults(base: Snapshot, id: string, edit: (s: Snapshot) => void): Snapshot {
  const copy = structuredClone(base);
  copy.id = id;
  edit(copy);
  return copy;
}

describe("diffSnapshots", () => {
  const base = demoSnapshot();

  it("finds nothing between a snapshot and itself", () => {
    const diff = diffSnapshots(base, base);
    expect(diff.changes).toEqual([]);
    expect(diff.counts["new-failure"]).toBe(0);
  });

  it("classifies new failures, fixes, other changes and resources that come and go", () => {
    const control = base.controls.find(
      (c) => c.results.some((r) => r.status === "pass") && c.results.some((r) => r.status === "fail"),
    );
    expect(control).toBeDefined();
    const passing = control!.results.find((r) => r.status === "pass")!;
    const failing = control!.results.find((r) => r.status === "fail")!;
    const after = withResults(base, "after", (s) => {
      const c = s.controls.find((x) => x.id === control!.id)!;
      c.results = c.results
        .map((r) => (r.resourceArn === passing.resourceArn ? { ...r, status: "fail" as const } : r))
        .map((r) => (r.resourceArn === failing.resourceArn ? { ...r, status: "pass" as const } : r));
      c.results.push({ ...passing, resourceArn: `${passing.resourceArn}-new`, status: "pass" });
    });
    const diff = diffSnapshots(base, after);
    expect(diff.changes.map((c) => [c.kind, c.resourceArn])).toEqual([
      ["new-failure", passing.resourceArn],
      ["fixed", failing.resourceArn],
      ["new-resource", `${passing.resourceArn}-new`],
    ]);
    const back = diffSnapshots(after, base);
    expect(back.counts).toMatchObject({ "new-failure": 1, fixed: 1, gone: 1 });
  });

  it("a failing resource that disappears counts as fixed", () => {
    const control = base.controls.find((c) => c.results.some((r) => r.status === "fail"))!;
    const after = withResults(base, "after", (s) => {
      const c = s.controls.find((x) => x.id === control.id)!;
      c.results = c.results.filter((r) => r.status !== "fail");
    });
    expect(diffSnapshots(base, after).counts.fixed).toBeGreaterThan(0);
  });
});
