import { describe, expect, it } from "vitest";
import { buildElastiCacheRegion, buildInventory, replicationGroup } from "@/lib/inventory/builders";
import { tlsTargets } from "./tls-targets";

describe("tlsTargets", () => {
  it("samples services only where they have resources, and IAM/STS in the partition's IAM region", () => {
    const inventory = buildInventory({
      account: { id: "111122223333", partition: "aws-us-gov" },
      elasticache: {
        regions: [
          buildElastiCacheRegion({ region: "us-gov-west-1", replicationGroups: [replicationGroup()] }),
          buildElastiCacheRegion({ region: "us-gov-east-1" }),
        ],
      },
    });
    expect(tlsTargets(inventory)).toEqual([
      { eventSource: "elasticache.amazonaws.com", region: "us-gov-west-1" },
      { eventSource: "iam.amazonaws.com", region: "us-gov-west-1" },
      { eventSource: "sts.amazonaws.com", region: "us-gov-west-1" },
    ]);
  });
});
