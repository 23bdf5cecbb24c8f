/**
 * What the service inventories point at and the scan must describe afterwards: KMS keys, S3
 * buckets, Kinesis and Firehose streams. The `referenced*` functions are pure: inventory in,
 * de-duplicated lists out, each entry carrying who refers to it so findings can say why it matters.
 *
 * Every function reads the inventory as it is when called. Storage can refer to more storage (a
 * Firehose stream reads from a Kinesis stream), so the scan (lib/scan/storage-rounds.ts) describes
 * it in rounds until nothing new is referenced; the KMS keys are read from the inventory after that.
 */
import { type Inventory, type Reference } from "@/lib/inventory";

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
export function arnRegion(resourceArn: string): string | undefined {
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
