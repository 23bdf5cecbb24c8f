import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { ACCOUNT, exampleSnapshot } from "@/lib/snapshot/fixtures";

const OTHER = "444455556666";
let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "safekeep-findings-route-"));
  vi.stubEnv("SAFEKEEP_DATA_DIR", dataDir);
  vi.resetModules();
});

async function store() {
  const { openSnapshotStore } = await import("@/lib/snapshot/store");
  return openSnapshotStore(dataDir);
}

async function get(query = "") {
  const { GET } = await import("./route");
  const response = await GET(new Request(`http://127.0.0.1/api/findings${query}`));
  return { status: response.status, headers: response.headers, body: await response.json() };
}

const scan = (id: string, accountId: string, finishedAt: string) =>
  exampleSnapshot(id, finishedAt, (s) => void (s.account = { id: accountId, partition: "aws", name: `Account ${id}` }));

describe("GET /api/findings", { timeout: 30_000 }, () => {
  it("pages the newest snapshot of every account, most severe first, with the rows' details", async () => {
    const s = await store();
    await s.put(scan("a-old", ACCOUNT, "2026-11-20T10:05:00.000Z"));
    await s.put(scan("a-new", ACCOUNT, "2026-11-27T10:05:00.000Z"));
    await s.put(scan("b-only", OTHER, "2026-11-25T08:00:00.000Z"));
    const { status, body, headers } = await get("?limit=4");
    expect(status).toBe(200);
    expect(headers.get("cache-control")).toBe("no-store");
    expect(body.snapshots.map((x: { id: string }) => x.id)).toEqual(["a-new", "b-only"]);
    expect(body.items).toHaveLength(4);
    expect(body.total).toBe(2 * 10);
    expect(body.items.every((i: { severity: string }) => i.severity === "high")).toBe(true);
    expect(Object.keys(body.items[0]).sort()).toEqual(
      [
        "findingId",
        "snapshotId",
        "accountId",
        "accountName",
        "service",
        "controlId",
        "controlTitle",
        "severity",
        "status",
        "region",
        "resourceArn",
        "resourceName",
        "tags",
        "reason",
        "firstSeen",
        "mute",
        "controlIncomplete",
      ].sort(),
    );
    expect(new Set(body.items.map((i: { snapshotId: string }) => i.snapshotId))).not.toContain("a-old");
    expect(typeof body.nextCursor).toBe("string");

    const next = await get(`?limit=4&cursor=${body.nextCursor}`);
    expect(next.status).toBe(200);
    expect(next.body.items.map((i: { findingId: string }) => i.findingId)).not.toContain(body.items[3].findingId);

    const old = await get("?snapshot=a-old&status=pass&limit=500");
    expect(old.body.snapshots.map((x: { id: string }) => x.id)).toEqual(["a-old"]);
    expect(old.body.items.map((i: { status: string; snapshotId: string }) => [i.status, i.snapshotId])).toEqual(
      Array.from({ length: old.body.total }, () => ["pass", "a-old"]),
    );
    expect(old.body.total).toBe(5);
  });

  it.each([
    ["?status=open", /^status\.0: Invalid option/],
    ["?limit=0", /^limit: must be a whole number from 1 to 500$/],
    ["?limit=1000", /^limit: must be at most 500$/],
    ["?sort=name", /^sort: must be one of/],
    ["?account=1234", /^account\.0: must be a 12-digit account id$/],
    ["?region=everywhere", /^region\.0: /],
    ["?muted=yes", /^muted: must be "true" or "false"$/],
    ["?service=iam&service=connect", /^service: given more than once/],
    ["?cursor=eyJ4Ijox", /^cursor: not a cursor this API gave$/],
  ])("answers %s with 400 naming the parameter", async (query, message) => {
    const { status, body, headers } = await get(query);
    expect(status).toBe(400);
    expect(body.error).toMatch(message);
    expect(headers.get("cache-control")).toBe("no-store");
  });

  it("answers an unknown snapshot with 404 and a stale cursor with 409", async () => {
    const s = await store();
    await s.put(scan("a1", ACCOUNT, "2026-11-20T10:05:00.000Z"));
    expect((await get("?snapshot=missing")).status).toBe(404);
    const { body } = await get("?limit=1");
    await s.put(scan("a2", ACCOUNT, "2026-11-21T10:05:00.000Z"));
    const stale = await get(`?limit=1&cursor=${body.nextCursor}`);
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatch(/^cursor: /);
  });

  it("shows the demo account when nothing was stored", async () => {
    await store();
    const { status, body } = await get("?limit=1");
    expect(status).toBe(200);
    expect(body.snapshots).toEqual([expect.objectContaining({ id: "demo", source: "demo" })]);
    expect(body.items).toHaveLength(1);
  });
});
