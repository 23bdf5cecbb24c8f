import { describe, expect, it } from "vitest";
import { cacheCluster, cacheSnapshot, elasticacheInventory, replicationGroup } from "@/lib/inventory/builders";
import type { ElastiCacheRegionInventory } from "@/lib/inventory";
import { control } from "./backup-encryption";

const now = new Date("2026-06-01T00:00:00Z");
const KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

const encryptedGroup = replicationGroup({ storageEncryptionType: "sse-elasticache" });
const plainGroup = replicationGroup({ storageEncryptionType: "none", atRestEncryptionEnabled: false });
const tieringGroup = replicationGroup({
  storageEncryptionType: undefined,
  atRestEncryptionEnabled: false,
  dataTiering: "enabled",
});
const standaloneRef = { replicationGroupId: undefined, cacheClusterId: "jobs-node" };

function evaluate(snapshot: Parameters<typeof cacheSnapshot>[0], region: Partial<ElastiCacheRegionInventory> = {}) {
  return control.evaluate(elasticacheInventory({ ...region, snapshots: [cacheSnapshot(snapshot)] }), { now });
}

describe("elasticache.backup-encryption", () => {
  it.each([
    {
      name: "own KMS key, source unencrypted",
      snapshot: { kmsKeyId: KEY },
      region: { replicationGroups: [plainGroup] },
      status: "pass",
      reason: /customer managed KMS key/,
    },
    { name: "own KMS key, source gone", snapshot: { kmsKeyId: KEY }, region: {}, status: "pass", reason: /KMS key/ },
    {
      name: "source group encrypted",
      snapshot: {},
      region: { replicationGroups: [encryptedGroup] },
      status: "pass",
      reason: /replication group orders-cache encrypts/,
    },
    {
      name: "source group encrypted per storage type despite AtRestEncryptionEnabled=false",
      snapshot: {},
      region: {
        replicationGroups: [replicationGroup({ storageEncryptionType: "sse-kms", atRestEncryptionEnabled: false })],
      },
      status: "pass",
      reason: /encrypts data at rest/,
    },
    {
      name: "source group unencrypted",
      snapshot: {},
      region: { replicationGroups: [plainGroup] },
      status: "fail",
      reason: /replication group orders-cache does not encrypt/,
    },
    {
      name: "source group with data tiering only",
      snapshot: {},
      region: { replicationGroups: [tieringGroup] },
      status: "fail",
      reason: /only its SSD tier, not backups/,
    },
    {
      name: "source group deleted",
      snapshot: {},
      region: {},
      status: "warn",
      reason: /orders-cache is no longer in the account/,
    },
    {
      name: "no source recorded",
      snapshot: { replicationGroupId: undefined, cacheClusterId: undefined },
      region: {},
      status: "warn",
      reason: /source is unknown/,
    },
    {
      name: "standalone cluster encrypted",
      snapshot: standaloneRef,
      region: { cacheClusters: [cacheCluster({ id: "jobs-node", engine: "redis", atRestEncryptionEnabled: true })] },
      status: "pass",
      reason: /cache cluster jobs-node encrypts/,
    },
    {
      name: "standalone cluster unencrypted",
      snapshot: standaloneRef,
      region: { cacheClusters: [cacheCluster({ id: "jobs-node", engine: "redis", atRestEncryptionEnabled: false })] },
      status: "fail",
      reason: /cache cluster jobs-node does not encrypt/,
    },
    {
      name: "standalone cluster deleted",
      snapshot: standaloneRef,
      region: {},
      status: "warn",
      reason: /jobs-node is no longer/,
    },
    {
      name: "serverless snapshot without key",
      snapshot: {
        kind: "serverless" as const,
        replicationGroupId: undefined,
        serverlessCacheName: "catalog-serverless",
      },
      region: {},
      status: "pass",
      reason: /all serverless cache data/,
    },
  ])("$name → $status", ({ snapshot, region, status, reason }) => {
    const [result] = evaluate(snapshot, region);
    expect(result?.status).toBe(status);
    expect(result?.reason).toContain("orders-cache-2026-01-01");
    expect(result?.reason).toMatch(reason);
  });

  it("labels serverless snapshots with their own resource type", () => {
    const [result] = evaluate({ kind: "serverless", replicationGroupId: undefined });
    expect(result?.resourceType).toBe("Serverless snapshot");
    expect(result?.evidence).toEqual({ kind: "serverless", kmsKeyId: null });
  });

  it("records the fields it judged as evidence", () => {
    const [tiering] = evaluate({}, { replicationGroups: [tieringGroup] });
    expect(tiering?.evidence).toEqual({
      kmsKeyId: null,
      replicationGroupId: "orders-cache",
      cacheClusterId: null,
      sourceEncryptedAtRest: "tiering-only",
    });
    const [gone] = evaluate({}, {});
    expect(gone?.evidence).toMatchObject({ sourceEncryptedAtRest: null });
  });

  it("looks the source up in the snapshot's own region only", () => {
    const inventory = elasticacheInventory({ snapshots: [cacheSnapshot({})] });
    inventory.elasticache?.regions.push({
      region: "eu-west-1",
      replicationGroups: [replicationGroup({ region: "eu-west-1", storageEncryptionType: "sse-elasticache" })],
      cacheClusters: [],
      serverlessCaches: [],
      userGroups: [],
      users: [],
      snapshots: [],
    });
    const [result] = control.evaluate(inventory, { now });
    expect(result?.status).toBe("warn");
    expect(result?.reason).toMatch(/cannot be confirmed/);
  });

  describe("a source missing because its listing failed is not 'no longer in the account'", () => {
    const denied = (action: string, region = "us-east-1") => ({
      service: "elasticache" as const,
      region,
      action,
      kind: "access-denied" as const,
      message: `insufficient permissions: ${action}`,
    });

    it.each([
      {
        name: "replication group listing denied",
        snapshot: {},
        error: denied("elasticache:DescribeReplicationGroups"),
        reason: /its source replication group orders-cache could not be read/,
        dependsOn: "elasticache:DescribeReplicationGroups",
      },
      {
        name: "cache cluster listing denied",
        snapshot: standaloneRef,
        error: denied("elasticache:DescribeCacheClusters"),
        reason: /its source cache cluster jobs-node could not be read/,
        dependsOn: "elasticache:DescribeCacheClusters",
      },
      {
        name: "credentials rejected in the Region",
        snapshot: {},
        error: { ...denied("elasticache:DescribeServerlessCaches"), kind: "credentials-rejected" as const },
        reason: /could not be read/,
        dependsOn: "elasticache:DescribeReplicationGroups",
      },
    ])("$name", ({ snapshot, error, reason, dependsOn }) => {
      const inventory = elasticacheInventory({ snapshots: [cacheSnapshot(snapshot)] });
      inventory.errors.push(error);
      const [result] = control.evaluate(inventory, { now });
      expect(result?.status).toBe("warn");
      expect(result?.reason).toMatch(reason);
      expect(result?.reason).not.toContain("no longer in the account");
      expect(result?.dependsOn).toEqual([
        { action: "elasticache:DescribeSnapshots", region: "us-east-1" },
        { action: dependsOn, region: "us-east-1" },
      ]);
    });

    it("a failure in another Region, or of another listing, still allows 'no longer in the account'", () => {
      const inventory = elasticacheInventory({ snapshots: [cacheSnapshot({})] });
      inventory.errors.push(denied("elasticache:DescribeReplicationGroups", "eu-west-1"));
      inventory.errors.push(denied("elasticache:DescribeCacheClusters"));
      const [result] = control.evaluate(inventory, { now });
      expect(result?.reason).toContain("is no longer in the account");
    });

    it("a fail from the source depends on the source's listing; a snapshot's own key depends on the snapshots only", () => {
      const [fail] = evaluate({}, { replicationGroups: [plainGroup] });
      expect(fail?.status).toBe("fail");
      expect(fail?.dependsOn).toContainEqual({ action: "elasticache:DescribeReplicationGroups", region: "us-east-1" });
      const [keyed] = evaluate({ kmsKeyId: KEY }, {});
      expect(keyed?.dependsOn).toEqual([{ action: "elasticache:DescribeSnapshots", region: "us-east-1" }]);
      const [serverless] = evaluate({ kind: "serverless", replicationGroupId: undefined });
      expect(serverless?.dependsOn).toEqual([
        { action: "elasticache:DescribeServerlessCacheSnapshots", region: "us-east-1" },
      ]);
    });
  });

  it("yields nothing without snapshots", () => {
    expect(control.evaluate(elasticacheInventory({ replicationGroups: [plainGroup] }), { now })).toEqual([]);
  });
});
