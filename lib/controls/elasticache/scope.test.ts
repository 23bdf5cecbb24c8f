import { describe, expect, it } from "vitest";
import {
  buildElastiCacheRegion,
  cacheCluster,
  cacheUser,
  elasticacheInventory,
  userGroup,
} from "@/lib/inventory/builders";
import type { CollectionError } from "@/lib/inventory";
import {
  isAttached,
  isEncryptedAtRest,
  isOpenFullAccessUser,
  isStandaloneValkeyOrRedis,
  listFailed,
  parseAccessString,
  userGroupAccess,
} from "./scope";

describe("isEncryptedAtRest", () => {
  it.each([
    {
      storageEncryptionType: "sse-elasticache" as const,
      atRestEncryptionEnabled: false,
      dataTiering: undefined,
      expected: true,
    },
    {
      storageEncryptionType: "sse-kms" as const,
      atRestEncryptionEnabled: undefined,
      dataTiering: undefined,
      expected: true,
    },
    { storageEncryptionType: "none" as const, atRestEncryptionEnabled: true, dataTiering: "enabled", expected: false },
    { storageEncryptionType: undefined, atRestEncryptionEnabled: true, dataTiering: undefined, expected: true },
    {
      storageEncryptionType: undefined,
      atRestEncryptionEnabled: false,
      dataTiering: "enabled",
      expected: "tiering-only",
    },
    { storageEncryptionType: undefined, atRestEncryptionEnabled: undefined, dataTiering: "disabled", expected: false },
  ])("$storageEncryptionType / $atRestEncryptionEnabled / $dataTiering → $expected", ({ expected, ...group }) => {
    expect(isEncryptedAtRest(group)).toBe(expected);
  });
});

describe("parseAccessString", () => {
  it.each([
    { access: "on ~* +@all", expected: { enabled: true, allKeys: true, allCommands: true } },
    { access: "on allkeys allcommands", expected: { enabled: true, allKeys: true, allCommands: true } },
    { access: "off ~* +@all", expected: { enabled: false, allKeys: true, allCommands: true } },
    { access: "on ~app:* +@read", expected: { enabled: true, allKeys: false, allCommands: false } },
    { access: "on ~* +@all reset", expected: { enabled: false, allKeys: false, allCommands: false } },
    { access: "on ~* resetkeys ~app:* +@all", expected: { enabled: true, allKeys: false, allCommands: true } },
    { access: "  on   ~*  +@all  ", expected: { enabled: true, allKeys: true, allCommands: true } },
    { access: undefined, expected: { enabled: false, allKeys: false, allCommands: false } },
  ])("$access", ({ access, expected }) => {
    expect(parseAccessString(access)).toEqual(expected);
  });
});

describe("isOpenFullAccessUser", () => {
  it.each([
    {
      name: "AWS default user",
      user: { authenticationType: "no-password" as const, accessString: "on ~* +@all" },
      expected: true,
    },
    {
      name: "with a password",
      user: { authenticationType: "password" as const, accessString: "on ~* +@all" },
      expected: false,
    },
    { name: "IAM", user: { authenticationType: "iam" as const, accessString: "on ~* +@all" }, expected: false },
    {
      name: "off",
      user: { authenticationType: "no-password" as const, accessString: "off ~* +@all" },
      expected: false,
    },
    {
      name: "restricted keys",
      user: { authenticationType: "no-password" as const, accessString: "on ~a:* +@all" },
      expected: false,
    },
  ])("$name → $expected", ({ user, expected }) => {
    expect(isOpenFullAccessUser(cacheUser(user))).toBe(expected);
  });
});

describe("isAttached", () => {
  it.each([
    { replicationGroups: ["a"], serverlessCaches: [], expected: true },
    { replicationGroups: [], serverlessCaches: ["b"], expected: true },
    { replicationGroups: [], serverlessCaches: [], expected: false },
  ])("$replicationGroups / $serverlessCaches → $expected", ({ expected, ...group }) => {
    expect(isAttached(userGroup(group))).toBe(expected);
  });
});

describe("isStandaloneValkeyOrRedis", () => {
  it.each([
    { cluster: { engine: "redis", replicationGroupId: undefined }, expected: true },
    { cluster: { engine: "Valkey", replicationGroupId: undefined }, expected: true },
    { cluster: { engine: "redis", replicationGroupId: "orders-cache" }, expected: false },
    { cluster: { engine: "memcached", replicationGroupId: undefined }, expected: false },
  ])("$cluster.engine / $cluster.replicationGroupId → $expected", ({ cluster, expected }) => {
    expect(isStandaloneValkeyOrRedis(cacheCluster(cluster))).toBe(expected);
  });
});

describe("userGroupAccess", () => {
  const open = cacheUser({ id: "default", accessString: "on ~* +@all", authenticationType: "no-password" });
  const app = cacheUser({ id: "orders-app" });
  const region = (users = [open, app]) =>
    buildElastiCacheRegion({ userGroups: [userGroup({ userIds: ["default", "orders-app"] })], users });

  it.each([
    { name: "all read", region: region(), ids: ["orders-users"], open: ["default"], groups: [], users: [] },
    {
      name: "users unread",
      region: region([]),
      ids: ["orders-users"],
      open: [],
      groups: [],
      users: ["default", "orders-app"],
    },
    { name: "group unread", region: region(), ids: ["other-users"], open: [], groups: ["other-users"], users: [] },
    { name: "no group", region: region(), ids: [], open: [], groups: [], users: [] },
  ])("$name", ({ region, ids, open: openIds, groups, users }) => {
    const access = userGroupAccess(region, ids);
    expect(access.openUsers.map((u) => u.id)).toEqual(openIds);
    expect(access.missingGroupIds).toEqual(groups);
    expect(access.missingUserIds).toEqual(users);
  });
});

describe("listFailed", () => {
  const error = (overrides: Partial<CollectionError>): CollectionError => ({
    service: "elasticache",
    region: "us-east-1",
    action: "elasticache:DescribeUsers",
    kind: "access-denied",
    message: "denied",
    ...overrides,
  });
  it.each([
    { name: "same call and Region", error: error({}), expected: true },
    { name: "another Region", error: error({ region: "eu-west-1" }), expected: false },
    { name: "another call", error: error({ action: "elasticache:DescribeUserGroups" }), expected: false },
    { name: "a call about one resource", error: error({ resource: "orders-app" }), expected: false },
    {
      name: "credentials rejected for the service in the Region",
      error: error({ action: "elasticache:DescribeReplicationGroups", kind: "credentials-rejected" }),
      expected: true,
    },
  ])("$name → $expected", ({ error: e, expected }) => {
    const inventory = elasticacheInventory({});
    inventory.errors.push(e);
    expect(listFailed(inventory, "elasticache:DescribeUsers", "us-east-1")).toBe(expected);
  });
});
