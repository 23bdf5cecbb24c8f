/**
 * AWS KMS (awsJson1_1): the inverse of lib/aws/kms/reshape.ts. Keys come from
 * inventory.accountWide.kmsKeys and are found by key ARN, bare key id, alias name or alias ARN in
 * the caller's Region. A key marked "denied" is refused, "not-found" does not exist.
 */
import * as schemas from "@aws-sdk/client-kms";
import type { KmsKey } from "@/lib/inventory";
import { parseArn, referencedKeys } from "@/lib/inventory/references";
import { FakeAwsError, type FakeRequest, type FakeService } from "../types";

/** Fixed, so answers repeat run after run. */
const CREATION_DATE = new Date("2024-01-15T09:30:00Z");

/** Key states in which KMS refuses GetKeyRotationStatus. */
const ROTATION_FORBIDDEN_STATES = new Set([
  "PendingDeletion",
  "PendingReplicaDeletion",
  "PendingImport",
  "Unavailable",
]);

function keysOf(request: FakeRequest): KmsKey[] {
  return request.scenario.inventory.accountWide?.kmsKeys ?? [];
}

/** `alias/name` of an alias name or alias ARN; undefined for anything else. */
function aliasName(keyId: string): string | undefined {
  if (keyId.startsWith("alias/")) return keyId;
  const resource = parseArn(keyId)?.resource;
  return resource?.startsWith("alias/") ? resource : undefined;
}

/**
 * The key an alias points at. The inventory keeps no aliases: the resources that use the alias (in
 * this Region) are found with Safekeep's own reference walk, and the alias is the key that lists
 * one of them in `referencedBy`.
 */
function resolveAlias(request: FakeRequest, alias: string): KmsKey | undefined {
  const users = new Set(
    referencedKeys(request.scenario.inventory)
      .filter((ref) => ref.region === request.region && aliasName(ref.keyId) === alias)
      .flatMap((ref) => ref.references.map((r) => r.resourceArn)),
  );
  return keysOf(request).find(
    (key) =>
      key.region === request.region &&
      parseArn(key.arn)?.resource.startsWith("key/") &&
      key.referencedBy.some((r) => users.has(r.resourceArn)),
  );
}

function findKey(request: FakeRequest, keyId: string): KmsKey | undefined {
  const inRegion = keysOf(request).filter((key) => key.region === request.region);
  const exact = inRegion.find((key) => key.arn === keyId);
  if (exact) return exact;
  const alias = aliasName(keyId);
  if (alias) return resolveAlias(request, alias);
  if (parseArn(keyId)) return undefined;
  const { id } = request.scenario.inventory.account;
  return inRegion.find((key) => key.arn.endsWith(`:${id}:key/${keyId}`));
}

function notFound(keyId: string): FakeAwsError {
  const message = aliasName(keyId) ? `Alias ${keyId} is not found.` : `Key '${keyId}' does not exist`;
  return new FakeAwsError("NotFoundException", message, 400);
}

/** The key as the caller may see it, or the error KMS answers for it. */
function reachableKey(request: FakeRequest, action: string): KmsKey {
  const keyId = String(request.params.KeyId ?? "");
  const key = findKey(request, keyId);
  if (!key || key.access === "not-found") throw notFound(keyId);
  if (key.access === "denied") {
    const { id, partition } = request.scenario.inventory.account;
    throw new FakeAwsError(
      "AccessDeniedException",
      `User: arn:${partition}:iam::${id}:user/safekeep-scanner is not authorized to perform: ${action} on resource: ${key.arn} because no resource-based policy allows the ${action} action`,
      400,
    );
  }
  return key;
}

export const kms: FakeService = {
  model: { signingName: "kms", actionPrefix: "kms", protocol: "json", jsonVersion: "1.1", schemas },
  responders: {
    DescribeKey: (request) => {
      const key = reachableKey(request, "kms:DescribeKey");
      return {
        KeyMetadata: {
          KeyId: parseArn(key.arn)?.resource.replace(/^key\//, "") ?? key.arn,
          Arn: key.arn,
          AWSAccountId: key.accountId ?? parseArn(key.arn)?.accountId,
          CreationDate: CREATION_DATE,
          Enabled: key.keyState === "Enabled",
          Description: key.description,
          KeyUsage: key.keyUsage,
          KeyState: key.keyState,
          DeletionDate: key.deletionDate ? new Date(key.deletionDate) : undefined,
          Origin: key.origin,
          KeyManager: key.keyManager,
          KeySpec: key.keySpec,
          CustomerMasterKeySpec: key.keySpec,
          MultiRegion: key.multiRegion,
        },
      };
    },
    /**
     * A key whose inventory entry has no rotation answer is one KMS would not answer for: refused
     * for its state (pending deletion), else unsupported, both of which the collector passes over.
     */
    GetKeyRotationStatus: (request) => {
      const key = reachableKey(request, "kms:GetKeyRotationStatus");
      if (key.rotationEnabled === undefined) {
        if (key.keyState && ROTATION_FORBIDDEN_STATES.has(key.keyState)) {
          const reason = key.keyState === "PendingDeletion" ? "pending deletion" : key.keyState;
          throw new FakeAwsError("KMSInvalidStateException", `${key.arn} is ${reason}.`, 400);
        }
        throw new FakeAwsError("UnsupportedOperationException", `${key.arn} origin does not support rotation.`, 400);
      }
      return {
        KeyId: key.arn,
        KeyRotationEnabled: key.rotationEnabled,
        RotationPeriodInDays: key.rotationPeriodInDays,
      };
    },
  },
};
