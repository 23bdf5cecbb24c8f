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
