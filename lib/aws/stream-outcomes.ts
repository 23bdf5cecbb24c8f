/**
 * What the Kinesis and Firehose collectors share: each referenced stream is described on its own, and
 * the per-stream outcomes are folded into one inventory per the same rules.
 */
import { ERROR_KINDS, isRegionWide, type CollectionError } from "@/lib/inventory";

export interface StreamOutcome<Stream> {
  region: string;
  stream?: Stream;
  error?: CollectionError;
}

/** Per Region, a Region that does not answer keeps nothing but that one error. */
export function settleStreamOutcomes<Stream>(outcomes: readonly StreamOutcome<Stream>[]): {
  inventory: Stream[];
  errors: CollectionError[];
} {
  const unavailable = new Map<string, CollectionError>();
  for (const { region, error } of outcomes) {
    if (error && isRegionWide(error.kind) && !unavailable.has(region)) unavailable.set(region, error);
  }
  const kept = outcomes.filter((outcome) => !unavailable.has(outcome.region));
  return {
    inventory: kept.flatMap((outcome) => (outcome.stream ? [outcome.stream] : [])),
    errors: [...kept.flatMap((outcome) => (outcome.error ? [outcome.error] : [])), ...unavailable.values()],
  };
}

/** A reference that is not a usable stream ARN cannot be sent anywhere: one "other" error, no call. */
export function malformedStreamReference<Stream>(action: string, message: string): StreamOutcome<Stream> {
  return {
    region: "global",
    error: { service: "account", region: "global", action, kind: ERROR_KINDS.other, message },
  };
}
