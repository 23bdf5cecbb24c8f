import { describe, expect, it } from "vitest";
import { cacheCluster, cacheUser, elasticacheInventory, replicationGroup, userGroup } from "@/lib/inventory/builders";
import type { CacheUser, ElastiCacheRegionInventory } from "@/lib/inventory";
import { control } from "./rg-authentication";

const now = new Date("2026-06-01T00:00:00Z");
const REGION = "us-east-1";

/** The users AWS and a careful team create: the `default` user as AWS makes it, and a safe swap. */
const awsDefault = cacheUser({
  id: "default",
  userName: "default",
  accessString: "on ~* +@all",
  authenticationType: "no-password",
  passwordCount: undefined,
});
const defaultOff = cacheUser({
  id: "default-off",
  userName: "default",
  accessString: "off ~* +@all",
  authenticationType: "no-password",
  passwordCount: undefined,
});
const app = cacheUser({ id: "orders-app" });

function rbacRegion(members: CacheUser[], readUsers = members): Partial<ElastiCacheRegionInventory> {
  return {
    userGroups: [userGroup({ id: "orders-users", userIds: members.map((u) => u.id) })],
    users: readUsers,
  };
}

function evaluateGroup(
  overrides: Parameters<typeof replicationGroup>[0],
  region: Partial<ElastiCacheRegionInventory> = rbacRegion([defaultOff, app]),
) {
  return control.evaluate(elasticacheInventory({ ...region, replicationGroups: [replicationGroup(overrides)] }), {
    now,
  });
}

function evaluateCluster(overrides: Parameters<typeof cacheCluster>[0]) {
  return control.evaluate(elasticacheInventory({ cacheClusters: [cacheCluster(overrides)] }), { now });
}

const noAuth = { userGroupIds: [], authTokenEnabled: false };

describe("elasticache.rg-authentication", () => {
  it.each([
    {
      name: "RBAC user group whose default user is off",
      group: { userGroupIds: ["orders-users"], authTokenEnabled: false },
      status: "pass",
      reason: /RBAC user group orders-users, which has no enabled password-less user/,
    },
    {
      name: "AUTH token",
      group: { userGroupIds: [], authTokenEnabled: true },
      status: "pass",
      reason: /AUTH token, one shared password/,
    },
    {
      name: "user group and AUTH token",
      group: { userGroupIds: ["orders-users"], authTokenEnabled: true },
      status: "pass",
      reason: /RBAC/,
    },
    { name: "neither", group: noAuth, status: "fail", reason: /neither an RBAC user group nor an AUTH token/ },
    {
      name: "neither, AUTH field missing",
      group: { userGroupIds: [], authTokenEnabled: undefined },
      status: "fail",
      reason: /without authentication/,
    },
  ])("$name → $status", ({ group, status, reason }) => {
    const [result] = evaluateGroup(group);
    expect(result?.status).toBe(status);
    expect(result?.resourceType).toBe("Replication group");
    expect(result?.reason).toContain("orders-cache");
    expect(result?.reason).toMatch(reason);
    expect(result?.reason).not.toContain("fix transit first");
  });

  describe("a user group holding an open user authenticates nobody", () => {
    it.each([
      { name: "the AWS-created default user", members: [awsDefault, app], open: "default" },
      {
        name: "an open user under another id",
        members: [cacheUser({ ...awsDefault, id: "legacy-default", userName: "default" }), app],
        open: "legacy-default (user name default)",
      },
    ])("$name → fail, pointing at rbac-default-user", ({ members, open }) => {
      const [result] = evaluateGroup({ userGroupIds: ["orders-users"] }, rbacRegion(members));
      expect(result?.status).toBe("fail");
      expect(result?.reason).toContain(`it holds ${open}, which any client that reaches the group can log in as`);
      expect(result?.reason).toContain("elasticache.rbac-default-user");
      // The fix is the user group, not "attach a user group".
      expect(result?.reason).not.toMatch(/Attach an RBAC user group/);
    });

    it("a restricted no-password user or an IAM user with full access does not make it open", () => {
      const restricted = cacheUser({
        id: "reader",
        accessString: "on ~cache:* +@read",
        authenticationType: "no-password",
      });
      const iamAdmin = cacheUser({ id: "admin", accessString: "on ~* +@all", authenticationType: "iam" });
      const [result] = evaluateGroup(
        { userGroupIds: ["orders-users"] },
        rbacRegion([defaultOff, restricted, iamAdmin]),
      );
      expect(result?.status).toBe("pass");
    });
  });

  describe("members that could not be read are never taken as safe", () => {
    it.each([
      {
        name: "a member is missing from the user list (DescribeUsers failed)",
        region: rbacRegion([awsDefault, app], []),
        unread: /member default, orders-app could not be read/,
      },
      {
        name: "the user group itself is missing (DescribeUserGroups failed)",
        region: { userGroups: [], users: [app] },
        unread: /user group orders-users could not be read/,
      },
    ])("$name → not a pass, depending on the user lookups", ({ region, unread }) => {
      const [result] = evaluateGroup({ userGroupIds: ["orders-users"] }, region);
      expect(result?.status).toBe("warn");
      expect(result?.reason).toMatch(unread);
      expect(result?.dependsOn).toEqual(
        expect.arrayContaining([
          { action: "elasticache:DescribeUsers", region: REGION },
          { action: "elasticache:DescribeUserGroups", region: REGION },
        ]),
      );
    });

    it("an open member that was read still fails although another could not be read", () => {
      const [result] = evaluateGroup({ userGroupIds: ["orders-users"] }, rbacRegion([awsDefault, app], [awsDefault]));
      expect(result?.status).toBe("fail");
    });
  });

  it("a verdict from the group alone does not depend on users, user groups or member clusters", () => {
    const [authToken] = evaluateGroup({ userGroupIds: [], authTokenEnabled: true });
    expect(authToken?.dependsOn).toEqual([{ action: "elasticache:DescribeReplicationGroups", region: REGION }]);
    const [none] = evaluateGroup(noAuth);
    expect(none?.dependsOn).toEqual([{ action: "elasticache:DescribeReplicationGroups", region: REGION }]);
  });

  it.each([
    { name: "without TLS", transitEncryptionEnabled: false },
    { name: "with TLS field missing", transitEncryptionEnabled: undefined },
  ])("tells a group $name to fix transit first", ({ transitEncryptionEnabled }) => {
    const [result] = evaluateGroup({ ...noAuth, transitEncryptionEnabled, transitEncryptionMode: undefined });
    expect(result?.status).toBe("fail");
    expect(result?.reason).toContain("AUTH/RBAC require in-transit encryption — fix transit first.");
  });

  it.each([
    {
      name: "Redis OSS 5 can only use AUTH",
      group: { engine: "redis", engineVersion: "5.0.6" },
      reason: /Set an AUTH token, or upgrade to Redis OSS 6\.0\+/,
    },
    {
      name: "Redis OSS 7 can use RBAC",
      group: { engine: "redis", engineVersion: "7.1.0" },
      reason: /Attach an RBAC user group/,
    },
    {
      name: "Valkey can use RBAC",
      group: { engine: "valkey", engineVersion: "8.0.1" },
      reason: /Attach an RBAC user group/,
    },
  ])("remediation: $name", ({ group, reason }) => {
    const [result] = evaluateGroup({ ...noAuth, ...group });
    expect(result?.reason).toMatch(reason);
  });

  describe("standalone Valkey/Redis OSS cache clusters", () => {
    const standalone = {
      id: "jobs-scratch",
      engine: "redis",
      engineVersion: "7.0.7",
      replicationGroupId: undefined,
      transitEncryptionEnabled: false,
      atRestEncryptionEnabled: false,
      authTokenEnabled: false,
    };

    it.each([
      {
        name: "Redis OSS without AUTH or TLS",
        cluster: standalone,
        status: "fail",
        reason: /no AUTH token, and user groups cannot be attached.*snapshot and restore it into a replication group/,
      },
      {
        name: "Valkey without AUTH, AUTH field missing",
        cluster: { ...standalone, engine: "valkey", engineVersion: "8.0.1", authTokenEnabled: undefined },
        status: "fail",
        reason: /without authentication/,
      },
      {
        name: "TLS on but no AUTH token",
        cluster: { ...standalone, transitEncryptionEnabled: true },
        status: "fail",
        reason: /Set an AUTH token \(ModifyCacheCluster/,
      },
      {
        name: "AUTH token",
        cluster: { ...standalone, transitEncryptionEnabled: true, authTokenEnabled: true },
        status: "pass",
        reason: /requires an AUTH token/,
      },
    ])("$name → $status", ({ cluster, status, reason }) => {
      const [result] = evaluateCluster(cluster);
      expect(result?.status).toBe(status);
      expect(result?.resourceType).toBe("Cache cluster");
      expect(result?.resourceArn).toBe("arn:aws:elasticache:us-east-1:111122223333:cluster:jobs-scratch");
      expect(result?.reason).toContain("Standalone cache cluster jobs-scratch");
      expect(result?.reason).toMatch(reason);
      expect(result?.dependsOn).toEqual([{ action: "elasticache:DescribeCacheClusters", region: REGION }]);
    });

    it.each([
      { name: "a replication-group member (judged as its group)", cluster: { ...standalone, replicationGroupId: "x" } },
      { name: "Memcached", cluster: { ...standalone, engine: "memcached", engineVersion: "1.6.22" } },
      { name: "a cluster being deleted", cluster: { ...standalone, status: "deleting" } },
    ])("leaves out $name", ({ cluster }) => {
      expect(evaluateCluster(cluster)).toEqual([]);
    });

    it("records the fields it judged as evidence", () => {
      const [result] = evaluateCluster(standalone);
      expect(result?.evidence).toEqual({
        authTokenEnabled: false,
        transitEncryptionEnabled: false,
        engine: "redis",
        engineVersion: "7.0.7",
      });
    });
  });

  it("records the fields it judged as evidence", () => {
    const [result] = evaluateGroup({ ...noAuth, transitEncryptionEnabled: false });
    expect(result?.evidence).toEqual({
      userGroupIds: [],
      authTokenEnabled: false,
      transitEncryptionEnabled: false,
      engine: "redis",
      engineVersion: "7.1.0",
    });
    const [rbac] = evaluateGroup({ userGroupIds: ["orders-users"] }, rbacRegion([awsDefault, app], [awsDefault]));
    expect(rbac?.evidence).toMatchObject({
      openFullAccessUserIds: ["default"],
      unreadUserGroupIds: [],
      unreadUserIds: ["orders-app"],
    });
  });

  it("skips groups being deleted and yields nothing without groups", () => {
    expect(evaluateGroup({ ...noAuth, status: "deleting" })).toEqual([]);
    expect(evaluateGroup({ ...noAuth, status: "create-failed" })).toEqual([]);
    expect(control.evaluate(elasticacheInventory({}), { now })).toEqual([]);
  });
});
