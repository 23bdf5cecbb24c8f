import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { exampleSnapshot } from "@/lib/snapshot/fixtures";
import { SqliteSnapshotStore } from "@/lib/snapshot/sqlite-store";
import { organizationSnapshots } from "./organization-export";

const PAYMENTS_OU = "ou-ab12-payments";
const SANDBOX_OU = "ou-ab12-sandbox1";
const PROD = "111122223333";
const STAGING = "444455556666";
const SANDBOX = "777788889999";

function scan(id: string, accountId: string, finishedAt: string, ou?: string) {
  return exampleSnapshot(id, finishedAt, (s) => {
    s.account = { id: accountId, partition: "aws", name: `acct-${accountId.slice(0, 4)}`, ...(ou ? { ou } : {}) };
  });
}

let dir: string;
let store: SqliteSnapshotStore;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "safekeep-org-export-"));
  store = new SqliteSnapshotStore(path.join(dir, "safekeep.db"));
});
afterEach(() => store.close());

describe("organizationSnapshots", () => {
  it("says an empty store is empty", async () => {
    expect(await organizationSnapshots(store)).toEqual({ found: false, reason: "empty" });
  });

  it("takes each account's newest snapshot, and only the accounts of the OU asked for", async () => {
    await store.put(scan("prod-1", PROD, "2026-11-20T10:00:00.000Z", PAYMENTS_OU));
    await store.put(scan("prod-2", PROD, "2026-11-27T10:00:00.000Z", PAYMENTS_OU));
    await store.put(scan("staging-1", STAGING, "2026-11-26T10:00:00.000Z", PAYMENTS_OU));
    await store.put(scan("sandbox-1", SANDBOX, "2026-11-25T10:00:00.000Z", SANDBOX_OU));

    const all = await organizationSnapshots(store);
    expect(all.found && all.snapshots.map((s) => s.id).sort()).toEqual(["prod-2", "sandbox-1", "staging-1"]);
    expect(all.found && all.notice).toBeUndefined();

    const payments = await organizationSnapshots(store, PAYMENTS_OU);
    expect(payments.found && payments.snapshots.map((s) => s.id).sort()).toEqual(["prod-2", "staging-1"]);

    // The OU is judged by each account's newest snapshot: prod moved out of payments in its latest scan.
    await store.put(scan("prod-3", PROD, "2026-11-28T10:00:00.000Z", SANDBOX_OU));
    const after = await organizationSnapshots(store, PAYMENTS_OU);
    expect(after.found && after.snapshots.map((s) => s.id)).toEqual(["staging-1"]);

    expect(await organizationSnapshots(store, "ou-ab12-nothere")).toEqual({ found: false, reason: "ou" });
  });

  it("passes over a newer record that cannot be read, and says so", async () => {
    await store.put(scan("prod-1", PROD, "2026-11-20T10:00:00.000Z"));
    const raw = new Database(path.join(dir, "safekeep.db"));
    raw
      .prepare("INSERT INTO snapshots (id, source, account_id, finished_at, score, body) VALUES (?, ?, ?, ?, ?, ?)")
      .run("prod-torn", "aws", PROD, "2026-11-28T00:00:00.000Z", 99, '{"schemaVersion":1,');
    raw.close();
    const chosen = await organizationSnapshots(store);
    expect(chosen.found && chosen.snapshots.map((s) => s.id)).toEqual(["prod-1"]);
    expect(chosen.notice).toMatch(/^Snapshot prod-torn of account 111122223333 .* could not be read/);
  });
});
