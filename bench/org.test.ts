import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generateOrganization } from "@/fake-aws/organization-generate";
import { buildInventory, connectInstance } from "@/lib/inventory/builders";
import { SERVICE_IDS, type Inventory } from "@/lib/inventory";
import type { Snapshot } from "@/lib/snapshot/schema";
import { lowerBound, SCANNER_CAPS } from "./lower-bound";
import {
  accountStages,
  dashboardTargets,
  organizationBound,
  organizationHistory,
  orgTargets,
  parseMachineStat,
  parseProcStat,
  parseRedisInfo,
  type OrganizationBound,
} from "./org";
import { parseOptions, RATE_LIMITS } from "./run";

const L = 40;

/** An account scanned in us-east-1 with nothing in it but what `parts` adds. */
function account(id: string, parts: Partial<Inventory> = {}): Inventory {
  const inventory = buildInventory({ regions: ["us-east-1"], services: [...SERVICE_IDS], ...parts });
  return { ...inventory, account: { ...inventory.account, id } };
}

const ids = (n: number) => Array.from({ length: n }, (_, i) => String(210_000_000_000 + i * 1_111));

describe("the organization's lower bound", () => {
  // An empty account in one Region, unlimited: its units are IAM (get → generate → get report: 3L),
  // ElastiCache, Cognito, Personalize, Connect, Macie and DescribeTrails (L each): 9L of slot time;
  // its identity L; its fan-in the TLS samples of IAM and STS one after another (2L). 12L in all, 13L
  // for a member, which first assumes its role. Alone it takes L + 3L (identity, then IAM's chain).
  const EMPTY_WORK = 12 * L;

  it("is the listing and then the one account's own bound", () => {
    const bound = organizationBound({ inventories: [account(ids(1)[0]!)], latencyMs: L, rateLimits: {}, slots: 8 });
    // GetCallerIdentity, one ListAccounts page, one ListParents.
    expect(bound.listingMs).toBe(3 * L);
    expect(bound.slowestAccountMs).toBe(4 * L);
    expect(bound.workMs).toBe(3 * L + EMPTY_WORK);
    expect(bound.wallMs).toBe(3 * L + 4 * L);
    expect(bound.critical).toBe("slowest account");
    // The account's 21 calls, plus GetCallerIdentity, DescribeOrganization, ListAccounts, ListParents.
    expect(bound.minimumCalls).toBe(21 + 4);
  });

  it("is set by total work over the workers' slots when accounts outnumber them", () => {
    const inventories = ids(10).map((id) => account(id));
    const on = (slots: number) => organizationBound({ inventories, latencyMs: L, rateLimits: {}, slots });
    // Listing: identity, one page of 10 accounts, ListParents 3 at a time (4 rounds).
    const listing = L + L + 4 * L;
    const work = EMPTY_WORK + 9 * (EMPTY_WORK + L);
    expect(on(2)).toMatchObject({ listingMs: listing, critical: "total work / slots", wallMs: listing + work / 2 });
    expect(on(4).wallMs).toBe(listing + work / 4);
    // With a slot per unit and more, nothing is shared: the slowest account, a member, sets it.
    expect(on(1_000)).toMatchObject({ critical: "slowest account", wallMs: listing + 4 * L + L });
    // Each member's AssumeRole is a call too.
    expect(on(2).minimumCalls).toBe(10 * 21 + 2 + 1 + 10 + 9);
  });

  it("does not add up rate-limited accounts: each account is its own quota domain", () => {
    const rateLimits = { "connect:*": { rate: 2, burst: 5 } };
    const withConnect = (id: string) =>
      account(id, { connect: { regions: [{ region: "us-east-1", instances: [connectInstance()] }] } });
    const one = lowerBound({
      inventory: withConnect(ids(1)[0]!),
      latencyMs: L,
      rateLimits,
      caps: { ...SCANNER_CAPS, regionSlots: 64, sharedRegionSlots: true },
    });
    // 13 storage-config calls through a 2/s bucket with a burst of 5: over 4 s for the account.
    expect(one.wallMs).toBeGreaterThan(4_000);
    const three = organizationBound({ inventories: ids(3).map(withConnect), latencyMs: L, rateLimits, slots: 64 });
    // Three times the quota-bound work, but side by side: the slowest account (a member) plus the listing.
    expect(three.wallMs).toBe(3 * L + one.wallMs + L);
    expect(three.critical).toBe("slowest account");
    // Team mode samples TLS only after every unit: Connect's 4 s unit, then the fan-in.
    expect(three.teamModePathMs).toBeGreaterThan(3 * L + L + L + 4_000 + 3 * L);
  });

  it("takes a generated account's fan-in as its TLS samples alongside storage, then KMS", () => {
    const management = generateOrganization({ accounts: 1, size: "small", seed: 1 }).organization.accounts[0]!;
    const bound = organizationBound({
      inventories: [management.inventory],
      latencyMs: L,
      rateLimits: RATE_LIMITS,
      slots: 8,
    });
    // Units: IAM 160, ElastiCache 3 × 120, Cognito 160 + 2 × 120, Personalize 2 × 240 + 40, Connect
    // 4,080 (its 2/s quota) + 2 × 40, Macie 80 + 80 + 40, tags and VPC endpoints 3 × 40 each,
    // CloudTrail 40 + 80: 6,160 ms. Identity 40. Fan-in: us-east-1's 7 LookupEvents at 2/s (2,540)
    // outlast S3 (120) then KMS (120), which run beside them.
    expect(bound.workMs - bound.listingMs).toBe(6_160 + 40 + 2_540);
    expect(bound.wallMs).toBe(3 * L + 4_360);
    // Team mode's order: identity, Connect's unit, then the fan-in.
    expect(bound.teamModePathMs).toBe(3 * L + 40 + 4_080 + 2_540);
  });

  it("refuses an empty organization and no slots", () => {
    expect(() => organizationBound({ inventories: [], latencyMs: L, rateLimits: {}, slots: 8 })).toThrow();
    expect(() =>
      organizationBound({ inventories: [account(ids(1)[0]!)], latencyMs: L, rateLimits: {}, slots: 0 }),
    ).toThrow(/at least 1/);
  });
});

describe("CPU accounting from /proc", () => {
  it("reads ppid and CPU ticks after a command name holding spaces and parentheses", () => {
    // proc(5): pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt
    // utime stime cutime cstime …
    const line = "4242 (node (worker) 1) S 4200 4242 4200 0 -1 4194560 9000 0 12 0 250 50 10 5 20 0 11 0 777 1 2";
    expect(parseProcStat(line)).toEqual({ ppid: 4200, ownMs: 3_000, childrenMs: 150 });
  });

  it.skipIf(!existsSync("/proc/self/stat"))("finds this process's parent in its own stat file", () => {
    expect(parseProcStat(readFileSync("/proc/self/stat", "utf8")).ppid).toBe(process.ppid);
  });

  it("counts idle and iowait as the machine's unused time, and tells interrupts and steal apart", () => {
    const stat = "cpu  100 5 50 800 20 3 2 7 0 0\ncpu0 50 2 25 400 10 1 1 3 0 0\n";
    expect(parseMachineStat(stat)).toEqual({ busyMs: 1_670, totalMs: 9_870, irqMs: 50, stealMs: 70 });
  });

  it("reads Redis's INFO fields, skipping section headers", () => {
    const info = "# CPU\r\nused_cpu_sys:1.50\r\nused_cpu_user:2.25\r\n\r\n# Stats\r\ntotal_commands_processed:9466\r\n";
    expect(parseRedisInfo(info)).toEqual({
      used_cpu_sys: "1.50",
      used_cpu_user: "2.25",
      total_commands_processed: "9466",
    });
  });
});

describe("an account's stages from its queue jobs", () => {
  it("splits each account's time into first unit, units, wait and fan-in, never mixing accounts", () => {
    const a = "org-20260601-000000000-abc123.210000000000";
    const b = "org-20260601-000000000-abc123.210000001111";
    const stages = accountStages(
      [a, b, "org-20260601-000000000-abc123.210000002222"],
      [
        { id: a, processedOn: 5_650, finishedOn: 6_400 },
        { id: `${a}.iam`, processedOn: 1_500, finishedOn: 1_700 },
        { id: `${a}.connect@us-east-1`, processedOn: 1_520, finishedOn: 5_600 },
        { id: b, processedOn: 9_000, finishedOn: 9_500 },
        { id: `${b}.iam`, processedOn: 3_000, finishedOn: 3_300 },
        // The third account never ended: it has no stages.
      ],
      1_000,
    );
    expect(stages).toEqual([
      { firstUnitMs: 500, unitsMs: 4_100, slowestUnitMs: 4_080, fanInWaitMs: 50, fanInMs: 750 },
      { firstUnitMs: 2_000, unitsMs: 300, slowestUnitMs: 300, fanInWaitMs: 5_700, fanInMs: 500 },
    ]);
  });
});

describe("the organization targets", () => {
  const bound = (wallMs: number) => ({ wallMs }) as OrganizationBound;

  it("judge the fastest setting and every setting's lost calls", () => {
    const checks = orgTargets(
      [
        { workers: 1, concurrency: 8, wallMs: 60_000, bound: bound(52_000), callsLost: 0 },
        { workers: 4, concurrency: 8, wallMs: 9_000, bound: bound(7_500), callsLost: 0 },
        { workers: 2, concurrency: 8, wallMs: 30_000, bound: bound(26_000), callsLost: 2 },
      ],
      5_000,
    );
    expect(checks.map((c) => [c.setting, c.met])).toEqual([
      ["4 × 8", true],
      ["4 × 8", true],
      ["all", false],
    ]);
    expect(checks[0]?.measured).toBe("1.8× (9 s vs 5 s)");
    expect(checks[2]?.measured).toBe("2");
  });

  it("miss when the fastest setting is over twice one account's time or 1.3 × its bound", () => {
    const checks = orgTargets(
      [{ workers: 2, concurrency: 8, wallMs: 13_100, bound: bound(4_600), callsLost: 0 }],
      5_000,
    );
    expect(checks.map((c) => c.met)).toEqual([false, false, true]);
  });
});

describe("the organization overview's data and target", () => {
  const snapshot = (id: string, accountId: string, finishedAt: string) =>
    ({
      id,
      account: { id: accountId, partition: "aws" },
      startedAt: new Date(Date.parse(finishedAt) - 60_000).toISOString(),
      finishedAt,
    }) as Snapshot;

  it("gives each account a daily history under ids of its own, the latest first", () => {
    const history = organizationHistory(
      [
        snapshot("20261202T171234Z-ab12", "210000000000", "2026-12-02T17:12:40.000Z"),
        snapshot("20261202T171236Z-cd34", "210000001111", "2026-12-02T17:12:45.000Z"),
      ],
      3,
    );
    expect(history.map((s) => [s.id, s.account.id, s.finishedAt])).toEqual([
      ["20261202T171234Z-ab12", "210000000000", "2026-12-02T17:12:40.000Z"],
      ["20261202T171234Z-ab12-h1", "210000000000", "2026-12-01T17:12:40.000Z"],
      ["20261202T171234Z-ab12-h2", "210000000000", "2026-11-30T17:12:40.000Z"],
      ["20261202T171236Z-cd34", "210000001111", "2026-12-02T17:12:45.000Z"],
      ["20261202T171236Z-cd34-h1", "210000001111", "2026-12-01T17:12:45.000Z"],
      ["20261202T171236Z-cd34-h2", "210000001111", "2026-11-30T17:12:45.000Z"],
    ]);
    expect(history[2]?.startedAt).toBe("2026-11-30T17:11:40.000Z");
    // Every id stays a valid snapshot id, even from the longest one.
    const long = organizationHistory([snapshot("a".repeat(64), "210000000000", "2026-12-02T17:12:40.000Z")], 20);
    for (const s of long) expect(s.id).toMatch(/^[A-Za-z0-9-]{1,64}$/);
    expect(new Set(long.map((s) => s.id)).size).toBe(20);
  });

  it("checks the overview's p95 only once it was measured", () => {
    const page = { page: "organization overview", path: "/accounts", requests: 40, p50Ms: 60, maxMs: 200, htmlKb: 90 };
    expect(dashboardTargets(null)).toEqual([]);
    expect(dashboardTargets({ skipped: "no /accounts page in the build" })).toEqual([]);
    const [check] = dashboardTargets({ accounts: 50, snapshotsPerAccount: 20, pages: [{ ...page, p95Ms: 151 }] });
    expect(check).toMatchObject({ limit: "150 ms", measured: "151 ms", met: false });
    expect(dashboardTargets({ accounts: 50, snapshotsPerAccount: 20, pages: [{ ...page, p95Ms: 149 }] })[0]?.met).toBe(
      true,
    );
  });
});

describe("npm run bench -- --org", () => {
  it("takes the organization's size and the worker counts, 1,2,4 by default", () => {
    expect(parseOptions(["--org", "50"])).toMatchObject({ org: 50, workers: [1, 2, 4] });
    expect(parseOptions(["--org", "6", "--workers", "1,2", "--concurrency", "16"])).toMatchObject({
      org: 6,
      workers: [1, 2],
      concurrency: 16,
    });
    expect(parseOptions([]).org).toBeUndefined();
    expect(() => parseOptions(["--org", "6", "--workers", "1,two"])).toThrow(/--workers/);
    expect(() => parseOptions(["--org", "0"])).toThrow(/--org/);
  });
});
