import { describe, expect, it } from "vitest";
import { cacheCluster, elasticacheInventory } from "@/lib/inventory/builders";
import { control } from "./cluster-transit-encryption";

const now = new Date("2026-06-01T00:00:00Z");

function evaluateCluster(overrides: Parameters<typeof cacheCluster>[0]) {
  return control.evaluate(elasticacheInventory({ cacheClusters: [cacheCluster(overrides)] }), { now });
}

const standaloneRedis = { id: "jobs-node", engine: "redis", engineVersion: "7.1.0" };

describe("elasticache.cluster-transit-encryption", () => {
  it.each([
    { name: "Memcached with TLS", cluster: { transitEncryptionEnabled: true }, status: "pass", reason: /only TLS/ },
    {
      name: "Memcached without TLS",
      cluster: { transitEncryptionEnabled: false },
      status: "fail",
      reason: /Memcached cluster sessions-memcached/,
    },
    {
      name: "Memcached, TLS field missing",
      cluster: { transitEncryptionEnabled: undefined },
      status: "fail",
      reason: /plaintext/,
    },
    {
      name: "standalone Redis OSS with TLS",
      cluster: { ...standaloneRedis, transitEncryptionEnabled: true },
      status: "pass",
      reason: /jobs-node/,
    },
    {
      name: "standalone Valkey without TLS",
      cluster: { ...standaloneRedis, engine: "valkey", transitEncryptionEnabled: false },
      status: "fail",
      reason: /jobs-node/,
    },
    {
      name: "TLS in mode preferred still accepts plaintext",
      cluster: { ...standaloneRedis, transitEncryptionEnabled: true, transitEncryptionMode: "preferred" as const },
      status: "warn",
      reason: /plaintext/,
    },
  ])("$name → $status", ({ cluster, status, reason }) => {
    const [result] = evaluateCluster(cluster);
    expect(result?.status).toBe(status);
    expect(result?.reason).toMatch(reason);
  });

  it.each([
    {
      name: "Memcached below 1.6.12 needs a newer engine",
      cluster: { engineVersion: "1.6.6" },
      reason: /new Memcached 1\.6\.12\+ cluster with TLS/,
    },
    {
      name: "Memcached 1.6.12+ just needs a new cluster",
      cluster: { engineVersion: "1.6.22" },
      reason: /create a new cluster with TLS/,
    },
    { name: "Memcached of unknown version", cluster: { engineVersion: undefined }, reason: /1\.6\.12\+/ },
    {
      name: "standalone Valkey/Redis OSS node",
      cluster: { ...standaloneRedis },
      reason: /migrate it to a replication group \(or serverless cache\)/,
    },
  ])("remediation: $name", ({ cluster, reason }) => {
    const [result] = evaluateCluster({ ...cluster, transitEncryptionEnabled: false });
    expect(result?.status).toBe("fail");
    expect(result?.reason).toMatch(reason);
  });

  it("leaves replication-group members to the replication-group control", () => {
    expect(
      evaluateCluster({ ...standaloneRedis, replicationGroupId: "orders-cache", transitEncryptionEnabled: false }),
    ).toEqual([]);
  });

  it("skips clusters being deleted or that failed to create, and yields nothing without clusters", () => {
    expect(evaluateCluster({ status: "deleting" })).toEqual([]);
    expect(evaluateCluster({ status: "create-failed" })).toEqual([]);
    expect(control.evaluate(elasticacheInventory({}), { now })).toEqual([]);
  });

  it("records the fields it judged as evidence", () => {
    const [result] = evaluateCluster({ transitEncryptionEnabled: false, engineVersion: "1.6.6" });
    expect(result?.evidence).toEqual({
      engine: "memcached",
      engineVersion: "1.6.6",
      transitEncryptionEnabled: false,
      transitEncryptionMode: null,
    });
  });
});
