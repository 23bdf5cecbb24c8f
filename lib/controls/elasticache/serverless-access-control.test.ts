import { describe, expect, it } from "vitest";
import { elasticacheInventory, serverlessCache } from "@/lib/inventory/builders";
import { control } from "./serverless-access-control";

const now = new Date("2026-06-01T00:00:00Z");

function evaluateCache(overrides: Parameters<typeof serverlessCache>[0]) {
  return control.evaluate(elasticacheInventory({ serverlessCaches: [serverlessCache(overrides)] }), { now });
}

describe("elasticache.serverless-access-control", () => {
  it.each([
    {
      name: "Valkey with a user group",
      cache: { engine: "valkey", userGroupId: "catalog-users" },
      status: "pass",
      reason: /user group catalog-users/,
    },
    {
      name: "Redis OSS with a user group",
      cache: { engine: "redis", userGroupId: "catalog-users" },
      status: "pass",
      reason: /RBAC/,
    },
    {
      name: "Valkey without a user group",
      cache: { engine: "valkey", userGroupId: undefined },
      status: "warn",
      reason: /VPC security groups/,
    },
    {
      name: "Redis OSS with an empty user group id",
      cache: { engine: "redis", userGroupId: "" },
      status: "warn",
      reason: /no RBAC user group/,
    },
    {
      name: "Memcached",
      cache: { engine: "memcached", userGroupId: undefined },
      status: "not-applicable",
      reason: /Memcached/,
    },
  ])("$name → $status", ({ cache, status, reason }) => {
    const [result] = evaluateCache(cache);
    expect(result?.status).toBe(status);
    expect(result?.reason).toContain("catalog-serverless");
    expect(result?.reason).toMatch(reason);
  });

  it("records the fields it judged as evidence", () => {
    const [result] = evaluateCache({ engine: "valkey", userGroupId: undefined });
    expect(result?.evidence).toEqual({ engine: "valkey", userGroupId: null });
  });

  it("skips caches being deleted and yields nothing without caches", () => {
    expect(evaluateCache({ status: "deleting", userGroupId: undefined })).toEqual([]);
    expect(evaluateCache({ status: "create-failed", userGroupId: undefined })).toEqual([]);
    expect(control.evaluate(elasticacheInventory({}), { now })).toEqual([]);
  });
});
