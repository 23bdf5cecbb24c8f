import { describe, expect, it } from "vitest";
import { elasticacheInventory, serverlessCache } from "@/lib/inventory/builders";
import { control } from "./serverless-aws-managed-encryption";

const now = new Date("2026-06-01T00:00:00Z");

function evaluateCache(overrides: Parameters<typeof serverlessCache>[0]) {
  return control.evaluate(elasticacheInventory({ serverlessCaches: [serverlessCache(overrides)] }), { now });
}

describe("elasticache.serverless-aws-managed-encryption", () => {
  it.each([
    {
      name: "service-managed key",
      cache: { storageEncryptionType: "sse-elasticache" as const },
      status: "pass",
      reason: /encrypted in transit and at rest by AWS/,
    },
    {
      name: "customer managed key",
      cache: { storageEncryptionType: "sse-kms" as const },
      status: "pass",
      reason: /by AWS/,
    },
    {
      name: "older response without storage type",
      cache: { storageEncryptionType: undefined },
      status: "pass",
      reason: /by AWS/,
    },
    { name: "Memcached", cache: { engine: "memcached" }, status: "pass", reason: /by AWS/ },
    {
      name: "storage type none (unexpected)",
      cache: { storageEncryptionType: "none" as const },
      status: "fail",
      reason: /flag it for review/,
    },
  ])("$name → $status", ({ cache, status, reason }) => {
    const [result] = evaluateCache(cache);
    expect(result?.status).toBe(status);
    expect(result?.reason).toContain("catalog-serverless");
    expect(result?.reason).toMatch(reason);
  });

  it("is an AWS-responsibility info control", () => {
    expect(control.meta).toMatchObject({ responsibility: "aws", severity: "info", recommendation: "aws-managed" });
  });

  it("records the fields it judged as evidence", () => {
    const [result] = evaluateCache({ storageEncryptionType: undefined });
    expect(result?.evidence).toEqual({ storageEncryptionType: null, engine: "valkey" });
  });

  it("skips caches being deleted and yields nothing without caches", () => {
    expect(evaluateCache({ status: "deleting" })).toEqual([]);
    expect(evaluateCache({ status: "create-failed" })).toEqual([]);
    expect(control.evaluate(elasticacheInventory({}), { now })).toEqual([]);
  });
});
