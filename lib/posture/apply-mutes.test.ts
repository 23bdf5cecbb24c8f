import { describe, expect, it } from "vitest";
import { demoSnapshot } from "@/lib/demo/snapshot";
import type { Mute, MuteTarget } from "@/lib/snapshot/mute";
import type { Snapshot } from "@/lib/snapshot/schema";
import { applyMutes } from "./apply-mutes";
import { scoreBreakdown } from "./score";

const NOW = new Date("2026-12-02T12:00:00.000Z");

function mute(id: string, target: MuteTarget, overrides: Partial<Mute> = {}): Mute {
  return {
    id,
    target,
    reason: "Accepted until the Q1 migration",
    owner: "platform",
    expiresAt: "2027-03-01T00:00:00.000Z",
    createdAt: "2026-12-01T00:00:00.000Z",
    createdBy: "alice",
    updatedAt: "2026-12-01T00:00:00.000Z",
    updatedBy: "alice",
    ...overrides,
  };
}

/** A weighted control of the demo account with at least two failing results and a passing one. */
function controlWithFailures(snapshot: Snapshot) {
  const control = snapshot.controls.find(
    (c) =>
      c.severity !== "info" &&
      c.results.filter((r) => r.status === "fail").length >= 2 &&
      c.results.some((r) => r.status === "pass") &&
      c.incomplete === undefined,
  );
  if (!control) throw new Error("the demo account has no such control");
  return control;
}

describe("applyMutes", () => {
  it("changes nothing when no mute in force covers a result", () => {
    const snapshot = demoSnapshot();
    const control = controlWithFailures(snapshot);
    const failing = control.results.find((r) => r.status === "fail")!;
    const expired = mute(
      "mute-expired000001",
      { kind: "finding", findingId: failing.findingId },
      { expiresAt: "2026-12-02T11:00:00.000Z" },
    );
    const lifted = mute(
      "mute-lifted000001",
      { kind: "finding", findingId: failing.findingId },
      { liftedAt: "2026-12-01T10:00:00.000Z" },
    );
    const elsewhere = mute("mute-other0000001", { kind: "rule", controlId: control.id, accountId: "444455556666" });
    expect(applyMutes(snapshot, [expired, lifted, elsewhere], NOW)).toBe(snapshot);
  });

  it("marks a muted failure, keeps it visible, and takes it out of the control's credit and the scores", () => {
    const snapshot = demoSnapshot();
    const control = controlWithFailures(snapshot);
    const failing = control.results.find((r) => r.status === "fail")!;
    const applied = applyMutes(
      snapshot,
      [mute("mute-find00000001", { kind: "finding", findingId: failing.findingId })],
      NOW,
    );
    const after = applied.controls.find((c) => c.id === control.id)!;
    expect(after.results).toHaveLength(control.results.length);
    const marked = after.results.find((r) => r.findingId === failing.findingId)!;
    expect(marked.status).toBe("fail");
    expect(marked.mute).toEqual({
      id: "mute-find00000001",
      kind: "finding",
      reason: "Accepted until the Q1 migration",
      owner: "platform",
      expiresAt: "2027-03-01T00:00:00.000Z",
    });
    // Other failures remain: the control still fails, with one result muted.
    expect(after.status).toBe("fail");
    expect(after.muted).toEqual({ results: 1, statusBeforeMutes: "fail" });
    expect(applied.mutes).toEqual({ asOf: NOW.toISOString(), muted: 1, scoreBeforeMutes: snapshot.score });
    // The score is the one computed without the muted result, and can only have risen.
    const expected = scoreBreakdown(
      applied.controls.map((c) => ({ ...c, results: c.results.filter((r) => r.mute === undefined) })),
    ).score;
    expect(applied.score).toBe(expected);
    // One result of many may not move a rounded score; it can never lower it.
    expect(applied.score!).toBeGreaterThanOrEqual(snapshot.score!);
    // The stored snapshot is left as the scan gave it.
    expect(snapshot.controls.find((c) => c.id === control.id)!.results.some((r) => r.mute)).toBe(false);
  });

  it("rolls a control up from what is left: all failures muted leaves the passes", () => {
    const snapshot = demoSnapshot();
    const control = controlWithFailures(snapshot);
    const applied = applyMutes(snapshot, [mute("mute-rule00000001", { kind: "rule", controlId: control.id })], NOW);
    const after = applied.controls.find((c) => c.id === control.id)!;
    const left = after.results.filter((r) => r.mute === undefined).map((r) => r.status);
    expect(left).not.toContain("fail");
    expect(after.status).toBe(left.includes("warn") ? "warn" : "pass");
    expect(after.muted?.statusBeforeMutes).toBe("fail");
    expect(applied.score!).toBeGreaterThan(snapshot.score!);
    const service = applied.services.find((s) => s.id === control.service)!;
    expect(service.score!).toBeGreaterThan(snapshot.services.find((s) => s.id === control.service)!.score!);
    expect(applied.services.find((s) => s.id === control.service)!.counts.fail).toBe(
      snapshot.services.find((s) => s.id === control.service)!.counts.fail - 1,
    );
  });

  it("never mutes a result that could not be judged, so no unverified weight turns into credit", () => {
    const snapshot = demoSnapshot();
    const control = controlWithFailures(snapshot);
    const errored: Snapshot = {
      ...snapshot,
      controls: snapshot.controls.map((c) =>
        c.id === control.id
          ? {
              ...c,
              status: "error",
              results: c.results.map((r) => ({ ...r, status: "error" as const })),
            }
          : c,
      ),
    };
    const applied = applyMutes(errored, [mute("mute-rule00000001", { kind: "rule", controlId: control.id })], NOW);
    expect(applied).toBe(errored);
  });

  it("leaves a control in error when only results that could not be judged are left", () => {
    const snapshot = demoSnapshot();
    const control = controlWithFailures(snapshot);
    const mixed: Snapshot = {
      ...snapshot,
      controls: snapshot.controls.map((c) =>
        c.id === control.id
          ? {
              ...c,
              incomplete: { resources: 1, regions: ["us-east-1"] },
              results: c.results
                .filter((r) => r.status === "fail")
                .map((r, i) => (i === 0 ? { ...r, status: "error" as const } : r)),
            }
          : c,
      ),
    };
    const applied = applyMutes(mixed, [mute("mute-rule00000001", { kind: "rule", controlId: control.id })], NOW);
    const after = applied.controls.find((c) => c.id === control.id)!;
    expect(after.status).toBe("error");
    expect(after.incomplete).toBeUndefined();
    expect(after.results.filter((r) => r.status === "error" && r.mute)).toHaveLength(0);
  });
});
