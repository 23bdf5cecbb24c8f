/** ElastiCache inventory: what `lib/aws/elasticache/collect.ts` produces per region. */

export type TransitEncryptionMode = "preferred" | "required";
export type StorageEncryptionType = "none" | "sse-elasticache" | "sse-kms";
export type UserAuthenticationType = "password" | "no-password" | "iam";

/** A node-based Valkey / Redis OSS replication group. */
export interface ReplicationGroup {
  id: string;
  arn: string;
  region: string;
  description?: string;
  status?: string;
  engine?: string;
  /** From the member clusters (the replication group itself carries no version). */
  engineVersion?: string;
  cacheNodeType?: string;
  clusterMode?: string;
  memberClusters: string[];
  dataTiering?: string;
  transitEncryptionEnabled?: boolean;
  transitEncryptionMode?: TransitEncryptionMode;
  atRestEncryptionEnabled?: boolean;
  /** Recent API field; authoritative for at-rest encryption when present. */
  storageEncryptionType?: StorageEncryptionType;
  kmsKeyId?: string;
  authTokenEnabled?: boolean;
  userGroupIds: string[];
  globalReplicationGroupId?: string;
}

/** A cache cluster (node group). Includes replication-group members, Memcached and standalone nodes. */
export interface CacheCluster {
  id: string;
  arn: string;
  region: string;
  engine?: string;
  engineVersion?: string;
  cacheNodeType?: string;
  status?: string;
  replicationGroupId?: string;
  transitEncryptionEnabled?: boolean;
  transitEncryptionMode?: TransitEncryptionMode;
  atRestEncryptionEnabled?: boolean;
  authTokenEnabled?: boolean;
}

export interface ServerlessCache {
  name: string;
  arn: string;
  region: string;
  description?: string;
  status?: string;
  engine?: string;
  majorEngineVersion?: string;
  kmsKeyId?: string;
  storageEncryptionType?: StorageEncryptionType;
  userGroupId?: string;
}

export interface UserGroup {
  id: string;
  arn: string;
  region: string;
  status?: string;
  engine?: string;
  userIds: string[];
  replicationGroups: string[];
  serverlessCaches: string[];
}

export interface CacheUser {
  id: string;
  userName?: string;
  arn: string;
  region: string;
  status?: string;
  engine?: string;
  accessString?: string;
  userGroupIds: string[];
  authenticationType?: UserAuthenticationType;
  passwordCount?: number;
}

/** A backup: node-based snapshot or serverless cache snapshot. */
export interface CacheSnapshot {
  name: string;
  arn: string;
  region: string;
  kind: "node-based" | "serverless";
  replicationGroupId?: string;
  cacheClusterId?: string;
  serverlessCacheName?: string;
  engine?: string;
  kmsKeyId?: string;
  dataTiering?: string;
}

export interface ElastiCacheRegionInventory {
  region: string;
  replicationGroups: ReplicationGroup[];
  cacheClusters: CacheCluster[];
  serverlessCaches: ServerlessCache[];
  userGroups: UserGroup[];
  users: CacheUser[];
  snapshots: CacheSnapshot[];
}

export interface ElastiCacheInventory {
  regions: ElastiCacheRegionInventory[];
}
