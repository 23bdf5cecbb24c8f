import type { ElastiCacheRegionInventory, ServerlessCache } from "@/lib/inventory";
import type { Control, ResourceResult } from "../types";
import {
  ACTIONS,
  elasticacheRegions,
  isLive,
  isMemcached,
  lookupsIn,
  unreadParts,
  userGroupAccess,
  userLabel,
} from "./scope";

const RESOURCE_TYPE = "Serverless cache";

function cacheResult(cache: ServerlessCache, region: ElastiCacheRegionInventory): ResourceResult {
  const base = {
    resourceArn: cache.arn,
    resourceType: RESOURCE_TYPE,
    region: cache.region,
    evidence: { engine: cache.engine ?? null, userGroupId: cache.userGroupId ?? null },
    dependsOn: lookupsIn(cache.region, ACTIONS.serverlessCaches),
  };
  if (isMemcached(cache.engine)) {
    return {
      ...base,
      status: "not-applicable",
      reason: `Serverless cache ${cache.name} runs Memcached, which has no RBAC user groups (they exist for Valkey and Redis OSS only).`,
    };
  }
  if (!cache.userGroupId) {
    // RBAC is the only access control a serverless cache has, so without it only the network limits access.
    return {
      ...base,
      status: "warn",
      reason: `Serverless cache ${cache.name} has no RBAC user group, so access is limited only by its VPC security groups.`,
    };
  }

  // A user group controls access only if no member lets a client in without a password; members that
  // could not be read may be the open AWS `default` user, so they never count as safe.
  const access = userGroupAccess(region, [cache.userGroupId]);
  const judged = {
    ...base,
    evidence: {
      ...base.evidence,
      openFullAccessUserIds: access.openUsers.map((user) => user.id),
      unreadUserGroupIds: access.missingGroupIds,
      unreadUserIds: access.missingUserIds,
    },
    dependsOn: lookupsIn(cache.region, ACTIONS.serverlessCaches, ACTIONS.userGroups, ACTIONS.users),
  };
  if (access.openUsers.length > 0) {
    return {
      ...judged,
      status: "fail",
      reason: `Serverless cache ${cache.name} has RBAC user group ${cache.userGroupId}, but it holds ${access.openUsers.map(userLabel).join(", ")}, which any client that reaches the cache can log in as without a password with access to every key and command; elasticache.rbac-default-user has the fix.`,
    };
  }
  if (access.missingGroupIds.length > 0 || access.missingUserIds.length > 0) {
    return {
      ...judged,
      status: "warn",
      reason: `Serverless cache ${cache.name} has RBAC user group ${cache.userGroupId}, but ${unreadParts(access)} could not be read, so it cannot be confirmed that no user lets clients in without a password.`,
    };
  }
  return {
    ...judged,
    status: "pass",
    reason: `Serverless cache ${cache.name} controls access with RBAC user group ${cache.userGroupId}, which has no enabled password-less user with full access.`,
  };
}

export const control: Control = {
  meta: {
    id: "elasticache.serverless-access-control",
    service: "elasticache",
    title: "Serverless Valkey/Redis OSS caches require authentication through an RBAC user group",
    severity: "medium",
    responsibility: "customer",
    recommendation: "least-privilege",
    seed: {
      file: "000_1318394cfcef3e54.txt",
      quote: "In this approach, each user is given only the permissions necessary to fulfill their job duties.",
    },
    resourceType: RESOURCE_TYPE,
    remediation: {
      text: "Create an RBAC user group with password or IAM-authenticated users, whose default user is off or has a password, and associate it with the serverless cache.",
      url: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.RBAC.html",
    },
    docs: [],
    requires: [ACTIONS.serverlessCaches, ACTIONS.userGroups, ACTIONS.users],
    related: [],
    verdicts: [
      "pass: a live serverless Valkey/Redis OSS cache has an RBAC user group with no enabled password-less full-access user.",
      "warn: it has no user group (only its security groups limit access), or a group or member it names was missing from a list that was read.",
      "fail: its user group holds an open, password-less user with access to every key and command.",
      "not applicable: the serverless cache runs Memcached, which has no user groups.",
      "error: DescribeServerlessCaches (or, with a user group, DescribeUserGroups or DescribeUsers) failed in that Region.",
    ],
  },
  evaluate(inventory) {
    return elasticacheRegions(inventory).flatMap((region) =>
      region.serverlessCaches.filter((cache) => isLive(cache.status)).map((cache) => cacheResult(cache, region)),
    );
  },
};
