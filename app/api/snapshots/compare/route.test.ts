import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { ACCOUNT, ec, exampleSnapshot, REGIONS } from "@/lib/snapshot/fixtures";

let dataDir: string;

const OLDER = "2026-11-20T10:05:00.000Z";
const NEWER = "2026-11-27T10:05:00.000Z";

/** Stores a full scan, then one of 3 of its 8 Regions in which a failing replication group passes. */
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "safekeep-compare-route-"));
  vi.stubEnv("SAFEKEEP_DATA_DIR", dataDir);
  vi.resetModules();
  const { openSnapshotStore } = await import("@/lib/snapshot/store");
  const store = openSnapshotStore(dataDir);
  await store.put(exampleSnapshot("full", OLDER));
  await store.put(
    exampleSnapshot("partial", NEWER, (s) => {
      s.regions = REGIONS.slice(0, 3);
      for (const c of s.controls) {
        c.results = c.results.filter((r) => r.region === "global" || s.regions.includes(r.region));
        for (const r of c.results)
          if (r.resourceArn === ec("us-east-1", "replicationgroup", "sessions-prod")) r.status = "pass";
      }
    }),
  );
  await store.put({
    ...exampleSnapshot("elsewhere", OLDER),
    account: { id: "210987654321", partition: "aws" },
  });
});

async function get(query: string) {
  const { GET } = await import("./route");
  const response = await GET(new Request(`http://127.0.0.1/api/snapshots/compare${query}`));
  return { status: response.status, headers: response.headers, body: await response.json() };
}

describe("GET /api/snapshots/compare", { timeout: 30_000 }, () => {
  it("compares two stored snapshots by id: fixed only what was judged again, the rest not re-checked", async () => {
    const { status, body, headers } = await get("?from=full&to=partial");
    expect(status).toBe(200);
    expect(headers.get("cache-control")).toBe("no-store");
    expect(body.account).toEqual({ id: ACCOUNT });
    expect(body.from).toEqual({ id: "full", finishedAt: OLDER, regions: REGIONS, score: 75 });
    expect(body.to).toMatchObject({ id: "partial", regions: REGIONS.slice(0, 3) });
    expect(body.comparable).toBe(false);
    expect(body.scopeNotes[0]).toMatch(/covered 8 Regions, snapshot partial 3 of them: 5 not re-checked/);
    // The Regions the newer scan left out hold three failing findings (carts-eu in eu-west-1, a
    // replication group and a user pool in ap-southeast-2): not re-checked, and none of them fixed.
    expect(body.counts).toEqual({
      new: 0,
      notCheckedBefore: 0,
      changed: 0,
      notRechecked: 3,
      fixed: 1,
      stillFailing: 6,
    });
    expect(
      body.findings
        .filter((f: { change: string }) => f.change === "notRechecked")
        .map((f: { region: string }) => f.region)
        .sort(),
    ).toEqual(["ap-southeast-2", "ap-southeast-2", "eu-west-1"]);
    const fixed = body.findings.find((f: { change: string }) => f.change === "fixed");
    expect(fixed).toMatchObject({
      control: "elasticache.rg-authentication",
      resourceArn: ec("us-east-1", "replicationgroup", "sessions-prod"),
      before: "fail",
      after: "pass",
      firstSeen: OLDER,
      lastSeen: OLDER,
    });
    const still = body.findings.find((f: { change: string }) => f.change === "stillFailing");
    expect(still).toMatchObject({ firstSeen: OLDER, lastSeen: NEWER });
  });

  it("accepts latest and says when a newer snapshot could not be read", async () => {
    const raw = new Database(path.join(dataDir, "safekeep.db"));
    raw
      .prepare("INSERT INTO snapshots (id, source, account_id, finished_at, score, body) VALUES (?, ?, ?, ?, ?, ?)")
      .run("torn", "aws", ACCOUNT, "2026-11-28T00:00:00.000Z", 90, '{"schemaVersion":1,');
    raw.close();
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      const { status, body, headers } = await get("?from=full&to=latest");
      expect(status).toBe(200);
      expect(body.to.id).toBe("partial");
      expect(headers.get("x-safekeep-notice")).toMatch(/^Snapshot torn .* could not be read/);
    } finally {
      stderr.mockRestore();
    }
  });

  it.each([
    ["", 400, /from: from is required.*to: to is required/],
    ["?from=full", 400, /to: to is required/],
    ["?from=../etc&to=full", 400, /from: from must be a snapshot id, latest or demo/],
    ["?from=full&to=partial&extra=1", 400, /Unrecognized key.*extra/],
    ["?from=full&to=elsewhere", 400, /different AWS accounts \(123456789012 and 210987654321\)/],
    ["?from=nope&to=partial", 404, /^No snapshot with id nope\.$/],
    ["?from=full&to=demo", 400, /different AWS accounts/],
  ])("answers %s with %i and a message", async (query, code, message) => {
    const { status, body } = await get(query);
    expect(status).toBe(code);
    expect(body.error).toMatch(message);
  });
});
