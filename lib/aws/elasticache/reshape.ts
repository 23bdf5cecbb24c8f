/**
 * Pure mappings from ElastiCache SDK objects to Safekeep's inventory types. Values are passed
 * through as the API returns them (enums are already lower-case there); a missing field stays
 * undefined so controls can tell "not reported" from "false", and missing lists become [].
 */
import type {
  CacheCluster as SdkCacheCluster,
  ReplicationGroup as SdkReplicationGroup,
  ServerlessCache as SdkServerlessCache,
  ServerlessCacheSnapshot as SdkServerlessCacheSnapshot,
  Snapshot as SdkSnapshot,
  User as SdkUser,
  UserGroup as SdkUserGroup,
} from "@aws-sdk/client-elasticache";
import type {
  CacheCluster,
  CacheSnapshot,
  CacheUser,
  ReplicationGroup,
  ServerlessCache,
  UserGroup,
} from "@/lib/inventory";

/** Numeric, segment-wise comparison, so "6.2.6" sorts before "10.0". */
function compareVersions(a: string, b: string): number {
  const left = a.split(".").map((part) => Number.parseInt(part, 10) || 0);
  const right = b.split(".").map((part) => Number.parseInt(part, 10) || 0);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/**
 * Engine version of each replication group, read from its member clusters (the replication group
 * object carries none). While an upgrade is rolling, members differ: the lowest version is kept,
 * because it is what limits the features (TLS, RBAC) the group can offer.
 */
export function engineVersionsByReplicationGroup(clusters: readonly SdkCacheCluster[]): Map<string, string> {
  const versions = new Map<string, string>();
  for (const cluster of clusters) {
    const groupId = cluster.ReplicationGroupId;
    const version = cluster.EngineVersion;
    if (groupId === undefined || version === undefined) continue;
    const known = versions.get(groupId);
    if (known === undefined || compareVersions(version, known) < 0) versions.set(groupId, version);
  }
  return versions;
}

export function toReplicationGroup(
  group: SdkReplicationGroup,
  region: string,
  engineVersion?: string,
): ReplicationGroup {
  return {
    id: group.ReplicationGroupId ?? "",
    arn: group.ARN ?? "",
    region,
    description: group.Description,
    status: group.Status,
    engine: group.Engine,
    engineVersion,
    cacheNodeType: group.CacheNodeType,
    clusterMode: group.ClusterMode,
    memberClusters: group.MemberClusters ?? [],
    dataTiering: group.DataTiering,
    transitEncryptionEnabled: group.TransitEncryptionEnabled,
    transitEncryptionMode: group.TransitEncryptionMode,
    atRestEncryptionEnabled: group.AtRestEncryptionEnabled,
    storageEncryptionType: group.StorageEncryptionType,
    kmsKeyId: group.KmsKeyId,
    authTokenEnabled: group.AuthTokenEnabled,
    userGroupIds: group.UserGroupIds ?? [],
    globalReplicationGroupId: group.GlobalReplicationGroupInfo?.GlobalReplicationGroupId,
  };
}

export function toCacheCluster(cluster: SdkCacheCluster, region: string): CacheCluster {
  return {
    id: cluster.CacheClusterId ?? "",
    arn: cluster.ARN ?? "",
    region,
    engine: cluster.Engine,
    engineVersion: cluster.EngineVersion,
    cacheNodeType: cluster.CacheNodeType,
    status: cluster.CacheClusterStatus,
    replicationGroupId: cluster.ReplicationGroupId,
    transitEncryptionEnabled: cluster.TransitEncryptionEnabled,
    transitEncryptionMode: cluster.TransitEncryptionMode,
    atRestEncryptionEnabled: cluster.AtRestEncryptionEnabled,
    authTokenEnabled: cluster.AuthTokenEnabled,
  };
}

export function toServerlessCache(cache: SdkServerlessCache, region: string): ServerlessCache {
  return {
    name: cache.ServerlessCacheName ?? "",
    arn: cache.ARN ?? "",
    region,
    description: cache.Description,
    status: cache.Status,
    engine: cache.Engine,
    majorEngineVersion: cache.MajorEngineVersion,
    kmsKeyId: cache.KmsKeyId,
    storageEncryptionType: cache.StorageEncryptionType,
    userGroupId: cache.UserGroupId,
  };
}

export function toUserGroup(group: SdkUserGroup, region: string): UserGroup {
  return {
    id: group.UserGroupId ?? "",
    arn: group.ARN ?? "",
    region,
    status: group.Status,
    engine: group.Engine,
    userIds: group.UserIds ?? [],
    replicationGroups: group.ReplicationGroups ?? [],
    serverlessCaches: group.ServerlessCaches ?? [],
  };
}

/** Passwords are never returned by the API; only how many a user has. */
export function toCacheUser(user: SdkUser, region: string): CacheUser {
  return {
    id: user.UserId ?? "",
    userName: user.UserName,
    arn: user.ARN ?? "",
    region,
    status: user.Status,
    engine: user.Engine,
    accessString: user.AccessString,
    userGroupIds: user.UserGroupIds ?? [],
    authenticationType: user.Authentication?.Type,
    passwordCount: user.Authentication?.PasswordCount,
  };
}

/** A backup of a node-based cluster or replication group (`DescribeSnapshots`). */
export function toNodeBasedSnapshot(snapshot: SdkSnapshot, region: string): CacheSnapshot {
  return {
    name: snapshot.SnapshotName ?? "",
    arn: snapshot.ARN ?? "",
    region,
    kind: "node-based",
    replicationGroupId: snapshot.ReplicationGroupId,
    cacheClusterId: snapshot.CacheClusterId,
    engine: snapshot.Engine,
    kmsKeyId: snapshot.KmsKeyId,
    dataTiering: snapshot.DataTiering,
  };
}

/** A backup of a serverless cache (`DescribeServerlessCacheSnapshots`). */
export function toServerlessSnapshot(snapshot: SdkServerlessCacheSnapshot, region: string): CacheSnapshot {
  return {
    name: snapshot.ServerlessCacheSnapshotName ?? "",
    arn: snapshot.ARN ?? "",
    region,
    kind: "serverless",
    serverlessCacheName: snapshot.ServerlessCacheConfiguration?.ServerlessCacheName,
    engine: snapshot.ServerlessCacheConfiguration?.Engine,
    kmsKeyId: snapshot.KmsKeyId,
  };
}
