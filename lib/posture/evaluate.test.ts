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
    expect(transit?.status).toBe("error");
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

  it("skips controls of services that were not scanned", () => {
    expect(evaluateInventory(buildInventory({ services: [] }), [rgTransit], { now })).toEqual([]);
  });
});
