import { describe, expect, it } from "vitest";
import { control as rgTransit } from "@/lib/controls/elasticache/rg-transit-encryption";
import { control as clusterTransit } from "@/lib/controls/elasticache/cluster-transit-encryption";
import { buildElastiCacheRegion, buildInventory, replicationGroup } from "@/lib/inventory/builders";
import { evaluateInventory } from "./evaluate";

const now = new Date("2026-06-01T00:00:00Z");

describe("evaluateInventory", () => {
  it("turns a failed call into an error result on exactly the controls that needed it", () => {
    const inventory = buildInventory({
      regions: ["us-east-1", "eu-west-1"],
      elasticache: {
        regions: [
          buildElastiCacheRegion({ region: "us-east-1", replicationGroups: [replicationGroup()] }),
          buildElastiCacheRegion({ region: "eu-west-1" }),
        ],
      },
      errors: [
        {
          service: "elasticache",
          region: "eu-west-1",
          action: "elasticache:DescribeReplicationGroups",
          kind: "access-denied",
          message: "insufficient permissions: elasticache:DescribeReplicationGroups",
        },
      ],
    });
    const [transit, cluster] = evaluateInventory(inventory, [rgTransit, clusterTransit], { now });
    // What was judged stands (us-east-1 passes); what was not is marked, never silently dropped.
    expect(transit?.status).toBe("pass");
    expect(transit?.incomplete).toEqual({ resources: 1, regions: ["eu-west-1"] });
    const errorRow = transit?.results.find((r) => r.status === "error");
    expect(errorRow).toMatchObject({
      region: "eu-west-1",
      evidence: { action: "elasticache:DescribeReplicationGroups" },
    });
    expect(errorRow?.reason).toContain("insufficient permissions");
    expect(transit?.results.some((r) => r.status === "pass")).toBe(true);
    // The cluster control does not read replication groups, so the denied call does not touch it.
    expect(cluster?.status).toBe("not-applicable");
  });

  it("a failure elsewhere still wins over an error", () => {
    const inventory = buildInventory({
      elasticache: {
        regions: [
          buildElastiCacheRegion({ replicationGroups: [replicationGroup({ transitEncryptionEnabled: false })] }),
        ],
      },
      errors: [
        {
          service: "elasticache",
          region: "eu-west-1",
          action: "elasticache:DescribeReplicationGroups",
          kind: "throttled",
          message: "throttled",
        },
      ],
    });
    expect(evaluateInventory(inventory, [rgTransit], { now })[0]?.status).toBe("fail");
  });

  it("does not turn unavailable regions into errors", () => {
    const inventory = buildInventory({
      elasticache: { regions: [] },
      errors: [
        {
          service: "elasticache",
          region: "me-south-1",
          action: "elasticache:DescribeReplicationGroups",
          kind: "region-unavailable",
          message: "not enabled",
        },
      ],
    });
    expect(evaluateInventory(inventory, [rgTransit], { now })[0]?.status).toBe("not-applicable");
  });

  it("turns a verdict built on data that could not be read into an error naming the failed call", () => {
    const group = replicationGroup({ region: "us-east-1", transitEncryptionEnabled: true });
    const inventory = buildInventory({
      regions: ["us-east-1", "eu-west-1"],
      elasticache: {
        regions: [
          buildElastiCacheRegion({ region: "us-east-1", replicationGroups: [group] }),
          buildElastiCacheRegion({
            region: "eu-west-1",
            replicationGroups: [replicationGroup({ region: "eu-west-1" })],
          }),
        ],
      },
      errors: [
        {
          service: "elasticache",
          region: "us-east-1",
          action: "elasticache:DescribeReplicationGroups",
          kind: "other",
          message: "InternalFailure: boom",
        },
      ],
    });
    const [transit] = evaluateInventory(inventory, [rgTransit], { now });
    const usEast = transit?.results.filter((r) => r.region === "us-east-1") ?? [];
    // The group that read as passing becomes an error; a Region row stands for groups never listed.
    expect(usEast.map((r) => r.status)).toEqual(["error", "error"]);
    expect(usEast[0]?.reason).toContain("elasticache:DescribeReplicationGroups failed in us-east-1");
    expect(usEast[0]?.evidence.failedActions).toEqual(["elasticache:DescribeReplicationGroups"]);
    // eu-west-1 was read in full, so its verdict stands.
    expect(transit?.results.find((r) => r.region === "eu-west-1")?.status).toBe("pass");
  });

  it("keeps results whose precise lookups did not fail, even when the same call failed for another resource", () => {
    const denied = {
      service: "elasticache" as const,
      region: "us-east-1",
      action: "elasticache:DescribeReplicationGroups",
      kind: "access-denied" as const,
      message: "denied",
      resource: "other-group",
    };
    const precise = {
      ...rgTransit,
      evaluate: (...args: Parameters<typeof rgTransit.evaluate>) =>
        rgTransit.evaluate(...args).map((r) => ({
          ...r,
          dependsOn: [{ action: "elasticache:DescribeReplicationGroups", region: r.region, resource: "my-group" }],
        })),
    };
    const inventory = buildInventory({
      elasticache: { regions: [buildElastiCacheRegion({ replicationGroups: [replicationGroup()] })] },
      errors: [denied],
    });
    const [outcome] = evaluateInventory(inventory, [precise], { now });
    expect(outcome?.results.map((r) => r.status)).toEqual(["pass", "error"]);
    expect(outcome?.results[1]?.evidence).toMatchObject({ resource: "other-group" });
  });

  it("treats a Region that rejects the credentials as unread for every call of that service there", () => {
    const inventory = buildInventory({
      regions: ["us-east-1"],
      elasticache: { regions: [buildElastiCacheRegion({ region: "us-east-1" })] },
      errors: [
        {
          service: "elasticache",
          region: "us-east-1",
          action: "elasticache:DescribeReplicationGroups",
          kind: "credentials-rejected",
          message: "the Region rejected the credentials",
        },
      ],
    });
    const [transit, cluster] = evaluateInventory(inventory, [rgTransit, clusterTransit], { now });
    expect(transit?.status).toBe("error");
    // The cluster control reads another ElastiCache call, but the Region answered none of them.
    expect(cluster?.status).toBe("error");
    expect(cluster?.results[0]).toMatchObject({ status: "error", region: "us-east-1" });
  });

  it("skips controls of services that were not scanned", () => {
    expect(evaluateInventory(buildInventory({ services: [] }), [rgTransit], { now })).toEqual([]);
  });
});
