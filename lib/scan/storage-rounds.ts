/**
 * The orchestration half of reference following: describing the buckets and streams an inventory
 * refers to, in rounds, with collectors passed in. What counts as a reference is pure inventory
 * logic and lives in lib/inventory/references.ts.
 */
import {
  ERROR_KINDS,
  type CollectionError,
  type FirehoseStream,
  type Inventory,
  type KinesisStream,
  type S3Bucket,
} from "@/lib/inventory";
import {
  arnRegion,
  referencedBuckets,
  referencedStreams,
  type BucketReference,
  type StreamReference,
} from "@/lib/inventory/references";

// ---------------------------------------------------------------------------------------------
// Describing referenced storage until nothing new is referenced.
// ---------------------------------------------------------------------------------------------

/** The storage described so far: the parts of the account-wide inventory the rounds fill in. */
export interface CollectedStorage {
  buckets: S3Bucket[];
  kinesisStreams: KinesisStream[];
  firehoseStreams: FirehoseStream[];
}

/** Referenced storage not described yet, by kind. */
export interface PendingStorage {
  buckets: BucketReference[];
  kinesis: StreamReference[];
  firehose: StreamReference[];
}

/** Names and ARNs already sent to a collector, whatever came back: nothing is described twice. */
export interface AskedStorage {
  buckets: ReadonlySet<string>;
  kinesis: ReadonlySet<string>;
  firehose: ReadonlySet<string>;
}

interface Collected<T> {
  inventory: T;
  errors: CollectionError[];
}

/** One collector per kind of storage; each describes exactly the references it is given. */
export interface StorageCollectors {
  buckets: (refs: BucketReference[]) => Promise<Collected<S3Bucket[]>>;
  kinesis: (refs: StreamReference[]) => Promise<Collected<KinesisStream[]>>;
  firehose: (refs: StreamReference[]) => Promise<Collected<FirehoseStream[]>>;
}

/**
 * Rounds of describing at most. Today references go two levels deep (Connect → Firehose stream →
 * its Kinesis source), so two rounds describe everything. A cycle ends by itself, since nothing is
 * asked for twice; the cap leaves room for deeper chains while bounding a runaway one.
 */
export const MAX_STORAGE_ROUNDS = 4;

/**
 * The inventory with `storage` as its account-wide buckets and streams, for reading references.
 * An inventory without an account-wide part gets one that holds only the storage (the scanner's
 * settings in it are never read for buckets and streams).
 */
export function withStorage(inventory: Inventory, storage: CollectedStorage): Inventory {
  const accountWide = inventory.accountWide ?? { scanner: { useFipsEndpoint: false, homeRegion: "" } };
  return { ...inventory, accountWide: { ...accountWide, ...storage } };
}

/** Every bucket and stream the inventory refers to that has not been asked for yet. */
export function pendingStorage(inventory: Inventory, asked: AskedStorage): PendingStorage {
  const streams = referencedStreams(inventory);
  return {
    buckets: referencedBuckets(inventory).filter((ref) => !asked.buckets.has(ref.bucket)),
    kinesis: streams.kinesis.filter((ref) => !asked.kinesis.has(ref.arn)),
    firehose: streams.firehose.filter((ref) => !asked.firehose.has(ref.arn)),
  };
}

export function isSettled(pending: PendingStorage): boolean {
  return pending.buckets.length + pending.kinesis.length + pending.firehose.length === 0;
}

/**
 * A resource described in an early round may be referred to again by something found later (a
 * Kinesis stream Connect writes to that also feeds a Firehose stream): every entry gets the full
 * list of who refers to it, as the finished inventory shows it.
 */
export function withFinalReferences(inventory: Inventory, storage: CollectedStorage): CollectedStorage {
  const final = withStorage(inventory, storage);
  const buckets = new Map(referencedBuckets(final).map((ref) => [ref.bucket, ref.references]));
  const streams = referencedStreams(final);
  const kinesis = new Map(streams.kinesis.map((ref) => [ref.arn, ref.references]));
  const firehose = new Map(streams.firehose.map((ref) => [ref.arn, ref.references]));
  return {
    buckets: storage.buckets.map((b) => ({ ...b, referencedBy: buckets.get(b.name) ?? b.referencedBy })),
    kinesisStreams: storage.kinesisStreams.map((s) => ({ ...s, referencedBy: kinesis.get(s.arn) ?? s.referencedBy })),
    firehoseStreams: storage.firehoseStreams.map((s) => ({
      ...s,
      referencedBy: firehose.get(s.arn) ?? s.referencedBy,
    })),
  };
}

/**
 * What is still referenced when the rounds run out stays undescribed, and says so: one error per
 * resource on the call that would have described it, so every control that reads it reports it.
 */
export function unfollowedReferences(pending: PendingStorage, rounds: number): CollectionError[] {
  const message = (what: string) =>
    `${what} was not described: the scan stopped following references after ${rounds} round${rounds === 1 ? "" : "s"}`;
  const streamError = (action: string, what: string) => (ref: StreamReference) => ({
    service: "account" as const,
    region: arnRegion(ref.arn) ?? "global",
    action,
    kind: ERROR_KINDS.other,
    message: message(what),
    resource: ref.arn,
  });
  return [
    ...pending.buckets.map((ref) => ({
      service: "account" as const,
      region: "global",
      action: "s3:GetEncryptionConfiguration",
      kind: ERROR_KINDS.other,
      message: message("A referenced S3 bucket"),
      resource: ref.bucket,
    })),
    ...pending.kinesis.map(streamError("kinesis:DescribeStreamSummary", "A referenced Kinesis stream")),
    ...pending.firehose.map(streamError("firehose:DescribeDeliveryStream", "A referenced Firehose stream")),
  ];
}

export interface StorageRounds {
  storage: CollectedStorage;
  errors: CollectionError[];
  /** Rounds that described something. */
  rounds: number;
}

/**
 * Describes the buckets and streams the inventory refers to, then what those refer to, until no
 * new one appears: each round reads the references of everything collected so far, describes only
 * what was never asked for (the three kinds side by side), and merges the answers. Each resource is
 * asked for once, even when its call failed; a failure is already an error and asking again would
 * only repeat it.
 */
export async function collectReferencedStorage(
  inventory: Inventory,
  collect: StorageCollectors,
  maxRounds = MAX_STORAGE_ROUNDS,
): Promise<StorageRounds> {
  const storage: CollectedStorage = { buckets: [], kinesisStreams: [], firehoseStreams: [] };
  const asked = { buckets: new Set<string>(), kinesis: new Set<string>(), firehose: new Set<string>() };
  const errors: CollectionError[] = [];
  let rounds = 0;
  for (;;) {
    const pending = pendingStorage(withStorage(inventory, storage), asked);
    if (isSettled(pending)) break;
    if (rounds === maxRounds) {
      errors.push(...unfollowedReferences(pending, rounds));
      break;
    }
    rounds += 1;
    for (const ref of pending.buckets) asked.buckets.add(ref.bucket);
    for (const ref of pending.kinesis) asked.kinesis.add(ref.arn);
    for (const ref of pending.firehose) asked.firehose.add(ref.arn);
    const none = { inventory: [], errors: [] };
    const [buckets, kinesis, firehose] = await Promise.all([
      pending.buckets.length > 0 ? collect.buckets(pending.buckets) : none,
      pending.kinesis.length > 0 ? collect.kinesis(pending.kinesis) : none,
      pending.firehose.length > 0 ? collect.firehose(pending.firehose) : none,
    ]);
    storage.buckets.push(...buckets.inventory);
    storage.kinesisStreams.push(...kinesis.inventory);
    storage.firehoseStreams.push(...firehose.inventory);
    errors.push(...buckets.errors, ...kinesis.errors, ...firehose.errors);
  }
  return { storage: withFinalReferences(inventory, storage), errors, rounds };
}
