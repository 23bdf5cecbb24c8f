import { describe, expect, it } from "vitest";
import { cacheUser, elasticacheInventory, serverlessCache, userGroup } from "@/lib/inventory/builders";
import type { CacheUser, ElastiCacheRegionInventory } from "@/lib/inventory";
import { control } from "./serverless-access-control";

const now = new Date("2026-06-01T00:00:00Z");
const REGION = "us-east-1";

const awsDefault = cacheUser({
  id: "default",
  userName: "default",
  engine: "redis",
  accessString: "on ~* +@all",
  authenticationType: "no-password",
  passwordCount: undefined,
  userGroupIds: ["catalog-users"],
});
const defaultOff = cacheUser({
  id: "catalog-default",
  userName: "default",
  accessString: "off ~* +@all",
  userGroupIds: ["catalog-users"],
});
const api = cacheUser({ id: "catalog-api", authenticationType: "iam", userGroupIds: ["catalog-users"] });

function rbac(members: CacheUser[], readUsers = members): Partial<ElastiCacheRegionInventory> {
  return {
    userGroups: [
      userGroup({
        id: "catalog-users",
        userIds: members.map((u) => u.id),
        replicationGroups: [],
        serverlessCaches: ["catalog-serverless"],
      }),
    ],
    users: readUsers,
  };
}

function evaluateCache(
  overrides: Parameters<typeof serverlessCache>[0],
  region: Partial<ElastiCacheRegionInventory> = rbac([defaultOff, api]),
) {
  return control.evaluate(elasticacheInventory({ ...region, serverlessCaches: [serverlessCache(overrides)] }), {
    now,
  });
}

describe("elasticache.serverless-access-control", () => {
  it.each([
    {
      name: "Valkey with a user group",
      cache: { engine: "valkey", userGroupId: "catalog-users" },
      status: "pass",
      reason: /user group catalog-users, which has no enabled password-less user/,
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

  it("fails a cache whose user group holds the AWS-created open default user", () => {
    const [result] = evaluateCache({ engine: "redis", userGroupId: "catalog-users" }, rbac([awsDefault, api]));
    expect(result?.status).toBe("fail");
    expect(result?.reason).toContain("it holds default, which any client that reaches the cache can log in as");
    expect(result?.reason).toContain("elasticache.rbac-default-user");
    expect(result?.dependsOn).toEqual([
      { action: "elasticache:DescribeServerlessCaches", region: REGION },
      { action: "elasticache:DescribeUserGroups", region: REGION },
      { action: "elasticache:DescribeUsers", region: REGION },
    ]);
  });

  it.each([
    {
      name: "members missing (DescribeUsers failed)",
      region: rbac([awsDefault, api], []),
      unread: /member default, catalog-api/,
    },
    {
      name: "group missing (DescribeUserGroups failed)",
      region: { users: [awsDefault, api] },
      unread: /user group catalog-users/,
    },
  ])("never passes a cache whose user group could not be read: $name", ({ region, unread }) => {
    const [result] = evaluateCache({ engine: "redis", userGroupId: "catalog-users" }, region);
    expect(result?.status).toBe("warn");
    expect(result?.reason).toMatch(unread);
    expect(result?.dependsOn).toEqual(
      expect.arrayContaining([
        { action: "elasticache:DescribeUserGroups", region: REGION },
        { action: "elasticache:DescribeUsers", region: REGION },
      ]),
    );
  });

  it("a cache without a user group depends on the cache listing only", () => {
    const [result] = evaluateCache({ engine: "valkey", userGroupId: undefined }, {});
    expect(result?.dependsOn).toEqual([{ action: "elasticache:DescribeServerlessCaches", region: REGION }]);
  });

  it("records the fields it judged as evidence", () => {
    const [none] = evaluateCache({ engine: "valkey", userGroupId: undefined });
    expect(none?.evidence).toEqual({ engine: "valkey", userGroupId: null });
    const [open] = evaluateCache(
      { engine: "redis", userGroupId: "catalog-users" },
      rbac([awsDefault, api], [awsDefault]),
    );
    expect(open?.evidence).toEqual({
      engine: "redis",
      userGroupId: "catalog-users",
      openFullAccessUserIds: ["default"],
      unreadUserGroupIds: [],
      unreadUserIds: ["catalog-api"],
    });
  });

  it("skips caches being deleted and yields nothing without caches", () => {
    expect(evaluateCache({ status: "deleting", userGroupId: undefined })).toEqual([]);
    expect(evaluateCache({ status: "create-failed", userGroupId: undefined })).toEqual([]);
    expect(control.evaluate(elasticacheInventory({}), { now })).toEqual([]);
  });
});
