/** ElastiCache (awsQuery): the inverse of lib/aws/elasticache/reshape.ts, with real paging. */
import * as schemas from "@aws-sdk/client-elasticache";
import type { ElastiCacheRegionInventory } from "@/lib/inventory";
import { page } from "../paging";
import type { FakeRequest, FakeService } from "../types";

function regionOf(request: FakeRequest): ElastiCacheRegionInventory | undefined {
  return request.scenario.inventory.elasticache?.regions.find((r) => r.region === request.region);
}

function paged<T>(
  request: FakeRequest,
  items: readonly T[],
  sizeParam: string,
  tokenParam: string,
  tokenOut: string,
  listName: string,
  map: (item: T) => unknown,
) {
  const { items: slice, next } = page(items, request.params[tokenParam], request.params[sizeParam]);
  return { [listName]: slice.map(map), [tokenOut]: next };
}

export const elasticache: FakeService = {
  model: {
    signingName: "elasticache",
    actionPrefix: "elasticache",
    protocol: "query",
    schemas,
    xmlNamespace: "http://elasticache.amazonaws.com/doc/2015-02-02/",
  },
  responders: {
    DescribeReplicationGroups: (request) =>
      paged(
        request,
        regionOf(request)?.replicationGroups ?? [],
        "MaxRecords",
        "Marker",
        "Marker",
        "ReplicationGroups",
        (g) => ({
          ReplicationGroupId: g.id,
          ARN: g.arn,
          Description: g.description,
          Status: g.status,
          Engine: g.engine,
          CacheNodeType: g.cacheNodeType,
          ClusterMode: g.clusterMode,
          MemberClusters: g.memberClusters,
          DataTiering: g.dataTiering,
          TransitEncryptionEnabled: g.transitEncryptionEnabled,
          TransitEncryptionMode: g.transitEncryptionMode,
          AtRestEncryptionEnabled: g.atRestEncryptionEnabled,
          StorageEncryptionType: g.storageEncryptionType,
          KmsKeyId: g.kmsKeyId,
          AuthTokenEnabled: g.authTokenEnabled,
          UserGroupIds: g.userGroupIds,
          GlobalReplicationGroupInfo: g.globalReplicationGroupId
            ? { GlobalReplicationGroupId: g.globalReplicationGroupId }
            : undefined,
        }),
      ),
    DescribeCacheClusters: (request) =>
      paged(
        request,
        regionOf(request)?.cacheClusters ?? [],
        "MaxRecords",
        "Marker",
        "Marker",
        "CacheClusters",
        (c) => ({
          CacheClusterId: c.id,
          ARN: c.arn,
          Engine: c.engine,
          EngineVersion: c.engineVersion,
          CacheNodeType: c.cacheNodeType,
          CacheClusterStatus: c.status,
          ReplicationGroupId: c.replicationGroupId,
          TransitEncryptionEnabled: c.transitEncryptionEnabled,
          TransitEncryptionMode: c.transitEncryptionMode,
          AtRestEncryptionEnabled: c.atRestEncryptionEnabled,
          AuthTokenEnabled: c.authTokenEnabled,
        }),
      ),
    DescribeServerlessCaches: (request) =>
      paged(
        request,
        regionOf(request)?.serverlessCaches ?? [],
        "MaxResults",
        "NextToken",
        "NextToken",
        "ServerlessCaches",
        (c) => ({
          ServerlessCacheName: c.name,
          ARN: c.arn,
          Description: c.description,
          Status: c.status,
          Engine: c.engine,
          MajorEngineVersion: c.majorEngineVersion,
          KmsKeyId: c.kmsKeyId,
          StorageEncryptionType: c.storageEncryptionType,
          UserGroupId: c.userGroupId,
        }),
      ),
    DescribeUserGroups: (request) =>
      paged(request, regionOf(request)?.userGroups ?? [], "MaxRecords", "Marker", "Marker", "UserGroups", (g) => ({
        UserGroupId: g.id,
        ARN: g.arn,
        Status: g.status,
        Engine: g.engine,
        UserIds: g.userIds,
        ReplicationGroups: g.replicationGroups,
        ServerlessCaches: g.serverlessCaches,
      })),
    DescribeUsers: (request) =>
      paged(request, regionOf(request)?.users ?? [], "MaxRecords", "Marker", "Marker", "Users", (u) => ({
        UserId: u.id,
        UserName: u.userName,
        ARN: u.arn,
        Status: u.status,
        Engine: u.engine,
        AccessString: u.accessString,
        UserGroupIds: u.userGroupIds,
        Authentication: u.authenticationType
          ? { Type: u.authenticationType, PasswordCount: u.passwordCount }
          : undefined,
      })),
    DescribeSnapshots: (request) =>
      paged(
        request,
        (regionOf(request)?.snapshots ?? []).filter((s) => s.kind === "node-based"),
        "MaxRecords",
        "Marker",
        "Marker",
        "Snapshots",
        (s) => ({
          SnapshotName: s.name,
          ARN: s.arn,
          ReplicationGroupId: s.replicationGroupId,
          CacheClusterId: s.cacheClusterId,
          Engine: s.engine,
          KmsKeyId: s.kmsKeyId,
          DataTiering: s.dataTiering,
        }),
      ),
    DescribeServerlessCacheSnapshots: (request) =>
      paged(
        request,
        (regionOf(request)?.snapshots ?? []).filter((s) => s.kind === "serverless"),
        "MaxResults",
        "NextToken",
        "NextToken",
        "ServerlessCacheSnapshots",
        (s) => ({
          ServerlessCacheSnapshotName: s.name,
          ARN: s.arn,
          KmsKeyId: s.kmsKeyId,
          ServerlessCacheConfiguration: { ServerlessCacheName: s.serverlessCacheName, Engine: s.engine },
        }),
      ),
  },
};
