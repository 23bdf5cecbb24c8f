/**
 * Describes the KMS keys other services refer to (xc.kms-key-usable and
 * xc.kms-key-rotation), each in its own Region. It never throws: a failed call becomes a
 * CollectionError, or for the refusals that are normal (cross-account keys) just an access marker.
 */
import { DescribeKeyCommand, GetKeyRotationStatusCommand, type KeyMetadata, type KMSClient } from "@aws-sdk/client-kms";
import pLimit from "p-limit";
import { ERROR_KINDS, isRegionWide, type CollectionError, type KmsKey } from "@/lib/inventory";
import type { KeyReference } from "@/lib/inventory/references";
import { iamActionFor } from "../actions";
import { classifyAwsError, isNotFoundError } from "../errors";
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

/** At most 3 calls in flight per service and Region (docs/controls.md#call-budget). */
const MAX_CONCURRENT_CALLS = 3;

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

function kmsError(region: string, commandName: string, error: unknown): CollectionError {
  const action = iamActionFor(commandName, "kms") ?? commandName;
  return { service: "account", region, ...classifyAwsError(error, action) };
}

function errorName(error: unknown): string | undefined {
  return typeof error === "object" && error !== null ? (error as { name?: string }).name : undefined;
}

/**
 * NotFound: the key (or alias) no longer exists, which is a finding, not a scan problem. Access
 * denied on another account's key is normal (xc.kms-key-usable): marked, not reported. Denied on our
 * own key means the scanner's policy is short of kms:DescribeKey, so it is reported as well.
 */
function describeFailure(reference: KeyReference, accountId: string, error: unknown): KeyOutcome {
  const { region } = reference;
  if (isNotFoundError(error)) return { region, key: unreachedKey(reference, "not-found", accountId), errors: [] };
  const failure = kmsError(region, "DescribeKeyCommand", error);
  if (failure.kind !== ERROR_KINDS.accessDenied) return { region, errors: [failure] };
  const crossAccount = ownerAccountOf(reference.keyId, accountId) !== accountId;
  return { region, key: unreachedKey(reference, "denied", accountId), errors: crossAccount ? [] : [failure] };
}

async function readRotation(client: KMSClient, key: KmsKey, accountId: string): Promise<KeyOutcome> {
  try {
    const status = await client.send(new GetKeyRotationStatusCommand({ KeyId: key.arn }));
    return { region: key.region, key: withRotation(key, status), errors: [] };
  } catch (error) {
    const name = errorName(error);
    if ((name !== undefined && ROTATION_UNANSWERABLE.has(name)) || isNotFoundError(error)) {
      return { region: key.region, key, errors: [] };
    }
    const failure = kmsError(key.region, "GetKeyRotationStatusCommand", error);
    const deniedCrossAccount = failure.kind === ERROR_KINDS.accessDenied && key.accountId !== accountId;
    return { region: key.region, key, errors: deniedCrossAccount ? [] : [failure] };
  }
}

async function collectKey(client: KMSClient, reference: KeyReference, accountId: string): Promise<KeyOutcome> {
  let metadata: KeyMetadata | undefined;
  try {
    metadata = (await client.send(new DescribeKeyCommand({ KeyId: reference.keyId }))).KeyMetadata;
  } catch (error) {
    return describeFailure(reference, accountId, error);
  }
  if (!metadata) {
    const failure = kmsError(reference.region, "DescribeKeyCommand", new Error("DescribeKey returned no key metadata"));
    return { region: reference.region, errors: [failure] };
  }
  const key = toKmsKey(metadata, reference, accountId);
  if (!supportsAutomaticRotation(metadata)) return { region: reference.region, key, errors: [] };
  return readRotation(client, key, accountId);
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
  const limits = new Map<string, ReturnType<typeof pLimit>>();
  const limitFor = (region: string) => {
    const limit = limits.get(region) ?? pLimit(MAX_CONCURRENT_CALLS);
    limits.set(region, limit);
    return limit;
  };
  const outcomes = await Promise.all(
    references.map((reference) =>
      limitFor(reference.region)(() => collectKey(clientFor(reference.region), reference, accountId)),
    ),
  );
  return settle(outcomes);
}
