/**
 * Human names and tags of the resources results are about, looked up by the ARN a result carries.
 * Results name resources by ARN, and many ARNs end in opaque ids (pool ids, client ids, association
 * ids) that nobody recognises; the inventory already knows each resource's name and, for most, its
 * tags. Pure: an inventory in, a lookup out. Names are returned unmasked: the snapshot masks every
 * text it stores, names and tags included. Each service registers its own resources' names
 * (`names` in its descriptor, lib/inventory/services); this file names the pseudo-ARNs left over.
 */
import type { Inventory } from "./index";
import type { Tag } from "./common";
import { parseArn } from "./arn";
import { SERVICES_THEN_ACCOUNT, type NameRegistry } from "./services";
import { storageName } from "./services/connect";
import { lastSegment, present, sentenceCase } from "./services/fields";

export interface ResourceLabel {
  name?: string;
  /** Undefined: no tags are known for the resource (not collected, or it cannot carry tags). */
  tags?: Tag[];
}

export interface ResourceDirectory {
  /** The name and tags of the resource a result's ARN (or pseudo-ARN) stands for; undefined for a non-ARN. */
  lookup(resourceArn: string): ResourceLabel | undefined;
}

function regionLabel(region: string): string | undefined {
  return region === "" || region === "global" ? undefined : region;
}

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

class Entries implements NameRegistry {
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

/** Names of pseudo-ARNs no inventory record registered, from the ARN's own shape. */
function derivedName(arn: string, nameOf: (arn: string) => string | undefined): string | undefined {
  const parsed = parseArn(arn);
  if (!parsed) return undefined;
  const { service, region, accountId: account, resource } = parsed;
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
  for (const descriptor of SERVICES_THEN_ACCOUNT) descriptor.names(inventory, entries);
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
