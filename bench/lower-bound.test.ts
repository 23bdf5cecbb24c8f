import { describe, expect, it } from "vitest";
import {
  buildInventory,
  cognitoAppClient,
  cognitoUserPool,
  connectInstance,
  personalizeDatasetGroup,
  personalizeJob,
  replicationGroup,
} from "@/lib/inventory/builders";
import { SERVICE_IDS, type Inventory } from "@/lib/inventory";
import { generateInventory } from "./generate";
import { lowerBound, SCANNER_CAPS, taskBound, type Task } from "./lower-bound";

const L = 40;

/** An account scanned in `regions` with nothing in it but what `parts` adds. */
function account(regions: string[], parts: Partial<Inventory> = {}): Inventory {
  return buildInventory({ regions, services: [...SERVICE_IDS], ...parts });
}

describe("minimum calls (docs/controls.md#call-budget)", () => {
  it("an empty Region costs the catalog's discovery calls", () => {
    const bound = lowerBound({ inventory: account(["us-east-1"]), latencyMs: L });
    expect(bound.callsByService).toEqual({
      setup: 1,
      // Summary, report get → generate → get, password policy, one page of authorization details,
      // one of MFA devices, aliases, OIDC providers.
      iam: 9,
      elasticache: 3,
      cognito: 2,
      personalize: 1,
      connect: 1,
      // GetMacieSession, DescribeTrails, LookupEvents for IAM and STS in us-east-1.
      account: 4,
    });
    expect(bound.minimumCalls).toBe(21);
  });

  it("reuses a fresh credential report in one call", () => {
    const fresh = lowerBound({ inventory: account(["us-east-1"]), latencyMs: L, credentialReportCached: true });
    expect(fresh.callsByService.iam).toBe(7);
  });

  it("pages lists at the catalog's page sizes", () => {
    const groups = Array.from({ length: 250 }, (_, i) => replicationGroup({ id: `g${i}`, memberClusters: [] }));
    const inventory = account(["us-east-1"], {
      elasticache: {
        regions: [
          {
            region: "us-east-1",
            replicationGroups: groups,
            cacheClusters: [],
            serverlessCaches: [],
            userGroups: [],
            users: [],
            snapshots: [],
          },
        ],
      },
    });
    // 3 pages of groups + 1 (clusters) + 1 (serverless), then 4 follow-up lists.
    expect(lowerBound({ inventory, latencyMs: L }).callsByService.elasticache).toBe(9);
  });

  it("counts Cognito per pool: describe, logs, MFA only when not OFF, risk only when enforced, clients", () => {
    const pools = [
      cognitoUserPool({ id: "us-east-1_a", mfaConfiguration: "ON", clients: [cognitoAppClient(), cognitoAppClient()] }),
      cognitoUserPool({ id: "us-east-1_b", mfaConfiguration: "OFF", advancedSecurityMode: "OFF", clients: [] }),
    ];
    const inventory = account(["us-east-1"], {
      cognito: { regions: [{ region: "us-east-1", userPools: pools, identityPools: [] }] },
    });
    // ListUserPools 1 + describe 2 + logs 2 + MFA 1 + risk configuration 1 + client lists 2
    // + client describes 2 + ListIdentityPools 1.
    expect(lowerBound({ inventory, latencyMs: L }).callsByService.cognito).toBe(12);
  });

  it("describes only the newest 20 Personalize jobs of a kind", () => {
    const jobs = Array.from({ length: 30 }, (_, i) => personalizeJob({ name: `j${i}`, kind: "batch-inference" }));
    const inventory = account(["us-east-1"], {
      personalize: {
        regions: [{ region: "us-east-1", datasetGroups: [personalizeDatasetGroup()], jobs, names: [] }],
      },
    });
    // 1 list + describe and tags of the group + 5 job lists + 20 describes + 6 name lists.
    expect(lowerBound({ inventory, latencyMs: L }).callsByService.personalize).toBe(1 + 2 + 5 + 20 + 6);
  });

  it("costs a Connect instance 17 calls after the instance list", () => {
    const inventory = account(["us-east-1"], {
      connect: { regions: [{ region: "us-east-1", instances: [connectInstance()] }] },
    });
    expect(lowerBound({ inventory, latencyMs: L }).callsByService.connect).toBe(1 + 17);
  });
});

describe("time lower bound", () => {
  it("is the longest chain when nothing is rate limited", () => {
    // GetCallerIdentity, then IAM's report chain (get → generate → get) is the longest.
    expect(lowerBound({ inventory: account(["us-east-1"]), latencyMs: L }).wallMs).toBe(L + 3 * L);
  });

  it("waits for a token bucket: 13 storage calls at 2/s with a burst of 5", () => {
    const inventory = account(["us-east-1"], {
      connect: { regions: [{ region: "us-east-1", instances: [connectInstance()] }] },
    });
    const bound = lowerBound({ inventory, latencyMs: L, rateLimits: { "connect:*": { rate: 2, burst: 5 } } });
    // Identity, ListInstances, then (13 − 5) / 2 s of admissions and one latency; then the TLS sample
    // of Connect's events, which needs to know the Region has an instance.
    expect(bound.slowestTasks[0]).toEqual({ name: "connect/us-east-1", calls: 18, ms: L + 4000 + L });
    expect(bound.wallMs).toBe(L + (L + 4000 + L) + L);
    expect(bound.critical).toBe("cloudtrail + TLS lookups");
  });

  it("spreads a task's calls over its concurrency cap", () => {
    const t: Task = {
      name: "t",
      service: "s",
      region: "r",
      calls: [{ action: "x:Describe", count: 30, after: 0 }],
      depth: 1,
      concurrency: 3,
    };
    expect(taskBound(t, L)).toBe(10 * L);
    expect(taskBound({ ...t, concurrency: 1 }, L)).toBe(30 * L);
  });

  it("bounds shared Region slots by total work over the slots", () => {
    const regions = ["us-east-1", "us-west-2", "eu-central-1", "ap-northeast-1", "ap-southeast-2", "ca-central-1"];
    const inventory = account(regions, {
      connect: {
        regions: regions.map((region) => ({
          region,
          instances: [connectInstance({ id: `i-${region}`, region })],
        })),
      },
    });
    const rateLimits = { "connect:*": { rate: 2, burst: 5 } };
    const shared = lowerBound({ inventory, latencyMs: L, rateLimits });
    const perService = lowerBound({
      inventory,
      latencyMs: L,
      rateLimits,
      caps: { ...SCANNER_CAPS, sharedRegionSlots: false },
    });
    // Six 4.08 s Connect tasks in four slots: at least 6 × 4.08 / 4 s, whichever way they share them.
    expect(shared.wallMs).toBeGreaterThanOrEqual(L + (6 * 4080) / 4);
    expect(perService.wallMs).toBeGreaterThanOrEqual(L + (6 * 4080) / 4);
    expect(shared.wallMs).toBeGreaterThanOrEqual(perService.wallMs);
  });
});

describe("synthetic accounts", () => {
  it("are deterministic for a size, seed and clock", () => {
    const now = new Date("2026-06-01T00:00:00Z");
    expect(JSON.stringify(generateInventory("small", { now }))).toBe(
      JSON.stringify(generateInventory("small", { now })),
    );
    expect(JSON.stringify(generateInventory("small", { now, seed: 2 }))).not.toBe(
      JSON.stringify(generateInventory("small", { now })),
    );
  });

  it("cost more calls, but not more per resource, as they grow", () => {
    const small = lowerBound({ inventory: generateInventory("small"), latencyMs: L });
    const medium = lowerBound({ inventory: generateInventory("medium"), latencyMs: L });
    expect(medium.minimumCalls).toBeGreaterThan(small.minimumCalls);
    expect(medium.minimumCalls / 2000).toBeLessThan(small.minimumCalls / 100);
  });
});
