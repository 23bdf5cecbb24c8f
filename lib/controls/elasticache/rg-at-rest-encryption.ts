import type { CacheCluster, ReplicationGroup } from "@/lib/inventory";
import type { Control, ResourceResult } from "../types";
import { ACTIONS, elasticacheRegions, isEncryptedAtRest, isLive, isStandaloneValkeyOrRedis, lookupsIn } from "./scope";

const GROUP = "Replication group";
const CLUSTER = "Cache cluster";

/** At-rest encryption is fixed at creation, so every fix is a new group. */
const REBUILD = "restore a backup into a new group with at-rest encryption on and move clients to it";

function groupResult(group: ReplicationGroup): ResourceResult {
  const evidence = {
    storageEncryptionType: group.storageEncryptionType ?? null,
    atRestEncryptionEnabled: group.atRestEncryptionEnabled ?? null,
    dataTiering: group.dataTiering ?? null,
  };
  const base = {
    resourceArn: group.arn,
    resourceType: GROUP,
    region: group.region,
    evidence,
    dependsOn: lookupsIn(group.region, ACTIONS.replicationGroups),
  };
  const encrypted = isEncryptedAtRest(group);
  if (encrypted === "tiering-only") {
    return {
      ...base,
      status: "warn",
      reason: `Replication group ${group.id} uses data tiering, so only its SSD tier is encrypted while data in memory and backups are not; ${REBUILD}.`,
    };
  }
  if (!encrypted) {
    return {
      ...base,
      status: "fail",
      reason: `Replication group ${group.id} does not encrypt data at rest; ${REBUILD}.`,
    };
  }
  return { ...base, status: "pass", reason: `Replication group ${group.id} encrypts data at rest.` };
}

/**
 * At-rest encryption is offered only to replication groups: CreateCacheCluster has no parameter for
 * it, so a standalone cluster reads false unless the API says otherwise, and its fix is a new group.
 */
function clusterResult(cluster: CacheCluster): ResourceResult {
  const base = {
    resourceArn: cluster.arn,
    resourceType: CLUSTER,
    region: cluster.region,
    evidence: { atRestEncryptionEnabled: cluster.atRestEncryptionEnabled ?? null, engine: cluster.engine ?? null },
    dependsOn: lookupsIn(cluster.region, ACTIONS.cacheClusters),
  };
  if (cluster.atRestEncryptionEnabled === true) {
    return { ...base, status: "pass", reason: `Standalone cache cluster ${cluster.id} encrypts data at rest.` };
  }
  return {
    ...base,
    status: "fail",
    reason: `Standalone cache cluster ${cluster.id} does not encrypt data at rest, and a cluster outside a replication group cannot: take a snapshot, restore it into a new replication group with at-rest encryption on, and move clients to it.`,
  };
}

export const control: Control = {
  meta: {
    id: "elasticache.rg-at-rest-encryption",
    service: "elasticache",
    title: "Valkey/Redis OSS replication groups and standalone clusters encrypt data at rest",
    severity: "high",
    responsibility: "customer",
    recommendation: "encryption",
    seed: {
      file: "000_1318394cfcef3e54.txt",
      quote: "Use AWS encryption solutions, along with all default security controls within AWS services.",
    },
    resourceType: "Cache",
    remediation: {
      text: "At-rest encryption cannot be changed after creation and exists only for replication groups: create a new replication group with at-rest encryption (optionally with a customer managed KMS key) from a backup of the group or standalone cluster, switch clients to its endpoint, then delete the old one.",
      url: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html",
    },
    docs: [],
    requires: [ACTIONS.replicationGroups, ACTIONS.cacheClusters],
    related: [
      "Security Hub ElastiCache.4",
      "Prowler elasticache_redis_cluster_rest_encryption_enabled",
      "AWS Config elasticache-repl-grp-encrypted-at-rest",
    ],
    verdicts: [
      "pass: a live replication group, or a standalone Valkey/Redis OSS cluster, encrypts data at rest (StorageEncryptionType wins over AtRestEncryptionEnabled when both are reported).",
      "warn: a data-tiering group whose older response shows only the SSD tier encrypted, not memory or backups.",
      "fail: data at rest is not encrypted.",
      "error: the list call for that group or cluster failed in its Region.",
    ],
  },
  evaluate(inventory) {
    return elasticacheRegions(inventory).flatMap((region) => [
      ...region.replicationGroups.filter((group) => isLive(group.status)).map(groupResult),
      // Memcached clusters are elasticache.memcached-at-rest's; group members are judged as their group.
      ...region.cacheClusters
        .filter((cluster) => isStandaloneValkeyOrRedis(cluster) && isLive(cluster.status))
        .map(clusterResult),
    ]);
  },
};
