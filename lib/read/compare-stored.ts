import {
  AccountMismatchError,
  compareSnapshots,
  withFirstSeen,
  withMuteEnds,
  type Comparison,
} from "@/lib/snapshot/compare";
import type { MuteStore } from "@/lib/snapshot/mute";
import { resolveSnapshot, skippedNotice } from "./snapshot-to-show";
import { findingHistory } from "@/lib/snapshot/history";
import type { SnapshotStore } from "@/lib/snapshot/store";

export type StoredComparison =
  | { ok: true; comparison: Comparison; notice?: string }
  /** `missing`/`unreadable`: a snapshot id; `accounts`: two different accounts. */
  | { ok: false; problem: "missing" | "unreadable" | "accounts"; message: string };

/**
 * The comparison the API and the CLI both answer with: two stored snapshots by id (`latest`: the
 * newest readable one, `demo`: the demo account), compared, with each finding's first and last
 * failing time in the account's history up to the newer one.
 */
export async function compareStored(
  store: SnapshotStore & Partial<MuteStore>,
  fromId: string,
  toId: string,
): Promise<StoredComparison> {
  const from = await resolveSnapshot(store, fromId);
  const to = await resolveSnapshot(store, toId);
  for (const [id, lookup] of [
    [fromId, from],
    [toId, to],
  ] as const) {
    if (lookup.found) continue;
    return lookup.reason === "missing"
      ? { ok: false, problem: "missing", message: `No snapshot with id ${id}.` }
      : {
          ok: false,
          problem: "unreadable",
          message: `Snapshot ${id} is stored but could not be read; the log says why.`,
        };
  }
  if (!from.found || !to.found) throw new Error("unreachable");
  let comparison: Comparison;
  try {
    comparison = compareSnapshots(from.snapshot, to.snapshot);
  } catch (error) {
    if (error instanceof AccountMismatchError) return { ok: false, problem: "accounts", message: error.message };
    throw error;
  }
  const newer = from.snapshot.finishedAt > to.snapshot.finishedAt ? from.snapshot : to.snapshot;
  const notice = skippedNotice([...from.skipped, ...to.skipped]);
  const mutes = store.listMutes ? await store.listMutes() : [];
  return {
    ok: true,
    comparison: withMuteEnds(
      withFirstSeen(
        comparison,
        await findingHistory(
          store,
          newer,
          comparison.findings.map((f) => f.id.replace(/#\d+$/, "")),
        ),
      ),
      newer,
      mutes,
    ),
    ...(notice ? { notice } : {}),
  };
}
