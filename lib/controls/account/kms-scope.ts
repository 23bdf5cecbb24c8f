/**
 * Shared reading of referenced KMS keys for xc.kms-key-usable and xc.kms-key-rotation: which keys
 * were collected, whose they are, and how to name a key and the resources that rely on it.
 */
import type { Inventory, KmsKey, Reference } from "@/lib/inventory";
import { SERVICE_DESCRIPTORS } from "@/lib/inventory/services";
import type { Evidence, Lookup } from "../types";

/** The referenced keys the scan described (none when KMS was not collected). */
export function referencedKmsKeys(inventory: Inventory): KmsKey[] {
  return inventory.accountWide?.kmsKeys ?? [];
}

/** A key another account owns: being refused there is normal, so it can only be "cannot verify". */
export function isCrossAccount(key: KmsKey, inventory: Inventory): boolean {
  return key.accountId !== undefined && key.accountId !== inventory.account.id;
}

/** States in which the key is on its way out; the date is in `deletionDate`. */
export function isScheduledForDeletion(key: KmsKey): boolean {
  return key.keyState === "PendingDeletion" || key.keyState === "PendingReplicaDeletion";
}

/**
 * A result needs an ARN; a key referenced by alias name that could not be described has none, so
 * the alias ARN it stands for (same account and Region) is used.
 */
export function keyResourceArn(key: KmsKey, inventory: Inventory): string {
  if (key.arn.startsWith("arn:")) return key.arn;
  return `arn:${inventory.account.partition}:kms:${key.region}:${key.accountId ?? inventory.account.id}:${key.arn}`;
}

/** The key id (AWS-generated) or alias of a key ARN, short enough for a sentence. */
export function keyLabel(key: KmsKey): string {
  const resource = key.arn.startsWith("arn:") ? key.arn.split(":").slice(5).join(":") : key.arn;
  return resource.startsWith("key/") ? resource.slice("key/".length) : resource;
}

/** ARN service field → how a sentence names the service, from every descriptor's `arnLabels`. */
const SERVICE_LABELS: Readonly<Record<string, string>> = Object.assign(
  {},
  ...SERVICE_DESCRIPTORS.map((d) => d.arnLabels.services ?? {}),
);

/** `<service>:<resource type>` → the kind, for ARN resource types whose plain form reads badly in a sentence. */
const KIND_LABELS: Readonly<Record<string, string>> = Object.assign(
  {},
  ...SERVICE_DESCRIPTORS.map((d) => d.arnLabels.kinds ?? {}),
);

/**
 * What kind of resource an ARN names, e.g. "ElastiCache replication group". Only the kind is
 * used: resource names are chosen by people and may hold personal data, the ARNs go to evidence.
 */
export function resourceKind(resourceArn: string): string {
  const [, , service = "", , , ...rest] = resourceArn.split(":");
  const serviceLabel = SERVICE_LABELS[service] ?? service;
  // A bucket ARN's resource is the bucket's name, not a type.
  if (service === "s3") return "S3 bucket";
  const type = rest.join(":").split(/[/:]/)[0] ?? "";
  return `${serviceLabel} ${KIND_LABELS[`${service}:${type}`] ?? type.replace(/-/g, " ")}`.trim();
}

function joinWords(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join("");
  return `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}

/** Who relies on a key, by kind and count: "2 ElastiCache replication groups and 1 CloudTrail trail". */
export function describeUsers(references: readonly Reference[]): string {
  const counts = new Map<string, number>();
  for (const reference of references) {
    const kind = resourceKind(reference.resourceArn);
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  if (counts.size === 0) return "no resource the scan saw";
  return joinWords([...counts].map(([kind, count]) => `${count} ${kind}${count === 1 ? "" : "s"}`));
}

/** Evidence every KMS key result carries: whose key it is and who uses it. */
export function keyEvidence(key: KmsKey): Evidence {
  return {
    access: key.access,
    accountId: key.accountId ?? null,
    keyManager: key.keyManager ?? null,
    referencedBy: key.referencedBy.map((reference) => reference.resourceArn),
  };
}

export { KEY_DISCOVERY_ACTIONS } from "./discovery";

/**
 * What a verdict on one key was built from: the KMS calls about that key. The calls that found the
 * key are not among them (the key was found); when one of those failed, other keys may be missing,
 * and the runner's error row for that call says so beside this verdict.
 */
export function keyLookups(key: KmsKey, actions: readonly string[]): Lookup[] {
  return actions.map((action) => ({ action, region: key.region, resource: key.arn }));
}
