import { describe, expect, it } from "vitest";
import { control as rgTransitEncryption } from "@/lib/controls/elasticache/rg-transit-encryption";
import { CONTROLS } from "@/lib/controls/registry";
import type { ElastiCacheRegionInventory, Inventory } from "@/lib/inventory";
import { DEMO_ACCOUNT_ID, demoInventory } from "./inventory";

/**
 * Consistency checks for an inventory. Each returns a list of human-readable problems, so a
 * failure names the offending resource. The "detects" tests below break a copy of the demo on
 * purpose to prove every check can fail.
 */

function ecRegions(inventory: Inventory): ElastiCacheRegionInventory[] {
  return inventory.elasticache?.regions ?? [];
}

/** Every region holding resources was scanned, appears once, and each resource sits in its own region. */
function regionProblems(inventory: Inventory): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const r of ecRegions(inventory)) {
    if (!inventory.regions.includes(r.region)) problems.push(`region ${r.region} is not in inventory.regions`);
    if (seen.has(r.region)) problems.push(`region ${r.region} appears twice`);
    seen.add(r.region);
    const resources = [
      ...r.replicationGroups.map((x) => ["replication group", x.id, x.region] as const),
      ...r.cacheClusters.map((x) => ["cache cluster", x.id, x.region] as const),
      ...r.serverlessCaches.map((x) => ["serverless cache", x.name, x.region] as const),
      ...r.userGroups.map((x) => ["user group", x.id, x.region] as const),
      ...r.users.map((x) => ["user", x.id, x.region] as const),
      ...r.snapshots.map((x) => ["snapshot", x.name, x.region] as const),
    ];
    for (const [kind, name, region] of resources) {
      if (region !== r.region) problems.push(`${kind} ${name} says region ${region} but is listed under ${r.region}`);
      if (!inventory.regions.includes(region)) problems.push(`${kind} ${name} is in unscanned region ${region}`);
    }
  }
  for (const e of inventory.errors) {
    if (!inventory.regions.includes(e.region)) problems.push(`error for ${e.action} in unscanned region ${e.region}`);
  }
  return problems;
}

/** Replication-group members exist as clusters pointing back at the group, and vice versa. */
function memberProblems(inventory: Inventory): string[] {
  const problems: string[] = [];
  for (const r of ecRegions(inventory)) {
    const clusters = new Map(r.cacheClusters.map((c) => [c.id, c]));
    const groups = new Map(r.replicationGroups.map((g) => [g.id, g]));
    for (const g of r.replicationGroups) {
      if (g.memberClusters.length === 0) problems.push(`replication group ${g.id} has no members`);
      for (const id of g.memberClusters) {
        const c = clusters.get(id);
        if (!c) problems.push(`member ${id} of ${g.id} is not a cache cluster in ${r.region}`);
        else {
          if (c.replicationGroupId !== g.id) problems.push(`cluster ${id} does not point back at ${g.id}`);
          if (!c.engineVersion) problems.push(`member cluster ${id} has no engineVersion`);
          if (c.engineVersion !== g.engineVersion) problems.push(`member ${id} version differs from ${g.id}`);
        }
      }
    }
    for (const c of r.cacheClusters) {
      if (c.replicationGroupId === undefined) continue;
      if (!groups.get(c.replicationGroupId)?.memberClusters.includes(c.id)) {
        problems.push(`cluster ${c.id} claims group ${c.replicationGroupId}, which does not list it`);
      }
    }
  }
  return problems;
}

/** Caches, user groups and users reference each other symmetrically. */
function rbacProblems(inventory: Inventory): string[] {
  const problems: string[] = [];
  for (const r of ecRegions(inventory)) {
    const groups = new Map(r.userGroups.map((g) => [g.id, g]));
    const users = new Map(r.users.map((u) => [u.id, u]));
    const groupIds = new Set(r.replicationGroups.map((g) => g.id));
    const serverlessNames = new Set(r.serverlessCaches.map((s) => s.name));

    for (const rg of r.replicationGroups) {
      for (const id of rg.userGroupIds) {
        const g = groups.get(id);
        if (!g) problems.push(`replication group ${rg.id} references missing user group ${id}`);
        else if (!g.replicationGroups.includes(rg.id)) problems.push(`user group ${id} does not list ${rg.id}`);
      }
    }
    for (const sc of r.serverlessCaches) {
      if (sc.userGroupId === undefined) continue;
      const g = groups.get(sc.userGroupId);
      if (!g) problems.push(`serverless cache ${sc.name} references missing user group ${sc.userGroupId}`);
      else if (!g.serverlessCaches.includes(sc.name)) problems.push(`user group ${g.id} does not list ${sc.name}`);
    }
    for (const g of r.userGroups) {
      for (const rgId of g.replicationGroups) {
        if (!groupIds.has(rgId)) problems.push(`user group ${g.id} lists missing replication group ${rgId}`);
        else if (!r.replicationGroups.find((rg) => rg.id === rgId)?.userGroupIds.includes(g.id)) {
          problems.push(`replication group ${rgId} does not reference user group ${g.id}`);
        }
      }
      for (const name of g.serverlessCaches) {
        if (!serverlessNames.has(name)) problems.push(`user group ${g.id} lists missing serverless cache ${name}`);
        else if (r.serverlessCaches.find((s) => s.name === name)?.userGroupId !== g.id) {
          problems.push(`serverless cache ${name} does not reference user group ${g.id}`);
        }
      }
      const members = g.userIds.map((id) => users.get(id));
      g.userIds.forEach((id, i) => {
        const u = members[i];
        if (!u) problems.push(`user group ${g.id} lists missing user ${id}`);
        else if (!u.userGroupIds.includes(g.id)) problems.push(`user ${id} does not list group ${g.id}`);
      });
      // ElastiCache requires every group to contain a user named `default`.
      if (!members.some((u) => u?.userName === "default")) problems.push(`user group ${g.id} has no "default" user`);
      // Valkey groups may only contain password or IAM users.
      if (g.engine === "valkey") {
        for (const u of members) {
          if (u && u.authenticationType === "no-password")
            problems.push(`valkey group ${g.id} holds no-password ${u.id}`);
        }
      }
    }
    for (const u of r.users) {
      for (const id of u.userGroupIds) {
        const g = groups.get(id);
        if (!g) problems.push(`user ${u.id} references missing user group ${id}`);
        else if (!g.userIds.includes(u.id)) problems.push(`user group ${id} does not list user ${u.id}`);
      }
      if (u.authenticationType === "password" && !(u.passwordCount && u.passwordCount >= 1)) {
        problems.push(`password user ${u.id} has no passwordCount`);
      }
    }
  }
  return problems;
}

const AWS_DEFAULT_USER = "default";

/**
 * Snapshot sources exist, except the deliberately deleted ones returned separately; serverless
 * snapshots are absent where listing them failed.
 */
function snapshotProblems(inventory: Inventory): { problems: string[]; deletedSources: string[] } {
  const problems: string[] = [];
  const deletedSources: string[] = [];
  for (const r of ecRegions(inventory)) {
    const failedServerlessListing = inventory.errors.some(
      (e) => e.region === r.region && e.action === "elasticache:DescribeServerlessCacheSnapshots",
    );
    for (const s of r.snapshots) {
      if (s.kind === "node-based") {
        if (!s.replicationGroupId && !s.cacheClusterId) problems.push(`snapshot ${s.name} has no source`);
        if (s.replicationGroupId && !r.replicationGroups.some((g) => g.id === s.replicationGroupId)) {
          deletedSources.push(s.replicationGroupId);
        }
        if (s.cacheClusterId) {
          const c = r.cacheClusters.find((x) => x.id === s.cacheClusterId);
          if (!c) problems.push(`snapshot ${s.name} names missing cluster ${s.cacheClusterId}`);
          else if (c.replicationGroupId !== s.replicationGroupId) {
            problems.push(`snapshot ${s.name}: cluster ${c.id} is not in group ${s.replicationGroupId}`);
          }
        }
        if (s.serverlessCacheName) problems.push(`node-based snapshot ${s.name} names a serverless cache`);
      } else {
        if (!r.serverlessCaches.some((c) => c.name === s.serverlessCacheName)) {
          problems.push(`serverless snapshot ${s.name} names missing cache ${s.serverlessCacheName}`);
        }
        if (failedServerlessListing) {
          problems.push(`serverless snapshot ${s.name} in ${r.region}, where listing them was denied`);
        }
      }
    }
  }
  return { problems, deletedSources };
}

const ARN_KIND = {
  replicationGroups: "replicationgroup",
  cacheClusters: "cluster",
  serverlessCaches: "serverlesscache",
  userGroups: "usergroup",
  users: "user",
} as const;

/** ARNs are well formed and name this account, the resource's region, its kind and its id. */
function arnProblems(inventory: Inventory): string[] {
  const problems: string[] = [];
  const { id: account, partition } = inventory.account;
  const check = (arn: string, region: string, kind: string, name: string) => {
    const expected = `arn:${partition}:elasticache:${region}:${account}:${kind}:${name}`;
    if (arn !== expected) problems.push(`ARN ${arn} should be ${expected}`);
  };
  const checkKms = (key: string | undefined, region: string, owner: string) => {
    if (key === undefined) return;
    const re = new RegExp(`^arn:${partition}:kms:${region}:${account}:key/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$`);
    if (!re.test(key)) problems.push(`KMS key of ${owner} is not a key ARN in ${region}/${account}: ${key}`);
  };
  for (const r of ecRegions(inventory)) {
    for (const x of r.replicationGroups) {
      check(x.arn, x.region, ARN_KIND.replicationGroups, x.id);
      checkKms(x.kmsKeyId, x.region, x.id);
    }
    for (const x of r.cacheClusters) check(x.arn, x.region, ARN_KIND.cacheClusters, x.id);
    for (const x of r.serverlessCaches) {
      check(x.arn, x.region, ARN_KIND.serverlessCaches, x.name);
      checkKms(x.kmsKeyId, x.region, x.name);
    }
    for (const x of r.userGroups) check(x.arn, x.region, ARN_KIND.userGroups, x.id);
    for (const x of r.users) check(x.arn, x.region, ARN_KIND.users, x.id);
    for (const x of r.snapshots) {
      check(x.arn, x.region, x.kind === "serverless" ? "serverlesscachesnapshot" : "snapshot", x.name);
      checkKms(x.kmsKeyId, x.region, x.name);
    }
  }
  return problems;
}

/** The stats agree with the call budget (7 per region with caches, 3 per empty one) and the timestamps. */
function statsProblems(inventory: Inventory): string[] {
  const problems: string[] = [];
  const regions = ecRegions(inventory);
  const withCaches = regions.filter(
    (r) => r.replicationGroups.length + r.cacheClusters.length + r.serverlessCaches.length > 0,
  ).length;
  const expectedCalls = withCaches * 7 + (regions.length - withCaches) * 3;
  if (inventory.stats.apiCalls !== expectedCalls) {
    problems.push(`apiCalls is ${inventory.stats.apiCalls}, the budget gives ${expectedCalls}`);
  }
  const elapsed = Date.parse(inventory.finishedAt) - Date.parse(inventory.startedAt);
  if (inventory.stats.durationMs !== elapsed) {
    problems.push(`durationMs is ${inventory.stats.durationMs}, timestamps give ${elapsed}`);
  }
  return problems;
}

function allProblems(inventory: Inventory): string[] {
  return [
    ...regionProblems(inventory),
    ...memberProblems(inventory),
    ...rbacProblems(inventory),
    ...snapshotProblems(inventory).problems,
    ...arnProblems(inventory),
    ...statsProblems(inventory),
  ];
}

/** A deep copy of the demo to break on purpose. */
function copy(): Inventory {
  return structuredClone(demoInventory);
}

function region(inventory: Inventory, name: string): ElastiCacheRegionInventory {
  const r = ecRegions(inventory).find((x) => x.region === name);
  if (!r) throw new Error(`no region ${name}`);
  return r;
}

describe("demo inventory", () => {
  it("is a demo scan of the fictional account, ElastiCache only, on 2026-11-20", () => {
    expect(demoInventory.source).toBe("demo");
    expect(demoInventory.account).toEqual({ id: "210987654321", partition: "aws" });
    expect(DEMO_ACCOUNT_ID).toBe("210987654321");
    expect(demoInventory.services).toEqual(["elasticache"]);
    expect(demoInventory.startedAt).toMatch(/^2026-11-20T\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(demoInventory.finishedAt).toMatch(/^2026-11-20T\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Date.parse(demoInventory.finishedAt)).toBeGreaterThan(Date.parse(demoInventory.startedAt));
    expect(demoInventory.skippedRegions).toEqual([]);
  });

  it("has ElastiCache resources in the main regions and lists every region it scanned", () => {
    const withResources = ecRegions(demoInventory)
      .filter((r) => r.replicationGroups.length + r.cacheClusters.length + r.serverlessCaches.length > 0)
      .map((r) => r.region);
    expect(withResources).toEqual(expect.arrayContaining(["us-east-1", "eu-west-1", "ap-southeast-2"]));
    expect(
      ecRegions(demoInventory)
        .map((r) => r.region)
        .sort(),
    ).toEqual([...demoInventory.regions].sort());
  });

  it("carries exactly one collection error: serverless snapshots denied in ap-southeast-2", () => {
    expect(demoInventory.errors).toEqual([
      {
        service: "elasticache",
        region: "ap-southeast-2",
        action: "elasticache:DescribeServerlessCacheSnapshots",
        kind: "access-denied",
        message: "insufficient permissions: elasticache:DescribeServerlessCacheSnapshots",
      },
    ]);
  });

  it("keeps every resource in a scanned region, under its own region", () => {
    expect(regionProblems(demoInventory)).toEqual([]);
  });

  it("lists every replication-group member as a cache cluster carrying the engine version", () => {
    expect(memberProblems(demoInventory)).toEqual([]);
  });

  it("links caches, user groups and users both ways", () => {
    expect(rbacProblems(demoInventory)).toEqual([]);
  });

  it("points snapshots at existing sources, except the one deliberately deleted group", () => {
    const { problems, deletedSources } = snapshotProblems(demoInventory);
    expect(problems).toEqual([]);
    expect(deletedSources).toEqual(["promo-blackfriday-2025"]);
  });

  it("uses ARNs of this account and of each resource's own region", () => {
    expect(arnProblems(demoInventory)).toEqual([]);
  });

  it("reports stats consistent with the call budget and the timestamps", () => {
    expect(statsProblems(demoInventory)).toEqual([]);
  });

  it("uses unique ids per region and kind", () => {
    for (const r of ecRegions(demoInventory)) {
      const lists = [
        r.replicationGroups.map((x) => x.id),
        r.cacheClusters.map((x) => x.id),
        r.serverlessCaches.map((x) => x.name),
        r.userGroups.map((x) => x.id),
        r.users.map((x) => x.id),
        r.snapshots.map((x) => x.name),
      ];
      for (const ids of lists) expect(new Set(ids).size, `${r.region}: ${ids.join(", ")}`).toBe(ids.length);
    }
  });

  it("keeps the classic RBAC failure: an attached group holding the open AWS default user", () => {
    const hits = ecRegions(demoInventory).flatMap((r) =>
      r.userGroups
        .filter((g) => g.replicationGroups.length + g.serverlessCaches.length > 0)
        .filter((g) =>
          g.userIds.some((id) => {
            const u = r.users.find((x) => x.id === id);
            return (
              u?.id === AWS_DEFAULT_USER && u.authenticationType === "no-password" && u.accessString === "on ~* +@all"
            );
          }),
        )
        .map((g) => g.id),
    );
    expect(hits).toEqual(["sessions-rbac"]);
  });

  it("gives rg-transit-encryption a pass, a warning and a failure", () => {
    const byId = Object.fromEntries(
      rgTransitEncryption
        .evaluate(demoInventory, { now: new Date(demoInventory.finishedAt) })
        .map((r) => [r.resourceArn.split(":").pop(), r.status]),
    );
    expect(byId).toEqual({
      "orders-prod": "pass",
      "sessions-prod": "pass",
      "catalog-prod": "warn",
      "checkout-legacy": "fail",
      "leaderboard-use1": "pass",
      "recommendations-features": "pass",
      "carts-eu": "pass",
      "leaderboard-euc1": "pass",
      "orders-apse2": "pass",
    });
  });

  // The demo exists to show every ElastiCache control with something to praise and something to fix.
  // Two controls cannot fail by rule: serverless caches are always encrypted, and node-based
  // Memcached has no at-rest option at all.
  const ALWAYS_PASS = "elasticache.serverless-aws-managed-encryption";
  const ALWAYS_NOT_APPLICABLE = "elasticache.memcached-at-rest";
  const elasticacheControls = CONTROLS.filter((c) => c.meta.service === "elasticache");

  it("covers all eleven ElastiCache controls", () => {
    expect(elasticacheControls).toHaveLength(11);
  });

  it.each(elasticacheControls.map((c) => [c.meta.id, c] as const))("%s has demo resources to judge", (id, control) => {
    const statuses = control.evaluate(demoInventory, { now: new Date(demoInventory.finishedAt) }).map((r) => r.status);
    if (id === ALWAYS_PASS) {
      expect(statuses.length).toBeGreaterThan(0);
      expect(new Set(statuses)).toEqual(new Set(["pass"]));
    } else if (id === ALWAYS_NOT_APPLICABLE) {
      expect(statuses.length).toBeGreaterThan(0);
      expect(new Set(statuses)).toEqual(new Set(["not-applicable"]));
    } else {
      expect(statuses).toContain("pass");
      expect(statuses.some((s) => s === "fail" || s === "warn")).toBe(true);
    }
  });
});

describe("demo inventory checks detect broken data", () => {
  it("detects a resource in an unscanned or wrong region", () => {
    const inv = copy();
    inv.regions = inv.regions.filter((r) => r !== "eu-central-1");
    expect(regionProblems(inv)).toContain("region eu-central-1 is not in inventory.regions");
    const inv2 = copy();
    const rg = region(inv2, "us-east-1").replicationGroups[0]!;
    rg.region = "us-west-1";
    expect(regionProblems(inv2).some((p) => p.includes(rg.id))).toBe(true);
  });

  it("detects a missing member cluster and an orphaned one", () => {
    const inv = copy();
    const r = region(inv, "us-east-1");
    r.cacheClusters = r.cacheClusters.filter((c) => c.id !== "sessions-prod-002");
    expect(memberProblems(inv)).toContain(
      "member sessions-prod-002 of sessions-prod is not a cache cluster in us-east-1",
    );
    const inv2 = copy();
    region(inv2, "eu-west-1").replicationGroups[0]!.memberClusters.pop();
    expect(memberProblems(inv2)).toHaveLength(1);
  });

  it("detects broken user and user-group references", () => {
    const inv = copy();
    region(inv, "us-east-1")
      .userGroups.find((g) => g.id === "orders-rbac")!
      .userIds.push("ghost-user");
    expect(rbacProblems(inv)).toContain("user group orders-rbac lists missing user ghost-user");
    const inv2 = copy();
    region(inv2, "us-east-1").serverlessCaches[0]!.userGroupId = "nope";
    expect(rbacProblems(inv2).some((p) => p.includes("missing user group nope"))).toBe(true);
    const inv3 = copy();
    region(inv3, "eu-west-1").users.find((u) => u.id === "recommendations-writer")!.userGroupIds = [];
    expect(rbacProblems(inv3)).toContain("user recommendations-writer does not list group recommendations-rbac");
  });

  it("detects a snapshot from an unexpected missing source and serverless snapshots where listing failed", () => {
    const inv = copy();
    region(inv, "us-east-1").replicationGroups = region(inv, "us-east-1").replicationGroups.filter(
      (g) => g.id !== "orders-prod",
    );
    expect(snapshotProblems(inv).deletedSources).toContain("orders-prod");
    const inv2 = copy();
    region(inv2, "ap-southeast-2").snapshots.push({
      name: "x",
      arn: "arn:aws:elasticache:ap-southeast-2:210987654321:serverlesscachesnapshot:x",
      region: "ap-southeast-2",
      kind: "serverless",
      serverlessCacheName: "product-search-apse2",
    });
    expect(snapshotProblems(inv2).problems).toHaveLength(1);
  });

  it("detects ARNs of another account or region, and foreign KMS keys", () => {
    const inv = copy();
    const rg = region(inv, "eu-west-1").replicationGroups[0]!;
    rg.arn = rg.arn.replace("210987654321", "111122223333");
    expect(arnProblems(inv)).toHaveLength(1);
    const inv2 = copy();
    const rg2 = region(inv2, "us-east-1").replicationGroups[0]!;
    rg2.kmsKeyId = rg2.kmsKeyId!.replace("us-east-1", "us-west-2");
    expect(arnProblems(inv2)).toHaveLength(1);
  });

  it("detects stats that disagree with the budget or the timestamps", () => {
    const inv = copy();
    inv.stats.apiCalls += 1;
    inv.stats.durationMs += 1;
    expect(statsProblems(inv)).toHaveLength(2);
  });

  it("reports nothing for the demo as shipped", () => {
    expect(allProblems(demoInventory)).toEqual([]);
  });
});
