import { describe, expect, it } from "vitest";
import { buildElastiCacheRegion, buildInventory, replicationGroup } from "@/lib/inventory/builders";
import { control as rgTransit } from "@/lib/controls/elasticache/rg-transit-encryption";
import { buildSnapshot } from "./build";

describe("masking personal data in snapshots", () => {
  it("never stores a card number or an e-mail found in a resource name, in reasons, evidence or ARNs", () => {
    const group = replicationGroup({
      id: "cache-4111111111111111-jane.doe@gmail.com",
      transitEncryptionEnabled: false,
    });
    const inventory = buildInventory({
      elasticache: { regions: [buildElastiCacheRegion({ replicationGroups: [{ ...group, arn: `${group.arn}` }] })] },
      errors: [
        {
          service: "elasticache",
          region: "eu-west-1",
          action: "elasticache:DescribeReplicationGroups",
          kind: "other",
          message: "failed for jane.doe@gmail.com",
        },
      ],
    });
    const snapshot = buildSnapshot(inventory, [rgTransit], { id: "masked", now: new Date("2026-01-01T00:00:00Z") });
    const text = JSON.stringify(snapshot);
    expect(text).not.toContain("4111111111111111");
    expect(text).not.toContain("jane.doe@gmail.com");
    expect(text).toContain("1111");
    // The account id in ARNs is the scanned account's own and stays readable.
    expect(snapshot.controls[0]?.results[0]?.resourceArn).toContain("111122223333");
  });
});
