/**
 * The demo account: what Safekeep shows when no AWS credentials are configured. It is an ordinary
 * `Inventory` value, evaluated by the same controls as a real scan, so every verdict on the demo
 * dashboard comes from the real rules.
 *
 * The account is fictional ("Northwind Retail", 210987654321). Its resources are chosen so that
 * every control has at least one passing and at least one failing or warning resource wherever its
 * rule allows both; the comment above each resource says what it is there to show. This file holds
 * the ElastiCache part and assembles the others: iam.ts, cognito.ts, personalize.ts, connect.ts and
 * account-wide.ts (shared names and ARNs in ids.ts).
 *
 * Names are free of personal data and credentials, except a handful of cases planted on purpose for
 * the personal-data and credential-URL detectors; each is marked "planted for the detector demo".
 */
import {
  SERVICE_IDS,
  type CacheCluster,
  type CacheUser,
  type ElastiCacheRegionInventory,
  type Inventory,
  type ReplicationGroup,
} from "@/lib/inventory";
import { demoAccountWide } from "./account-wide";
import { demoCognito } from "./cognito";
import { demoConnect } from "./connect";
import { demoIam } from "./iam";
import { DEMO_ACCOUNT_ID, DEMO_REGIONS } from "./ids";
import { demoPersonalize } from "./personalize";

export { DEMO_ACCOUNT_ID };

type ElastiCacheResourceKind =
  "replicationgroup" | "cluster" | "serverlesscache" | "usergroup" | "user" | "snapshot" | "serverlesscachesnapshot";

function arn(region: string, kind: ElastiCacheResourceKind, name: string): string {
  return `arn:aws:elasticache:${region}:${DEMO_ACCOUNT_ID}:${kind}:${name}`;
}

function kmsKey(region: string, keyId: string): string {
  return `arn:aws:kms:${region}:${DEMO_ACCOUNT_ID}:key/${keyId}`;
}

/**
 * The member clusters of a replication group, as DescribeCacheClusters returns them: one per id in
 * `memberClusters`, carrying the group's engine, version, node type and encryption settings.
 */
function membersOf(group: ReplicationGroup): CacheCluster[] {
  return group.memberClusters.map((id) => ({
    id,
    arn: arn(group.region, "cluster", id),
    region: group.region,
    engine: group.engine,
    engineVersion: group.engineVersion,
    cacheNodeType: group.cacheNodeType,
    status: "available",
    replicationGroupId: group.id,
    transitEncryptionEnabled: group.transitEncryptionEnabled,
    transitEncryptionMode: group.transitEncryptionMode,
    atRestEncryptionEnabled: group.atRestEncryptionEnabled,
    authTokenEnabled: group.authTokenEnabled,
  }));
}

/** The user AWS creates in every region: no password, enabled, all keys, all commands. */
function awsDefaultUser(region: string, userGroupIds: string[]): CacheUser {
  return {
    id: "default",
    userName: "default",
    arn: arn(region, "user", "default"),
    region,
    status: "active",
    engine: "redis",
    accessString: "on ~* +@all",
    userGroupIds,
    authenticationType: "no-password",
  };
}

/** The Global Datastore that links the us-east-1 and eu-central-1 leaderboard groups. */
const LEADERBOARD_GLOBAL_DATASTORE = "virxk-leaderboard-global";

// ---------------------------------------------------------------------------------------------
// us-east-1: the main production region.
// ---------------------------------------------------------------------------------------------
const US_EAST_1 = "us-east-1";
const ORDERS_KEY_USE1 = kmsKey(US_EAST_1, "3f1c9a52-7d4e-4b8a-9c61-2e5f0b7d8a14");
const LEADERBOARD_KEY_USE1 = kmsKey(US_EAST_1, "8b2e4d17-05a3-4c9f-b6e8-71d0c3a95f26");
const CHECKOUT_KEY_USE1 = kmsKey(US_EAST_1, "c47a0e93-2b61-4f5d-8e1a-9d36b8f4c702");

/** Model citizen: TLS required, customer managed KMS key, RBAC group with a disabled default user. */
const ordersProd: ReplicationGroup = {
  id: "orders-prod",
  arn: arn(US_EAST_1, "replicationgroup", "orders-prod"),
  region: US_EAST_1,
  description: "Order service cache (cluster mode, 2 shards)",
  status: "available",
  engine: "redis",
  engineVersion: "7.1.0",
  cacheNodeType: "cache.r7g.large",
  clusterMode: "enabled",
  memberClusters: ["orders-prod-0001-001", "orders-prod-0001-002", "orders-prod-0002-001", "orders-prod-0002-002"],
  dataTiering: "disabled",
  transitEncryptionEnabled: true,
  transitEncryptionMode: "required",
  atRestEncryptionEnabled: true,
  storageEncryptionType: "sse-kms",
  kmsKeyId: ORDERS_KEY_USE1,
  authTokenEnabled: false,
  userGroupIds: ["orders-rbac"],
};

/**
 * The classic RBAC failure: TLS and at-rest are fine, but the attached group holds the open AWS
 * `default` user, so the group authenticates nobody (rg-authentication fails it too).
 */
const sessionsProd: ReplicationGroup = {
  id: "sessions-prod",
  arn: arn(US_EAST_1, "replicationgroup", "sessions-prod"),
  region: US_EAST_1,
  description: "Storefront web sessions",
  status: "available",
  engine: "redis",
  engineVersion: "7.1.0",
  cacheNodeType: "cache.r7g.xlarge",
  clusterMode: "disabled",
  memberClusters: ["sessions-prod-001", "sessions-prod-002"],
  dataTiering: "disabled",
  transitEncryptionEnabled: true,
  transitEncryptionMode: "required",
  atRestEncryptionEnabled: true,
  storageEncryptionType: "sse-elasticache",
  authTokenEnabled: false,
  userGroupIds: ["sessions-rbac"],
};

/** TLS migration half done (mode preferred: plaintext still accepted); AUTH token only; service-managed key. */
const catalogProd: ReplicationGroup = {
  id: "catalog-prod",
  arn: arn(US_EAST_1, "replicationgroup", "catalog-prod"),
  region: US_EAST_1,
  description: "Product catalog read cache",
  status: "available",
  engine: "valkey",
  engineVersion: "7.2.6",
  cacheNodeType: "cache.r7g.large",
  clusterMode: "disabled",
  memberClusters: ["catalog-prod-001", "catalog-prod-002", "catalog-prod-003"],
  dataTiering: "disabled",
  transitEncryptionEnabled: true,
  transitEncryptionMode: "preferred",
  atRestEncryptionEnabled: true,
  storageEncryptionType: "sse-elasticache",
  authTokenEnabled: true,
  userGroupIds: [],
};

/**
 * Old Redis OSS 6.x group with nothing on: no TLS (and no in-place enablement below 7), no at-rest
 * encryption, no AUTH/RBAC (which would need TLS first).
 */
const checkoutLegacy: ReplicationGroup = {
  id: "checkout-legacy",
  arn: arn(US_EAST_1, "replicationgroup", "checkout-legacy"),
  region: US_EAST_1,
  description: "Legacy checkout cart store (pre-2024 stack)",
  status: "available",
  engine: "redis",
  engineVersion: "6.2.6",
  cacheNodeType: "cache.m5.large",
  clusterMode: "disabled",
  memberClusters: ["checkout-legacy-001", "checkout-legacy-002"],
  dataTiering: "disabled",
  transitEncryptionEnabled: false,
  atRestEncryptionEnabled: false,
  storageEncryptionType: "none",
  authTokenEnabled: false,
  userGroupIds: [],
};

/** Global Datastore primary: each member is its own replication group; fully encrypted with a CMK, AUTH token. */
const leaderboardUse1: ReplicationGroup = {
  id: "leaderboard-use1",
  arn: arn(US_EAST_1, "replicationgroup", "leaderboard-use1"),
  region: US_EAST_1,
  description: "Loyalty leaderboard (Global Datastore primary)",
  status: "available",
  engine: "redis",
  engineVersion: "7.1.0",
  cacheNodeType: "cache.r7g.large",
  clusterMode: "disabled",
  memberClusters: ["leaderboard-use1-001", "leaderboard-use1-002"],
  dataTiering: "disabled",
  transitEncryptionEnabled: true,
  transitEncryptionMode: "required",
  atRestEncryptionEnabled: true,
  storageEncryptionType: "sse-kms",
  kmsKeyId: LEADERBOARD_KEY_USE1,
  authTokenEnabled: true,
  userGroupIds: [],
  globalReplicationGroupId: LEADERBOARD_GLOBAL_DATASTORE,
};

const usEast1: ElastiCacheRegionInventory = {
  region: US_EAST_1,
  replicationGroups: [ordersProd, sessionsProd, catalogProd, checkoutLegacy, leaderboardUse1],
  cacheClusters: [
    ...membersOf(ordersProd),
    ...membersOf(sessionsProd),
    ...membersOf(catalogProd),
    ...membersOf(checkoutLegacy),
    ...membersOf(leaderboardUse1),
    // Node-based Memcached with TLS (1.6.12+, set at creation): cluster transit passes.
    {
      id: "catalog-fragments",
      arn: arn(US_EAST_1, "cluster", "catalog-fragments"),
      region: US_EAST_1,
      engine: "memcached",
      engineVersion: "1.6.22",
      cacheNodeType: "cache.t4g.medium",
      status: "available",
      transitEncryptionEnabled: true,
      atRestEncryptionEnabled: false,
      authTokenEnabled: false,
    },
    // Node-based Memcached 1.6.6 without TLS: too old for TLS, must be recreated (fails).
    {
      id: "storefront-pages",
      arn: arn(US_EAST_1, "cluster", "storefront-pages"),
      region: US_EAST_1,
      engine: "memcached",
      engineVersion: "1.6.6",
      cacheNodeType: "cache.m5.large",
      status: "available",
      transitEncryptionEnabled: false,
      atRestEncryptionEnabled: false,
      authTokenEnabled: false,
    },
    // Standalone single-node Redis OSS (no replication group): plaintext, no AUTH token, nothing encrypted
    // at rest. TLS, user groups and at-rest encryption exist only for replication groups, so it fails
    // transit, authentication and at-rest alike and must move to a replication group or serverless.
    {
      id: "inventory-sync-scratch",
      arn: arn(US_EAST_1, "cluster", "inventory-sync-scratch"),
      region: US_EAST_1,
      engine: "redis",
      engineVersion: "7.0.7",
      cacheNodeType: "cache.t3.small",
      status: "available",
      transitEncryptionEnabled: false,
      atRestEncryptionEnabled: false,
      authTokenEnabled: false,
    },
  ],
  serverlessCaches: [
    // Serverless Valkey done right: RBAC user group, customer managed KMS key.
    {
      name: "checkout-serverless",
      arn: arn(US_EAST_1, "serverlesscache", "checkout-serverless"),
      region: US_EAST_1,
      description: "Checkout session and cart state",
      status: "available",
      engine: "valkey",
      majorEngineVersion: "8",
      kmsKeyId: CHECKOUT_KEY_USE1,
      storageEncryptionType: "sse-kms",
      userGroupId: "checkout-rbac",
    },
    // Serverless Redis OSS whose user group still holds the open AWS `default` user: it has a user
    // group, yet anyone who reaches it gets in, so access control fails.
    {
      name: "feature-flags",
      arn: arn(US_EAST_1, "serverlesscache", "feature-flags"),
      region: US_EAST_1,
      description: "Storefront feature flags",
      status: "available",
      engine: "redis",
      majorEngineVersion: "7",
      storageEncryptionType: "sse-elasticache",
      userGroupId: "feature-flags-rbac",
    },
  ],
  userGroups: [
    // Attached, default user disabled, app users with password / IAM: passes.
    {
      id: "orders-rbac",
      arn: arn(US_EAST_1, "usergroup", "orders-rbac"),
      region: US_EAST_1,
      status: "active",
      engine: "redis",
      userIds: ["orders-default-off", "orders-app", "orders-reporting"],
      replicationGroups: ["orders-prod"],
      serverlessCaches: [],
    },
    // Attached and still contains the AWS `default` user (no password, "on ~* +@all"): fails.
    {
      id: "sessions-rbac",
      arn: arn(US_EAST_1, "usergroup", "sessions-rbac"),
      region: US_EAST_1,
      status: "active",
      engine: "redis",
      userIds: ["default", "sessions-app"],
      replicationGroups: ["sessions-prod"],
      serverlessCaches: [],
    },
    // Valkey group on the serverless checkout cache: only password and IAM users (as Valkey requires).
    {
      id: "checkout-rbac",
      arn: arn(US_EAST_1, "usergroup", "checkout-rbac"),
      region: US_EAST_1,
      status: "active",
      engine: "valkey",
      userIds: ["checkout-default", "checkout-api"],
      replicationGroups: [],
      serverlessCaches: ["checkout-serverless"],
    },
    // Created with the AWS `default` user left in, next to the app's own user: fails rbac-default-user.
    {
      id: "feature-flags-rbac",
      arn: arn(US_EAST_1, "usergroup", "feature-flags-rbac"),
      region: US_EAST_1,
      status: "active",
      engine: "redis",
      userIds: ["default", "feature-flags-app"],
      replicationGroups: [],
      serverlessCaches: ["feature-flags"],
    },
    // Contains the open AWS `default` user but is attached to nothing: not judged by rbac-default-user.
    {
      id: "loadtest-rbac",
      arn: arn(US_EAST_1, "usergroup", "loadtest-rbac"),
      region: US_EAST_1,
      status: "active",
      engine: "redis",
      userIds: ["default", "loadtest-runner"],
      replicationGroups: [],
      serverlessCaches: [],
    },
  ],
  users: [
    // AWS-created default user, in three groups (two attached): rbac-users-without-password fails via rbac-default-user.
    awsDefaultUser(US_EAST_1, ["sessions-rbac", "feature-flags-rbac", "loadtest-rbac"]),
    // Replacement `default` user that is switched off (no password is fine when off).
    {
      id: "orders-default-off",
      userName: "default",
      arn: arn(US_EAST_1, "user", "orders-default-off"),
      region: US_EAST_1,
      status: "active",
      engine: "redis",
      accessString: "off ~* +@all",
      userGroupIds: ["orders-rbac"],
      authenticationType: "no-password",
    },
    // Password user mid-rotation (two passwords), scoped to order keys.
    {
      id: "orders-app",
      userName: "orders-app",
      arn: arn(US_EAST_1, "user", "orders-app"),
      region: US_EAST_1,
      status: "active",
      engine: "redis",
      accessString: "on ~orders:* +@read +@write -@dangerous",
      userGroupIds: ["orders-rbac"],
      authenticationType: "password",
      passwordCount: 2,
    },
    // IAM-authenticated read-only reporting user.
    {
      id: "orders-reporting",
      userName: "orders-reporting",
      arn: arn(US_EAST_1, "user", "orders-reporting"),
      region: US_EAST_1,
      status: "active",
      engine: "redis",
      accessString: "on ~orders:* +@read",
      userGroupIds: ["orders-rbac"],
      authenticationType: "iam",
    },
    // Password user of the sessions app (its group still fails because of `default`).
    {
      id: "sessions-app",
      userName: "sessions-app",
      arn: arn(US_EAST_1, "user", "sessions-app"),
      region: US_EAST_1,
      status: "active",
      engine: "redis",
      accessString: "on ~session:* +@read +@write -@dangerous",
      userGroupIds: ["sessions-rbac"],
      authenticationType: "password",
      passwordCount: 1,
    },
    // Valkey replacement `default` user: disabled and password-protected.
    {
      id: "checkout-default",
      userName: "default",
      arn: arn(US_EAST_1, "user", "checkout-default"),
      region: US_EAST_1,
      status: "active",
      engine: "valkey",
      accessString: "off ~* +@all",
      userGroupIds: ["checkout-rbac"],
      authenticationType: "password",
      passwordCount: 1,
    },
    // IAM-authenticated checkout service user.
    {
      id: "checkout-api",
      userName: "checkout-api",
      arn: arn(US_EAST_1, "user", "checkout-api"),
      region: US_EAST_1,
      status: "active",
      engine: "valkey",
      accessString: "on ~checkout:* ~cart:* +@all -@dangerous",
      userGroupIds: ["checkout-rbac"],
      authenticationType: "iam",
    },
    // Password user of the feature-flags service (its group still fails because of `default`).
    {
      id: "feature-flags-app",
      userName: "feature-flags-app",
      arn: arn(US_EAST_1, "user", "feature-flags-app"),
      region: US_EAST_1,
      status: "active",
      engine: "redis",
      accessString: "on ~flags:* +@read +@write -@dangerous",
      userGroupIds: ["feature-flags-rbac"],
      authenticationType: "password",
      passwordCount: 1,
    },
    // Password user of the unattached load-test group.
    {
      id: "loadtest-runner",
      userName: "loadtest-runner",
      arn: arn(US_EAST_1, "user", "loadtest-runner"),
      region: US_EAST_1,
      status: "active",
      engine: "redis",
      accessString: "on ~loadtest:* +@all -@dangerous",
      userGroupIds: ["loadtest-rbac"],
      authenticationType: "password",
      passwordCount: 1,
    },
  ],
  snapshots: [
    // Backup encrypted with a customer managed key: passes on its own.
    {
      name: "orders-prod-daily-2026-11-19",
      arn: arn(US_EAST_1, "snapshot", "orders-prod-daily-2026-11-19"),
      region: US_EAST_1,
      kind: "node-based",
      replicationGroupId: "orders-prod",
      engine: "redis",
      kmsKeyId: ORDERS_KEY_USE1,
      dataTiering: "disabled",
    },
    // No key of its own, but the source group is encrypted at rest (sse-elasticache): passes.
    {
      name: "sessions-prod-weekly-2026-11-16",
      arn: arn(US_EAST_1, "snapshot", "sessions-prod-weekly-2026-11-16"),
      region: US_EAST_1,
      kind: "node-based",
      replicationGroupId: "sessions-prod",
      cacheClusterId: "sessions-prod-002",
      engine: "redis",
      dataTiering: "disabled",
    },
    // No key and the source group is unencrypted: fails.
    {
      name: "checkout-legacy-pre-upgrade",
      arn: arn(US_EAST_1, "snapshot", "checkout-legacy-pre-upgrade"),
      region: US_EAST_1,
      kind: "node-based",
      replicationGroupId: "checkout-legacy",
      cacheClusterId: "checkout-legacy-002",
      engine: "redis",
      dataTiering: "disabled",
    },
    // Final snapshot of a deleted group, no key: source encryption unknown, so a warning.
    {
      name: "promo-blackfriday-2025-final",
      arn: arn(US_EAST_1, "snapshot", "promo-blackfriday-2025-final"),
      region: US_EAST_1,
      kind: "node-based",
      replicationGroupId: "promo-blackfriday-2025",
      engine: "redis",
      dataTiering: "disabled",
    },
    // Serverless snapshot: always encrypted (here also with the cache's CMK).
    {
      name: "checkout-serverless-2026-11-19",
      arn: arn(US_EAST_1, "serverlesscachesnapshot", "checkout-serverless-2026-11-19"),
      region: US_EAST_1,
      kind: "serverless",
      serverlessCacheName: "checkout-serverless",
      engine: "valkey",
      kmsKeyId: CHECKOUT_KEY_USE1,
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// eu-west-1: European storefront.
// ---------------------------------------------------------------------------------------------
const EU_WEST_1 = "eu-west-1";
const RECOMMENDATIONS_KEY_EUW1 = kmsKey(EU_WEST_1, "5d93f1e8-6a2c-4e07-a4b5-0f8c27e1d639");

/**
 * Data tiering (r6gd) with an older response shape: only AtRestEncryptionEnabled=false, no
 * StorageEncryptionType. The SSD tier is always encrypted, memory and backups are not: a warning.
 * Its RBAC group has a no-password user restricted to read-only feature keys (warning).
 */
const recommendationsFeatures: ReplicationGroup = {
  id: "recommendations-features",
  arn: arn(EU_WEST_1, "replicationgroup", "recommendations-features"),
  region: EU_WEST_1,
  description: "Recommendation feature store (data tiering)",
  status: "available",
  engine: "redis",
  engineVersion: "7.1.0",
  cacheNodeType: "cache.r6gd.xlarge",
  clusterMode: "disabled",
  memberClusters: ["recommendations-features-001", "recommendations-features-002"],
  dataTiering: "enabled",
  transitEncryptionEnabled: true,
  transitEncryptionMode: "required",
  atRestEncryptionEnabled: false,
  authTokenEnabled: false,
  userGroupIds: ["recommendations-rbac"],
};

/** TLS and at-rest on (Valkey defaults), but neither AUTH token nor user group: authentication fails. */
const cartsEu: ReplicationGroup = {
  id: "carts-eu",
  arn: arn(EU_WEST_1, "replicationgroup", "carts-eu"),
  region: EU_WEST_1,
  description: "EU shopping carts",
  status: "available",
  engine: "valkey",
  engineVersion: "8.0.1",
  cacheNodeType: "cache.r7g.large",
  clusterMode: "disabled",
  memberClusters: ["carts-eu-001", "carts-eu-002"],
  dataTiering: "disabled",
  transitEncryptionEnabled: true,
  transitEncryptionMode: "required",
  atRestEncryptionEnabled: true,
  storageEncryptionType: "sse-elasticache",
  authTokenEnabled: false,
  userGroupIds: [],
};

const euWest1: ElastiCacheRegionInventory = {
  region: EU_WEST_1,
  replicationGroups: [recommendationsFeatures, cartsEu],
  cacheClusters: [...membersOf(recommendationsFeatures), ...membersOf(cartsEu)],
  serverlessCaches: [
    // Serverless Valkey with no user group: reachable by anything in its security groups (warning).
    {
      name: "sessions-eu",
      arn: arn(EU_WEST_1, "serverlesscache", "sessions-eu"),
      region: EU_WEST_1,
      description: "EU storefront sessions",
      status: "available",
      engine: "valkey",
      majorEngineVersion: "8",
      storageEncryptionType: "sse-elasticache",
    },
  ],
  userGroups: [
    // Attached; default disabled, but one enabled no-password user with restricted access: warning.
    {
      id: "recommendations-rbac",
      arn: arn(EU_WEST_1, "usergroup", "recommendations-rbac"),
      region: EU_WEST_1,
      status: "active",
      engine: "redis",
      userIds: ["recommendations-default-off", "recommendations-writer", "recommendations-reader"],
      replicationGroups: ["recommendations-features"],
      serverlessCaches: [],
    },
  ],
  users: [
    // AWS-created default user, in no group: an enabled no-password user (warning).
    awsDefaultUser(EU_WEST_1, []),
    {
      id: "recommendations-default-off",
      userName: "default",
      arn: arn(EU_WEST_1, "user", "recommendations-default-off"),
      region: EU_WEST_1,
      status: "active",
      engine: "redis",
      accessString: "off ~* +@all",
      userGroupIds: ["recommendations-rbac"],
      authenticationType: "no-password",
    },
    {
      id: "recommendations-writer",
      userName: "recommendations-writer",
      arn: arn(EU_WEST_1, "user", "recommendations-writer"),
      region: EU_WEST_1,
      status: "active",
      engine: "redis",
      accessString: "on ~features:* ~reco:* +@all -@dangerous",
      userGroupIds: ["recommendations-rbac"],
      authenticationType: "password",
      passwordCount: 1,
    },
    // Enabled, no password, restricted to reading feature keys: warning in both RBAC controls.
    {
      id: "recommendations-reader",
      userName: "recommendations-reader",
      arn: arn(EU_WEST_1, "user", "recommendations-reader"),
      region: EU_WEST_1,
      status: "active",
      engine: "redis",
      accessString: "on ~features:* +@read",
      userGroupIds: ["recommendations-rbac"],
      authenticationType: "no-password",
    },
  ],
  snapshots: [
    // Copy of a data-tiering backup re-encrypted with a CMK (the remediation path): passes on its key.
    {
      name: "recommendations-features-cmk-copy",
      arn: arn(EU_WEST_1, "snapshot", "recommendations-features-cmk-copy"),
      region: EU_WEST_1,
      kind: "node-based",
      replicationGroupId: "recommendations-features",
      engine: "redis",
      kmsKeyId: RECOMMENDATIONS_KEY_EUW1,
      dataTiering: "enabled",
    },
    // Serverless snapshot without a CMK: still encrypted by the service (passes).
    {
      name: "sessions-eu-2026-11-18",
      arn: arn(EU_WEST_1, "serverlesscachesnapshot", "sessions-eu-2026-11-18"),
      region: EU_WEST_1,
      kind: "serverless",
      serverlessCacheName: "sessions-eu",
      engine: "valkey",
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// eu-central-1: Global Datastore secondary only.
// ---------------------------------------------------------------------------------------------
const EU_CENTRAL_1 = "eu-central-1";
const LEADERBOARD_KEY_EUC1 = kmsKey(EU_CENTRAL_1, "e61b7c04-9f3d-4a82-b1c5-46a9d0e2f8b3");

/** Global Datastore secondary: evaluated as its own group, with its own regional CMK. */
const leaderboardEuc1: ReplicationGroup = {
  id: "leaderboard-euc1",
  arn: arn(EU_CENTRAL_1, "replicationgroup", "leaderboard-euc1"),
  region: EU_CENTRAL_1,
  description: "Loyalty leaderboard (Global Datastore secondary)",
  status: "available",
  engine: "redis",
  engineVersion: "7.1.0",
  cacheNodeType: "cache.r7g.large",
  clusterMode: "disabled",
  memberClusters: ["leaderboard-euc1-001", "leaderboard-euc1-002"],
  dataTiering: "disabled",
  transitEncryptionEnabled: true,
  transitEncryptionMode: "required",
  atRestEncryptionEnabled: true,
  storageEncryptionType: "sse-kms",
  kmsKeyId: LEADERBOARD_KEY_EUC1,
  authTokenEnabled: true,
  userGroupIds: [],
  globalReplicationGroupId: LEADERBOARD_GLOBAL_DATASTORE,
};

const euCentral1: ElastiCacheRegionInventory = {
  region: EU_CENTRAL_1,
  replicationGroups: [leaderboardEuc1],
  cacheClusters: membersOf(leaderboardEuc1),
  serverlessCaches: [],
  userGroups: [],
  // AWS-created default user, in no group.
  users: [awsDefaultUser(EU_CENTRAL_1, [])],
  snapshots: [],
};

// ---------------------------------------------------------------------------------------------
// ap-southeast-2: Australian storefront. DescribeServerlessCacheSnapshots was denied here (see
// `errors`), so this region has no serverless snapshots in the inventory.
// ---------------------------------------------------------------------------------------------
const AP_SOUTHEAST_2 = "ap-southeast-2";
const ORDERS_KEY_APSE2 = kmsKey(AP_SOUTHEAST_2, "1a8d5f36-c2e9-47b0-9f14-b73e6a0c5d81");

/** Valkey group done right: TLS required, CMK, Valkey user group with a password-protected, disabled default. */
const ordersApse2: ReplicationGroup = {
  id: "orders-apse2",
  arn: arn(AP_SOUTHEAST_2, "replicationgroup", "orders-apse2"),
  region: AP_SOUTHEAST_2,
  description: "AU order service cache",
  status: "available",
  engine: "valkey",
  engineVersion: "8.0.1",
  cacheNodeType: "cache.r7g.large",
  clusterMode: "disabled",
  memberClusters: ["orders-apse2-001", "orders-apse2-002"],
  dataTiering: "disabled",
  transitEncryptionEnabled: true,
  transitEncryptionMode: "required",
  atRestEncryptionEnabled: true,
  storageEncryptionType: "sse-kms",
  kmsKeyId: ORDERS_KEY_APSE2,
  authTokenEnabled: false,
  userGroupIds: ["orders-apse2-rbac"],
};

const apSoutheast2: ElastiCacheRegionInventory = {
  region: AP_SOUTHEAST_2,
  replicationGroups: [ordersApse2],
  cacheClusters: [
    ...membersOf(ordersApse2),
    // Node-based Memcached with TLS: cluster transit passes; at-rest is not available (not applicable).
    {
      id: "catalog-fragments-apse2",
      arn: arn(AP_SOUTHEAST_2, "cluster", "catalog-fragments-apse2"),
      region: AP_SOUTHEAST_2,
      engine: "memcached",
      engineVersion: "1.6.22",
      cacheNodeType: "cache.t4g.medium",
      status: "available",
      transitEncryptionEnabled: true,
      atRestEncryptionEnabled: false,
      authTokenEnabled: false,
    },
  ],
  serverlessCaches: [
    // Serverless Memcached: no RBAC possible (not applicable), service-managed key (CMK warning).
    {
      name: "product-search-apse2",
      arn: arn(AP_SOUTHEAST_2, "serverlesscache", "product-search-apse2"),
      region: AP_SOUTHEAST_2,
      description: "AU product search results",
      status: "available",
      engine: "memcached",
      majorEngineVersion: "1.6",
      storageEncryptionType: "sse-elasticache",
    },
  ],
  userGroups: [
    {
      id: "orders-apse2-rbac",
      arn: arn(AP_SOUTHEAST_2, "usergroup", "orders-apse2-rbac"),
      region: AP_SOUTHEAST_2,
      status: "active",
      engine: "valkey",
      userIds: ["orders-apse2-default", "orders-apse2-app"],
      replicationGroups: ["orders-apse2"],
      serverlessCaches: [],
    },
  ],
  users: [
    // AWS-created default user, in no group.
    awsDefaultUser(AP_SOUTHEAST_2, []),
    {
      id: "orders-apse2-default",
      userName: "default",
      arn: arn(AP_SOUTHEAST_2, "user", "orders-apse2-default"),
      region: AP_SOUTHEAST_2,
      status: "active",
      engine: "valkey",
      accessString: "off ~* +@all",
      userGroupIds: ["orders-apse2-rbac"],
      authenticationType: "password",
      passwordCount: 1,
    },
    {
      id: "orders-apse2-app",
      userName: "orders-apse2-app",
      arn: arn(AP_SOUTHEAST_2, "user", "orders-apse2-app"),
      region: AP_SOUTHEAST_2,
      status: "active",
      engine: "valkey",
      accessString: "on ~orders:* +@read +@write -@dangerous",
      userGroupIds: ["orders-apse2-rbac"],
      authenticationType: "iam",
    },
  ],
  snapshots: [
    // Backup with the group's CMK: passes.
    {
      name: "orders-apse2-daily-2026-11-19",
      arn: arn(AP_SOUTHEAST_2, "snapshot", "orders-apse2-daily-2026-11-19"),
      region: AP_SOUTHEAST_2,
      kind: "node-based",
      replicationGroupId: "orders-apse2",
      engine: "valkey",
      kmsKeyId: ORDERS_KEY_APSE2,
      dataTiering: "disabled",
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// Scanned regions without any ElastiCache resource (us-east-2, us-west-2, ca-central-1,
// ap-northeast-1): the collector stops after the three cache listings (replication groups, cache
// clusters, serverless caches) come back empty.
// ---------------------------------------------------------------------------------------------
function emptyRegion(region: string): ElastiCacheRegionInventory {
  return {
    region,
    replicationGroups: [],
    cacheClusters: [],
    serverlessCaches: [],
    userGroups: [],
    users: [],
    snapshots: [],
  };
}

/*
 * API calls of the whole scan (docs/controls.md#call-budget), 8 regions; inventory.test.ts recomputes this from
 * the data, so the comment and the number cannot drift apart:
 *   setup               2   GetCallerIdentity, ListRegions
 *   IAM                 9   GetAccountSummary, GetCredentialReport (reused: 44 min old), GetAccountPasswordPolicy,
 *                           GetAccountAuthorizationDetails (1 page), ListVirtualMFADevices, ListAccountAliases,
 *                           ListOpenIDConnectProviders, GetOpenIDConnectProvider ×2
 *   CloudTrail         31   DescribeTrails ×8 regions + (GetTrailStatus + GetEventSelectors) ×3 trails
 *                           + LookupEvents ×17 sampled (event source, region) pairs
 *   KMS                37   DescribeKey ×21 keys + GetKeyRotationStatus ×16 described symmetric customer managed
 *                           AWS_KMS keys (the one pending deletion answers KMSInvalidStateException)
 *   Macie               6   GetMacieSession ×4 regions in scope + GetAutomatedDiscoveryConfiguration ×2 enabled
 *   ElastiCache        40   4 regions with caches × 7 describes + 4 empty regions × 3 cache listings
 *   Cognito            48   us-east-1 17, eu-west-1 13, ap-southeast-2 8, 5 empty regions × 2 listings
 *                           (ListUserPools; per pool DescribeUserPool, GetUserPoolMfaConfig unless MFA is OFF,
 *                           DescribeRiskConfiguration if threat protection is ENFORCED,
 *                           GetLogDeliveryConfiguration, ListUserPoolClients, DescribeUserPoolClient per client;
 *                           ListIdentityPools; per identity pool DescribeIdentityPool, GetIdentityPoolRoles if guests)
 *   Personalize        63   us-east-1 22, eu-west-1 18, ap-southeast-2 18 (1 + 2 groups + 5 job lists + jobs
 *                           + 6 name lists + 2 tag lists), 5 empty regions × 1
 *   Connect            57   3 regions × (ListInstances + 17 per instance: DescribeInstance, 13 storage types,
 *                           approved origins, integrations, security profiles) + 3 empty Connect regions × 1
 *   referenced storage 20   GetBucketEncryption ×13 buckets (10 Personalize/Connect + 3 trail buckets)
 *                           + DescribeStreamSummary ×5 + DescribeDeliveryStream ×2
 *   tagging             4   GetResources × 4 regions with resources
 *   STS VPC endpoints   4   DescribeVpcEndpoints × 4 regions with resources
 *                     ---
 *                     321
 */
export const demoInventory: Inventory = {
  source: "demo",
  account: { id: DEMO_ACCOUNT_ID, partition: "aws" },
  regions: [...DEMO_REGIONS],
  // Every service is in the demo: a new service brings its demo part (assembled below).
  services: [...SERVICE_IDS],
  startedAt: "2026-11-20T08:41:49.377Z",
  finishedAt: "2026-11-20T08:42:23.918Z",
  accountWide: demoAccountWide,
  iam: demoIam,
  elasticache: {
    regions: [
      usEast1,
      emptyRegion("us-east-2"),
      emptyRegion("us-west-2"),
      emptyRegion("ca-central-1"),
      euWest1,
      euCentral1,
      emptyRegion("ap-northeast-1"),
      apSoutheast2,
    ],
  },
  cognito: demoCognito,
  personalize: demoPersonalize,
  connect: demoConnect,
  // One realistic gap, so the dashboard shows its coverage banner: the scanning role lacks this permission.
  errors: [
    {
      service: "elasticache",
      region: AP_SOUTHEAST_2,
      action: "elasticache:DescribeServerlessCacheSnapshots",
      kind: "access-denied",
      message: "insufficient permissions: elasticache:DescribeServerlessCacheSnapshots",
    },
  ],
  skippedRegions: [],
  stats: {
    // See the table above. The denied ElastiCache call counts too: it was made once and, being
    // access-denied, not retried.
    apiCalls: 321,
    // Connect's low control-plane quotas throttled two storage-config calls and CloudTrail's
    // 2 requests/s LookupEvents limit one sample; the adaptive retry recovered all three.
    retries: 3,
    throttled: 3,
    durationMs: 34541,
  },
};
