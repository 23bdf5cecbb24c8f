import { describe, expect, it } from "vitest";
import { cacheCluster, elasticacheInventory } from "@/lib/inventory/builders";
import { control } from "./memcached-at-rest";

const now = new Date("2026-06-01T00:00:00Z");

function evaluateClusters(...clusters: Parameters<typeof cacheCluster>[0][]) {
  return control.evaluate(elasticacheInventory({ cacheClusters: clusters.map((c) => cacheCluster(c)) }), { now });
}

describe("elasticache.memcached-at-rest", () => {
  it.each([
    { name: "Memcached cluster", cluster: { engine: "memcached" }, count: 1 },
    { name: "Memcached, engine in upper case", cluster: { engine: "Memcached" }, count: 1 },
    {
      name: "Memcached reporting at rest off",
      cluster: { engine: "memcached", atRestEncryptionEnabled: false },
      count: 1,
    },
    { name: "standalone Redis OSS node", cluster: { engine: "redis", atRestEncryptionEnabled: false }, count: 0 },
    {
      name: "Valkey replication-group member",
      cluster: { engine: "valkey", replicationGroupId: "orders-cache" },
      count: 0,
    },
    { name: "Memcached being deleted", cluster: { engine: "memcached", status: "deleting" }, count: 0 },
    { name: "Memcached that failed to create", cluster: { engine: "memcached", status: "create-failed" }, count: 0 },
  ])("$name → $count result(s)", ({ cluster, count }) => {
    const results = evaluateClusters(cluster);
    expect(results).toHaveLength(count);
    for (const result of results) {
      expect(result.status).toBe("not-applicable");
      expect(result.reason).toContain("sessions-memcached");
      expect(result.reason).toContain("At-rest encryption for Memcached is supported only on serverless caches.");
    }
  });

  it("never passes, fails or warns", () => {
    const results = evaluateClusters(
      { id: "a" },
      { id: "b", atRestEncryptionEnabled: true },
      { id: "c", atRestEncryptionEnabled: undefined },
    );
    expect(results.map((r) => r.status)).toEqual(["not-applicable", "not-applicable", "not-applicable"]);
  });

  it("records the fields it judged as evidence and yields nothing without clusters", () => {
    const [result] = evaluateClusters({ atRestEncryptionEnabled: undefined });
    expect(result?.evidence).toEqual({ engine: "memcached", atRestEncryptionEnabled: null });
    expect(control.evaluate(elasticacheInventory({}), { now })).toEqual([]);
  });
});
