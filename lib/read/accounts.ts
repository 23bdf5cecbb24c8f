import type { Snapshot } from "@/lib/snapshot/schema";
import type { SnapshotListing, SnapshotStore } from "@/lib/snapshot/store";
import type { UnreadableSnapshot } from "./snapshot-to-show";
import { readDigest } from "./snapshot-digest";

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
 * A listing the store already knows to be unreadable is skipped; any other candidate is read (once
 * per process: see `readDigest`) for the account's name and organizational unit, which only the record
 * holds, and to be sure it can be read, so an unreadable snapshot (and its score) never reaches the
 * list. Only each account's newest readable record is read, never its older ones.
 */
export async function listAccounts(store: SnapshotStore): Promise<AccountsRead> {
  const listings = [...(await store.list())].sort(newestFirst);
  const shown = new Map<string, AccountSummary>();
  const unreadable: AccountsRead["unreadable"] = [];
  for (const listing of listings) {
    if (shown.has(listing.accountId)) continue;
    const digest = listing.unreadable ? undefined : await readDigest(store, listing.id);
    if (!digest) {
      unreadable.push({ id: listing.id, accountId: listing.accountId, finishedAt: listing.finishedAt });
      continue;
    }
    shown.set(listing.accountId, {
      accountId: listing.accountId,
      name: digest.name,
      ou: digest.ou,
      latestSnapshotId: listing.id,
      // The record's own score: the listing's copy is not trusted over what was read.
      score: digest.score,
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

/** `?account=` on dashboard pages: a 12-digit AWS account id. */
const ACCOUNT_ID = /^\d{12}$/;

/**
 * The account a page is asked to show: undefined when none is asked for (absent or empty, as the
 * picker's "all accounts" sends it), null when the parameter is malformed (not 12 digits, or repeated).
 */
export function accountIdFrom(searchParams: Record<string, string | string[] | undefined>): string | undefined | null {
  const value = searchParams.account;
  if (value === undefined || value === "") return undefined;
  return typeof value === "string" && ACCOUNT_ID.test(value) ? value : null;
}

export type AccountSnapshotLookup =
  | {
      found: true;
      snapshot: Snapshot;
      /** Newer records of the account passed over because they could not be read. */
      skipped: UnreadableSnapshot[];
    }
  /** `missing`: nothing stored for the account; `unreadable`: records stored, none readable. */
  | { found: false; reason: "missing" | "unreadable"; skipped: UnreadableSnapshot[] };

/**
 * An account's newest readable snapshot. Newer records of the account that cannot be read are
 * passed over and named; another account's snapshot never stands in, nor does the demo account.
 */
export async function resolveAccountSnapshot(store: SnapshotStore, accountId: string): Promise<AccountSnapshotLookup> {
  const listings = (await store.list()).filter((l) => l.accountId === accountId).sort(newestFirst);
  const skipped: UnreadableSnapshot[] = [];
  for (const listing of listings) {
    const snapshot = listing.unreadable ? undefined : await store.get(listing.id);
    if (snapshot) return { found: true, snapshot, skipped };
    skipped.push({ id: listing.id, finishedAt: listing.finishedAt });
  }
  return { found: false, reason: listings.length === 0 ? "missing" : "unreadable", skipped };
}
