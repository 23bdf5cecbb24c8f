import type { ReplicationGroup } from "@/lib/inventory";
import type { Control, ResourceResult, Status } from "../types";
import { elasticacheRegions, isLive, majorVersion } from "./scope";

const RESOURCE_TYPE = "Replication group";

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

function verdict(group: ReplicationGroup): { status: Status; reason: string } {
  if (group.userGroupIds.length > 0) {
    return {
      status: "pass",
      reason: `Replication group ${group.id} authenticates clients with RBAC user group ${group.userGroupIds.join(", ")}.`,
    };
  }
  if (group.authTokenEnabled === true) {
    return {
      status: "pass",
      reason: `Replication group ${group.id} requires an AUTH token, one shared password with full access, so RBAC user groups would be finer-grained.`,
    };
  }
  return {
    status: "fail",
    reason: `Replication group ${group.id} lets any client that reaches it connect without authentication: it has neither an RBAC user group nor an AUTH token.`,
  };
}

export const control: Control = {
  meta: {
    id: "elasticache.rg-authentication",
    service: "elasticache",
    title: "Valkey/Redis OSS replication groups require authentication",
    severity: "high",
    responsibility: "customer",
    recommendation: "least-privilege",
    seed: {
      file: "000_1318394cfcef3e54.txt",
      quote: "In this approach, each user is given only the permissions necessary to fulfill their job duties.",
    },
    resourceType: RESOURCE_TYPE,
    remediation: {
      text: "On a TLS-enabled replication group, attach an RBAC user group (Valkey 7.2+ or Redis OSS 6.0+) or set an AUTH token (AuthTokenUpdateStrategy SET or ROTATE).",
      url: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.RBAC.html",
    },
    docs: [
      "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth.html",
      "https://docs.aws.amazon.com/config/latest/developerguide/elasticache-rbac-auth-enabled.html",
    ],
    requires: ["elasticache:DescribeReplicationGroups", "elasticache:DescribeCacheClusters"],
    related: [
      "Security Hub ElastiCache.6",
      "Prowler elasticache_redis_replication_group_auth_enabled",
      "AWS Config elasticache-rbac-auth-enabled",
    ],
  },
  evaluate(inventory) {
    // Replication groups are Valkey/Redis OSS only; node-based Memcached has neither AUTH nor RBAC.
    return elasticacheRegions(inventory).flatMap((region) =>
      region.replicationGroups
        .filter((group) => isLive(group.status))
        .map((group): ResourceResult => {
          const { status, reason } = verdict(group);
          const transitOff = group.transitEncryptionEnabled !== true;
          const hint = transitOff ? TRANSIT_FIRST : status === "fail" ? fixHint(group) : "";
          return {
            resourceArn: group.arn,
            resourceType: RESOURCE_TYPE,
            region: group.region,
            status,
            reason: hint ? `${reason} ${hint}` : reason,
            evidence: {
              userGroupIds: group.userGroupIds,
              authTokenEnabled: group.authTokenEnabled ?? null,
              transitEncryptionEnabled: group.transitEncryptionEnabled ?? null,
              engine: group.engine ?? null,
              engineVersion: group.engineVersion ?? null,
            },
          };
        }),
    );
  },
};
