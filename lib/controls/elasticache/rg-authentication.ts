import type { CacheCluster, ElastiCacheRegionInventory, ReplicationGroup } from "@/lib/inventory";
import type { Control, Evidence, Lookup, ResourceResult, Status } from "../types";
import {
  ACTIONS,
  elasticacheRegions,
  isLive,
  isStandaloneValkeyOrRedis,
  lookupsIn,
  majorVersion,
  unreadParts,
  userGroupAccess,
  userLabel,
} from "./scope";

const GROUP = "Replication group";
const CLUSTER = "Cache cluster";

/** ElastiCache only accepts AUTH tokens and user groups on groups with TLS, so transit comes first. */
const TRANSIT_FIRST = "AUTH/RBAC require in-transit encryption — fix transit first.";

/** RBAC needs Redis OSS 6.0+ (every Valkey release has it); older engines can only use an AUTH token. */
function fixHint(group: ReplicationGroup): string {
  const major = majorVersion(group.engineVersion);
  if (group.engine !== "valkey" && major !== undefined && major < 6) {
    return "Set an AUTH token, or upgrade to Redis OSS 6.0+ and attach an RBAC user group.";
  }
  return "Attach an RBAC user group, or set an AUTH token.";
}

interface Verdict {
  status: Status;
  reason: string;
  evidence?: Evidence;
  dependsOn: Lookup[];
}

/**
 * A user group authenticates only if none of its members lets a client in without a password: the
 * AWS-created `default` user (on, no password, all keys and commands) does exactly that. Members
 * that could not be read may be that user, so they never count as safe.
 */
function rbacVerdict(group: ReplicationGroup, region: ElastiCacheRegionInventory): Verdict {
  const access = userGroupAccess(region, group.userGroupIds);
  const groups = group.userGroupIds.join(", ");
  const evidence = {
    openFullAccessUserIds: access.openUsers.map((user) => user.id),
    unreadUserGroupIds: access.missingGroupIds,
    unreadUserIds: access.missingUserIds,
  };
  const dependsOn = lookupsIn(group.region, ACTIONS.replicationGroups, ACTIONS.userGroups, ACTIONS.users);
  if (access.openUsers.length > 0) {
    return {
      status: "fail",
      reason: `Replication group ${group.id} has RBAC user group ${groups}, but it holds ${access.openUsers.map(userLabel).join(", ")}, which any client that reaches the group can log in as without a password with access to every key and command; elasticache.rbac-default-user has the fix.`,
      evidence,
      dependsOn,
    };
  }
  if (access.missingGroupIds.length > 0 || access.missingUserIds.length > 0) {
    return {
      status: "warn",
      reason: `Replication group ${group.id} has RBAC user group ${groups}, but ${unreadParts(access)} could not be read, so it cannot be confirmed that no user lets clients in without a password.`,
      evidence,
      dependsOn,
    };
  }
  return {
    status: "pass",
    reason: `Replication group ${group.id} authenticates clients with RBAC user group ${groups}, which has no enabled password-less user with full access.`,
    evidence,
    dependsOn,
  };
}

function groupVerdict(group: ReplicationGroup, region: ElastiCacheRegionInventory): Verdict {
  if (group.userGroupIds.length > 0) return rbacVerdict(group, region);
  // The verdict rests on the group alone; the engine version (from the member clusters) only shapes
  // the fix hint, so a failed cluster listing must not hide the finding.
  const dependsOn = lookupsIn(group.region, ACTIONS.replicationGroups);
  if (group.authTokenEnabled === true) {
    return {
      status: "pass",
      reason: `Replication group ${group.id} requires an AUTH token, one shared password with full access, so RBAC user groups would be finer-grained.`,
      dependsOn,
    };
  }
  return {
    status: "fail",
    reason: `Replication group ${group.id} lets any client that reaches it connect without authentication: it has neither an RBAC user group nor an AUTH token.`,
    dependsOn,
  };
}

function groupResult(group: ReplicationGroup, region: ElastiCacheRegionInventory): ResourceResult {
  const { status, reason, evidence, dependsOn } = groupVerdict(group, region);
  const transitOff = group.transitEncryptionEnabled !== true;
  // An open user group has its own fix (swap the default user); the generic hint is for no auth at all.
  const noAuthAtAll = status === "fail" && group.userGroupIds.length === 0;
  const hint = transitOff ? TRANSIT_FIRST : noAuthAtAll ? fixHint(group) : "";
  return {
    resourceArn: group.arn,
    resourceType: GROUP,
    region: group.region,
    status,
    reason: hint ? `${reason} ${hint}` : reason,
    evidence: {
      userGroupIds: group.userGroupIds,
      authTokenEnabled: group.authTokenEnabled ?? null,
      transitEncryptionEnabled: group.transitEncryptionEnabled ?? null,
      engine: group.engine ?? null,
      engineVersion: group.engineVersion ?? null,
      ...evidence,
    },
    dependsOn,
  };
}

/**
 * A standalone cluster has no `UserGroupIds`: user groups attach to replication groups and serverless
 * caches only, so an AUTH token is the only authentication it can have, and AUTH needs TLS, which a
 * Valkey/Redis OSS cluster gets only inside a replication group.
 */
function clusterResult(cluster: CacheCluster): ResourceResult {
  const base = {
    resourceArn: cluster.arn,
    resourceType: CLUSTER,
    region: cluster.region,
    evidence: {
      authTokenEnabled: cluster.authTokenEnabled ?? null,
      transitEncryptionEnabled: cluster.transitEncryptionEnabled ?? null,
      engine: cluster.engine ?? null,
      engineVersion: cluster.engineVersion ?? null,
    },
    dependsOn: lookupsIn(cluster.region, ACTIONS.cacheClusters),
  };
  if (cluster.authTokenEnabled === true) {
    return {
      ...base,
      status: "pass",
      reason: `Standalone cache cluster ${cluster.id} requires an AUTH token, one shared password with full access; RBAC user groups would need a replication group.`,
    };
  }
  const fix =
    cluster.transitEncryptionEnabled === true
      ? "Set an AUTH token (ModifyCacheCluster with AuthTokenUpdateStrategy SET), or move it into a replication group to use an RBAC user group."
      : "Take a snapshot and restore it into a replication group with in-transit encryption and an RBAC user group or AUTH token, then move clients to it.";
  return {
    ...base,
    status: "fail",
    reason: `Standalone cache cluster ${cluster.id} lets any client that reaches it connect without authentication: it has no AUTH token, and user groups cannot be attached to a cluster outside a replication group. ${fix}`,
  };
}

export const control: Control = {
  meta: {
    id: "elasticache.rg-authentication",
    service: "elasticache",
    title: "Valkey/Redis OSS replication groups and standalone clusters require authentication",
    severity: "high",
    responsibility: "customer",
    recommendation: "least-privilege",
    seed: {
      file: "000_1318394cfcef3e54.txt",
      quote: "In this approach, each user is given only the permissions necessary to fulfill their job duties.",
    },
    resourceType: "Cache",
    remediation: {
      text: "On a TLS-enabled replication group, attach an RBAC user group (Valkey 7.2+ or Redis OSS 6.0+) whose default user is off or has a password, or set an AUTH token (AuthTokenUpdateStrategy SET or ROTATE). A standalone cluster cannot take a user group or TLS: snapshot it and restore the snapshot into a TLS-enabled replication group with authentication.",
      url: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.RBAC.html",
    },
    docs: [
      "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth.html",
      "https://docs.aws.amazon.com/config/latest/developerguide/elasticache-rbac-auth-enabled.html",
    ],
    requires: [ACTIONS.replicationGroups, ACTIONS.cacheClusters, ACTIONS.userGroups, ACTIONS.users],
    related: [
      "Security Hub ElastiCache.6",
      "Prowler elasticache_redis_replication_group_auth_enabled",
      "AWS Config elasticache-rbac-auth-enabled",
    ],
    verdicts: [
      "pass: a live replication group has an RBAC user group with no enabled password-less full-access user, or an AUTH token; a standalone Valkey/Redis OSS cluster has an AUTH token.",
      "warn: a user group or member the group names was missing from a list that was read, so an open user cannot be ruled out.",
      "fail: there is neither a user group nor an AUTH token, or the user group holds an open, password-less user with full access (the usual AWS-created default user).",
      "error: a list call the verdict rests on (replication groups or clusters; user groups and users when RBAC is used) failed in that Region.",
    ],
  },
  evaluate(inventory) {
    // Replication groups are Valkey/Redis OSS only; node-based Memcached has neither AUTH nor RBAC.
    return elasticacheRegions(inventory).flatMap((region) => [
      ...region.replicationGroups.filter((group) => isLive(group.status)).map((group) => groupResult(group, region)),
      ...region.cacheClusters
        .filter((cluster) => isStandaloneValkeyOrRedis(cluster) && isLive(cluster.status))
        .map(clusterResult),
    ]);
  },
};
