import { demoSnapshot, DEMO_SNAPSHOT_ID } from "@/lib/demo/snapshot";
import { env } from "@/lib/env";
import { groupRowsInMemory, type FindingGroups, type GroupBy } from "@/lib/snapshot/findings-groups";
import {
  decodeCursor,
  findingRowsOf,
  queryRowsInMemory,
  type FindingsPage,
  type FindingsRequest,
  type FindingsStoreQuery,
} from "@/lib/snapshot/findings-query";
import { findingHistory } from "@/lib/snapshot/history";
import type { Snapshot } from "@/lib/snapshot/schema";
import type { SnapshotListing, SnapshotStore } from "@/lib/snapshot/store";
import type { MuteStore } from "@/lib/snapshot/mute";
import { listAccounts, unreadableNotice } from "./accounts";
import { mutesInForce } from "./mutes";

/** A snapshot a findings answer read. */
export interface FindingsScopeEntry {
  id: string;
  source: Snapshot["source"];
  accountId: string;
  finishedAt: string;
}

export type FindingsAnswer =
  | {
      ok: true;
      page: FindingsPage;
      /** The snapshots read, newest scan first. */
      snapshots: FindingsScopeEntry[];
      /** Said when stored records were passed over because they could not be read. */
      notice?: string;
      /** The owner tag key the answer read (the owner filter; the owner column shows its value). */
      ownerKey: string;
    }
  | { ok: false; status: 400 | 404 | 409 | 500; message: string };

type Scope =
  | { ok: true; stored: FindingsScopeEntry[]; demo?: Snapshot; notice?: string }
  | { ok: false; status: 404 | 500; message: string };

/**
 * Which snapshots a findings request reads. `snapshot=<id>`: that one (`demo`: the demo account).
 * Otherwise the newest readable snapshot of every account (of the accounts asked for, when `account=`
 * is given), as the organization overview shows them; an account's newer records that cannot be
 * read are passed over and said so. Nothing stored at all: the demo account, as on every page.
 */
async function scopeOf(store: SnapshotStore, request: FindingsRequest): Promise<Scope> {
  if (request.snapshot === DEMO_SNAPSHOT_ID) return { ok: true, stored: [], demo: demoSnapshot() };
  if (request.snapshot !== undefined) {
    // The listing, not the record: reading a large record whole is what the index is there to avoid.
    const listing = (await store.list()).find((l) => l.id === request.snapshot);
    if (!listing) return { ok: false, status: 404, message: `No snapshot with id ${request.snapshot}.` };
    if (listing.unreadable)
      return {
        ok: false,
        status: 500,
        message: `Snapshot ${request.snapshot} is stored but could not be read; the server log says why.`,
      };
    return { ok: true, stored: [entryOf(listing)] };
  }
  const { accounts, unreadable } = await listAccounts(store);
  if (accounts.length === 0 && unreadable.length === 0) return { ok: true, stored: [], demo: demoSnapshot() };
  const wanted = request.filters.accounts;
  const chosen = wanted ? accounts.filter((a) => wanted.includes(a.accountId)) : accounts;
  const listings = new Map((await store.list()).map((l) => [l.id, l]));
  const stored = chosen.flatMap((a) => {
    const listing = listings.get(a.latestSnapshotId);
    return listing ? [entryOf(listing)] : [];
  });
  const notice = unreadableNotice(wanted ? unreadable.filter((u) => wanted.includes(u.accountId)) : unreadable);
  return { ok: true, stored, ...(notice ? { notice } : {}) };
}

function entryOf(listing: SnapshotListing): FindingsScopeEntry {
  return { id: listing.id, source: listing.source, accountId: listing.accountId, finishedAt: listing.finishedAt };
}

/**
 * One page of findings for a checked request: the scope chosen (see `scopeOf`), the cursor checked
 * against it (a cursor from another sort is refused; one issued before a newer scan changed the
 * scope is refused as stale rather than continued over other rows), then the store's index answers,
 * or, for the demo account and stores without an index, the same query over the records in memory.
 */
export async function readFindings(
  store: SnapshotStore & Partial<MuteStore>,
  request: FindingsRequest,
  now: Date = new Date(),
  /** The setting `SAFEKEEP_OWNER_TAG`; the query model never reads settings itself. */
  ownerKey: string = env().ownerTag,
): Promise<FindingsAnswer> {
  const scope = await scopeOf(store, request);
  if (!scope.ok) return scope;
  const snapshotIds = scope.demo ? [scope.demo.id] : scope.stored.map((s) => s.id);
  let after: FindingsStoreQuery["after"];
  if (request.cursor) {
    const cursor = decodeCursor(request.cursor, request.sort, snapshotIds);
    if (!cursor.ok) return cursor;
    after = cursor.after;
  }
  const query: FindingsStoreQuery = {
    snapshotIds,
    filters: { ...request.filters, ownerKey },
    sort: request.sort,
    limit: request.limit,
    ...(after ? { after } : {}),
    mutes: await mutesInForce(store, now),
  };
  const page =
    scope.demo || !store.queryFindings
      ? await inMemory(store, scope.demo ? [scope.demo] : await readAll(store, snapshotIds), query)
      : await store.queryFindings(query);
  const { demo } = scope;
  const snapshots = demo
    ? [{ id: demo.id, source: demo.source, accountId: demo.account.id, finishedAt: demo.finishedAt }]
    : scope.stored;
  return { ok: true, page, snapshots, ownerKey, ...(scope.notice ? { notice: scope.notice } : {}) };
}

export type FindingGroupsAnswer =
  | {
      ok: true;
      groups: FindingGroups;
      /** The snapshots read, newest scan first. */
      snapshots: FindingsScopeEntry[];
      notice?: string;
      ownerKey: string;
    }
  | { ok: false; status: 404 | 500; message: string };

/**
 * The findings a checked request's filters match, counted per group: the same scope as
 * `readFindings` (order, page and cursor play no part), from the store's index, or in memory for the
 * demo account and stores without an index.
 */
export async function readFindingGroups(
  store: SnapshotStore & Partial<MuteStore>,
  request: FindingsRequest,
  by: GroupBy,
  now: Date = new Date(),
  ownerKey: string = env().ownerTag,
): Promise<FindingGroupsAnswer> {
  const scope = await scopeOf(store, request);
  if (!scope.ok) return scope;
  const snapshots = scope.demo
    ? [
        {
          id: scope.demo.id,
          source: scope.demo.source,
          accountId: scope.demo.account.id,
          finishedAt: scope.demo.finishedAt,
        },
      ]
    : scope.stored;
  const query = {
    snapshotIds: snapshots.map((s) => s.id),
    filters: { ...request.filters, ownerKey },
    mutes: await mutesInForce(store, now),
  };
  let groups: FindingGroups;
  if (!scope.demo && store.groupFindings) groups = await store.groupFindings(query, by);
  else {
    const read = scope.demo ? [scope.demo] : await readAll(store, query.snapshotIds);
    groups = groupRowsInMemory(read.flatMap(findingRowsOf), query, by);
  }
  return { ok: true, groups, snapshots, ownerKey, ...(scope.notice ? { notice: scope.notice } : {}) };
}

async function readAll(store: SnapshotStore, ids: readonly string[]): Promise<Snapshot[]> {
  const read = await Promise.all(ids.map((id) => store.get(id)));
  return read.filter((s): s is Snapshot => s !== undefined);
}

/** The query over whole records: first seen from each snapshot's own history, as the index keeps it. */
async function inMemory(store: SnapshotStore, snapshots: Snapshot[], query: FindingsStoreQuery): Promise<FindingsPage> {
  const rows = [];
  for (const snapshot of snapshots) {
    const history = await findingHistory(store, snapshot);
    rows.push(
      ...findingRowsOf(snapshot).map((row) => ({ ...row, firstSeen: history.get(row.findingId)?.firstSeen ?? null })),
    );
  }
  return queryRowsInMemory(rows, query);
}
