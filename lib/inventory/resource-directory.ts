/**
 * Human names and tags of the resources results are about, looked up by the ARN a result carries.
 * Results name resources by ARN, and many ARNs end in opaque ids (pool ids, client ids, association
 * ids) that nobody recognises; the inventory already knows each resource's name and, for most, its
 * tags. Pure: an inventory in, a lookup out. Names are returned unmasked: the snapshot masks every
 * text it stores, names and tags included.
 */
import type { Inventory } from "./index";
import type { Tag } from "./common";
import type { ConnectInstance, InstanceStorageConfig } from "./connect";
import { ROOT_ACCOUNT_USER } from "./iam";
import type { IamGroup, IamRole, IamUser } from "./iam";
import type { KmsKey } from "./account";

export interface ResourceLabel {
  name?: string;
  /** Undefined: no tags are known for the resource (not collected, or it cannot carry tags). */
  tags?: Tag[];
}

export interface ResourceDirectory {
  /** The name and tags of the resource a result's ARN (or pseudo-ARN) stands for; undefined for a non-ARN. */
  lookup(resourceArn: string): ResourceLabel | undefined;
}

interface Arn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

function parseArn(value: string): Arn | undefined {
  const parts = value.split(":");
  if (parts.length < 6 || parts[0] !== "arn") return undefined;
  const [, partition = "", service = "", region = "", account = ""] = parts;
  return { partition, service, region, account, resource: parts.slice(5).join(":") };
}

function present(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== "";
}

/** `CALL_RECORDINGS` → `Call recordings`; `vpc-endpoint` → `Vpc endpoint`. */
function sentenceCase(token: string): string {
  const words = token.replace(/[_-]+/g, " ").trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The last path segment of an ARN's resource: a stream's, bucket's or IAM entity's name. */
function lastSegment(arn: string): string {
  const resource = parseArn(arn)?.resource ?? arn;
  return resource.slice(resource.lastIndexOf("/") + 1) || resource;
}

function regionLabel(region: string): string | undefined {
  return region === "" || region === "global" ? undefined : region;
}

const PRINCIPAL_KINDS: Readonly<Record<string, string>> = { user: "user", group: "group", role: "role" };

/** `<type>/*` rows: every resource of a kind in a Region (e.g. identity pools when their list failed). */
const WILDCARD_KINDS: Readonly<Record<string, string>> = {
  identitypool: "Identity pools",
  userpool: "User pools",
  "vpc-endpoint": "VPC endpoints",
};

/** Pseudo-ARNs of things that live under another resource and have no ARN of their own. */
const CHILD_KINDS: Readonly<Record<string, string>> = {
  client: "App client",
  "security-profile": "Security profile",
  "integration-association": "Integration",
};

class Entries {
  private readonly entries = new Map<string, ResourceLabel>();

  /** The first name given for an ARN wins (describe calls come before derived records); tags fill in later. */
  add(arn: string | undefined, name: string | undefined, tags?: Tag[]): void {
    if (!present(arn)) return;
    const known = this.entries.get(arn);
    const label: ResourceLabel = { ...known };
    if (label.name === undefined && present(name)) label.name = name;
    if (tags !== undefined && (label.tags === undefined || (label.tags.length === 0 && tags.length > 0))) {
      label.tags = tags;
    }
    this.entries.set(arn, label);
  }

  get(arn: string): ResourceLabel | undefined {
    return this.entries.get(arn);
  }
}

function elastiCacheNames(inventory: Inventory, into: Entries): void {
  for (const region of inventory.elasticache?.regions ?? []) {
    for (const group of region.replicationGroups) into.add(group.arn, group.id);
    for (const cluster of region.cacheClusters) into.add(cluster.arn, cluster.id);
    for (const cache of region.serverlessCaches) into.add(cache.arn, cache.name);
    for (const group of region.userGroups) into.add(group.arn, group.id);
    for (const user of region.users) into.add(user.arn, present(user.userName) ? user.userName : user.id);
    for (const snapshot of region.snapshots) into.add(snapshot.arn, snapshot.name);
  }
}

function cognitoNames(inventory: Inventory, into: Entries): void {
  for (const region of inventory.cognito?.regions ?? []) {
    for (const pool of region.userPools) {
      into.add(pool.arn, present(pool.name) ? pool.name : pool.id, pool.tags);
      for (const client of pool.clients ?? []) {
        // Controls name an app client `<pool ARN>/client/<client id>`: app clients have no ARN of their own.
        into.add(`${pool.arn}/client/${client.clientId}`, present(client.name) ? client.name : client.clientId);
      }
    }
    for (const pool of region.identityPools) into.add(pool.arn, present(pool.name) ? pool.name : pool.id, pool.tags);
  }
}

/** Where a storage association sends its data, as a reader would say it. */
function storageTarget(config: InstanceStorageConfig): string | undefined {
  if (config.s3 && present(config.s3.bucketName)) return `S3 bucket ${config.s3.bucketName}`;
  if (config.kinesisStreamArn) return `Kinesis stream ${lastSegment(config.kinesisStreamArn)}`;
  if (config.firehoseArn) return `Firehose stream ${lastSegment(config.firehoseArn)}`;
  if (config.storageType === "KINESIS_VIDEO_STREAM") {
    const prefix = config.kinesisVideo?.prefix;
    return present(prefix) ? `Kinesis Video Streams ${prefix}` : "Kinesis Video Streams";
  }
  return present(config.storageType) ? sentenceCase(config.storageType) : undefined;
}

function storageName(instanceName: string, resourceType: string, config?: InstanceStorageConfig): string {
  const slot = `${sentenceCase(resourceType)} of ${instanceName}`;
  const target = config ? storageTarget(config) : undefined;
  return target ? `${slot} → ${target}` : slot;
}

function connectInstanceNames(instance: ConnectInstance, into: Entries): void {
  const name = present(instance.alias) ? instance.alias : instance.id;
  into.add(instance.arn, name, instance.tags);
  // Storage rows are `<instance ARN>/storage-config/<association id, or the resource type without one>`;
  // rows of types with nothing configured are named from their shape (derivedName).
  for (const config of instance.storageConfigs) {
    const arn = `${instance.arn}/storage-config/${config.associationId ?? config.resourceType}`;
    into.add(arn, storageName(name, config.resourceType, config));
  }
  for (const profile of instance.securityProfiles) {
    into.add(profile.arn, profile.name);
    into.add(`${instance.arn}/security-profile/${profile.id}`, profile.name);
  }
  instance.integrations.forEach((integration, index) => {
    const label = present(integration.sourceApplicationName)
      ? integration.sourceApplicationName
      : sentenceCase(integration.type ?? "integration");
    into.add(integration.arn, label);
    into.add(`${instance.arn}/integration-association/${index}`, label);
  });
}

function connectNames(inventory: Inventory, into: Entries): void {
  for (const region of inventory.connect?.regions ?? []) {
    for (const instance of region.instances) connectInstanceNames(instance, into);
  }
}

function personalizeNames(inventory: Inventory, into: Entries): void {
  for (const region of inventory.personalize?.regions ?? []) {
    for (const group of region.datasetGroups) into.add(group.arn, group.name, group.tags);
    for (const job of region.jobs) into.add(job.arn, job.name);
    for (const named of region.names) into.add(named.arn, named.name);
  }
}

function principalNames(principal: IamUser | IamGroup | IamRole, into: Entries): void {
  const kind = PRINCIPAL_KINDS[(parseArn(principal.arn)?.resource ?? "").split("/")[0] ?? ""] ?? "principal";
  for (const policy of principal.inlinePolicies) {
    into.add(
      `${principal.arn}:inline-policy/${policy.name}`,
      `${policy.name} (inline policy of ${kind} ${principal.name})`,
    );
  }
  for (const policy of principal.attachedPolicies) {
    into.add(`${principal.arn}:attached-policy/${policy.name}`, `${policy.name} attached to ${kind} ${principal.name}`);
  }
}

function iamNames(inventory: Inventory, into: Entries): void {
  const iam = inventory.iam;
  if (!iam) return;
  const details = iam.authorization;
  for (const user of details?.users ?? []) into.add(user.arn, user.name, user.tags);
  for (const group of details?.groups ?? []) into.add(group.arn, group.name);
  for (const role of details?.roles ?? []) into.add(role.arn, role.name, role.tags);
  for (const policy of details?.policies ?? []) into.add(policy.arn, policy.name);
  for (const principal of [...(details?.users ?? []), ...(details?.groups ?? []), ...(details?.roles ?? [])]) {
    principalNames(principal, into);
  }
  for (const row of iam.credentialReport?.rows ?? []) {
    const owner = row.user === ROOT_ACCOUNT_USER ? "the root user" : row.user;
    if (row.user !== ROOT_ACCOUNT_USER) into.add(row.arn, row.user);
    // Access keys have no ARN; controls name them `<user ARN>:access-key-<slot>`, as the report numbers them.
    for (const slot of [1, 2]) into.add(`${row.arn}:access-key-${slot}`, `Access key ${slot} of ${owner}`);
  }
  for (const provider of iam.oidcProviders ?? []) into.add(provider.arn, provider.url.replace(/^https?:\/\//, ""));
}

/** A key is known by its alias when it was referred to by one; otherwise by its key id. */
function keyName(key: KmsKey): string {
  const alias = key.aliases?.find(present);
  if (alias) return alias;
  const resource = parseArn(key.arn)?.resource ?? key.arn;
  return resource.startsWith("key/") ? resource.slice("key/".length) : resource;
}

function accountWideNames(inventory: Inventory, into: Entries): void {
  const wide = inventory.accountWide;
  if (!wide) return;
  const { partition, id } = inventory.account;
  for (const trail of wide.cloudtrail?.trails ?? []) into.add(trail.arn, trail.name);
  for (const key of wide.kmsKeys ?? []) {
    into.add(key.arn, keyName(key));
    // Keys referred to by alias name or bare id carry no ARN; controls give them one in the key's Region.
    if (!key.arn.startsWith("arn:")) {
      into.add(`arn:${partition}:kms:${key.region}:${key.accountId ?? id}:${key.arn}`, keyName(key));
    }
  }
  for (const bucket of wide.buckets ?? []) into.add(`arn:${partition}:s3:::${bucket.name}`, bucket.name);
  for (const stream of wide.kinesisStreams ?? []) into.add(stream.arn, stream.name);
  for (const stream of wide.firehoseStreams ?? []) into.add(stream.arn, stream.name);
}

/** Names of pseudo-ARNs no inventory record registered, from the ARN's own shape. */
function derivedName(arn: string, nameOf: (arn: string) => string | undefined): string | undefined {
  const parsed = parseArn(arn);
  if (!parsed) return undefined;
  const { service, region, account, resource } = parsed;
  const where = regionLabel(region);

  // Rows that stand for everything a failed call left unseen in a Region, or for the account itself.
  if (resource === "*") return where ? `Region ${where} (account-level)` : "Account-level (all Regions)";
  const wildcard = /^([^/:]+)\/\*$/.exec(resource);
  if (wildcard?.[1]) {
    const kind = WILDCARD_KINDS[wildcard[1]] ?? `${sentenceCase(wildcard[1])} resources`;
    return `${kind} in ${where ?? "all Regions"} (account-level)`;
  }

  const accessKey = /^(.*):access-key-(\d)$/.exec(arn);
  if (accessKey?.[1]) return `Access key ${accessKey[2]} of ${nameOf(accessKey[1]) ?? lastSegment(accessKey[1])}`;
  const policy = /^(.*):(inline|attached)-policy\/(.+)$/.exec(arn);
  if (policy?.[1] && policy[3]) {
    const owner = nameOf(policy[1]) ?? lastSegment(policy[1]);
    return policy[2] === "inline" ? `${policy[3]} (inline policy of ${owner})` : `${policy[3]} attached to ${owner}`;
  }
  const child = /^(.*)\/(client|storage-config|security-profile|integration-association)\/([^/]+)$/.exec(arn);
  if (child?.[1] && child[2] && child[3]) {
    const parent = nameOf(child[1]) ?? lastSegment(child[1]);
    if (child[2] === "storage-config") {
      // Without an association id the resource type stands in (CALL_RECORDINGS); else it is an opaque id.
      return /^[A-Z_]+$/.test(child[3])
        ? storageName(parent, child[3])
        : `Storage association ${child[3]} of ${parent}`;
    }
    return `${CHILD_KINDS[child[2]] ?? sentenceCase(child[2])} ${child[3]} of ${parent}`;
  }

  if (service === "iam" && resource === "root") return `Root user of account ${account}`;
  if (resource === "account") return `Account ${account} (all Regions)`;
  if (service === "macie2" && resource === "session") return `Macie in ${where ?? "all Regions"}`;
  if (resource === "fips-endpoint") return `${service} FIPS endpoint${where ? ` in ${where}` : ""}`;
  const eventSource = /^event-source\/(.+)$/.exec(resource);
  if (eventSource?.[1]) return `${eventSource[1]}${where ? ` in ${where}` : ""}`;
  // A setting with no name of its own (`account-password-policy`): its kind is its name.
  if (!/[/:]/.test(resource)) return sentenceCase(resource);
  // Anything else: what follows the resource type, from its last path segment (IAM paths included).
  const id = resource.replace(/^[^/:]+[/:]/, "");
  return id.slice(id.lastIndexOf("/") + 1) || resource;
}

/**
 * Tags from the resource's own describe call when it gave any, else from the Resource Groups Tagging
 * API (which only lists resources with at least one tag).
 */
function chooseTags(own: Tag[] | undefined, tagged: Tag[] | undefined): Tag[] | undefined {
  if (own && own.length > 0) return own;
  return tagged ?? own;
}

export function resourceDirectory(inventory: Inventory): ResourceDirectory {
  const entries = new Entries();
  elastiCacheNames(inventory, entries);
  cognitoNames(inventory, entries);
  connectNames(inventory, entries);
  personalizeNames(inventory, entries);
  iamNames(inventory, entries);
  accountWideNames(inventory, entries);
  const tagged = new Map<string, Tag[]>();
  for (const resource of inventory.accountWide?.taggedResources ?? []) tagged.set(resource.arn, resource.tags);

  const nameOf = (arn: string): string | undefined => entries.get(arn)?.name ?? derivedName(arn, nameOf);
  return {
    lookup(resourceArn) {
      const entry = entries.get(resourceArn);
      const name = entry?.name ?? derivedName(resourceArn, nameOf);
      const tags = chooseTags(entry?.tags, tagged.get(resourceArn));
      if (name === undefined && tags === undefined) return undefined;
      return { ...(name !== undefined ? { name } : {}), ...(tags !== undefined ? { tags } : {}) };
    },
  };
}
