import type { SnapshotListing, SnapshotStore } from "@/lib/snapshot/store";

/** One AWS account as GET /api/accounts answers it: its newest readable snapshot. */
export interface AccountSummary {
  accountId: string;
  /** The account's name in its Organization; null until snapshots record it. */
  name: string | null;
  /** The organizational unit the account sits in; null until snapshots record it. */
  ou: string | null;
  latestSnapshotId: string;
  score: number | null;
  /** When that snapshot's scan finished (ISO 8601). */
  scannedAt: string;
}

export interface AccountsRead {
  /** Newest scan first. */
  accounts: AccountSummary[];
  /**
   * Stored records that could not be read and were passed over: each is newer than the snapshot its
   * account is shown with, or belongs to an account that has no readable snapshot (and is left out).
   */
  unreadable: { id: string; accountId: string; finishedAt: string }[];
}

function newestFirst(a: SnapshotListing, b: SnapshotListing): number {
  if (a.finishedAt !== b.finishedAt) return a.finishedAt < b.finishedAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * Every account with at least one readable stored snapshot, each with its newest readable one.
 * A listing the store already knows to be unreadable is skipped; one it has read (its scope is
 * derived from the parsed record) is taken as is; any other is read once to be sure, so a store that
 * does not index its records never puts an unreadable snapshot (and its score) on the list.
 */
export async function listAccounts(store: SnapshotStore): Promise<AccountsRead> {
  const listings = [...(await store.list())].sort(newestFirst);
  const shown = new Map<string, AccountSummary>();
  const unreadable: AccountsRead["unreadable"] = [];
  for (const listing of listings) {
    if (shown.has(listing.accountId)) continue;
    let score = listing.score;
    let readable = !listing.unreadable && listing.scope !== undefined;
    if (!listing.unreadable && !readable) {
      const snapshot = await store.get(listing.id);
      readable = snapshot !== undefined;
      if (snapshot) score = snapshot.score;
    }
    if (!readable) {
      unreadable.push({ id: listing.id, accountId: listing.accountId, finishedAt: listing.finishedAt });
      continue;
    }
    shown.set(listing.accountId, {
      accountId: listing.accountId,
      name: null,
      ou: null,
      latestSnapshotId: listing.id,
      score,
      scannedAt: listing.finishedAt,
    });
  }
  // Listings come newest first, but an account shown with an older snapshot (its newer records
  // unreadable) was found later than its scan time says: order by that time.
  const accounts = [...shown.values()].sort((a, b) =>
    a.scannedAt !== b.scannedAt ? (a.scannedAt < b.scannedAt ? 1 : -1) : a.accountId.localeCompare(b.accountId),
  );
  return { accounts, unreadable };
}

/** The sentence the API sends (as a header) when records were passed over; undefined when none were. */
export function unreadableNotice(unreadable: AccountsRead["unreadable"]): string | undefined {
  if (unreadable.length === 0) return undefined;
  const newest = unreadable[0]!;
  const more = unreadable.length > 1 ? ` and ${unreadable.length - 1} other record(s)` : "";
  return `Snapshot ${newest.id} of account ${newest.accountId} (finished ${newest.finishedAt})${more} could not be read; each account is shown with its newest readable snapshot, an account without one is left out (the log says why).`;
}
