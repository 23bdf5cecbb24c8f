import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { ACCOUNT, exampleSnapshot } from "@/lib/snapshot/fixtures";

const OTHER = "444455556666";
let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "safekeep-accounts-route-"));
  vi.stubEnv("SAFEKEEP_DATA_DIR", dataDir);
  vi.resetModules();
});

async function store() {
  const { openSnapshotStore } = await import("@/lib/snapshot/store");
  return openSnapshotStore(dataDir);
}

async function get(query = "") {
  const { GET } = await import("./route");
  const response = await GET(new Request(`http://127.0.0.1/api/accounts${query}`));
  return { status: response.status, headers: response.headers, body: await response.json() };
}

describe("GET /api/accounts", { timeout: 30_000 }, () => {
  it("answers an empty store with an empty list", async () => {
    await store();
    const { status, body, headers } = await get();
    expect(status).toBe(200);
    expect(body).toEqual([]);
    expect(headers.get("cache-control")).toBe("no-store");
    expect(headers.get("x-safekeep-notice")).toBeNull();
  });

  it("lists each account once with its newest readable snapshot, newest scan first", async () => {
    const s = await store();
    await s.put(exampleSnapshot("a-old", "2026-11-20T10:05:00.000Z"));
    await s.put(exampleSnapshot("a-new", "2026-11-27T10:05:00.000Z", (x) => void (x.score = 81)));
    await s.put(
      exampleSnapshot("b-only", "2026-11-25T08:00:00.000Z", (x) => {
        x.account = { id: OTHER, partition: "aws" };
        x.score = null;
      }),
    );
    // A newer record of the other account that does not parse: passed over, and said so.
    const raw = new Database(path.join(dataDir, "safekeep.db"));
    raw
      .prepare("INSERT INTO snapshots (id, source, account_id, finished_at, score, body) VALUES (?, ?, ?, ?, ?, ?)")
      .run("b-torn", "aws", OTHER, "2026-11-28T00:00:00.000Z", 99, '{"schemaVersion":1,');
    raw.close();
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      const { status, body, headers } = await get();
      expect(status).toBe(200);
      expect(body).toEqual([
        {
          accountId: ACCOUNT,
          name: null,
          ou: null,
          latestSnapshotId: "a-new",
          score: 81,
          scannedAt: "2026-11-27T10:05:00.000Z",
        },
        {
          accountId: OTHER,
          name: null,
          ou: null,
          latestSnapshotId: "b-only",
          score: null,
          scannedAt: "2026-11-25T08:00:00.000Z",
        },
      ]);
      expect(headers.get("x-safekeep-notice")).toMatch(/^Snapshot b-torn of account 444455556666 .* could not be read/);
    } finally {
      stderr.mockRestore();
    }
  });

  it.each([["?account=123456789012"], ["?limit=10"], ["?x"]])("refuses the unknown parameter %s", async (query) => {
    const { status, body, headers } = await get(query);
    expect(status).toBe(400);
    expect(body.error).toMatch(/^query: Unrecognized key/);
    expect(headers.get("cache-control")).toBe("no-store");
  });
});
