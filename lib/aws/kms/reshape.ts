/**
 * Pure mappings from KMS SDK objects to Safekeep's KmsKey. A key that could not be described keeps
 * only what its reference said (id as referenced, Region, owning account from the ARN).
 */
import type { GetKeyRotationStatusResponse, KeyMetadata } from "@aws-sdk/client-kms";
import type { KmsKey, Reference } from "@/lib/inventory";
import { parseArn } from "@/lib/inventory/arn";
import type { KeyReference } from "@/lib/inventory/references";

/**
 * Account that owns a referenced key. An ARN names it; an alias name resolves in the caller's own
 * account (xc.kms-key-usable), so it is the scanned account.
 */
export function ownerAccountOf(keyId: string, scannedAccountId: string): string {
  return parseArn(keyId)?.accountId || scannedAccountId;
}

/**
 * Automatic rotation exists only for symmetric encryption keys whose material KMS generated
 * (xc.kms-key-rotation): asking for any other key only earns an error.
 */
export function supportsAutomaticRotation(metadata: KeyMetadata): boolean {
  return (
    metadata.KeyManager === "CUSTOMER" &&
    (metadata.KeySpec ?? metadata.CustomerMasterKeySpec) === "SYMMETRIC_DEFAULT" &&
    metadata.Origin === "AWS_KMS"
  );
}

/** The alias a reference names (`alias/orders`, bare or as an alias ARN); undefined for a key id or key ARN. */
export function aliasOf(keyId: string): string | undefined {
  const resource = parseArn(keyId)?.resource ?? keyId;
  return resource.startsWith("alias/") ? resource : undefined;
}

export function toKmsKey(metadata: KeyMetadata, reference: KeyReference, scannedAccountId: string): KmsKey {
  const arn = metadata.Arn ?? reference.keyId;
  const alias = aliasOf(reference.keyId);
  return {
    arn,
    region: parseArn(arn)?.region || reference.region,
    accountId: metadata.AWSAccountId ?? ownerAccountOf(arn, scannedAccountId),
    access: "ok",
    keyState: metadata.KeyState,
    keyManager: metadata.KeyManager,
    keySpec: metadata.KeySpec ?? metadata.CustomerMasterKeySpec,
    keyUsage: metadata.KeyUsage,
    origin: metadata.Origin,
    multiRegion: metadata.MultiRegion,
    deletionDate: metadata.DeletionDate?.toISOString(),
    description: metadata.Description,
    // DescribeKey answers with the key's ARN only: the alias it was asked by would otherwise be lost.
    ...(alias ? { aliases: [alias] } : {}),
    referencedBy: reference.references,
  };
}

export function withRotation(key: KmsKey, status: GetKeyRotationStatusResponse): KmsKey {
  return { ...key, rotationEnabled: status.KeyRotationEnabled, rotationPeriodInDays: status.RotationPeriodInDays };
}

/** A key DescribeKey refused or could not find: only the reference is known. */
export function unreachedKey(
  reference: KeyReference,
  access: "denied" | "not-found",
  scannedAccountId: string,
): KmsKey {
  return {
    arn: reference.keyId,
    region: reference.region,
    accountId: ownerAccountOf(reference.keyId, scannedAccountId),
    access,
    referencedBy: reference.references,
  };
}

function mergeReferences(left: readonly Reference[], right: readonly Reference[]): Reference[] {
  const merged = [...left];
  for (const reference of right) {
    const known = merged.some((r) => r.resourceArn === reference.resourceArn && r.service === reference.service);
    if (!known) merged.push(reference);
  }
  return merged;
}

/**
 * One entry per key: an alias and the key's ARN can both be referenced, and both describe to the
 * same key ARN, so their references (and the aliases used) are joined under it.
 */
export function mergeKeysByArn(keys: readonly KmsKey[]): KmsKey[] {
  const byArn = new Map<string, KmsKey>();
  for (const key of keys) {
    const id = `${key.region}|${key.arn}`;
    const known = byArn.get(id);
    if (!known) {
      byArn.set(id, key);
      continue;
    }
    const aliases = [...new Set([...(known.aliases ?? []), ...(key.aliases ?? [])])];
    byArn.set(id, {
      ...known,
      ...(aliases.length > 0 ? { aliases } : {}),
      referencedBy: mergeReferences(known.referencedBy, key.referencedBy),
    });
  }
  return [...byArn.values()];
}
