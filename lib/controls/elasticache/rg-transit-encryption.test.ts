import { describe, expect, it } from "vitest";
import { elasticacheInventory, replicationGroup } from "@/lib/inventory/builders";
import { control } from "./rg-transit-encryption";

const now = new Date("2026-06-01T00:00:00Z");

function evaluateGroup(overrides: Parameters<typeof replicationGroup>[0]) {
  return control.evaluate(elasticacheInventory({ replicationGroups: [replicationGroup(overrides)] }), { now });
}

describe("elasticache.rg-transit-encryption", () => {
  it.each([
    {
      name: "TLS required",
      group: { transitEncryptionEnabled: true, transitEncryptionMode: "required" as const },
      status: "pass",
    },
    {
      name: "TLS on, mode unset (only encrypted connections)",
      group: { transitEncryptionEnabled: true, transitEncryptionMode: undefined },
      status: "pass",
    },
    {
      name: "TLS preferred still accepts plaintext",
      group: { transitEncryptionEnabled: true, transitEncryptionMode: "preferred" as const },
      status: "warn",
    },
    { name: "TLS off", group: { transitEncryptionEnabled: false, transitEncryptionMode: undefined }, status: "fail" },
    {
      name: "TLS field missing",
      group: { transitEncryptionEnabled: undefined, transitEncryptionMode: undefined },
      status: "fail",
    },
  ])("$name → $status", ({ group, status }) => {
    const [result] = evaluateGroup(group);
    expect(result?.status).toBe(status);
    expect(result?.reason).toContain("orders-cache");
  });

  it("suggests a new group for engines that cannot enable TLS in place", () => {
    const [old] = evaluateGroup({ transitEncryptionEnabled: false, engine: "redis", engineVersion: "6.2.6" });
    expect(old?.reason).toMatch(/restore a backup/);
    const [valkey] = evaluateGroup({ transitEncryptionEnabled: false, engine: "valkey", engineVersion: "8.0.1" });
    expect(valkey?.reason).toMatch(/in place/);
  });

  it("does not guess when the engine version is unknown (member clusters could not be read)", () => {
    const [unknown] = evaluateGroup({ transitEncryptionEnabled: false, engine: "redis", engineVersion: undefined });
    expect(unknown?.status).toBe("fail");
    expect(unknown?.reason).toMatch(/On Redis OSS 7\+ enable TLS in place.*older engines need a backup restored/);
    // The verdict rests on the group alone, so a failed cluster listing cannot hide it.
    expect(unknown?.dependsOn).toEqual([{ action: "elasticache:DescribeReplicationGroups", region: "us-east-1" }]);
  });

  it("records the fields it judged as evidence", () => {
    const [result] = evaluateGroup({ transitEncryptionEnabled: true, transitEncryptionMode: "preferred" });
    expect(result?.evidence).toMatchObject({ transitEncryptionEnabled: true, transitEncryptionMode: "preferred" });
  });

  it("skips groups being deleted and yields nothing without groups", () => {
    expect(evaluateGroup({ status: "deleting" })).toEqual([]);
    expect(control.evaluate(elasticacheInventory({}), { now })).toEqual([]);
  });

  it("evaluates every group, including Global Datastore members, separately", () => {
    const results = control.evaluate(
      elasticacheInventory({
        replicationGroups: [
          replicationGroup({ id: "a", globalReplicationGroupId: "ldgnf-global" }),
          replicationGroup({ id: "b", transitEncryptionEnabled: false }),
        ],
      }),
      { now },
    );
    expect(results.map((r) => r.status)).toEqual(["pass", "fail"]);
  });
});
