import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { ACCOUNT, exampleSnapshot } from "@/lib/snapshot/fixtures";

const OTHER = "444455556666";
let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "safekeep-load-"));
  vi.stubEnv("SAFEKEEP_DATA_DIR", dataDir);
  vi.resetModules();
  const { openSnapshotStore } = await import("@/lib/snapshot/store");
  const store = openSnapshotStore(dataDir);
  await store.put(exampleSnapshot("a-old", "2026-11-20T10:05:00.000Z"));
  await store.put(exampleSnapshot("a-new", "2026-11-25T10:05:00.000Z"));
  // The newest scan overall is the other account's.
  await store.put(exampleSnapshot("b-new", "2026-11-27T10:05:00.000Z", (s) => void (s.account.id = OTHER)));
});

async function load(params: Record<string, string | string[]>) {
  const { loadSnapshot } = await import("./load");
  return loadSnapshot(Promise.resolve(params));
}

describe("loadSnapshot with ?account=", () => {
  it("shows the newest snapshot overall without it, and the account's newest with it, keeping it in links", async () => {
    const newest = await load({});
    expect(newest.ok && newest.snapshot.id).toBe("b-new");
    expect(newest.ok && newest.href("/services/iam")).toBe("/services/iam");

    const picked = await load({ account: ACCOUNT });
    expect(picked.ok && picked.snapshot.id).toBe("a-new");
    expect(picked.ok && picked.href("/services/iam")).toBe(`/services/iam?account=${ACCOUNT}`);

    const pinned = await load({ snapshot: "a-old", account: ACCOUNT });
    expect(pinned.ok && pinned.snapshot.id).toBe("a-old");
    expect(pinned.ok && pinned.href("/")).toBe(`/?snapshot=a-old&account=${ACCOUNT}`);
  });

  it("says why instead of showing another account: malformed, unknown, or a snapshot of another account", async () => {
    for (const account of ["12345", "../../etc", ["111122223333", "444455556666"]]) {
      expect(await load({ account })).toEqual({
        ok: false,
        problem:
          "The account parameter is not an AWS account id (12 digits). Nothing is shown rather than another account's data.",
      });
    }
    expect(await load({ account: "999999999999" })).toEqual({
      ok: false,
      problem: "No snapshots for account 999999999999.",
    });
    expect(await load({ snapshot: "b-new", account: ACCOUNT })).toEqual({
      ok: false,
      problem: `Snapshot b-new is of account ${OTHER}, not of account ${ACCOUNT}.`,
    });
  });
});

describe("older snapshots", () => {
  it("marks a pinned snapshot that is not its account's newest, with a link to the newest of the same account", async () => {
    const older = await load({ snapshot: "a-old" });
    expect(older.ok && older.older?.latestId).toBe("a-new");
    expect(older.ok && older.older?.latestHref("/services/iam")).toBe(`/services/iam?account=${ACCOUNT}`);
    // The newest of its account is not older, though another account scanned later.
    const newest = await load({ snapshot: "a-new" });
    expect(newest.ok && newest.older).toBeUndefined();
    const picked = await load({ account: ACCOUNT });
    expect(picked.ok && picked.older).toBeFalsy();
  });

  it("newerSnapshot ignores other accounts, other sources and unreadable records", async () => {
    const { newerSnapshot } = await import("./load");
    const shown = { id: "x", source: "aws" as const, finishedAt: "2026-11-20T10:05:00.000Z", account: { id: ACCOUNT } };
    const listing = (id: string, finishedAt: string, extra: object = {}) => ({
      id,
      source: "aws" as const,
      accountId: ACCOUNT,
      finishedAt,
      score: 50,
      ...extra,
    });
    expect(
      newerSnapshot(
        [
          listing("other-account", "2026-12-01T00:00:00.000Z", { accountId: OTHER }),
          listing("demo", "2026-12-01T00:00:00.000Z", { source: "demo" }),
          listing("broken", "2026-12-01T00:00:00.000Z", { unreadable: true }),
          listing("x", shown.finishedAt),
        ],
        shown,
      ),
    ).toBeUndefined();
    expect(newerSnapshot([listing("x", shown.finishedAt), listing("y", "2026-11-21T00:00:00.000Z")], shown)?.id).toBe(
      "y",
    );
  });
});
