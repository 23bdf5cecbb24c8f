import { describe, expect, it } from "vitest";
import { cacheCluster, elasticacheInventory, replicationGroup } from "@/lib/inventory/builders";
import { control } from "./rg-at-rest-encryption";

const now = new Date("2026-06-01T00:00:00Z");

function evaluateGroup(overrides: Parameters<typeof replicationGroup>[0]) {
  return control.evaluate(elasticacheInventory({ replicationGroups: [replicationGroup(overrides)] }), { now });
}

describe("elasticache.rg-at-rest-encryption", () => {
  it.each([
    { name: "sse-elasticache", group: { storageEncryptionType: "sse-elasticache" as const }, status: "pass" },
    {
      name: "sse-kms",
      group: { storageEncryptionType: "sse-kms" as const, kmsKeyId: "arn:aws:kms:us-east-1:111122223333:key/k" },
      status: "pass",
    },
    {
      name: "storage type none",
      group: { storageEncryptionType: "none" as const, atRestEncryptionEnabled: false },
      status: "fail",
    },
    {
      name: "storage type wins over AtRestEncryptionEnabled=false",
      group: { storageEncryptionType: "sse-elasticache" as const, atRestEncryptionEnabled: false },
      status: "pass",
    },
    {
      name: "storage type none wins over AtRestEncryptionEnabled=true",
      group: { storageEncryptionType: "none" as const, atRestEncryptionEnabled: true },
      status: "fail",
    },
    {
      name: "storage type none wins over data tiering",
      group: { storageEncryptionType: "none" as const, atRestEncryptionEnabled: false, dataTiering: "enabled" },
      status: "fail",
    },
    {
      name: "older response, at rest on",
      group: { storageEncryptionType: undefined, atRestEncryptionEnabled: true },
      status: "pass",
    },
    {
      name: "older response, at rest off",
      group: { storageEncryptionType: undefined, atRestEncryptionEnabled: false },
      status: "fail",
    },
    {
      name: "older response, fields missing",
      group: { storageEncryptionType: undefined, atRestEncryptionEnabled: undefined },
      status: "fail",
    },
    {
      name: "older response, at rest off with data tiering",
      group: { storageEncryptionType: undefined, atRestEncryptionEnabled: false, dataTiering: "enabled" },
      status: "warn",
    },
    {
      name: "older response, data tiering disabled",
      group: { storageEncryptionType: undefined, atRestEncryptionEnabled: false, dataTiering: "disabled" },
      status: "fail",
    },
  ])("$name → $status", ({ group, status }) => {
    const [result] = evaluateGroup(group);
    expect(result?.status).toBe(status);
    expect(result?.reason).toContain("orders-cache");
  });

  it("explains what data tiering leaves unencrypted and how to fix a group", () => {
    const [tiering] = evaluateGroup({
      storageEncryptionType: undefined,
      atRestEncryptionEnabled: false,
      dataTiering: "enabled",
    });
    expect(tiering?.reason).toMatch(/memory and backups are not/);
    const [off] = evaluateGroup({ storageEncryptionType: "none", atRestEncryptionEnabled: false });
    expect(off?.reason).toMatch(/restore a backup into a new group/);
  });

  it("records the fields it judged as evidence", () => {
    const [result] = evaluateGroup({
      storageEncryptionType: "none",
      atRestEncryptionEnabled: true,
      dataTiering: undefined,
    });
    expect(result?.evidence).toEqual({
      storageEncryptionType: "none",
      atRestEncryptionEnabled: true,
      dataTiering: null,
    });
  });

  describe("standalone Valkey/Redis OSS cache clusters", () => {
    const standalone = {
      id: "jobs-scratch",
      engine: "redis",
      engineVersion: "7.0.7",
      replicationGroupId: undefined,
      transitEncryptionEnabled: false,
      atRestEncryptionEnabled: false,
      authTokenEnabled: false,
    };
    function evaluateCluster(overrides: Parameters<typeof cacheCluster>[0]) {
      return control.evaluate(elasticacheInventory({ cacheClusters: [cacheCluster(overrides)] }), { now });
    }

    it.each([
      { name: "Redis OSS, at rest off", cluster: standalone, status: "fail" },
      {
        name: "Valkey, field missing",
        cluster: { ...standalone, engine: "valkey", atRestEncryptionEnabled: undefined },
        status: "fail",
      },
      { name: "at rest on", cluster: { ...standalone, atRestEncryptionEnabled: true }, status: "pass" },
    ])("$name → $status", ({ cluster, status }) => {
      const [result] = evaluateCluster(cluster);
      expect(result?.status).toBe(status);
      expect(result?.resourceType).toBe("Cache cluster");
      expect(result?.reason).toContain("Standalone cache cluster jobs-scratch");
      expect(result?.dependsOn).toEqual([{ action: "elasticache:DescribeCacheClusters", region: "us-east-1" }]);
      expect(result?.evidence).toEqual({
        atRestEncryptionEnabled: cluster.atRestEncryptionEnabled ?? null,
        engine: cluster.engine,
      });
    });

    it("tells an unencrypted cluster to restore a snapshot into an encrypted replication group", () => {
      const [result] = evaluateCluster(standalone);
      expect(result?.reason).toMatch(
        /cannot: take a snapshot, restore it into a new replication group with at-rest encryption on/,
      );
    });

    it.each([
      { name: "a replication-group member", cluster: { ...standalone, replicationGroupId: "orders-cache" } },
      { name: "Memcached (elasticache.memcached-at-rest)", cluster: { ...standalone, engine: "memcached" } },
      { name: "a cluster being deleted", cluster: { ...standalone, status: "deleting" } },
    ])("leaves out $name", ({ cluster }) => {
      expect(evaluateCluster(cluster)).toEqual([]);
    });
  });

  it("a group's verdict depends on the group listing only", () => {
    const [result] = evaluateGroup({ storageEncryptionType: "none" });
    expect(result?.dependsOn).toEqual([{ action: "elasticache:DescribeReplicationGroups", region: "us-east-1" }]);
  });

  it("skips groups being deleted and yields nothing without groups", () => {
    expect(evaluateGroup({ status: "deleting", storageEncryptionType: "none" })).toEqual([]);
    expect(evaluateGroup({ status: "create-failed", storageEncryptionType: "none" })).toEqual([]);
    expect(control.evaluate(elasticacheInventory({}), { now })).toEqual([]);
  });
});
