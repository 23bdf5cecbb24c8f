import { describe, expect, it } from "vitest";
import { applyMutes } from "@/lib/posture/apply-mutes";
import { exampleSnapshot } from "@/lib/snapshot/fixtures";
import type { Mute } from "@/lib/snapshot/mute";
import type { Snapshot } from "@/lib/snapshot/schema";
import { withMutesCached } from "./snapshot-cache";

const NOW = new Date("2026-12-02T12:00:00.000Z");
const LATER = new Date("2026-12-02T12:05:00.000Z");

function failingOf(snapshot: Snapshot) {
  const control = snapshot.controls.find((c) => c.id === "elasticache.rg-authentication")!;
  return control.results.find((r) => r.status === "fail")!;
}

function findingMute(findingId: string, overrides: Partial<Mute> = {}): Mute {
  return {
    id: "mute-aaaaaaaaaaaa",
    target: { kind: "finding", findingId },
    reason: "Replaced by the new cluster in January",
    owner: "platform",
    expiresAt: "2027-01-31T00:00:00.000Z",
    createdAt: "2026-12-01T09:00:00.000Z",
    createdBy: "alice",
    updatedAt: "2026-12-01T09:00:00.000Z",
    updatedBy: "alice",
    ...overrides,
  };
}

/** A mute store whose mutes the test changes between reads. */
function storeWith(mutes: Mute[]) {
  return { mutes, listMutes: async () => [...mutes] };
}

describe("withMutesCached", () => {
  it("gives the record itself when no mute is in force", async () => {
    const snapshot = exampleSnapshot("s1", "2026-12-02T10:00:00.000Z");
    const expired = findingMute(failingOf(snapshot).findingId, { expiresAt: "2026-12-02T11:00:00.000Z" });
    expect(await withMutesCached(storeWith([]), snapshot, NOW)).toBe(snapshot);
    expect(await withMutesCached(storeWith([expired]), snapshot, NOW)).toBe(snapshot);
  });

  it("gives what applyMutes gives, and the same answer again without recomputing, with asOf moved to the time asked", async () => {
    const snapshot = exampleSnapshot("s2", "2026-12-02T10:00:00.000Z");
    const store = storeWith([findingMute(failingOf(snapshot).findingId)]);
    const first = await withMutesCached(store, snapshot, NOW);
    expect(first).toEqual(applyMutes(snapshot, store.mutes, NOW));
    expect(first.mutes?.muted).toBe(1);

    const second = await withMutesCached(store, snapshot, LATER);
    // The same controls (not a new walk over the results), the time of this read.
    expect(second.controls).toBe(first.controls);
    expect(second.mutes).toEqual({ ...first.mutes, asOf: LATER.toISOString() });
  });

  it("recomputes when a mute in force is edited, and when it lapses", async () => {
    const snapshot = exampleSnapshot("s3", "2026-12-02T10:00:00.000Z");
    const findingId = failingOf(snapshot).findingId;
    const store = storeWith([findingMute(findingId)]);
    const before = await withMutesCached(store, snapshot, NOW);

    store.mutes[0] = findingMute(findingId, { reason: "Decommissioned on 15 January", updatedAt: NOW.toISOString() });
    const edited = await withMutesCached(store, snapshot, LATER);
    expect(edited.controls).not.toBe(before.controls);
    const mark = edited.controls.flatMap((c) => c.results).find((r) => r.findingId === findingId)?.mute;
    expect(mark?.reason).toBe("Decommissioned on 15 January");

    // Past its expiry the mute is no longer in force: the scan's own verdicts, no mute summary.
    const afterExpiry = await withMutesCached(store, snapshot, new Date("2027-02-01T00:00:00.000Z"));
    expect(afterExpiry).toBe(snapshot);
  });

  it("keeps answers per record: another record of the same id is computed for itself", async () => {
    const one = exampleSnapshot("s4", "2026-12-02T10:00:00.000Z");
    const other = exampleSnapshot("s4", "2026-12-02T10:00:00.000Z");
    const store = storeWith([findingMute(failingOf(one).findingId)]);
    const fromOne = await withMutesCached(store, one, NOW);
    const fromOther = await withMutesCached(store, other, NOW);
    expect(fromOther.controls).not.toBe(fromOne.controls);
    expect(fromOther).toEqual(fromOne);
  });
});
