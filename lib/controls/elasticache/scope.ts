import type { CacheUser, ElastiCacheRegionInventory, Inventory, ReplicationGroup, UserGroup } from "@/lib/inventory";

/** The ElastiCache regions a scan collected (none when ElastiCache was not scanned). */
export function elasticacheRegions(inventory: Inventory): ElastiCacheRegionInventory[] {
  return inventory.elasticache?.regions ?? [];
}

/** Resources being deleted or that failed to create are not judged (controls.md §2.2). */
export function isLive(status: string | undefined): boolean {
  return status !== "deleting" && status !== "create-failed";
}

export function isMemcached(engine: string | undefined): boolean {
  return engine?.toLowerCase() === "memcached";
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
