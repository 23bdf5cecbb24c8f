import type { Control } from "../types";
import { control as backupEncryption } from "./backup-encryption";
import { control as clusterTransitEncryption } from "./cluster-transit-encryption";
import { control as cmkAtRest } from "./cmk-at-rest";
import { control as memcachedAtRest } from "./memcached-at-rest";
import { control as rbacDefaultUser } from "./rbac-default-user";
import { control as rbacUsersWithoutPassword } from "./rbac-users-without-password";
import { control as rgAtRestEncryption } from "./rg-at-rest-encryption";
import { control as rgAuthentication } from "./rg-authentication";
import { control as rgTransitEncryption } from "./rg-transit-encryption";
import { control as serverlessAccessControl } from "./serverless-access-control";
import { control as serverlessAwsManagedEncryption } from "./serverless-aws-managed-encryption";

export const elasticacheControls: readonly Control[] = [
  backupEncryption,
  clusterTransitEncryption,
  cmkAtRest,
  memcachedAtRest,
  rbacDefaultUser,
  rbacUsersWithoutPassword,
  rgAtRestEncryption,
  rgAuthentication,
  rgTransitEncryption,
  serverlessAccessControl,
  serverlessAwsManagedEncryption,
];
