import { describe, expect, it } from "vitest";
import { control as rgAuthentication } from "@/lib/controls/elasticache/rg-authentication";
import { control as rgTransitEncryption } from "@/lib/controls/elasticache/rg-transit-encryption";
import { control as serverlessAccessControl } from "@/lib/controls/elasticache/serverless-access-control";
import { CONTROLS } from "@/lib/controls/registry";
import type { Status } from "@/lib/controls/types";
import {
  ROOT_ACCOUNT_USER,
  SERVICE_IDS,
  type ElastiCacheRegionInventory,
  type InstanceStorageConfig,
  type Inventory,
} from "@/lib/inventory";
import { CONNECT_STORAGE_RESOURCE_TYPES } from "./connect";
import { BUCKETS, CONNECT_REGIONS, KEYS, PERSONALIZE_REGIONS, ROLES, STREAMS } from "./ids";
import { DEMO_ACCOUNT_ID, demoInventory } from "./inventory";

/**
 * Consistency checks for an inventory. Each returns a list of human-readable problems, so a
 * failure names the offending resource. The "detects" tests below break a copy of the demo on
 * purpose to prove every check can fail.
 */

function ecRegions(inventory: Inventory): ElastiCacheRegionInventory[] {
  return inventory.elasticache?.regions ?? [];
}

/** Every region holding resources was scanned, appears once, and each resource sits in its own region. */
function regionProblems(inventory: Inventory): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const r of ecRegions(inventory)) {
    if (!inventory.regions.includes(r.region)) problems.push(`region ${r.region} is not in inventory.regions`);
    if (seen.has(r.region)) problems.push(`region ${r.region} appears twice`);
    seen.add(r.region);
    const resources = [
      ...r.replicationGroups.map((x) => ["replication group", x.id, x.region] as const),
      ...r.cacheClusters.map((x) => ["cache cluster", x.id, x.region] as const),
      ...r.serverlessCaches.map((x) => ["serverless cache", x.name, x.region] as const),
      ...r.userGroups.map((x) => ["user group", x.id, x.region] as const),
      ...r.users.map((x) => ["user", x.id, x.region] as const),
      ...r.snapshots.map((x) => ["snapshot", x.name, x.region] as const),
    ];
    for (const [kind, name, region] of resources) {
      if (region !== r.region) problems.push(`${kind} ${name} says region ${region} but is listed under ${r.region}`);
      if (!inventory.regions.includes(region)) problems.push(`${kind} ${name} is in unscanned region ${region}`);
    }
  }
  for (const e of inventory.errors) {
    if (!inventory.regions.includes(e.region)) problems.push(`error for ${e.action} in unscanned region ${e.region}`);
  }
  return problems;
}

/** Replication-group members exist as clusters pointing back at the group, and vice versa. */
function memberProblems(inventory: Inventory): string[] {
  const problems: string[] = [];
  for (const r of ecRegions(inventory)) {
    const clusters = new Map(r.cacheClusters.map((c) => [c.id, c]));
    const groups = new Map(r.replicationGroups.map((g) => [g.id, g]));
    for (const g of r.replicationGroups) {
      if (g.memberClusters.length === 0) problems.push(`replication group ${g.id} has no members`);
      for (const id of g.memberClusters) {
        const c = clusters.get(id);
        if (!c) problems.push(`member ${id} of ${g.id} is not a cache cluster in ${r.region}`);
        else {
          if (c.replicationGroupId !== g.id) problems.push(`cluster ${id} does not point back at ${g.id}`);
          if (!c.engineVersion) problems.push(`member cluster ${id} has no engineVersion`);
          if (c.engineVersion !== g.engineVersion) problems.push(`member ${id} version differs from ${g.id}`);
        }
      }
    }
    for (const c of r.cacheClusters) {
      if (c.replicationGroupId === undefined) continue;
      if (!groups.get(c.replicationGroupId)?.memberClusters.includes(c.id)) {
        problems.push(`cluster ${c.id} claims group ${c.replicationGroupId}, which does not list it`);
      }
    }
  }
  return problems;
}

/** Caches, user groups and users reference each other symmetrically. */
function rbacProblems(inventory: Inventory): string[] {
  const problems: string[] = [];
  for (const r of ecRegions(inventory)) {
    const groups = new Map(r.userGroups.map((g) => [g.id, g]));
    const users = new Map(r.users.map((u) => [u.id, u]));
    const groupIds = new Set(r.replicationGroups.map((g) => g.id));
    const serverlessNames = new Set(r.serverlessCaches.map((s) => s.name));

    for (const rg of r.replicationGroups) {
      for (const id of rg.userGroupIds) {
        const g = groups.get(id);
        if (!g) problems.push(`replication group ${rg.id} references missing user group ${id}`);
        else if (!g.replicationGroups.includes(rg.id)) problems.push(`user group ${id} does not list ${rg.id}`);
      }
    }
    for (const sc of r.serverlessCaches) {
      if (sc.userGroupId === undefined) continue;
      const g = groups.get(sc.userGroupId);
      if (!g) problems.push(`serverless cache ${sc.name} references missing user group ${sc.userGroupId}`);
      else if (!g.serverlessCaches.includes(sc.name)) problems.push(`user group ${g.id} does not list ${sc.name}`);
    }
    for (const g of r.userGroups) {
      for (const rgId of g.replicationGroups) {
        if (!groupIds.has(rgId)) problems.push(`user group ${g.id} lists missing replication group ${rgId}`);
        else if (!r.replicationGroups.find((rg) => rg.id === rgId)?.userGroupIds.includes(g.id)) {
          problems.push(`replication group ${rgId} does not reference user group ${g.id}`);
        }
      }
      for (const name of g.serverlessCaches) {
        if (!serverlessNames.has(name)) problems.push(`user group ${g.id} lists missing serverless cache ${name}`);
        else if (r.serverlessCaches.find((s) => s.name === name)?.userGroupId !== g.id) {
          problems.push(`serverless cache ${name} does not reference user group ${g.id}`);
        }
      }
      const members = g.userIds.map((id) => users.get(id));
      g.userIds.forEach((id, i) => {
        const u = members[i];
        if (!u) problems.push(`user group ${g.id} lists missing user ${id}`);
        else if (!u.userGroupIds.includes(g.id)) problems.push(`user ${id} does not list group ${g.id}`);
      });
      // ElastiCache requires every group to contain a user named `default`.
      if (!members.some((u) => u?.userName === "default")) problems.push(`user group ${g.id} has no "default" user`);
      // Valkey groups may only contain password or IAM users.
      if (g.engine === "valkey") {
        for (const u of members) {
          if (u && u.authenticationType === "no-password")
            problems.push(`valkey group ${g.id} holds no-password ${u.id}`);
        }
      }
    }
    for (const u of r.users) {
      for (const id of u.userGroupIds) {
        const g = groups.get(id);
        if (!g) problems.push(`user ${u.id} references missing user group ${id}`);
        else if (!g.userIds.includes(u.id)) problems.push(`user group ${id} does not list user ${u.id}`);
      }
      if (u.authenticationType === "password" && !(u.passwordCount && u.passwordCount >= 1)) {
        problems.push(`password user ${u.id} has no passwordCount`);
      }
    }
  }
  return problems;
}

const AWS_DEFAULT_USER = "default";

/**
 * Snapshot sources exist, except the deliberately deleted ones returned separately; serverless
 * snapshots are absent where listing them failed.
 */
function snapshotProblems(inventory: Inventory): { problems: string[]; deletedSources: string[] } {
  const problems: string[] = [];
  const deletedSources: string[] = [];
  for (const r of ecRegions(inventory)) {
    const failedServerlessListing = inventory.errors.some(
      (e) => e.region === r.region && e.action === "elasticache:DescribeServerlessCacheSnapshots",
    );
    for (const s of r.snapshots) {
      if (s.kind === "node-based") {
        if (!s.replicationGroupId && !s.cacheClusterId) problems.push(`snapshot ${s.name} has no source`);
        if (s.replicationGroupId && !r.replicationGroups.some((g) => g.id === s.replicationGroupId)) {
          deletedSources.push(s.replicationGroupId);
        }
        if (s.cacheClusterId) {
          const c = r.cacheClusters.find((x) => x.id === s.cacheClusterId);
          if (!c) problems.push(`snapshot ${s.name} names missing cluster ${s.cacheClusterId}`);
          else if (c.replicationGroupId !== s.replicationGroupId) {
            problems.push(`snapshot ${s.name}: cluster ${c.id} is not in group ${s.replicationGroupId}`);
          }
        }
        if (s.serverlessCacheName) problems.push(`node-based snapshot ${s.name} names a serverless cache`);
      } else {
        if (!r.serverlessCaches.some((c) => c.name === s.serverlessCacheName)) {
          problems.push(`serverless snapshot ${s.name} names missing cache ${s.serverlessCacheName}`);
        }
        if (failedServerlessListing) {
          problems.push(`serverless snapshot ${s.name} in ${r.region}, where listing them was denied`);
        }
      }
    }
  }
  return { problems, deletedSources };
}

const ARN_KIND = {
  replicationGroups: "replicationgroup",
  cacheClusters: "cluster",
  serverlessCaches: "serverlesscache",
  userGroups: "usergroup",
  users: "user",
} as const;

/** ARNs are well formed and name this account, the resource's region, its kind and its id. */
function arnProblems(inventory: Inventory): string[] {
  const problems: string[] = [];
  const { id: account, partition } = inventory.account;
  const check = (arn: string, region: string, kind: string, name: string) => {
    const expected = `arn:${partition}:elasticache:${region}:${account}:${kind}:${name}`;
    if (arn !== expected) problems.push(`ARN ${arn} should be ${expected}`);
  };
  const checkKms = (key: string | undefined, region: string, owner: string) => {
    if (key === undefined) return;
    const re = new RegExp(`^arn:${partition}:kms:${region}:${account}:key/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$`);
    if (!re.test(key)) problems.push(`KMS key of ${owner} is not a key ARN in ${region}/${account}: ${key}`);
  };
  for (const r of ecRegions(inventory)) {
    for (const x of r.replicationGroups) {
      check(x.arn, x.region, ARN_KIND.replicationGroups, x.id);
      checkKms(x.kmsKeyId, x.region, x.id);
    }
    for (const x of r.cacheClusters) check(x.arn, x.region, ARN_KIND.cacheClusters, x.id);
    for (const x of r.serverlessCaches) {
      check(x.arn, x.region, ARN_KIND.serverlessCaches, x.name);
      checkKms(x.kmsKeyId, x.region, x.name);
    }
    for (const x of r.userGroups) check(x.arn, x.region, ARN_KIND.userGroups, x.id);
    for (const x of r.users) check(x.arn, x.region, ARN_KIND.users, x.id);
    for (const x of r.snapshots) {
      check(x.arn, x.region, x.kind === "serverless" ? "serverlesscachesnapshot" : "snapshot", x.name);
      checkKms(x.kmsKeyId, x.region, x.name);
    }
  }
  return problems;
}

/** Regions holding any regional resource (caches, pools, dataset groups, instances). */
function regionsWithResources(inventory: Inventory): Set<string> {
  const regions = new Set<string>();
  for (const r of ecRegions(inventory)) {
    if (r.replicationGroups.length + r.cacheClusters.length + r.serverlessCaches.length > 0) regions.add(r.region);
  }
  for (const r of inventory.cognito?.regions ?? []) {
    if (r.userPools.length + r.identityPools.length > 0) regions.add(r.region);
  }
  for (const r of inventory.personalize?.regions ?? []) if (r.datasetGroups.length > 0) regions.add(r.region);
  for (const r of inventory.connect?.regions ?? []) if (r.instances.length > 0) regions.add(r.region);
  return regions;
}

/**
 * The API calls a scan of this inventory costs, per docs/controls.md#call-budget, with the demo's choices: the
 * credential report is reused (one GetCredentialReport), the optional IAM lists are called, one
 * LookupEvents page per TLS sample, buckets are read with region redirects (no GetBucketLocation).
 */
function expectedApiCalls(inventory: Inventory): Record<string, number> {
  const ecRegionsList = ecRegions(inventory);
  const withCaches = ecRegionsList.filter(
    (r) => r.replicationGroups.length + r.cacheClusters.length + r.serverlessCaches.length > 0,
  ).length;
  const iam = inventory.iam;
  const aw = inventory.accountWide;
  const authEntities = iam?.authorization
    ? iam.authorization.users.length +
      iam.authorization.groups.length +
      iam.authorization.roles.length +
      iam.authorization.policies.filter((p) => !p.awsManaged).length
    : 0;
  const keys = aw?.kmsKeys ?? [];
  return {
    setup: 2,
    iam: iam ? 3 + Math.max(1, Math.ceil(authEntities / 500)) + 3 + (iam.oidcProviders?.length ?? 0) : 0,
    // DescribeTrails per Region, GetTrailStatus per trail, GetEventSelectors per trail not known to be stopped.
    cloudtrail: aw
      ? inventory.regions.length +
        (aw.cloudtrail?.trails.length ?? 0) +
        (aw.cloudtrail?.trails.filter((t) => t.status?.isLogging !== false).length ?? 0) +
        (aw.tlsSamples?.length ?? 0)
      : 0,
    // GetKeyRotationStatus is asked for every described symmetric customer managed AWS_KMS key (a key
    // pending deletion answers KMSInvalidStateException and keeps no rotation status).
    kms:
      keys.length +
      keys.filter(
        (k) =>
          k.access === "ok" &&
          k.keyManager === "CUSTOMER" &&
          k.keySpec === "SYMMETRIC_DEFAULT" &&
          k.origin === "AWS_KMS",
      ).length,
    macie: (aw?.macie ?? []).reduce((n, m) => n + 1 + (m.automatedDiscovery === undefined ? 0 : 1), 0),
    elasticache: withCaches * 7 + (ecRegionsList.length - withCaches) * 3,
    cognito: (inventory.cognito?.regions ?? []).reduce(
      (n, r) =>
        n +
        1 +
        r.userPools.reduce(
          (m, p) =>
            m +
            3 +
            (p.mfaConfiguration === "OFF" ? 0 : 1) +
            (p.advancedSecurityMode === "ENFORCED" ? 1 : 0) +
            (p.clients?.length ?? 0),
          0,
        ) +
        1 +
        r.identityPools.reduce((m, p) => m + 1 + (p.allowUnauthenticatedIdentities ? 1 : 0), 0),
      0,
    ),
    personalize: (inventory.personalize?.regions ?? []).reduce(
      (n, r) => n + (r.datasetGroups.length === 0 ? 1 : 1 + 2 * r.datasetGroups.length + 5 + r.jobs.length + 6),
      0,
    ),
    connect: (inventory.connect?.regions ?? []).reduce(
      (n, r) => n + (r.instances.length === 0 ? 1 : Math.ceil(r.instances.length / 10) + 17 * r.instances.length),
      0,
    ),
    storage: (aw?.buckets?.length ?? 0) + (aw?.kinesisStreams?.length ?? 0) + (aw?.firehoseStreams?.length ?? 0),
    tagging: aw?.taggedResources ? regionsWithResources(inventory).size : 0,
    stsVpcEndpoints: iam?.stsVpcEndpoints?.length ?? 0,
  };
}

/** The stats agree with the call budget of the whole scan and with the timestamps. */
function statsProblems(inventory: Inventory): string[] {
  const problems: string[] = [];
  const expectedCalls = Object.values(expectedApiCalls(inventory)).reduce((a, b) => a + b, 0);
  if (inventory.stats.apiCalls !== expectedCalls) {
    problems.push(`apiCalls is ${inventory.stats.apiCalls}, the budget gives ${expectedCalls}`);
  }
  const elapsed = Date.parse(inventory.finishedAt) - Date.parse(inventory.startedAt);
  if (inventory.stats.durationMs !== elapsed) {
    problems.push(`durationMs is ${inventory.stats.durationMs}, timestamps give ${elapsed}`);
  }
  if (inventory.stats.throttled > inventory.stats.retries) problems.push("more throttled attempts than retries");
  return problems;
}

// ---------------------------------------------------------------------------------------------
// The other parts: IAM, Cognito, Personalize, Connect and account-wide storage.
// ---------------------------------------------------------------------------------------------

function regionOfArn(arn: string): string {
  return arn.split(":")[3] ?? "";
}

function accountOfArn(arn: string): string {
  return arn.split(":")[4] ?? "";
}

/**
 * Regional parts cover exactly the scanned regions where their service is offered, once each, and
 * every resource sits under its own region with an ARN of this account and region.
 */
function serviceRegionProblems(inventory: Inventory): string[] {
  const problems: string[] = [];
  const { id: account } = inventory.account;
  const expectCoverage = (service: string, listed: string[], offered: readonly string[]) => {
    const expected = inventory.regions.filter((r) => offered.includes(r));
    if (listed.join() !== expected.join()) {
      problems.push(`${service} covers [${listed.join(", ")}], expected [${expected.join(", ")}]`);
    }
  };
  const checkArn = (kind: string, name: string, arn: string, region: string, listedUnder: string) => {
    if (region !== listedUnder)
      problems.push(`${kind} ${name} says region ${region} but is listed under ${listedUnder}`);
    if (regionOfArn(arn) !== region || accountOfArn(arn) !== account) {
      problems.push(`${kind} ${name} has ARN ${arn} outside ${region}/${account}`);
    }
  };

  const cognito = inventory.cognito?.regions ?? [];
  expectCoverage(
    "cognito",
    cognito.map((r) => r.region),
    inventory.regions,
  );
  for (const r of cognito) {
    for (const p of r.userPools) {
      checkArn("user pool", p.name, p.arn, p.region, r.region);
      if (!p.arn.endsWith(`:userpool/${p.id}`)) problems.push(`user pool ${p.name} ARN does not end with its id`);
      if (!p.id.startsWith(`${p.region}_`)) problems.push(`user pool ${p.name} id ${p.id} is not of ${p.region}`);
      for (const c of p.clients ?? []) {
        if (c.userPoolId !== p.id || c.region !== p.region)
          problems.push(`client ${c.name} does not point at ${p.name}`);
      }
    }
    for (const p of r.identityPools) {
      checkArn("identity pool", p.name, p.arn, p.region, r.region);
      if (!p.id.startsWith(`${p.region}:`)) problems.push(`identity pool ${p.name} id ${p.id} is not of ${p.region}`);
      if (!p.arn.endsWith(`:identitypool/${p.id}`))
        problems.push(`identity pool ${p.name} ARN does not end with its id`);
    }
  }

  const personalize = inventory.personalize?.regions ?? [];
  expectCoverage(
    "personalize",
    personalize.map((r) => r.region),
    PERSONALIZE_REGIONS,
  );
  for (const r of personalize) {
    for (const g of r.datasetGroups) checkArn("dataset group", g.name, g.arn, g.region, r.region);
    for (const j of r.jobs) checkArn(`${j.kind} job`, j.name, j.arn, j.region, r.region);
    for (const n of r.names) checkArn(n.kind, n.name, n.arn, regionOfArn(n.arn), r.region);
  }

  const connect = inventory.connect?.regions ?? [];
  expectCoverage(
    "connect",
    connect.map((r) => r.region),
    CONNECT_REGIONS,
  );
  for (const r of connect) {
    for (const i of r.instances) {
      checkArn("Connect instance", i.alias ?? i.id, i.arn, i.region, r.region);
      if (!i.arn.endsWith(`:instance/${i.id}`)) problems.push(`instance ${i.id} ARN does not end with its id`);
      for (const p of i.securityProfiles) {
        if (!p.arn.startsWith(`${i.arn}/security-profile/`)) problems.push(`profile ${p.name} is not under ${i.id}`);
      }
    }
  }
  return problems;
}

/** Every `(referring resource, key reference)` pair in the inventory, with the referring service. */
function keyReferences(inventory: Inventory): { service: string; resourceArn: string; key: string }[] {
  const refs: { service: string; resourceArn: string; key: string }[] = [];
  const add = (service: string, resourceArn: string, key: string | undefined) => {
    if (key !== undefined) refs.push({ service, resourceArn, key });
  };
  for (const r of ecRegions(inventory)) {
    for (const x of r.replicationGroups) add("elasticache", x.arn, x.kmsKeyId);
    for (const x of r.serverlessCaches) add("elasticache", x.arn, x.kmsKeyId);
    for (const x of r.snapshots) add("elasticache", x.arn, x.kmsKeyId);
  }
  for (const r of inventory.cognito?.regions ?? []) {
    for (const p of r.userPools) add("cognito", p.arn, p.keyConfiguration?.kmsKeyArn);
  }
  for (const r of inventory.personalize?.regions ?? []) {
    for (const g of r.datasetGroups) add("personalize", g.arn, g.kmsKeyArn);
    for (const j of r.jobs) {
      add("personalize", j.arn, j.inputKmsKeyArn);
      add("personalize", j.arn, j.outputKmsKeyArn);
    }
  }
  for (const r of inventory.connect?.regions ?? []) {
    for (const i of r.instances) {
      for (const c of i.storageConfigs) {
        add("connect", i.arn, c.s3?.encryption?.keyId);
        add("connect", i.arn, c.kinesisVideo?.encryption?.keyId);
      }
    }
  }
  const aw = inventory.accountWide;
  for (const t of aw?.cloudtrail?.trails ?? []) add("cloudtrail", t.arn, t.kmsKeyId);
  for (const b of aw?.buckets ?? []) add("account", `arn:aws:s3:::${b.name}`, b.encryption?.kmsKeyId);
  for (const k of aw?.kinesisStreams ?? []) add("account", k.arn, k.keyId);
  for (const f of aw?.firehoseStreams ?? []) add("account", f.arn, f.keyArn);
  // Keep one entry per (resource, key): a job may use one key for input and output.
  return refs.filter((x, i) => refs.findIndex((y) => y.resourceArn === x.resourceArn && y.key === x.key) === i);
}

/**
 * KMS keys: every key reference resolves to a described key that lists the referrer, and every
 * `referencedBy` entry is a real reference. Aliases resolve through `referencedBy` (DescribeKey
 * returns the key's ARN, not the alias). Key metadata is self-consistent.
 */
function kmsProblems(inventory: Inventory): string[] {
  const problems: string[] = [];
  const keys = inventory.accountWide?.kmsKeys ?? [];
  const refs = keyReferences(inventory);
  const resolve = (ref: { resourceArn: string; key: string }) =>
    keys.find(
      (k) =>
        k.arn === ref.key ||
        (ref.key.startsWith("alias/") && k.referencedBy.some((r) => r.resourceArn === ref.resourceArn)),
    );
  for (const ref of refs) {
    const key = resolve(ref);
    if (!key) problems.push(`key ${ref.key} used by ${ref.resourceArn} is not in accountWide.kmsKeys`);
    else if (!key.referencedBy.some((r) => r.resourceArn === ref.resourceArn && r.service === ref.service)) {
      problems.push(`key ${key.arn} does not list ${ref.service} ${ref.resourceArn} in referencedBy`);
    }
  }
  const arns = new Set<string>();
  for (const k of keys) {
    if (arns.has(k.arn)) problems.push(`key ${k.arn} is listed twice`);
    arns.add(k.arn);
    if (k.referencedBy.length === 0) problems.push(`key ${k.arn} is referenced by nothing`);
    for (const r of k.referencedBy) {
      if (!refs.some((ref) => ref.resourceArn === r.resourceArn && resolve(ref) === k)) {
        problems.push(`key ${k.arn} lists ${r.resourceArn}, which does not use it`);
      }
    }
    if (!/^arn:aws:kms:[a-z0-9-]+:\d{12}:key\/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/.test(k.arn)) {
      problems.push(`key ${k.arn} is not a key ARN`);
    }
    if (regionOfArn(k.arn) !== k.region) problems.push(`key ${k.arn} says region ${k.region}`);
    if (k.accountId !== undefined && accountOfArn(k.arn) !== k.accountId)
      problems.push(`key ${k.arn} says account ${k.accountId}`);
    if (!inventory.regions.includes(k.region)) problems.push(`key ${k.arn} is in unscanned region ${k.region}`);
    if (k.access === "ok" && k.keyState === undefined) problems.push(`described key ${k.arn} has no keyState`);
    if (k.access !== "ok" && (k.keyState !== undefined || k.rotationEnabled !== undefined)) {
      problems.push(`key ${k.arn} was not described but has metadata`);
    }
    if (k.access === "denied" && k.accountId === inventory.account.id) problems.push(`own key ${k.arn} is denied`);
    const rotationAskable =
      k.access === "ok" &&
      k.keyManager === "CUSTOMER" &&
      k.keySpec === "SYMMETRIC_DEFAULT" &&
      k.origin === "AWS_KMS" &&
      k.keyState !== "PendingDeletion";
    if (k.rotationEnabled !== undefined && !rotationAskable)
      problems.push(`key ${k.arn} has a rotation status it cannot have`);
    if (k.rotationEnabled === undefined && rotationAskable) problems.push(`key ${k.arn} should have a rotation status`);
    if ((k.keyState === "PendingDeletion") !== (k.deletionDate !== undefined)) {
      problems.push(`key ${k.arn}: deletionDate and PendingDeletion disagree`);
    }
    if (k.deletionDate !== undefined && Date.parse(k.deletionDate) <= Date.parse(inventory.finishedAt)) {
      problems.push(`key ${k.arn} would already be deleted`);
    }
  }
  return problems;
}

/** `s3://bucket/prefix` → bucket. */
function bucketOf(path: string | undefined): string | undefined {
  return path?.match(/^s3:\/\/([^/]+)/)?.[1];
}

/** S3 buckets referenced by Personalize jobs, Connect storage configs and trails exist and list their referrers, and only those. */
function bucketProblems(inventory: Inventory): string[] {
  const problems: string[] = [];
  const refs: { service: string; resourceArn: string; bucket: string }[] = [];
  for (const r of inventory.personalize?.regions ?? []) {
    for (const j of r.jobs) {
      for (const path of [j.inputPath, j.outputPath]) {
        if (path !== undefined && !bucketOf(path)) problems.push(`job ${j.name} has a malformed path ${path}`);
        const bucket = bucketOf(path);
        if (bucket) refs.push({ service: "personalize", resourceArn: j.arn, bucket });
      }
    }
  }
  for (const r of inventory.connect?.regions ?? []) {
    for (const i of r.instances) {
      for (const c of i.storageConfigs)
        if (c.s3) refs.push({ service: "connect", resourceArn: i.arn, bucket: c.s3.bucketName });
    }
  }
  for (const t of inventory.accountWide?.cloudtrail?.trails ?? []) {
    if (t.s3BucketName) refs.push({ service: "cloudtrail", resourceArn: t.arn, bucket: t.s3BucketName });
  }
  const buckets = inventory.accountWide?.buckets ?? [];
  // One entry per (bucket, referrer): a job may read and write the same bucket.
  const unique = refs.filter(
    (x, i) => refs.findIndex((y) => y.bucket === x.bucket && y.resourceArn === x.resourceArn) === i,
  );
  for (const ref of unique) {
    const b = buckets.find((x) => x.name === ref.bucket);
    if (!b) problems.push(`bucket ${ref.bucket} used by ${ref.resourceArn} is not in accountWide.buckets`);
    else if (!b.referencedBy.some((r) => r.resourceArn === ref.resourceArn && r.service === ref.service)) {
      problems.push(`bucket ${b.name} does not list ${ref.service} ${ref.resourceArn}`);
    }
  }
  const names = new Set<string>();
  for (const b of buckets) {
    if (names.has(b.name)) problems.push(`bucket ${b.name} is listed twice`);
    names.add(b.name);
    for (const r of b.referencedBy) {
      if (!refs.some((ref) => ref.bucket === b.name && ref.resourceArn === r.resourceArn)) {
        problems.push(`bucket ${b.name} lists ${r.resourceArn}, which does not use it`);
      }
    }
    if (b.referencedBy.length === 0) problems.push(`bucket ${b.name} is referenced by nothing`);
    if ((b.access === "ok") !== (b.encryption !== undefined))
      problems.push(`bucket ${b.name}: access and encryption disagree`);
    if (b.encryption && b.encryption.algorithm.startsWith("aws:kms") !== (b.encryption.kmsKeyId !== undefined)) {
      problems.push(`bucket ${b.name}: algorithm and key disagree`);
    }
  }
  return problems;
}

const STORAGE_FIELD: Record<string, keyof InstanceStorageConfig> = {
  S3: "s3",
  KINESIS_VIDEO_STREAM: "kinesisVideo",
  KINESIS_STREAM: "kinesisStreamArn",
  KINESIS_FIREHOSE: "firehoseArn",
};

/**
 * Connect storage configs are well formed, and the Kinesis and Firehose streams they publish to exist
 * with the instance in `referencedBy` (a Firehose stream's Kinesis source lists that Firehose stream).
 */
function streamProblems(inventory: Inventory): string[] {
  const problems: string[] = [];
  const aw = inventory.accountWide;
  const kinesis = aw?.kinesisStreams ?? [];
  const firehose = aw?.firehoseStreams ?? [];
  const reached = new Map<string, Set<string>>();
  const reach = (stream: string, instance: string) =>
    reached.set(stream, (reached.get(stream) ?? new Set()).add(instance));
  for (const r of inventory.connect?.regions ?? []) {
    for (const i of r.instances) {
      for (const c of i.storageConfigs) {
        const field = STORAGE_FIELD[c.storageType];
        if (!field || c[field] === undefined)
          problems.push(`${i.alias} ${c.resourceType}: ${c.storageType} without its config`);
        if (!(CONNECT_STORAGE_RESOURCE_TYPES as readonly string[]).includes(c.resourceType)) {
          problems.push(`${i.alias}: unknown resource type ${c.resourceType}`);
        }
        if (i.unsupportedResourceTypes.includes(c.resourceType))
          problems.push(`${i.alias}: ${c.resourceType} is unsupported`);
        if (c.kinesisStreamArn) reach(c.kinesisStreamArn, i.arn);
        if (c.firehoseArn) {
          reach(c.firehoseArn, i.arn);
          // The source stream is referenced by the Firehose stream that reads it.
          const source = firehose.find((f) => f.arn === c.firehoseArn)?.sourceStreamArn;
          if (source) reach(source, c.firehoseArn);
        }
      }
    }
  }
  for (const [stream, instances] of reached) {
    const found = [...kinesis, ...firehose].find((s) => s.arn === stream);
    if (!found) problems.push(`stream ${stream} used by Connect is not in accountWide`);
    else {
      for (const i of instances) {
        if (!found.referencedBy.some((r) => r.resourceArn === i)) problems.push(`stream ${stream} does not list ${i}`);
      }
    }
  }
  for (const s of [...kinesis, ...firehose]) {
    if (!reached.has(s.arn)) problems.push(`stream ${s.arn} is used by nothing`);
    for (const r of s.referencedBy) {
      if (!reached.get(s.arn)?.has(r.resourceArn))
        problems.push(`stream ${s.arn} lists ${r.resourceArn}, which does not use it`);
    }
    if (s.arn.split("/").pop() !== s.name || regionOfArn(s.arn) !== s.region)
      problems.push(`stream ${s.arn}: name or region wrong`);
  }
  for (const k of kinesis) {
    if (k.access === "ok" && k.encryptionType === undefined) problems.push(`stream ${k.name} has no encryptionType`);
    if ((k.encryptionType === "KMS") !== (k.keyId !== undefined))
      problems.push(`stream ${k.name}: encryption and key disagree`);
  }
  for (const f of firehose) {
    if ((f.deliveryStreamType === "KinesisStreamAsSource") !== (f.sourceStreamArn !== undefined)) {
      problems.push(`firehose ${f.name}: type and source disagree`);
    }
  }
  return problems;
}

/**
 * IAM: the credential report matches the users (plus one root row), groups and policies exist,
 * attachment counts are right, and every role another service points at exists.
 */
function iamProblems(inventory: Inventory): string[] {
  const problems: string[] = [];
  const iam = inventory.iam;
  const auth = iam?.authorization;
  if (!iam || !auth) return ["no IAM part"];
  const account = inventory.account.id;
  const rows = iam.credentialReport?.rows ?? [];
  const roots = rows.filter((r) => r.user === ROOT_ACCOUNT_USER);
  if (roots.length !== 1 || roots[0]?.arn !== `arn:aws:iam::${account}:root`)
    problems.push("expected exactly one root row");
  const reportUsers = rows
    .filter((r) => r.user !== ROOT_ACCOUNT_USER)
    .map((r) => `${r.user} ${r.arn}`)
    .sort();
  const users = auth.users.map((u) => `${u.name} ${u.arn}`).sort();
  if (reportUsers.join() !== users.join()) problems.push(`credential report users [${reportUsers}] ≠ users [${users}]`);
  const root = roots[0];
  if (root && iam.summary) {
    if (iam.summary.accountMfaEnabled !== root.mfaActive) problems.push("summary and root row disagree on MFA");
    const rootKeys = root.accessKeys.some((k) => k.active);
    if (iam.summary.accountAccessKeysPresent !== rootKeys)
      problems.push("summary and root row disagree on access keys");
  }

  const policies = new Map(auth.policies.map((p) => [p.arn, p]));
  const attachments = new Map<string, number>();
  const principals = [...auth.users, ...auth.groups, ...auth.roles];
  for (const p of principals) {
    if (
      p.arn !== `arn:aws:iam::${account}:${p.arn.split(":")[5]?.split("/")[0]}/${(p.path ?? "/").slice(1)}${p.name}`
    ) {
      problems.push(`${p.name}: ARN ${p.arn} does not match its path and name`);
    }
    for (const a of p.attachedPolicies) {
      attachments.set(a.arn, (attachments.get(a.arn) ?? 0) + 1);
      if (!policies.has(a.arn)) problems.push(`${p.name} attaches ${a.arn}, which is not in the policies`);
    }
  }
  for (const p of auth.policies) {
    if ((attachments.get(p.arn) ?? 0) !== p.attachmentCount) {
      problems.push(`policy ${p.name} says ${p.attachmentCount} attachments, has ${attachments.get(p.arn) ?? 0}`);
    }
    if (p.awsManaged !== p.arn.startsWith("arn:aws:iam::aws:policy/"))
      problems.push(`policy ${p.name}: awsManaged is wrong`);
  }
  for (const u of auth.users) {
    for (const g of u.groups)
      if (!auth.groups.some((x) => x.name === g)) problems.push(`user ${u.name} is in missing group ${g}`);
  }

  const roleArns = new Set(auth.roles.map((r) => r.arn));
  const needRole = (owner: string, arn: string | undefined) => {
    if (arn !== undefined && !roleArns.has(arn))
      problems.push(`${owner} uses role ${arn}, not in iam.authorization.roles`);
  };
  for (const r of inventory.cognito?.regions ?? []) {
    for (const p of r.identityPools) {
      needRole(`identity pool ${p.name}`, p.roles?.authenticated);
      needRole(`identity pool ${p.name}`, p.roles?.unauthenticated);
      if ((p.roles !== undefined) !== p.allowUnauthenticatedIdentities) {
        problems.push(`identity pool ${p.name}: roles are asked only when guest access is on`);
      }
    }
  }
  for (const r of inventory.personalize?.regions ?? [])
    for (const g of r.datasetGroups) needRole(`dataset group ${g.name}`, g.roleArn);
  for (const r of inventory.connect?.regions ?? [])
    for (const i of r.instances) needRole(`instance ${i.alias}`, i.serviceRole);

  for (const d of iam.virtualMfaDevices ?? []) {
    const row = rows.find((r) => r.arn === d.userArn);
    if (d.userArn !== undefined && !row?.mfaActive)
      problems.push(`MFA device ${d.serialNumber} belongs to no user with MFA`);
  }
  const withResources = [...regionsWithResources(inventory)].sort();
  const endpointRegions = (iam.stsVpcEndpoints ?? []).map((r) => r.region).sort();
  if (endpointRegions.join() !== withResources.join()) problems.push(`STS endpoints asked in [${endpointRegions}]`);
  return problems;
}

/** Cognito details the collector guarantees: MFA factors only when MFA is on, unique client ids. */
function cognitoProblems(inventory: Inventory): string[] {
  const problems: string[] = [];
  const clientIds = new Set<string>();
  for (const r of inventory.cognito?.regions ?? []) {
    for (const p of r.userPools) {
      if ((p.mfaFactors !== undefined) !== (p.mfaConfiguration !== "OFF")) {
        problems.push(`user pool ${p.name}: mfaFactors are asked only when MFA is not OFF`);
      }
      if (p.keyConfiguration?.keyType === "CUSTOMER_MANAGED_KEY" && !p.keyConfiguration.kmsKeyArn) {
        problems.push(`user pool ${p.name}: customer managed key without an ARN`);
      }
      if ((p.riskConfiguration !== undefined) !== (p.advancedSecurityMode === "ENFORCED")) {
        problems.push(`user pool ${p.name}: the risk configuration is asked only when threat protection is ENFORCED`);
      }
      if (p.customAuthTrigger === undefined) {
        problems.push(`user pool ${p.name}: DescribeUserPool always tells whether a custom auth trigger exists`);
      }
      for (const c of p.clients ?? []) {
        if (clientIds.has(c.clientId)) problems.push(`client id ${c.clientId} is used twice`);
        clientIds.add(c.clientId);
        if (c.allowedOAuthFlows.length > 0 && !c.allowedOAuthFlowsUserPoolClient)
          problems.push(`client ${c.name}: OAuth flows off`);
      }
    }
  }
  return problems;
}

/** Account-level coverage: Macie where the catalog scopes it, TLS samples where resources are, tags in scanned regions. */
function accountScopeProblems(inventory: Inventory): string[] {
  const problems: string[] = [];
  const aw = inventory.accountWide;
  if (!aw) return ["no account-wide part"];
  const storageRegions = new Set<string>([aw.scanner.homeRegion]);
  for (const r of inventory.personalize?.regions ?? []) if (r.datasetGroups.length > 0) storageRegions.add(r.region);
  for (const r of inventory.connect?.regions ?? []) if (r.instances.length > 0) storageRegions.add(r.region);
  const macieRegions = (aw.macie ?? []).map((m) => m.region).sort();
  if (macieRegions.join() !== [...storageRegions].sort().join()) problems.push(`Macie asked in [${macieRegions}]`);
  for (const m of aw.macie ?? []) {
    if (m.automatedDiscovery !== undefined && m.status !== "ENABLED")
      problems.push(`Macie ${m.region}: discovery asked while ${m.status}`);
  }
  const withResources = regionsWithResources(inventory);
  for (const s of aw.tlsSamples ?? []) {
    const global = s.eventSource === "iam.amazonaws.com" || s.eventSource === "sts.amazonaws.com";
    if (global ? s.region !== "us-east-1" : !withResources.has(s.region))
      problems.push(`TLS sample ${s.eventSource} in ${s.region}`);
    for (const o of s.observations) {
      if (o.eventSource !== s.eventSource || o.region !== s.region)
        problems.push(`TLS observation filed under the wrong sample`);
    }
  }
  for (const t of aw.taggedResources ?? []) {
    if (!withResources.has(t.region) || (regionOfArn(t.arn) !== t.region && regionOfArn(t.arn) !== "")) {
      problems.push(`tagged resource ${t.arn} in ${t.region}`);
    }
  }
  for (const t of aw.cloudtrail?.trails ?? []) {
    if (regionOfArn(t.arn) !== t.homeRegion) problems.push(`trail ${t.name} ARN is not in its home region`);
    const expectedSeen = t.isMultiRegion ? inventory.regions : [t.homeRegion];
    if ([...t.seenInRegions].sort().join() !== [...expectedSeen].sort().join())
      problems.push(`trail ${t.name} seen in the wrong regions`);
  }
  return problems;
}

/** Dates: nothing happens after the scan, keys are used after they are created, recent enough for the APIs. */
function dateProblems(inventory: Inventory): string[] {
  const problems: string[] = [];
  const started = Date.parse(inventory.startedAt);
  const finished = Date.parse(inventory.finishedAt);
  const notAfter = (what: string, date: string | undefined, limit: number) => {
    if (date === undefined) return;
    if (Number.isNaN(Date.parse(date))) problems.push(`${what}: ${date} is not a date`);
    else if (Date.parse(date) > limit) problems.push(`${what}: ${date} is after ${new Date(limit).toISOString()}`);
  };
  const report = inventory.iam?.credentialReport;
  if (report) {
    notAfter("credential report", report.generatedTime, started);
    if (started - Date.parse(report.generatedTime) > 4 * 3600_000)
      problems.push("credential report older than 4 h was reused");
    const generated = Date.parse(report.generatedTime);
    for (const r of report.rows) {
      const created = Date.parse(r.userCreationTime ?? "1970-01-01");
      notAfter(`${r.user} creation`, r.userCreationTime, generated);
      notAfter(`${r.user} password use`, r.passwordLastUsed, generated);
      if (r.passwordLastUsed && Date.parse(r.passwordLastUsed) < created)
        problems.push(`${r.user} password used before creation`);
      if (!r.passwordEnabled && r.passwordLastUsed) problems.push(`${r.user} has no password but used one`);
      r.accessKeys.forEach((k, i) => {
        notAfter(`${r.user} key ${i + 1} rotation`, k.lastRotated, generated);
        notAfter(`${r.user} key ${i + 1} use`, k.lastUsed, generated);
        if (k.lastRotated && Date.parse(k.lastRotated) < created)
          problems.push(`${r.user} key ${i + 1} predates the user`);
        if (k.lastUsed && (!k.lastRotated || Date.parse(k.lastUsed) < Date.parse(k.lastRotated))) {
          problems.push(`${r.user} key ${i + 1} used before it existed`);
        }
        if (k.active && !k.lastRotated) problems.push(`${r.user} key ${i + 1} is active without a creation date`);
      });
    }
  }
  for (const r of inventory.personalize?.regions ?? [])
    for (const j of r.jobs) notAfter(`job ${j.name}`, j.createdAt, started);
  for (const t of inventory.accountWide?.cloudtrail?.trails ?? [])
    notAfter(`trail ${t.name}`, t.status?.latestDeliveryTime, finished);
  for (const s of inventory.accountWide?.tlsSamples ?? []) {
    for (const o of s.observations) {
      notAfter(`TLS ${s.eventSource}`, o.eventTime, started);
      if (started - Date.parse(o.eventTime) > 90 * 86_400_000)
        problems.push(`TLS ${s.eventSource} event older than 90 days`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Planted detector cases: present, checksum-valid, and the only personal data in the demo.
// ---------------------------------------------------------------------------------------------
function luhnValid(digits: string): boolean {
  let sum = 0;
  [...digits].reverse().forEach((ch, i) => {
    let d = Number(ch);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  });
  return sum % 10 === 0;
}

function ibanValid(iban: string): boolean {
  const rearranged = `${iban.slice(4)}${iban.slice(0, 4)}`;
  const numeric = [...rearranged].map((ch) => (/[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch)).join("");
  let remainder = 0;
  for (const ch of numeric) remainder = (remainder * 10 + Number(ch)) % 97;
  return remainder === 1;
}

const PLANTED = {
  card: "4111111111111111",
  iban: "GB82WEST12345698765432",
  email: "jane.doe@gmail.com",
  jwtCallback: /^https:\/\/[^?]+\?access_token=eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]{8,}$/,
  userinfoUrl: /^https:\/\/[^/:@]+:[^/@]+@/,
  httpOrigin: /^http:\/\/(?!localhost|127\.)/,
};

function allStrings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(allStrings);
  if (value && typeof value === "object") return Object.values(value).flatMap(allStrings);
  return [];
}

function allProblems(inventory: Inventory): string[] {
  return [
    ...regionProblems(inventory),
    ...memberProblems(inventory),
    ...rbacProblems(inventory),
    ...snapshotProblems(inventory).problems,
    ...arnProblems(inventory),
    ...statsProblems(inventory),
    ...serviceRegionProblems(inventory),
    ...kmsProblems(inventory),
    ...bucketProblems(inventory),
    ...streamProblems(inventory),
    ...iamProblems(inventory),
    ...cognitoProblems(inventory),
    ...accountScopeProblems(inventory),
    ...dateProblems(inventory),
  ];
}

/** A deep copy of the demo to break on purpose. */
function copy(): Inventory {
  return structuredClone(demoInventory);
}

function region(inventory: Inventory, name: string): ElastiCacheRegionInventory {
  const r = ecRegions(inventory).find((x) => x.region === name);
  if (!r) throw new Error(`no region ${name}`);
  return r;
}

describe("demo inventory", () => {
  it("is a demo scan of the fictional account, every service, on 2026-11-20", () => {
    expect(demoInventory.source).toBe("demo");
    expect(demoInventory.account).toEqual({ id: "210987654321", partition: "aws" });
    expect(DEMO_ACCOUNT_ID).toBe("210987654321");
    expect(demoInventory.services).toEqual([...SERVICE_IDS]);
    expect(demoInventory.finishedAt).toBe("2026-11-20T08:42:23.918Z");
    expect(demoInventory.startedAt).toMatch(/^2026-11-20T\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(demoInventory.finishedAt).toMatch(/^2026-11-20T\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Date.parse(demoInventory.finishedAt)).toBeGreaterThan(Date.parse(demoInventory.startedAt));
    expect(demoInventory.skippedRegions).toEqual([]);
  });

  it("has ElastiCache resources in the main regions and lists every region it scanned", () => {
    const withResources = ecRegions(demoInventory)
      .filter((r) => r.replicationGroups.length + r.cacheClusters.length + r.serverlessCaches.length > 0)
      .map((r) => r.region);
    expect(withResources).toEqual(expect.arrayContaining(["us-east-1", "eu-west-1", "ap-southeast-2"]));
    expect(
      ecRegions(demoInventory)
        .map((r) => r.region)
        .sort(),
    ).toEqual([...demoInventory.regions].sort());
  });

  it("carries exactly one collection error: serverless snapshots denied in ap-southeast-2", () => {
    expect(demoInventory.errors).toEqual([
      {
        service: "elasticache",
        region: "ap-southeast-2",
        action: "elasticache:DescribeServerlessCacheSnapshots",
        kind: "access-denied",
        message: "insufficient permissions: elasticache:DescribeServerlessCacheSnapshots",
      },
    ]);
  });

  it("keeps every resource in a scanned region, under its own region", () => {
    expect(regionProblems(demoInventory)).toEqual([]);
  });

  it("lists every replication-group member as a cache cluster carrying the engine version", () => {
    expect(memberProblems(demoInventory)).toEqual([]);
  });

  it("links caches, user groups and users both ways", () => {
    expect(rbacProblems(demoInventory)).toEqual([]);
  });

  it("points snapshots at existing sources, except the one deliberately deleted group", () => {
    const { problems, deletedSources } = snapshotProblems(demoInventory);
    expect(problems).toEqual([]);
    expect(deletedSources).toEqual(["promo-blackfriday-2025"]);
  });

  it("uses ARNs of this account and of each resource's own region", () => {
    expect(arnProblems(demoInventory)).toEqual([]);
  });

  it("reports stats consistent with the call budget and the timestamps", () => {
    expect(statsProblems(demoInventory)).toEqual([]);
  });

  it("uses unique ids per region and kind", () => {
    for (const r of ecRegions(demoInventory)) {
      const lists = [
        r.replicationGroups.map((x) => x.id),
        r.cacheClusters.map((x) => x.id),
        r.serverlessCaches.map((x) => x.name),
        r.userGroups.map((x) => x.id),
        r.users.map((x) => x.id),
        r.snapshots.map((x) => x.name),
      ];
      for (const ids of lists) expect(new Set(ids).size, `${r.region}: ${ids.join(", ")}`).toBe(ids.length);
    }
  });

  it("keeps the classic RBAC failure: attached groups holding the open AWS default user", () => {
    const hits = ecRegions(demoInventory).flatMap((r) =>
      r.userGroups
        .filter((g) => g.replicationGroups.length + g.serverlessCaches.length > 0)
        .filter((g) =>
          g.userIds.some((id) => {
            const u = r.users.find((x) => x.id === id);
            return (
              u?.id === AWS_DEFAULT_USER && u.authenticationType === "no-password" && u.accessString === "on ~* +@all"
            );
          }),
        )
        .map((g) => g.id),
    );
    // One on a replication group, one on a serverless cache.
    expect(hits).toEqual(["sessions-rbac", "feature-flags-rbac"]);
  });

  it("judges authentication of groups and standalone clusters, an open default user failing", () => {
    const now = new Date(demoInventory.finishedAt);
    const byId = (control: typeof rgAuthentication) =>
      Object.fromEntries(
        control.evaluate(demoInventory, { now }).map((r) => [r.resourceArn.split(":").pop(), r.status]),
      );
    expect(byId(rgAuthentication)).toEqual({
      "orders-prod": "pass",
      "sessions-prod": "fail",
      "catalog-prod": "pass",
      "checkout-legacy": "fail",
      "leaderboard-use1": "pass",
      "inventory-sync-scratch": "fail",
      "recommendations-features": "pass",
      "carts-eu": "fail",
      "leaderboard-euc1": "pass",
      "orders-apse2": "pass",
    });
    expect(byId(serverlessAccessControl)).toEqual({
      "checkout-serverless": "pass",
      "feature-flags": "fail",
      "sessions-eu": "warn",
      "product-search-apse2": "not-applicable",
    });
  });

  it("gives rg-transit-encryption a pass, a warning and a failure", () => {
    const byId = Object.fromEntries(
      rgTransitEncryption
        .evaluate(demoInventory, { now: new Date(demoInventory.finishedAt) })
        .map((r) => [r.resourceArn.split(":").pop(), r.status]),
    );
    expect(byId).toEqual({
      "orders-prod": "pass",
      "sessions-prod": "pass",
      "catalog-prod": "warn",
      "checkout-legacy": "fail",
      "leaderboard-use1": "pass",
      "recommendations-features": "pass",
      "carts-eu": "pass",
      "leaderboard-euc1": "pass",
      "orders-apse2": "pass",
    });
  });

  it("covers all eleven ElastiCache controls", () => {
    expect(CONTROLS.filter((c) => c.meta.service === "elasticache")).toHaveLength(11);
  });
});

describe("demo inventory: IAM, Cognito, Personalize, Connect and account-wide parts", () => {
  it("has resources of every regional service in at least three regions", () => {
    const withCognito = demoInventory.cognito!.regions.filter((r) => r.userPools.length > 0);
    const withPersonalize = demoInventory.personalize!.regions.filter((r) => r.datasetGroups.length > 0);
    const withConnect = demoInventory.connect!.regions.filter((r) => r.instances.length > 0);
    expect(withCognito.map((r) => r.region)).toEqual(["us-east-1", "eu-west-1", "ap-southeast-2"]);
    expect(withPersonalize.map((r) => r.region)).toEqual(["us-east-1", "eu-west-1", "ap-southeast-2"]);
    expect(withConnect.map((r) => r.region)).toEqual(["us-east-1", "eu-central-1", "ap-southeast-2"]);
  });

  it("scans each regional service exactly where it is offered, with ARNs of this account", () => {
    expect(serviceRegionProblems(demoInventory)).toEqual([]);
  });

  it("describes every KMS key a resource refers to, with referencedBy filled both ways", () => {
    expect(kmsProblems(demoInventory)).toEqual([]);
  });

  it("lists every bucket Personalize and Connect write to, with their referrers", () => {
    expect(bucketProblems(demoInventory)).toEqual([]);
  });

  it("lists every Kinesis and Firehose stream Connect publishes to", () => {
    expect(streamProblems(demoInventory)).toEqual([]);
  });

  it("keeps IAM consistent: credential report, groups, policies, and roles other services use", () => {
    expect(iamProblems(demoInventory)).toEqual([]);
  });

  it("keeps Cognito details as the collector returns them", () => {
    expect(cognitoProblems(demoInventory)).toEqual([]);
  });

  it("asks Macie, TLS samples and tags exactly where the catalog scopes them", () => {
    expect(accountScopeProblems(demoInventory)).toEqual([]);
  });

  it("dates everything before the scan, relative to 2026-11-20", () => {
    expect(dateProblems(demoInventory)).toEqual([]);
  });

  it("counts API calls as the comment in inventory.ts adds them up", () => {
    expect(expectedApiCalls(demoInventory)).toEqual({
      setup: 2,
      iam: 9,
      cloudtrail: 31,
      kms: 37,
      macie: 6,
      elasticache: 40,
      cognito: 48,
      personalize: 63,
      connect: 57,
      storage: 20,
      tagging: 4,
      stsVpcEndpoints: 4,
    });
    expect(demoInventory.stats.apiCalls).toBe(321);
  });

  it("plants each detector case where the comments say, checksum-valid", () => {
    const cognitoUrls = demoInventory.cognito!.regions.flatMap((r) =>
      r.userPools.flatMap((p) => (p.clients ?? []).flatMap((c) => c.callbackUrls)),
    );
    expect(cognitoUrls.filter((u) => PLANTED.jwtCallback.test(u))).toHaveLength(1);
    const instances = demoInventory.connect!.regions.flatMap((r) => r.instances);
    expect(instances.flatMap((i) => i.approvedOrigins).filter((o) => PLANTED.httpOrigin.test(o))).toHaveLength(1);
    expect(
      instances.flatMap((i) => i.integrations).filter((x) => PLANTED.userinfoUrl.test(x.sourceApplicationUrl ?? "")),
    ).toHaveLength(1);
    const prefixes = instances.flatMap((i) => i.storageConfigs.map((c) => c.s3?.bucketPrefix ?? ""));
    expect(prefixes.filter((p) => p.includes(PLANTED.card))).toHaveLength(1);
    expect(luhnValid(PLANTED.card)).toBe(true);
    const groupTags = demoInventory.personalize!.regions.flatMap((r) => r.datasetGroups.flatMap((g) => g.tags));
    expect(groupTags).toContainEqual({ key: "customer-iban", value: PLANTED.iban });
    expect(ibanValid(PLANTED.iban)).toBe(true);
    const roleTags = demoInventory.iam!.authorization!.roles.flatMap((r) => r.tags);
    expect(roleTags).toContainEqual({ key: "owner-email", value: PLANTED.email });
  });

  it("holds no personal data or credentials besides the planted cases", () => {
    const strings = allStrings(demoInventory);
    const emails = strings.flatMap((s) => s.match(/[\w.%+-]+@[\w-]+(\.[\w-]+)+/g) ?? []);
    expect(emails.filter((e) => !e.includes(".northwind-retail."))).toEqual([PLANTED.email]);
    // Digit runs long enough for a card or an account number (the IBAN's own digits aside).
    const longDigitRuns = strings.flatMap((s) => s.replace(PLANTED.iban, "").match(/\d{13,19}/g) ?? []);
    expect(longDigitRuns).toEqual([PLANTED.card]);
    expect(strings.filter((s) => /\b[A-Z]{2}\d{2}[A-Z0-9]{11,30}\b/.test(s) && ibanValid(s))).toEqual([PLANTED.iban]);
    expect(strings.filter((s) => /eyJ[\w-]{8,}\.eyJ/.test(s))).toHaveLength(1);
    expect(strings.filter((s) => PLANTED.userinfoUrl.test(s))).toHaveLength(1);
    expect(strings.filter((s) => /\b(AKIA|ASIA)[A-Z0-9]{16}\b/.test(s))).toEqual([]);
  });
});

/**
 * The demo exists to show every control with something to praise and something to fix. Written over
 * the registry, so each control is held to this as soon as it is registered. Exceptions are the
 * controls whose rule cannot produce both sides in one account:
 */
const ALWAYS_NOT_APPLICABLE = new Set(["elasticache.memcached-at-rest"]);
/** Informational: never fail by rule (pass or not-applicable; an advisory warning is allowed). */
const INFORMATIONAL = new Set(["xc.fips-endpoints", "connect.security-profiles-review", "sts.vpc-endpoint"]);
/**
 * One resource per account (the root user, the password policy, the account's trail coverage): it
 * can show one side only. The
 * demo picks the side with the more instructive story; the expected verdict is pinned here.
 */
const ONE_PER_ACCOUNT: Record<string, Status> = {
  // Judged once for the whole account: "at least one trail logs everywhere".
  "xc.cloudtrail-multiregion-logging": "pass",
  "xc.root-mfa": "pass",
  "xc.root-access-keys": "fail",
  "iam.root-recent-use": "warn",
  "iam.password-policy": "warn",
};
/** Rules with no failing outcome on real data: a media-stream config always carries its key. */
const PASS_ONLY_BY_RULE = new Set(["connect.media-streams-kms"]);

describe.each(CONTROLS.map((c) => [c.meta.id, c] as const))("demo coverage of %s", (id, control) => {
  const statuses = control.evaluate(demoInventory, { now: new Date(demoInventory.finishedAt) }).map((r) => r.status);
  const judged = statuses.filter((s) => s !== "not-applicable");

  it("has demo resources to judge, on both sides where its rule allows", () => {
    expect(statuses.length, "at least one result").toBeGreaterThan(0);
    if (control.meta.responsibility === "aws") {
      expect(new Set(statuses)).toEqual(new Set(["pass"]));
    } else if (ALWAYS_NOT_APPLICABLE.has(id)) {
      expect(new Set(statuses)).toEqual(new Set(["not-applicable"]));
    } else if (INFORMATIONAL.has(id)) {
      expect(statuses).not.toContain("fail");
      expect(judged.length).toBeGreaterThan(0);
    } else if (id in ONE_PER_ACCOUNT) {
      expect(judged).toEqual([ONE_PER_ACCOUNT[id]]);
    } else if (PASS_ONLY_BY_RULE.has(id)) {
      expect(statuses).toContain("pass");
      expect(statuses).not.toContain("fail");
    } else {
      expect(statuses, "a passing resource").toContain("pass");
      expect(
        statuses.some((s) => s === "fail" || s === "warn"),
        "a failing or warning resource",
      ).toBe(true);
    }
  });
});

describe("demo inventory checks detect broken data", () => {
  it("detects a resource in an unscanned or wrong region", () => {
    const inv = copy();
    inv.regions = inv.regions.filter((r) => r !== "eu-central-1");
    expect(regionProblems(inv)).toContain("region eu-central-1 is not in inventory.regions");
    const inv2 = copy();
    const rg = region(inv2, "us-east-1").replicationGroups[0]!;
    rg.region = "us-west-1";
    expect(regionProblems(inv2).some((p) => p.includes(rg.id))).toBe(true);
  });

  it("detects a missing member cluster and an orphaned one", () => {
    const inv = copy();
    const r = region(inv, "us-east-1");
    r.cacheClusters = r.cacheClusters.filter((c) => c.id !== "sessions-prod-002");
    expect(memberProblems(inv)).toContain(
      "member sessions-prod-002 of sessions-prod is not a cache cluster in us-east-1",
    );
    const inv2 = copy();
    region(inv2, "eu-west-1").replicationGroups[0]!.memberClusters.pop();
    expect(memberProblems(inv2)).toHaveLength(1);
  });

  it("detects broken user and user-group references", () => {
    const inv = copy();
    region(inv, "us-east-1")
      .userGroups.find((g) => g.id === "orders-rbac")!
      .userIds.push("ghost-user");
    expect(rbacProblems(inv)).toContain("user group orders-rbac lists missing user ghost-user");
    const inv2 = copy();
    region(inv2, "us-east-1").serverlessCaches[0]!.userGroupId = "nope";
    expect(rbacProblems(inv2).some((p) => p.includes("missing user group nope"))).toBe(true);
    const inv3 = copy();
    region(inv3, "eu-west-1").users.find((u) => u.id === "recommendations-writer")!.userGroupIds = [];
    expect(rbacProblems(inv3)).toContain("user recommendations-writer does not list group recommendations-rbac");
  });

  it("detects a snapshot from an unexpected missing source and serverless snapshots where listing failed", () => {
    const inv = copy();
    region(inv, "us-east-1").replicationGroups = region(inv, "us-east-1").replicationGroups.filter(
      (g) => g.id !== "orders-prod",
    );
    expect(snapshotProblems(inv).deletedSources).toContain("orders-prod");
    const inv2 = copy();
    region(inv2, "ap-southeast-2").snapshots.push({
      name: "x",
      arn: "arn:aws:elasticache:ap-southeast-2:210987654321:serverlesscachesnapshot:x",
      region: "ap-southeast-2",
      kind: "serverless",
      serverlessCacheName: "product-search-apse2",
    });
    expect(snapshotProblems(inv2).problems).toHaveLength(1);
  });

  it("detects ARNs of another account or region, and foreign KMS keys", () => {
    const inv = copy();
    const rg = region(inv, "eu-west-1").replicationGroups[0]!;
    rg.arn = rg.arn.replace("210987654321", "111122223333");
    expect(arnProblems(inv)).toHaveLength(1);
    const inv2 = copy();
    const rg2 = region(inv2, "us-east-1").replicationGroups[0]!;
    rg2.kmsKeyId = rg2.kmsKeyId!.replace("us-east-1", "us-west-2");
    expect(arnProblems(inv2)).toHaveLength(1);
  });

  it("detects stats that disagree with the budget or the timestamps", () => {
    const inv = copy();
    inv.stats.apiCalls += 1;
    inv.stats.durationMs += 1;
    expect(statsProblems(inv)).toHaveLength(2);
  });

  it("detects a regional service scanned outside its offered regions, and a foreign ARN", () => {
    const inv = copy();
    inv.connect!.regions.push({ region: "eu-west-1", instances: [] });
    expect(serviceRegionProblems(inv)).toHaveLength(1);
    const inv2 = copy();
    const pool = inv2.cognito!.regions.find((r) => r.region === "eu-west-1")!.userPools[0]!;
    pool.arn = pool.arn.replace("eu-west-1", "eu-west-2");
    expect(serviceRegionProblems(inv2).some((p) => p.includes(pool.name))).toBe(true);
  });

  it("detects a missing KMS key, a referencedBy entry missing or bogus, and a rotation status a key cannot have", () => {
    const inv = copy();
    inv.accountWide!.kmsKeys = inv.accountWide!.kmsKeys!.filter((k) => k.arn !== KEYS.personalizeUse1);
    expect(kmsProblems(inv).filter((p) => p.includes("is not in accountWide.kmsKeys")).length).toBeGreaterThan(0);
    const inv2 = copy();
    const key = inv2.accountWide!.kmsKeys!.find((k) => k.arn === KEYS.ordersUse1)!;
    key.referencedBy = key.referencedBy.slice(1);
    expect(kmsProblems(inv2)).toHaveLength(1);
    const inv3 = copy();
    inv3
      .accountWide!.kmsKeys!.find((k) => k.arn === KEYS.ordersUse1)!
      .referencedBy.push({
        service: "cognito",
        resourceArn: "arn:aws:cognito-idp:us-east-1:210987654321:userpool/us-east-1_Lw4nTd7Qe",
      });
    expect(kmsProblems(inv3)).toHaveLength(1);
    const inv4 = copy();
    inv4.accountWide!.kmsKeys!.find((k) => k.arn === KEYS.awsConnectUse1)!.rotationEnabled = true;
    expect(kmsProblems(inv4)).toHaveLength(1);
    const inv5 = copy();
    // The alias reference resolves only through referencedBy: dropping it breaks the link.
    inv5.accountWide!.kmsKeys!.find((k) => k.arn === KEYS.awsKinesisUse1)!.referencedBy = [];
    expect(kmsProblems(inv5).length).toBeGreaterThan(0);
  });

  it("detects a missing bucket, a bucket that does not list its user, and an unused one", () => {
    const inv = copy();
    inv.accountWide!.buckets = inv.accountWide!.buckets!.filter((b) => b.name !== BUCKETS.connectReportsUse1);
    expect(bucketProblems(inv)).toEqual([
      `bucket ${BUCKETS.connectReportsUse1} used by ${inv.connect!.regions[0]!.instances[0]!.arn} is not in accountWide.buckets`,
    ]);
    const inv2 = copy();
    inv2.accountWide!.buckets!.find((b) => b.name === BUCKETS.personalizeAu)!.referencedBy.pop();
    expect(bucketProblems(inv2)).toHaveLength(1);
    const inv3 = copy();
    inv3.accountWide!.buckets!.push({ name: "orphan", access: "ok", encryption: null, referencedBy: [] });
    expect(bucketProblems(inv3)).toEqual(["bucket orphan is referenced by nothing"]);
  });

  it("detects a Connect stream missing from the account part and a broken Firehose source", () => {
    const inv = copy();
    inv.accountWide!.kinesisStreams = inv.accountWide!.kinesisStreams!.filter((k) => k.arn !== STREAMS.ctrUse1);
    expect(streamProblems(inv).some((p) => p.includes("is not in accountWide"))).toBe(true);
    const inv2 = copy();
    inv2.accountWide!.firehoseStreams!.find((f) => f.arn === STREAMS.rtcaApse2)!.sourceStreamArn = undefined;
    expect(streamProblems(inv2).length).toBeGreaterThan(0);
    const inv3 = copy();
    inv3.connect!.regions.find((r) => r.region === "us-east-1")!.instances[0]!.storageConfigs[0]!.storageType =
      "KINESIS_STREAM";
    expect(streamProblems(inv3)).toHaveLength(1);
  });

  it("detects credential-report users without IAM users, a missing role, and wrong attachment counts", () => {
    const inv = copy();
    inv.iam!.authorization!.users = inv.iam!.authorization!.users.filter((u) => u.name !== "qa-tester");
    expect(iamProblems(inv).some((p) => p.startsWith("credential report users"))).toBe(true);
    const inv2 = copy();
    inv2.iam!.authorization!.roles = inv2.iam!.authorization!.roles.filter((r) => r.arn !== ROLES.storeLocatorAuGuest);
    expect(iamProblems(inv2)).toEqual([
      `identity pool store_locator_au uses role ${ROLES.storeLocatorAuGuest}, not in iam.authorization.roles`,
    ]);
    const inv3 = copy();
    inv3.iam!.authorization!.policies.find((p) => p.name === "LegacyFullAccess")!.attachmentCount = 2;
    expect(iamProblems(inv3)).toHaveLength(1);
    const inv4 = copy();
    inv4.iam!.credentialReport!.rows = inv4.iam!.credentialReport!.rows.filter((r) => r.user !== ROOT_ACCOUNT_USER);
    expect(iamProblems(inv4)).toContain("expected exactly one root row");
  });

  it("detects Cognito details the collector would not produce", () => {
    const inv = copy();
    inv.cognito!.regions.find((r) => r.region === "ap-southeast-2")!.userPools[0]!.mfaFactors = {
      sms: true,
      softwareToken: false,
      email: false,
      webAuthn: false,
    };
    expect(cognitoProblems(inv)).toHaveLength(1);
  });

  it("detects Macie asked outside its scope and TLS samples in regions without resources", () => {
    const inv = copy();
    inv.accountWide!.macie!.push({ region: "us-west-2", status: "NOT_ENABLED" });
    expect(accountScopeProblems(inv)).toHaveLength(1);
    const inv2 = copy();
    inv2.accountWide!.tlsSamples!.push({ eventSource: "connect.amazonaws.com", region: "us-west-2", observations: [] });
    expect(accountScopeProblems(inv2)).toHaveLength(1);
  });

  it("detects dates after the scan and keys used before they existed", () => {
    const inv = copy();
    const row = inv.iam!.credentialReport!.rows.find((r) => r.user === "pos-sync")!;
    row.accessKeys[0].lastUsed = "2024-01-01T00:00:00Z";
    expect(dateProblems(inv)).toEqual(["pos-sync key 1 used before it existed"]);
    const inv2 = copy();
    inv2.personalize!.regions[0]!.jobs[0]!.createdAt = "2026-12-01T00:00:00Z";
    expect(dateProblems(inv2)).toHaveLength(1);
  });

  it("detects a second card number or e-mail address slipped into the demo", () => {
    const inv = copy();
    inv
      .connect!.regions.find((r) => r.region === "us-east-1")!
      .instances[0]!.tags.push({
        key: "owner",
        value: "someone@example.org",
      });
    const emails = allStrings(inv).flatMap((s) => s.match(/[\w.%+-]+@[\w-]+(\.[\w-]+)+/g) ?? []);
    expect(emails.filter((e) => !e.includes(".northwind-retail."))).toHaveLength(2);
    expect(luhnValid("4111111111111112")).toBe(false);
    expect(ibanValid("GB82WEST12345698765431")).toBe(false);
  });

  it("reports nothing for the demo as shipped", () => {
    expect(allProblems(demoInventory)).toEqual([]);
  });
});
