import { notFound } from "next/navigation";
import { accountIdFrom, resolveAccountSnapshot } from "@/lib/read/accounts";
import { findSnapshot, skippedNotice, snapshotStore } from "@/lib/read/snapshot-to-show";
import { withMutesCached } from "@/lib/read/snapshot-cache";
import { hrefFor, snapshotIdFrom, type SearchParams } from "@/lib/snapshot/params";
import type { Snapshot } from "@/lib/snapshot/schema";
import type { SnapshotListing } from "@/lib/snapshot/store";

export type LoadedSnapshot =
  | {
      ok: true;
      snapshot: Snapshot;
      linkId?: string;
      notice?: string;
      /** The account picked with `?account=`, kept in every link the page makes. */
      account?: string;
      /** A link to another dashboard page that keeps the snapshot and the account being viewed. */
      href: (path: string) => string;
      /**
       * Set when `?snapshot=` names a snapshot that is not its account's newest: the newest one, and a link
       * to the same page showing it (same account), so an older scan never passes for the current one.
       */
      older?: { latestId: string; latestFinishedAt: string; latestHref: (path: string) => string };
    }
  /** `?account=` could not be honoured: the page says why instead of showing some other account. */
  | { ok: false; problem: string };

/** Keeps the snapshot and the account in links, so drilling down never switches either silently. */
export function linkKeeping(snapshotId: string | undefined, account: string | undefined): (path: string) => string {
  return (path) => {
    const href = hrefFor(path, snapshotId);
    return account ? `${href}${href.includes("?") ? "&" : "?"}account=${account}` : href;
  };
}

/**
 * The newest readable snapshot of the same account and source as `snapshot` when it is a different,
 * later one (the snapshot shown is then an older one); undefined when `snapshot` is the newest.
 */
export function newerSnapshot(
  listings: readonly SnapshotListing[],
  snapshot: Pick<Snapshot, "id" | "source" | "finishedAt"> & { account: { id: string } },
): SnapshotListing | undefined {
  const newest = listings
    .filter((l) => l.accountId === snapshot.account.id && l.source === snapshot.source && !l.unreadable)
    .reduce<SnapshotListing | undefined>((best, l) => (!best || l.finishedAt > best.finishedAt ? l : best), undefined);
  return newest && newest.id !== snapshot.id && newest.finishedAt > snapshot.finishedAt ? newest : undefined;
}

/**
 * The snapshot a page shows; unknown or malformed snapshot ids are a 404, never a half page. Without an
 * id: the newest readable snapshot (of the `?account=` picked, when one is), with `notice` saying which
 * newer ones could not be read. A malformed or unknown account is answered with a `problem` to show.
 */
export async function loadSnapshot(searchParams: Promise<SearchParams>): Promise<LoadedSnapshot> {
  const params = await searchParams;
  const requested = snapshotIdFrom(params);
  if (requested === null) notFound();
  const account = accountIdFrom(params);
  if (account === null) {
    return {
      ok: false,
      problem:
        "The account parameter is not an AWS account id (12 digits). Nothing is shown rather than another account's data.",
    };
  }
  if (account !== undefined && requested === undefined) {
    const store = snapshotStore();
    const lookup = await resolveAccountSnapshot(store, account);
    if (!lookup.found) {
      return {
        ok: false,
        problem:
          lookup.reason === "missing"
            ? `No snapshots for account ${account}.`
            : `Account ${account} has stored snapshots, but none of them could be read (the log says why).`,
      };
    }
    return {
      ok: true,
      // As every page shows a snapshot: with the mutes in force applied.
      snapshot: await withMutesCached(store, lookup.snapshot, new Date()),
      notice: skippedNotice(lookup.skipped),
      account,
      href: linkKeeping(undefined, account),
    };
  }
  const lookup = await findSnapshot(requested);
  if (!lookup.found && lookup.reason === "missing") notFound();
  // Stored but unreadable (or nothing stored is readable): the error page says the snapshot could not be read.
  if (!lookup.found) throw new Error(`snapshot ${requested ?? "latest"} could not be read`);
  if (account !== undefined && lookup.snapshot.account.id !== account) {
    return {
      ok: false,
      problem: `Snapshot ${lookup.snapshot.id} is of account ${lookup.snapshot.account.id}, not of account ${account}.`,
    };
  }
  const newer = requested === undefined ? undefined : newerSnapshot(await snapshotStore().list(), lookup.snapshot);
  return {
    ok: true,
    snapshot: lookup.snapshot,
    linkId: requested,
    ...(newer
      ? {
          older: {
            latestId: newer.id,
            latestFinishedAt: newer.finishedAt,
            latestHref: linkKeeping(undefined, lookup.snapshot.account.id),
          },
        }
      : {}),
    notice: skippedNotice(lookup.skipped),
    ...(account ? { account } : {}),
    href: linkKeeping(requested, account),
  };
}
