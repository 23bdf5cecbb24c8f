import type {
  CacheCluster,
  CacheSnapshot,
  CacheUser,
  ElastiCacheRegionInventory,
  Inventory,
  ReplicationGroup,
  ServerlessCache,
  UserGroup,
} from "../index";
import { buildInventory, TEST_ACCOUNT, TEST_REGION } from "./common";

function ecArn(kind: string, name: string, region = TEST_REGION): string {
  return `arn:aws:elasticache:${region}:${TEST_ACCOUNT}:${kind}:${name}`;
}

export function buildElastiCacheRegion(
  overrides: Partial<ElastiCacheRegionInventory> = {},
): ElastiCacheRegionInventory {
  return {
    region: TEST_REGION,
    replicationGroups: [],
    cacheClusters: [],
    serverlessCaches: [],
    userGroups: [],
    users: [],
    snapshots: [],
    ...overrides,
  };
}

/** An inventory holding one ElastiCache region with the given resources. */
export function elasticacheInventory(region: Partial<ElastiCacheRegionInventory>): Inventory {
  return buildInventory({ elasticache: { regions: [buildElastiCacheRegion(region)] } });
}

export function replicationGroup(overrides: Partial<ReplicationGroup> = {}): ReplicationGroup {
  const id = overrides.id ?? "orders-cache";
  return {
    id,
    arn: ecArn("replicationgroup", id, overrides.region),
    region: TEST_REGION,
    status: "available",
    engine: "redis",
    engineVersion: "7.1.0",
    cacheNodeType: "cache.r7g.large",
    memberClusters: [`${id}-001`],
    transitEncryptionEnabled: true,
    transitEncryptionMode: "required",
    atRestEncryptionEnabled: true,
    storageEncryptionType: "sse-elasticache",
    authTokenEnabled: false,
    userGroupIds: ["orders-users"],
    ...overrides,
  };
}

export function cacheCluster(overrides: Partial<CacheCluster> = {}): CacheCluster {
  const id = overrides.id ?? "sessions-memcached";
  return {
    id,
    arn: ecArn("cluster", id, overrides.region),
    region: TEST_REGION,
    engine: "memcached",
    engineVersion: "1.6.22",
    cacheNodeType: "cache.t4g.small",
    status: "available",
    transitEncryptionEnabled: true,
    atRestEncryptionEnabled: false,
    authTokenEnabled: false,
    ...overrides,
  };
}

export function serverlessCache(overrides: Partial<ServerlessCache> = {}): ServerlessCache {
  const name = overrides.name ?? "catalog-serverless";
  return {
    name,
    arn: ecArn("serverlesscache", name, overrides.region),
    region: TEST_REGION,
    status: "available",
    engine: "valkey",
    majorEngineVersion: "8",
    storageEncryptionType: "sse-elasticache",
    userGroupId: "catalog-users",
    ...overrides,
  };
}

export function userGroup(overrides: Partial<UserGroup> = {}): UserGroup {
  const id = overrides.id ?? "orders-users";
  return {
    id,
    arn: ecArn("usergroup", id, overrides.region),
    region: TEST_REGION,
    status: "active",
    engine: "redis",
    userIds: ["default-off", "orders-app"],
    replicationGroups: ["orders-cache"],
    serverlessCaches: [],
    ...overrides,
  };
}

export function cacheUser(overrides: Partial<CacheUser> = {}): CacheUser {
  const id = overrides.id ?? "orders-app";
  return {
    id,
    userName: id,
    arn: ecArn("user", id, overrides.region),
    region: TEST_REGION,
    status: "active",
    engine: "redis",
    accessString: "on ~orders:* +@read +@write",
    userGroupIds: ["orders-users"],
    authenticationType: "password",
    passwordCount: 1,
    ...overrides,
  };
}

export function cacheSnapshot(overrides: Partial<CacheSnapshot> = {}): CacheSnapshot {
  const name = overrides.name ?? "orders-cache-2026-01-01";
  return {
    name,
    arn: ecArn("snapshot", name, overrides.region),
    region: TEST_REGION,
    kind: "node-based",
    replicationGroupId: "orders-cache",
    engine: "redis",
    ...overrides,
  };
}
