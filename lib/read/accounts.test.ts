import { describe, expect, it } from "vitest";
import { exampleSnapshot } from "@/lib/snapshot/fixtures";
import type { Snapshot } from "@/lib/snapshot/schema";
import { snapshotScope } from "@/lib/snapshot/scope";
import type { SnapshotListing, SnapshotStore } from "@/lib/snapshot/store";
import { accountIdFrom, listAccounts, resolveAccountSnapshot, unreadableNotice } from "./accounts";

const PROD = "111122223333";
const STAGING = "444455556666";
const SANDBOX = "777788889999";

type Stored =
  /** Read and indexed: the listing carries the scope, as the SQLite store's does. */
  | { kind: "indexed"; snapshot: Snapshot }
  /** A store that does not index: the listing says nothing of readability; get() tells. */
  | { kind: "plain"; snapshot: Snapshot }
  /** A record the store already knows it cannot read. */
  | { kind: "known-unreadable"; listing: SnapshotListing }
  /** A record listed without a mark whose body turns out unreadable on get(). */
  | { kind: "torn"; listing: SnapshotListing };

function scan(id: string, accountId: string, finishedAt: string, score: number | null): Snapshot {
  return exampleSnapshot(id, finishedAt, (s) => {
    s.account = { id: accountId, partition: "aws" };
    s.score = score;
  });
}

function listingOf(s: Snapshot): SnapshotListing {
  return { id: s.id, source: s.source, accountId: s.account.id, finishedAt: s.finishedAt, score: s.score };
}

/** An in-memory store listing in insertion order (the function must not rely on the store's order). */
function memoryStore(records: Stored[]): SnapshotStore & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    async put() {
      throw new Error("read-only in this test");
    },
    async get(id) {
      reads.push(id);
      const record = records.find((r) => ("snapshot" in r ? r.snapshot.id : r.listing.id) === id);
      return record && "snapshot" in record ? record.snapshot : undefined;
    },
    async list() {
      return records.map((r) => {
        switch (r.kind) {
          case "indexed":
            return { ...listingOf(r.snapshot), scope: snapshotScope(r.snapshot) };
          case "plain":
            return listingOf(r.snapshot);
          case "known-unreadable":
            return { ...r.listing, unreadable: true };
          case "torn":
            return r.listing;
        }
      });
    },
  };
}

const raw = (id: string, accountId: string, finishedAt: string, score: number): SnapshotListing => ({
  id,
  source: "aws",
  accountId,
  finishedAt,
  score,
});

describe("listAccounts", () => {
  it("gives one row per account with its newest snapshot, newest scan first", async () => {
    const store = memoryStore([
      { kind: "indexed", snapshot: scan("prod-1", PROD, "2026-11-20T10:00:00.000Z", 70) },
      { kind: "indexed", snapshot: scan("staging-1", STAGING, "2026-11-26T09:00:00.000Z", 88) },
      { kind: "indexed", snapshot: scan("prod-2", PROD, "2026-11-27T10:00:00.000Z", 74) },
      { kind: "indexed", snapshot: scan("sandbox-1", SANDBOX, "2026-11-22T08:00:00.000Z", null) },
    ]);
    const { accounts, unreadable } = await listAccounts(store);
    expect(accounts).toEqual([
      {
        accountId: PROD,
        name: null,
        ou: null,
        latestSnapshotId: "prod-2",
        score: 74,
        scannedAt: "2026-11-27T10:00:00.000Z",
      },
      {
        accountId: STAGING,
        name: null,
        ou: null,
        latestSnapshotId: "staging-1",
        score: 88,
        scannedAt: "2026-11-26T09:00:00.000Z",
      },
      {
        accountId: SANDBOX,
        name: null,
        ou: null,
        latestSnapshotId: "sandbox-1",
        score: null,
        scannedAt: "2026-11-22T08:00:00.000Z",
      },
    ]);
    expect(unreadable).toEqual([]);
    // Each account's newest record is read (its name and OU are only in the body), older ones never.
    expect(store.reads).toEqual(["prod-2", "staging-1", "sandbox-1"]);
    // Snapshots never change: asking again reads nothing.
    await listAccounts(store);
    expect(store.reads).toEqual(["prod-2", "staging-1", "sandbox-1"]);
  });

  it("names each account and its organizational unit from its newest readable snapshot", async () => {
    const named = (id: string, accountId: string, day: number, name: string | undefined, ou: string | undefined) =>
      exampleSnapshot(id, `2026-11-${day}T10:00:00.000Z`, (s) => {
        s.account = {
          id: accountId,
          partition: "aws",
          ...(name !== undefined ? { name } : {}),
          ...(ou !== undefined ? { ou } : {}),
        };
      });
    const store = memoryStore([
      // The account moved OU and was renamed since its older scan: the newest record speaks.
      { kind: "indexed", snapshot: named("prod-old", PROD, 20, "prod-legacy", "ou-ab12-oldunit1") },
      { kind: "indexed", snapshot: named("prod-new", PROD, 27, "prod-payments", "ou-ab12-payments") },
      { kind: "indexed", snapshot: named("staging-1", STAGING, 26, "staging", "r-ab12") },
      // Scanned on its own (not listed from an Organization): neither is known.
      { kind: "indexed", snapshot: named("sandbox-1", SANDBOX, 22, undefined, undefined) },
    ]);
    const { accounts } = await listAccounts(store);
    expect(accounts.map((a) => [a.accountId, a.name, a.ou])).toEqual([
      [PROD, "prod-payments", "ou-ab12-payments"],
      [STAGING, "staging", "r-ab12"],
      [SANDBOX, null, null],
    ]);
  });

  it("passes over unreadable records: the account keeps its newest readable snapshot, or is left out", async () => {
    const store = memoryStore([
      { kind: "indexed", snapshot: scan("prod-1", PROD, "2026-11-20T10:00:00.000Z", 70) },
      // Newer than prod-1 and unreadable: a score of 99 was recorded but cannot be trusted.
      { kind: "known-unreadable", listing: raw("prod-torn", PROD, "2026-11-28T00:00:00.000Z", 99) },
      { kind: "torn", listing: raw("sandbox-torn", SANDBOX, "2026-11-29T00:00:00.000Z", 95) },
      { kind: "indexed", snapshot: scan("staging-1", STAGING, "2026-11-26T09:00:00.000Z", 88) },
    ]);
    const { accounts, unreadable } = await listAccounts(store);
    expect(accounts.map((a) => [a.accountId, a.latestSnapshotId, a.score])).toEqual([
      [STAGING, "staging-1", 88],
      [PROD, "prod-1", 70],
    ]);
    expect(unreadable.map((u) => u.id)).toEqual(["sandbox-torn", "prod-torn"]);
    // The record the store already knows to be unreadable is not even read.
    expect(store.reads).toEqual(["sandbox-torn", "staging-1", "prod-1"]);
    expect(unreadableNotice(unreadable)).toBe(
      `Snapshot sandbox-torn of account ${SANDBOX} (finished 2026-11-29T00:00:00.000Z) and 1 other record(s) could not be read; each account is shown with its newest readable snapshot, an account without one is left out (the log says why).`,
    );
  });

  it("reads an unindexed listing to confirm it, taking the score from the record read", async () => {
    const snapshot = scan("prod-plain", PROD, "2026-11-27T10:00:00.000Z", 61);
    const store = memoryStore([{ kind: "plain", snapshot }]);
    const { accounts } = await listAccounts(store);
    expect(accounts).toMatchObject([{ accountId: PROD, latestSnapshotId: "prod-plain", score: 61 }]);
    expect(store.reads).toEqual(["prod-plain"]);
  });

  it("ignores unreadable records older than an account's readable snapshot", async () => {
    const store = memoryStore([
      { kind: "known-unreadable", listing: raw("prod-old", PROD, "2026-11-01T00:00:00.000Z", 10) },
      { kind: "indexed", snapshot: scan("prod-1", PROD, "2026-11-20T10:00:00.000Z", 70) },
    ]);
    const { accounts, unreadable } = await listAccounts(store);
    expect(accounts.map((a) => a.latestSnapshotId)).toEqual(["prod-1"]);
    expect(unreadable).toEqual([]);
    expect(unreadableNotice(unreadable)).toBeUndefined();
  });

  it("answers an empty store with no accounts", async () => {
    expect(await listAccounts(memoryStore([]))).toEqual({ accounts: [], unreadable: [] });
  });
});

describe("accountIdFrom", () => {
  it.each([
    [{}, undefined],
    [{ account: "" }, undefined],
    [{ account: PROD }, PROD],
    [{ account: "12345678901" }, null],
    [{ account: "1234567890123" }, null],
    [{ account: "12345678901a" }, null],
    [{ account: " 111122223333" }, null],
    [{ account: "../../etc/passwd" }, null],
    [{ account: [PROD, STAGING] }, null],
  ])("%j → %s", (params, expected) => {
    expect(accountIdFrom(params)).toBe(expected);
  });
});

describe("resolveAccountSnapshot", () => {
  it("is the account's newest readable snapshot, naming the newer records passed over", async () => {
    const store = memoryStore([
      { kind: "indexed", snapshot: scan("prod-1", PROD, "2026-11-20T10:00:00.000Z", 70) },
      { kind: "known-unreadable", listing: raw("prod-torn", PROD, "2026-11-28T00:00:00.000Z", 99) },
      // Newer, but another account's: never shown for PROD.
      { kind: "indexed", snapshot: scan("staging-1", STAGING, "2026-11-29T09:00:00.000Z", 88) },
    ]);
    const lookup = await resolveAccountSnapshot(store, PROD);
    expect(lookup.found && lookup.snapshot.id).toBe("prod-1");
    expect(lookup.skipped).toEqual([{ id: "prod-torn", finishedAt: "2026-11-28T00:00:00.000Z" }]);
  });

  it("tells an account with nothing stored from one whose records cannot be read", async () => {
    const store = memoryStore([
      { kind: "torn", listing: raw("sandbox-torn", SANDBOX, "2026-11-29T00:00:00.000Z", 95) },
      { kind: "indexed", snapshot: scan("prod-1", PROD, "2026-11-20T10:00:00.000Z", 70) },
    ]);
    expect(await resolveAccountSnapshot(store, STAGING)).toEqual({ found: false, reason: "missing", skipped: [] });
    expect(await resolveAccountSnapshot(store, SANDBOX)).toEqual({
      found: false,
      reason: "unreadable",
      skipped: [{ id: "sandbox-torn", finishedAt: "2026-11-29T00:00:00.000Z" }],
    });
  });
});
