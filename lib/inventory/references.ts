/**
 * What the service inventories point at and the scan must describe afterwards: KMS keys, S3
 * buckets, Kinesis and Firehose streams. The `referenced*` functions are pure: inventory in,
 * de-duplicated lists out, each entry carrying who refers to it so findings can say why it matters.
 *
 * What each service refers to is declared in its descriptor (`references` in lib/inventory/services);
 * this file gathers the references and resolves where each key is described.
 *
 * Every function reads the inventory as it is when called. Storage can refer to more storage (a
 * Firehose stream reads from a Kinesis stream), so the scan (lib/scan/storage-rounds.ts) describes
 * it in rounds until nothing new is referenced; the KMS keys are read from the inventory after that.
 */
import { type Inventory, type Reference } from "@/lib/inventory";
import { SERVICES_THEN_ACCOUNT } from "./services";
import { parseArn } from "./arn";

export { parseArn, type Arn } from "./arn";

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

/** Every distinct KMS key the inventory refers to, with the Region to describe it in. */
export function referencedKeys(inventory: Inventory): KeyReference[] {
  const keys = new ReferenceList<{ keyId: string; region: string }>();
  for (const use of SERVICES_THEN_ACCOUNT.flatMap((d) => d.references.keyUses(inventory))) {
    if (!present(use.keyId)) continue;
    const located = locateKey(inventory, use.keyId, use.region);
    keys.add(`${located.region}|${located.keyId}`, located, use.reference);
  }
  return keys.values();
}

/** Bucket name of an `s3://bucket/prefix` path; undefined for anything else. */
export { bucketOfS3Path } from "./services";

/** Every distinct S3 bucket a service writes to or reads from (Personalize jobs, Connect storage, CloudTrail trails). */
export function referencedBuckets(inventory: Inventory): BucketReference[] {
  const buckets = new ReferenceList<{ bucket: string }>();
  for (const { bucket, reference } of SERVICES_THEN_ACCOUNT.flatMap(
    (d) => d.references.bucketUses?.(inventory) ?? [],
  )) {
    if (present(bucket)) buckets.add(bucket.trim(), { bucket: bucket.trim() }, reference);
  }
  return buckets.values();
}

/**
 * Kinesis data streams and Firehose streams Connect publishes to. A Firehose stream that reads
 * from a Kinesis stream adds that source stream once Firehose streams are collected, since the
 * source stream is what holds the data at rest.
 */
export function referencedStreams(inventory: Inventory): StreamReferences {
  const lists = { kinesis: new ReferenceList<{ arn: string }>(), firehose: new ReferenceList<{ arn: string }>() };
  for (const { kind, arn, reference } of SERVICES_THEN_ACCOUNT.flatMap(
    (d) => d.references.streamUses?.(inventory) ?? [],
  )) {
    if (present(arn)) lists[kind].add(arn, { arn }, reference);
  }
  return { kinesis: lists.kinesis.values(), firehose: lists.firehose.values() };
}
