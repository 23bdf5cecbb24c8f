import { describe, expect, it } from "vitest";
import { elasticacheInventory, replicationGroup, serverlessCache } from "@/lib/inventory/builders";
import { control } from "./cmk-at-rest";

const now = new Date("2026-06-01T00:00:00Z");
const KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

function evaluateGroup(overrides: Parameters<typeof replicationGroup>[0]) {
  return control.evaluate(elasticacheInventory({ replicationGroups: [replicationGroup(overrides)] }), { now });
}

function evaluateServerless(overrides: Parameters<typeof serverlessCache>[0]) {
  return control.evaluate(elasticacheInventory({ serverlessCaches: [serverlessCache(overrides)] }), { now });
}

describe("elasticache.cmk-at-rest", () => {
  it.each([
    {
      name: "sse-kms with key",
      group: { storageEncryptionType: "sse-kms" as const, kmsKeyId: KEY },
      status: "pass",
      reason: /customer managed KMS key/,
    },
    {
      name: "sse-kms, key id not returned",
      group: { storageEncryptionType: "sse-kms" as const, kmsKeyId: undefined },
      status: "pass",
      reason: /customer managed/,
    },
    {
      name: "older response with a key id",
      group: { storageEncryptionType: undefined, atRestEncryptionEnabled: true, kmsKeyId: KEY },
      status: "pass",
      reason: /customer managed/,
    },
    {
      name: "sse-elasticache",
      group: { storageEncryptionType: "sse-elasticache" as const },
      status: "warn",
      reason: /service-managed key/,
    },
    {
      name: "sse-elasticache while AtRestEncryptionEnabled reads false",
      group: { storageEncryptionType: "sse-elasticache" as const, atRestEncryptionEnabled: false },
      status: "warn",
      reason: /service-managed key/,
    },
    {
      name: "older response, at rest on without key",
      group: { storageEncryptionType: undefined, atRestEncryptionEnabled: true },
      status: "warn",
      reason: /service-managed key/,
    },
    {
      name: "not encrypted",
      group: { storageEncryptionType: "none" as const, atRestEncryptionEnabled: false },
      status: "not-applicable",
      reason: /at-rest encryption control/,
    },
    {
      name: "older response, at rest off",
      group: { storageEncryptionType: undefined, atRestEncryptionEnabled: false },
      status: "not-applicable",
      reason: /at-rest encryption control/,
    },
    {
      name: "older response, data tiering only",
      group: { storageEncryptionType: undefined, atRestEncryptionEnabled: false, dataTiering: "enabled" },
      status: "not-applicable",
      reason: /at-rest encryption control/,
    },
    {
      name: "GovCloud, service-managed key",
      group: { region: "us-gov-west-1", storageEncryptionType: "sse-elasticache" as const },
      status: "not-applicable",
      reason: /us-gov-west-1/,
    },
  ])("replication group, $name → $status", ({ group, status, reason }) => {
    const [result] = evaluateGroup(group);
    expect(result?.status).toBe(status);
    expect(result?.resourceType).toBe("Replication group");
    expect(result?.reason).toContain("orders-cache");
    expect(result?.reason).toMatch(reason);
  });

  it.each([
    { name: "sse-kms with key", cache: { storageEncryptionType: "sse-kms" as const, kmsKeyId: KEY }, status: "pass" },
    { name: "key id only", cache: { storageEncryptionType: undefined, kmsKeyId: KEY }, status: "pass" },
    { name: "sse-elasticache", cache: { storageEncryptionType: "sse-elasticache" as const }, status: "warn" },
    { name: "older response (always encrypted)", cache: { storageEncryptionType: undefined }, status: "warn" },
    { name: "none", cache: { storageEncryptionType: "none" as const }, status: "not-applicable" },
  ])("serverless cache, $name → $status", ({ cache, status }) => {
    const [result] = evaluateServerless(cache);
    expect(result?.status).toBe(status);
    expect(result?.resourceType).toBe("Serverless cache");
    expect(result?.reason).toContain("catalog-serverless");
  });

  it("judges replication groups and serverless caches side by side, skipping those being deleted", () => {
    const results = control.evaluate(
      elasticacheInventory({
        replicationGroups: [
          replicationGroup({ storageEncryptionType: "sse-kms", kmsKeyId: KEY }),
          replicationGroup({ id: "gone", status: "deleting" }),
        ],
        serverlessCaches: [serverlessCache({}), serverlessCache({ name: "broken", status: "create-failed" })],
      }),
      { now },
    );
    expect(results.map((r) => r.status)).toEqual(["pass", "warn"]);
    expect(control.evaluate(elasticacheInventory({}), { now })).toEqual([]);
  });

  it("a group's verdict depends on the group listing and a cache's on the serverless listing, not both", () => {
    const [group] = evaluateGroup({ storageEncryptionType: "sse-kms", kmsKeyId: KEY });
    expect(group?.dependsOn).toEqual([{ action: "elasticache:DescribeReplicationGroups", region: "us-east-1" }]);
    const [cache] = evaluateServerless({});
    expect(cache?.dependsOn).toEqual([{ action: "elasticache:DescribeServerlessCaches", region: "us-east-1" }]);
  });

  it("records the fields it judged as evidence", () => {
    const [group] = evaluateGroup({ storageEncryptionType: "sse-kms", kmsKeyId: KEY });
    expect(group?.evidence).toEqual({ storageEncryptionType: "sse-kms", atRestEncryptionEnabled: true, kmsKeyId: KEY });
    const [cache] = evaluateServerless({ storageEncryptionType: undefined });
    expect(cache?.evidence).toEqual({ storageEncryptionType: null, kmsKeyId: null });
  });
});
