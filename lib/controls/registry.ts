/**
 * Every control Safekeep evaluates, as an explicit list (no file-system discovery, so the build
 * and the catalog test see the same set). Keep it sorted by id.
 */
import type { Control, ControlMeta } from "./types";
import { control as elasticacheBackupEncryption } from "./elasticache/backup-encryption";
import { control as elasticacheClusterTransitEncryption } from "./elasticache/cluster-transit-encryption";
import { control as elasticacheCmkAtRest } from "./elasticache/cmk-at-rest";
import { control as elasticacheMemcachedAtRest } from "./elasticache/memcached-at-rest";
import { control as elasticacheRbacDefaultUser } from "./elasticache/rbac-default-user";
import { control as elasticacheRbacUsersWithoutPassword } from "./elasticache/rbac-users-without-password";
import { control as elasticacheRgAtRestEncryption } from "./elasticache/rg-at-rest-encryption";
import { control as elasticacheRgAuthentication } from "./elasticache/rg-authentication";
import { control as elasticacheRgTransitEncryption } from "./elasticache/rg-transit-encryption";
import { control as elasticacheServerlessAccessControl } from "./elasticache/serverless-access-control";
import { control as elasticacheServerlessAwsManagedEncryption } from "./elasticache/serverless-aws-managed-encryption";

export const CONTROLS: readonly Control[] = [
  elasticacheBackupEncryption,
  elasticacheClusterTransitEncryption,
  elasticacheCmkAtRest,
  elasticacheMemcachedAtRest,
  elasticacheRbacDefaultUser,
  elasticacheRbacUsersWithoutPassword,
  elasticacheRgAtRestEncryption,
  elasticacheRgAuthentication,
  elasticacheRgTransitEncryption,
  elasticacheServerlessAccessControl,
  elasticacheServerlessAwsManagedEncryption,
];

export function controlById(id: string): Control | undefined {
  return CONTROLS.find((c) => c.meta.id === id);
}

export function controlsMeta(): ControlMeta[] {
  return CONTROLS.map((c) => c.meta);
}
