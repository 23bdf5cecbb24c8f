/**
 * What the service inventories point at and the scan must describe afterwards: KMS keys, S3
 * buckets, Kinesis and Firehose streams. The `referenced*` functions are pure: inventory in,
 * de-duplicated lists out, each entry carrying who refers to it so findings can say why it matters.
 *
 * Every function reads the inventory as it is when called. Storage can refer to more storage (a
 * Firehose stream reads from a Kinesis stream), so `collectReferencedStorage` describes it in
 * rounds until nothing new is referenced; the KMS keys are read from the inventory after that.
 */
import {
  ERROR_KINDS,
  type CollectionError,
  type FirehoseStream,
  type Inventory,
  type KinesisStream,
  type Reference,
  type S3Bucket,
} from "@/lib/inventory";

export interface Arn {
  partition: string;
  service: string;
  region: string;
  accountId: string;
  /** Everything after the account field, e.g. `key/1234…` or `stream/orders`. */
  resource: string;
}

/** Splits an ARN into its fields; undefined for anything that is not one. */
export function parseArn(value: string): Arn | undefined {
  const parts = value.split(":");
  if (parts.length < 6 || parts[0] !== "arn") return undefined;
  const [, partition = "", service = "", region = "", accountId = ""] = parts;
  return { partition, service, region, accountId, resource: parts.slice(5).join(":") };
}

export interface KeyReference {
  /** What to pass to DescribeKey: a key or alias ARN, or an alias name (`alias/...`). */
  keyId: string;
  /** The Region to call KMS in. */
  region: string;
  references: Reference[];
}

export interface BucketReference {
  bucket: string;
  references: Reference[];
}

export interface StreamReference {
  arn: string;
  references: Reference[];
}

export interface StreamReferences {
  kinesis: StreamReference[];
  firehose: StreamReference[];
}

/** A bare key id: a UUID, or `mrk-` + 32 hex digits for multi-Region keys. */
const BARE_KEY_ID = /^(?:mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
const S3_URI = /^s3:\/\/([^/]+)/i;

/** Collects references under a key, keeping first-seen order and dropping repeated references. */
class ReferenceList<Extra extends object> {
  private readonly entries = new Map<string, Extra & { references: Reference[] }>();

  add(key: string, extra: Extra, reference: Reference): void {
    const entry = this.entries.get(key) ?? { ...extra, references: [] };
    this.entries.set(key, entry);
    const known = entry.references.some(
      (r) => r.resourceArn === reference.resourceArn && r.service === reference.service,
    );
    if (!known) entry.references.push(reference);
  }

  values(): Array<Extra & { references: Reference[] }> {
    return [...this.entries.values()];
  }
}

function present(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== "";
}

/** Region of a resource from its ARN, when the ARN carries one (S3 bucket ARNs do not). */
function arnRegion(resourceArn: string): string | undefined {
  const region = parseArn(resourceArn)?.region;
  return region ? region : undefined;
}

function bucketArn(inventory: Inventory, bucket: string): string {
  return `arn:${inventory.account.partition}:s3:::${bucket}`;
}

/**
 * Where to describe a key and under which id. A bare key id always names a key of the referring
 * resource's own account and Region, so it becomes that key's ARN: references by id and by ARN to
 * the same key then meet, and the key is described once. Alias names stay as they are: KMS
 * resolves them in the caller's account and the client's Region.
 */
function locateKey(inventory: Inventory, keyId: string, resourceRegion: string): { keyId: string; region: string } {
  const trimmed = keyId.trim();
  const arn = parseArn(trimmed);
  if (arn) return { keyId: trimmed, region: arn.region || resourceRegion };
  if (BARE_KEY_ID.test(trimmed)) {
    const { partition, id } = inventory.account;
    return { keyId: `arn:${partition}:kms:${resourceRegion}:${id}:key/${trimmed}`, region: resourceRegion };
  }
  return { keyId: trimmed, region: resourceRegion };
}

interface KeyUse {
  keyId: string | undefined;
  /** Region of the resource that uses the key: where a key id or alias name resolves. */
  region: string;
  reference: Reference;
}

function elasticacheKeyUses(inventory: Inventory): KeyUse[] {
  return (inventory.elasticache?.regions ?? []).flatMap((region) =>
    [...region.replicationGroups, ...region.serverlessCaches, ...region.snapshots].map((resource) => ({
      keyId: resource.kmsKeyId,
      region: resource.region,
      reference: { service: "elasticache" as const, resourceArn: resource.arn },
    })),
  );
}

function cognitoKeyUses(inventory: Inventory): KeyUse[] {
  return (inventory.cognito?.regions ?? []).flatMap((region) =>
    region.userPools.map((pool) => ({
      keyId: pool.keyConfiguration?.kmsKeyArn,
      region: pool.region,
      reference: { service: "cognito" as const, resourceArn: pool.arn },
    })),
  );
}

function personalizeKeyUses(inventory: Inventory): KeyUse[] {
  return (inventory.personalize?.regions ?? []).flatMap((region) => [
    ...region.datasetGroups.map((group) => ({
      keyId: group.kmsKeyArn,
      region: group.region,
      reference: { service: "personalize" as const, resourceArn: group.arn },
    })),
    ...region.jobs.flatMap((job) =>
      [job.outputKmsKeyArn, job.inputKmsKeyArn].map((keyId) => ({
        keyId,
        region: job.region,
        reference: { service: "personalize" as const, resourceArn: job.arn },
      })),
    ),
  ]);
}

function connectKeyUses(inventory: Inventory): KeyUse[] {
  return (inventory.connect?.regions ?? []).flatMap((region) =>
    region.instances.flatMap((instance) =>
      instance.storageConfigs.flatMap((config) =>
        [config.s3?.encryption?.keyId, config.kinesisVideo?.encryption?.keyId].map((keyId) => ({
          keyId,
          region: instance.region,
          reference: { service: "connect" as const, resourceArn: instance.arn },
        })),
      ),
    ),
  );
}

function cloudTrailKeyUses(inventory: Inventory): KeyUse[] {
  return (inventory.accountWide?.cloudtrail?.trails ?? []).map((trail) => ({
    keyId: trail.kmsKeyId,
    region: trail.homeRegion,
    reference: { service: "cloudtrail" as const, resourceArn: trail.arn },
  }));
}

/**
 * Buckets and streams live in the account-wide inventory, so their references carry the service
 * "account"; the ARN says what they are. A bucket ARN has no Region: a key id or alias in its
 * encryption settings resolves in the bucket's Region, taken from the first resource that writes
 * to it (Connect and Personalize buckets must share their Region), else the scanner's home Region.
 */
function storageKeyUses(inventory: Inventory): KeyUse[] {
  const account = inventory.accountWide;
  if (!account) return [];
  const streams = [
    ...(account.kinesisStreams ?? []).map((stream) => ({ keyId: stream.keyId, stream })),
    ...(account.firehoseStreams ?? []).map((stream) => ({ keyId: stream.keyArn, stream })),
  ].map(({ keyId, stream }) => ({
    keyId,
    region: stream.region,
    reference: { service: "account" as const, resourceArn: stream.arn },
  }));
  const buckets = (account.buckets ?? []).map((bucket) => ({
    keyId: bucket.encryption?.kmsKeyId,
    region:
      bucket.referencedBy.map((r) => arnRegion(r.resourceArn)).find((region) => region !== undefined) ??
      account.scanner.homeRegion,
    reference: { service: "account" as const, resourceArn: bucketArn(inventory, bucket.name) },
  }));
  return [...streams, ...buckets];
}

/** Every distinct KMS key the inventory refers to, with the Region to describe it in. */
export function referencedKeys(inventory: Inventory): KeyReference[] {
  const uses = [
    ...elasticacheKeyUses(inventory),
    ...cognitoKeyUses(inventory),
    ...personalizeKeyUses(inventory),
    ...connectKeyUses(inventory),
    ...cloudTrailKeyUses(inventory),
    ...storageKeyUses(inventory),
  ];
  const keys = new ReferenceList<{ keyId: string; region: string }>();
  for (const use of uses) {
    if (!present(use.keyId)) continue;
    const located = locateKey(inventory, use.keyId, use.region);
    keys.add(`${located.region}|${located.keyId}`, located, use.reference);
  }
  return keys.values();
}

/** Bucket name of an `s3://bucket/prefix` path; undefined for anything else. */
export function bucketOfS3Path(path: string | undefined): string | undefined {
  return path === undefined ? undefined : S3_URI.exec(path.trim())?.[1];
}

/** Every distinct S3 bucket Personalize, Connect or CloudTrail writes to or reads from. */
export function referencedBuckets(inventory: Inventory): BucketReference[] {
  const buckets = new ReferenceList<{ bucket: string }>();
  const add = (bucket: string | undefined, reference: Reference) => {
    if (present(bucket)) buckets.add(bucket.trim(), { bucket: bucket.trim() }, reference);
  };
  for (const region of inventory.personalize?.regions ?? []) {
    for (const job of region.jobs) {
      const reference = { service: "personalize" as const, resourceArn: job.arn };
      add(bucketOfS3Path(job.outputPath), reference);
      add(bucketOfS3Path(job.inputPath), reference);
    }
  }
  for (const region of inventory.connect?.regions ?? []) {
    for (const instance of region.instances) {
      for (const config of instance.storageConfigs) {
        add(config.s3?.bucketName, { service: "connect", resourceArn: instance.arn });
      }
    }
  }
  for (const trail of inventory.accountWide?.cloudtrail?.trails ?? []) {
    add(trail.s3BucketName, { service: "cloudtrail", resourceArn: trail.arn });
  }
  return buckets.values();
}

/**
 * Kinesis data streams and Firehose streams Connect publishes to. A Firehose stream that reads
 * from a Kinesis stream adds that source stream once Firehose streams are collected, since the
 * source stream is what holds the data at rest.
 */
export function referencedStreams(inventory: Inventory): StreamReferences {
  const kinesis = new ReferenceList<{ arn: string }>();
  const firehose = new ReferenceList<{ arn: string }>();
  for (const region of inventory.connect?.regions ?? []) {
    for (const instance of region.instances) {
      const reference = { service: "connect" as const, resourceArn: instance.arn };
      for (const config of instance.storageConfigs) {
        if (present(config.kinesisStreamArn))
          kinesis.add(config.kinesisStreamArn, { arn: config.kinesisStreamArn }, reference);
        if (present(config.firehoseArn)) firehose.add(config.firehoseArn, { arn: config.firehoseArn }, reference);
      }
    }
  }
  for (const stream of inventory.accountWide?.firehoseStreams ?? []) {
    if (!present(stream.sourceStreamArn)) continue;
    kinesis.add(
      stream.sourceStreamArn,
      { arn: stream.sourceStreamArn },
      { service: "account", resourceArn: stream.arn },
    );
  }
  return { kinesis: kinesis.values(), firehose: firehose.values() };
}

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
