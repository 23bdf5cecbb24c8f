import type {
  CacheCluster,
  CacheUser,
  ElastiCacheRegionInventory,
  Inventory,
  ReplicationGroup,
  UserGroup,
} from "@/lib/inventory";
import type { Lookup } from "../types";

/** The list calls the collector makes per Region, by the IAM action controls name in `requires`. */
export const ACTIONS = {
  replicationGroups: "elasticache:DescribeReplicationGroups",
  cacheClusters: "elasticache:DescribeCacheClusters",
  serverlessCaches: "elasticache:DescribeServerlessCaches",
  userGroups: "elasticache:DescribeUserGroups",
  users: "elasticache:DescribeUsers",
  snapshots: "elasticache:DescribeSnapshots",
  serverlessSnapshots: "elasticache:DescribeServerlessCacheSnapshots",
} as const;

/** The lookups a verdict was built from: these list calls in the result's Region. */
export function lookupsIn(region: string, ...actions: string[]): Lookup[] {
  return actions.map((action) => ({ action, region }));
}

/**
 * Whether a Region's list call failed, so that an id missing from its list says nothing about the
 * resource. A Region that rejected the credentials answered no call at all.
 */
export function listFailed(inventory: Inventory, action: string, region: string): boolean {
  return inventory.errors.some(
    (error) =>
      error.region === region &&
      error.resource === undefined &&
      (error.action === action || (error.service === "elasticache" && error.kind === "credentials-rejected")),
  );
}

/** The ElastiCache regions a scan collected (none when ElastiCache was not scanned). */
export function elasticacheRegions(inventory: Inventory): ElastiCacheRegionInventory[] {
  return inventory.elasticache?.regions ?? [];
}

/** Resources being deleted or that failed to create are not judged: their settings no longer protect data. */
export function isLive(status: string | undefined): boolean {
  return status !== "deleting" && status !== "create-failed";
}

export function isMemcached(engine: string | undefined): boolean {
  return engine?.toLowerCase() === "memcached";
}

/**
 * A Valkey / Redis OSS cache cluster created on its own (CreateCacheCluster without a replication
 * group). Members of a replication group are judged as their group; Memcached has its own controls.
 */
export function isStandaloneValkeyOrRedis(cluster: CacheCluster): boolean {
  const engine = cluster.engine?.toLowerCase();
  return cluster.replicationGroupId === undefined && (engine === "redis" || engine === "valkey");
}

/** Major version of an engine version string such as "7.1.0"; undefined when unknown. */
export function majorVersion(engineVersion: string | undefined): number | undefined {
  const major = Number.parseInt(engineVersion ?? "", 10);
  return Number.isNaN(major) ? undefined : major;
}

/**
 * Effective at-rest encryption of a replication group. `StorageEncryptionType` wins when present: the
 * API documents that `AtRestEncryptionEnabled` can read false while data is in fact encrypted.
 * "tiering-only" is the fallback for a data-tiering group in older responses: its SSD tier is always
 * encrypted, but data in memory and its backups are not.
 */
export type AtRestEncryption = boolean | "tiering-only";

export function isEncryptedAtRest(
  group: Pick<ReplicationGroup, "storageEncryptionType" | "atRestEncryptionEnabled" | "dataTiering">,
): AtRestEncryption {
  if (group.storageEncryptionType !== undefined) return group.storageEncryptionType !== "none";
  if (group.atRestEncryptionEnabled === true) return true;
  return group.dataTiering === "enabled" ? "tiering-only" : false;
}

export interface AccessGrant {
  enabled: boolean;
  allKeys: boolean;
  allCommands: boolean;
}

/**
 * What an RBAC access string grants. Rules apply left to right as in Redis ACLs, so a later rule can
 * undo an earlier one (`on ... off`, `+@all -@all`); a user is off unless a rule turns it on.
 */
export function parseAccessString(accessString: string | undefined): AccessGrant {
  let grant: AccessGrant = { enabled: false, allKeys: false, allCommands: false };
  for (const token of (accessString ?? "").trim().toLowerCase().split(/\s+/)) {
    if (token === "on" || token === "off") grant.enabled = token === "on";
    else if (token === "~*" || token === "%rw~*" || token === "allkeys") grant.allKeys = true;
    else if (token === "resetkeys") grant.allKeys = false;
    else if (token === "+@all" || token === "allcommands") grant.allCommands = true;
    else if (token === "-@all" || token === "nocommands") grant.allCommands = false;
    else if (token === "reset") grant = { enabled: false, allKeys: false, allCommands: false };
  }
  return grant;
}

/**
 * Anyone who reaches the endpoint can log in as this user and run every command on every key. The
 * AWS-created `default` user (`on ~* +@all`, no password) is the usual case. Shared by
 * `rbac-default-user` and `rbac-users-without-password` so both controls agree on what "open" means.
 */
export function isOpenFullAccessUser(user: CacheUser): boolean {
  const grant = parseAccessString(user.accessString);
  return user.authenticationType === "no-password" && grant.enabled && grant.allKeys && grant.allCommands;
}

/** A user group guards nothing until a cache uses it, so only attached groups are judged. */
export function isAttached(group: UserGroup): boolean {
  return group.replicationGroups.length > 0 || group.serverlessCaches.length > 0;
}

/** What a cache's user groups let in, as far as the inventory shows it. */
export interface UserGroupAccess {
  /** Enabled users that log in without a password and reach every key and command. */
  openUsers: CacheUser[];
  /** User groups the cache names that are not in the inventory. */
  missingGroupIds: string[];
  /** Members of those groups that are not in the inventory. */
  missingUserIds: string[];
}

/**
 * Resolves a cache's user groups and their members within the cache's Region (user and group ids are
 * unique per Region). Anything that cannot be found is reported rather than skipped: a member that
 * could not be read may be the open `default` user.
 */
export function userGroupAccess(region: ElastiCacheRegionInventory, groupIds: readonly string[]): UserGroupAccess {
  const groups = new Map(region.userGroups.map((group) => [group.id, group]));
  const users = new Map(region.users.map((user) => [user.id, user]));
  const access: UserGroupAccess = { openUsers: [], missingGroupIds: [], missingUserIds: [] };
  for (const groupId of groupIds) {
    const group = groups.get(groupId);
    if (!group) {
      access.missingGroupIds.push(groupId);
      continue;
    }
    for (const userId of group.userIds) {
      const user = users.get(userId);
      if (!user) access.missingUserIds.push(userId);
      else if (isOpenFullAccessUser(user) && !access.openUsers.includes(user)) access.openUsers.push(user);
    }
  }
  return access;
}

/** How a user is named in reasons: its id, and its user name when that differs (e.g. "default"). */
export function userLabel(user: CacheUser): string {
  return user.userName && user.userName !== user.id ? `${user.id} (user name ${user.userName})` : user.id;
}

/** The part of a reason that says which user groups or members could not be read. */
export function unreadParts(access: UserGroupAccess): string {
  const parts = [];
  if (access.missingGroupIds.length > 0) parts.push(`user group ${access.missingGroupIds.join(", ")}`);
  if (access.missingUserIds.length > 0) parts.push(`member ${access.missingUserIds.join(", ")}`);
  return parts.join(" and ");
}
