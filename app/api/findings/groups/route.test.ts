import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { ACCOUNT, exampleSnapshot } from "@/lib/snapshot/fixtures";

const OTHER = "444455556666";
let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "safekeep-groups-route-"));
  vi.stubEnv("SAFEKEEP_DATA_DIR", dataDir);
  vi.stubEnv("SAFEKEEP_OWNER_TAG", "");
  vi.resetModules();
});

async function store() {
  const { openSnapshotStore } = await import("@/lib/snapshot/store");
  return openSnapshotStore(dataDir);
}

async function get(query = "") {
  const { GET } = await import("./route");
  const response = await GET(new Request(`http://127.0.0.1/api/findings/groups${query}`));
  return { status: response.status, headers: response.headers, body: await response.json() };
}

/** The example account, its ElastiCache groups tagged by team as a platform team would tag them. */
const scan = (id: string, accountId: string, finishedAt: string) =>
  exampleSnapshot(id, finishedAt, (s) => {
    s.account = { id: accountId, partition: "aws", name: `Account ${id}` };
    for (const result of s.controls.flatMap((c) => c.results)) {
      if (result.resourceArn.endsWith(":sessions-prod")) result.tags = [{ key: "team", value: "payments" }];
      if (result.resourceArn.endsWith(":carts-eu")) result.tags = [{ key: "team", value: "growth" }];
    }
  });

type Group = { key: string | null; label: string; count: number; worst: string; muted?: number };
const brief = (groups: Group[]) => groups.map((g) => `${g.key} ${g.label} ${g.count} ${g.worst}`);

describe("GET /api/findings/groups", { timeout: 30_000 }, () => {
  it("counts the newest snapshot of every account per group, worst first, with the same filters as the list", async () => {
    const s = await store();
    await s.put(scan("a-old", ACCOUNT, "2026-11-20T10:05:00.000Z"));
    await s.put(scan("a-new", ACCOUNT, "2026-11-27T10:05:00.000Z"));
    await s.put(scan("b-only", OTHER, "2026-11-25T08:00:00.000Z"));
    const { status, body, headers } = await get("?by=account");
    expect(status).toBe(200);
    expect(headers.get("cache-control")).toBe("no-store");
    expect(Object.keys(body).sort()).toEqual(["groups", "snapshots", "total"]);
    expect(body.snapshots.map((x: { id: string }) => x.id)).toEqual(["a-new", "b-only"]);
    expect(body.total).toBe(20);
    expect(body.groups).toEqual([
      { key: ACCOUNT, label: "Account a-new", count: 10, worst: "high", fail: 7, warn: 3, error: 0 },
      { key: OTHER, label: "Account b-only", count: 10, worst: "high", fail: 7, warn: 3, error: 0 },
    ]);

    const regions = await get(`?by=region&account=${OTHER}&severity=high,medium&status=fail`);
    // Failing only: Sessions-Prod, scratch, checkout and the app client in us-east-1; the user pool
    // in ap-southeast-2 is medium, so its group comes after the high ones.
    expect(brief(regions.body.groups)).toEqual([
      "us-east-1 us-east-1 4 high",
      "eu-west-1 eu-west-1 1 high",
      "global global 1 high",
      "ap-southeast-2 ap-southeast-2 1 medium",
    ]);
    expect(regions.body.total).toBe(7);
    // The list answers the same filters with as many rows.
    const { GET: list } = await import("../route");
    const listed = await list(
      new Request(`http://127.0.0.1/api/findings?account=${OTHER}&severity=high,medium&status=fail&limit=1`),
    );
    expect((await listed.json()).total).toBe(7);
  });

  it("groups by the owner tag the setting names, and filters on it, `-` for resources without one", async () => {
    vi.stubEnv("SAFEKEEP_OWNER_TAG", "team");
    const s = await store();
    await s.put(scan("a1", ACCOUNT, "2026-11-27T10:05:00.000Z"));
    expect(brief((await get("?by=owner")).body.groups)).toEqual([
      "null (no team tag) 8 high",
      "growth growth 1 high",
      "payments payments 1 high",
    ]);
    expect(brief((await get("?by=region&owner=payments,growth")).body.groups)).toEqual([
      "eu-west-1 eu-west-1 1 high",
      "us-east-1 us-east-1 1 high",
    ]);
    expect((await get("?by=owner&owner=-")).body.groups).toMatchObject([{ key: null, count: 8 }]);
    // Any tag's values, the owner tag's included.
    expect(brief((await get("?by=tag:team&service=elasticache")).body.groups)).toEqual([
      "null (no team tag) 3 high",
      "growth growth 1 high",
      "payments payments 1 high",
    ]);
  });

  it("counts the rows a mute in force covers", async () => {
    const s = await store();
    await s.put(scan("a1", ACCOUNT, "2026-11-27T10:05:00.000Z"));
    const now = Date.now();
    const mute = {
      id: "mute-aaaaaaaaaaaa",
      target: { kind: "rule" as const, controlId: "elasticache.rg-authentication", region: "us-east-1" },
      reason: "The cluster is replaced this month",
      owner: "payments",
      expiresAt: new Date(now + 30 * 86_400_000).toISOString(),
      createdAt: new Date(now - 86_400_000).toISOString(),
      createdBy: "alice",
      updatedAt: new Date(now - 86_400_000).toISOString(),
      updatedBy: "alice",
    };
    await s.insertMute(mute, { muteId: mute.id, at: mute.createdAt, actor: "alice", action: "created" });
    const { body } = await get("?by=control");
    expect(body.groups.find((g: Group) => g.key === "elasticache.rg-authentication")).toMatchObject({
      count: 4,
      muted: 2,
    });
    expect(body.groups.filter((g: Group) => g.muted !== undefined)).toHaveLength(1);
    expect((await get("?by=control&muted=false")).body.groups[0]).toMatchObject({
      key: "elasticache.rg-authentication",
      count: 2,
    });
  });

  it.each([
    ["", /^by: required; must be one of control, resource, region, account, service, severity, owner or tag:<key>$/],
    ["?by=name", /^by: must be one of /],
    ["?by=tag:", /^by: tag:<key>: must name a tag key$/],
    ["?by=region&by=control", /^by: given more than once/],
    ["?by=region&sort=severity", /^sort: does not apply to groups/],
    ["?by=region&cursor=abc", /^cursor: does not apply to groups/],
    ["?by=region&status=open", /^status\.0: Invalid option/],
    ["?by=region&account=1234", /^account\.0: must be a 12-digit account id$/],
    ["?by=region&page=2", /^query: Unrecognized key: "page"$/],
  ])("answers %s with 400 naming the parameter", async (query, message) => {
    const { status, body, headers } = await get(query);
    expect(status).toBe(400);
    expect(body.error).toMatch(message);
    expect(headers.get("cache-control")).toBe("no-store");
  });

  it("answers an unknown snapshot with 404, and groups the demo account when nothing was stored", async () => {
    await store();
    expect((await get("?by=control&snapshot=missing")).status).toBe(404);
    const { status, body } = await get("?by=severity");
    expect(status).toBe(200);
    expect(body.snapshots).toEqual([expect.objectContaining({ id: "demo", source: "demo" })]);
    expect(body.groups.length).toBeGreaterThan(0);
    expect(body.groups.reduce((n: number, g: Group) => n + g.count, 0)).toBe(body.total);
  });
});
