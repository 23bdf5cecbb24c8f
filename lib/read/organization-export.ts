import type { Snapshot } from "@/lib/snapshot/schema";
import type { SnapshotStore } from "@/lib/snapshot/store";
import { listAccounts, unreadableNotice } from "./accounts";
import { applyMutes } from "@/lib/posture/apply-mutes";
import type { MuteStore } from "@/lib/snapshot/mute";
import { mutesInForce } from "./mutes";

export type OrganizationSnapshots =
  | {
      found: true;
      /** Each account's newest readable snapshot (as the accounts list picks it), in the list's order. */
      snapshots: Snapshot[];
      /** Set when stored records were passed over because they could not be read. */
      notice?: string;
    }
  /** `empty`: no account has a readable snapshot; `ou`: none of them sits in the organizational unit asked for. */
  | { found: false; reason: "empty" | "ou"; notice?: string };

/**
 * What an organization export covers: the newest readable snapshot of every account with one, kept
 * to one organizational unit (as each snapshot records it) when asked. Accounts without a readable
 * snapshot are left out, and the notice says so.
 */
export async function organizationSnapshots(
  store: SnapshotStore & Partial<MuteStore>,
  ou?: string,
  now: Date = new Date(),
): Promise<OrganizationSnapshots> {
  const { accounts, unreadable } = await listAccounts(store);
  const mutes = await mutesInForce(store, now);
  const chosen = ou === undefined ? accounts : accounts.filter((a) => a.ou === ou);
  const snapshots: Snapshot[] = [];
  const lost: typeof unreadable = [];
  for (const account of chosen) {
    const snapshot = await store.get(account.latestSnapshotId);
    // listAccounts has just read it; only a store failing in between loses it, and that is said too.
    // As every page shows it: muted findings marked and left out of the scores.
    if (snapshot) snapshots.push(applyMutes(snapshot, mutes, now));
    else lost.push({ id: account.latestSnapshotId, accountId: account.accountId, finishedAt: account.scannedAt });
  }
  const notice = unreadableNotice([...unreadable, ...lost]);
  if (snapshots.length === 0) {
    const reason = ou !== undefined && accounts.length > 0 && chosen.length === 0 ? "ou" : "empty";
    return { found: false, reason, ...(notice ? { notice } : {}) };
  }
  return { found: true, snapshots, ...(notice ? { notice } : {}) };
}
