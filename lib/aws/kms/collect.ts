/**
 * Describes the KMS keys other services refer to (xc.kms-key-usable and
 * xc.kms-key-rotation), each in its own Region. It never throws: a failed call becomes a
 * CollectionError, or for the refusals that are normal (cross-account keys) just an access marker.
 */
import { DescribeKeyCommand, GetKeyRotationStatusCommand, type KeyMetadata, type KMSClient } from "@aws-sdk/client-kms";
import { ERROR_KINDS, isRegionWide, type CollectionError, type KmsKey } from "@/lib/inventory";
import type { KeyReference } from "@/lib/inventory/references";
import { errorName, isNotFoundError } from "../errors";
import { regionCallsFor, type RegionCalls } from "../harness";
import {
  mergeKeysByArn,
  ownerAccountOf,
  supportsAutomaticRotation,
  toKmsKey,
  unreachedKey,
  withRotation,
} from "./reshape";

export {
  aliasOf,
  mergeKeysByArn,
  ownerAccountOf,
  supportsAutomaticRotation,
  toKmsKey,
  unreachedKey,
  withRotation,
} from "./reshape";

export type KmsClientFor = (region: string) => KMSClient;

export interface KmsKeysResult {
  /** One entry per distinct key; keys whose DescribeKey failed for another reason than access are left out. */
  inventory: KmsKey[];
  errors: CollectionError[];
}

/**
 * Rotation questions KMS cannot answer for this key (custom key store, imported material, a key
 * state that forbids the call): the key state already tells the story, so they are not errors.
 */
const ROTATION_UNANSWERABLE = new Set(["UnsupportedOperationException", "KMSInvalidStateException"]);

interface KeyOutcome {
  region: string;
  key?: KmsKey;
  errors: CollectionError[];
}

/**
 * NotFound: the key (or alias) no longer exists, which is a finding, not a scan problem. Access
 * denied on another account's key is normal (xc.kms-key-usable): marked, not reported. Denied on our
 * own key means the scanner's policy is short of kms:DescribeKey, so it is reported as well.
 */
function describeFailure(
  reference: KeyReference,
  accountId: string,
  failed: { error: CollectionError; raw: unknown },
): KeyOutcome {
  const { region } = reference;
  if (isNotFoundError(failed.raw)) return { region, key: unreachedKey(reference, "not-found", accountId), errors: [] };
  const failure = failed.error;
  if (failure.kind !== ERROR_KINDS.accessDenied) return { region, errors: [failure] };
  const crossAccount = ownerAccountOf(reference.keyId, accountId) !== accountId;
  return { region, key: unreachedKey(reference, "denied", accountId), errors: crossAccount ? [] : [failure] };
}

async function readRotation(
  client: KMSClient,
  calls: RegionCalls,
  key: KmsKey,
  accountId: string,
): Promise<KeyOutcome> {
  const status = await calls.run("GetKeyRotationStatusCommand", () =>
    client.send(new GetKeyRotationStatusCommand({ KeyId: key.arn })),
  );
  if (status.ok) return { region: key.region, key: withRotation(key, status.value), errors: [] };
  const name = errorName(status.raw);
  if ((name !== undefined && ROTATION_UNANSWERABLE.has(name)) || isNotFoundError(status.raw)) {
    return { region: key.region, key, errors: [] };
  }
  const failure = status.error;
  const deniedCrossAccount = failure.kind === ERROR_KINDS.accessDenied && key.accountId !== accountId;
  return { region: key.region, key, errors: deniedCrossAccount ? [] : [failure] };
}

async function collectKey(
  client: KMSClient,
  calls: RegionCalls,
  reference: KeyReference,
  accountId: string,
): Promise<KeyOutcome> {
  const described = await calls.run("DescribeKeyCommand", () =>
    client.send(new DescribeKeyCommand({ KeyId: reference.keyId })),
  );
  if (!described.ok) return describeFailure(reference, accountId, described);
  const metadata: KeyMetadata | undefined = described.value.KeyMetadata;
  if (!metadata) {
    const failure = calls.toError("DescribeKeyCommand", new Error("DescribeKey returned no key metadata"));
    return { region: reference.region, errors: [failure] };
  }
  const key = toKmsKey(metadata, reference, accountId);
  if (!supportsAutomaticRotation(metadata)) return { region: reference.region, key, errors: [] };
  return readRotation(client, calls, key, accountId);
}

/**
 * Per Region, a Region that does not answer (not enabled for the account) keeps nothing but that
 * one error, like every regional collector; the other Regions' keys are kept.
 */
function settle(outcomes: readonly KeyOutcome[]): KmsKeysResult {
  const unavailable = new Map<string, CollectionError>();
  for (const outcome of outcomes) {
    const error = outcome.errors.find((e) => isRegionWide(e.kind));
    if (error && !unavailable.has(outcome.region)) unavailable.set(outcome.region, error);
  }
  const kept = outcomes.filter((outcome) => !unavailable.has(outcome.region));
  return {
    inventory: mergeKeysByArn(kept.flatMap((outcome) => (outcome.key ? [outcome.key] : []))),
    errors: [...kept.flatMap((outcome) => outcome.errors), ...unavailable.values()],
  };
}

/**
 * Describes each referenced key in its Region (DescribeKey), and reads rotation
 * (GetKeyRotationStatus) only for symmetric customer managed keys with KMS-generated material.
 * `accountId` is the scanned account: keys of other accounts may be refused without it being an error.
 */
export async function collectReferencedKeys(
  references: readonly KeyReference[],
  accountId: string,
  clientFor: KmsClientFor,
): Promise<KmsKeysResult> {
  // Each key's calls go through its Region's queue; KMS's errors belong to the account-wide recommendations.
  const callsIn = regionCallsFor({ service: "account", prefix: "kms" });
  const outcomes = await Promise.all(
    references.map((reference) =>
      collectKey(clientFor(reference.region), callsIn(reference.region), reference, accountId),
    ),
  );
  return settle(outcomes);
}
