/**
 * What the cross-cutting code needs to know about one service, declared once per service in this
 * folder: where it is offered, its free-text and URL fields, where its TLS details are sampled, its
 * FIPS endpoints, how its ARNs read, which KMS keys, buckets and streams it refers to, how its
 * resources are named, and which calls collect each part of its inventory. Pure data and pure
 * functions over `Inventory`: this folder is on the ground floor with the rest of lib/inventory.
 */
import type { Inventory } from "../index";
import type { Reference } from "../account";
import type { ServiceId, Tag } from "../common";

/** One free-form value of the inventory, for `xc.pii-in-names-tags` and `xc.credentials-in-urls`. */
export interface TextField {
  resourceArn: string;
  resourceType: string;
  region: string;
  /** Where the value sits, e.g. `ReplicationGroupId`, `tag "owner"`, `CallbackURLs[0]`. */
  field: string;
  value: string;
  /** For a tag value: its key, which may itself announce personal data (`customer-id`). */
  contextKey?: string;
  /** How findings name the resource; may itself hold personal data, so callers mask it before showing. */
  resourceName: string;
}

/** Row type and name of a resource known only by its ARN (the Tagging API returns nothing else). */
export type DescribeArn = (arn: string) => { resourceType: string; resourceName: string };

/**
 * What a walker may need from the other services: the account-wide part walks the tags the Tagging
 * API returned for every service's resources, and labels them with every service's `arnLabels`.
 */
export interface FieldContext {
  describeArn: DescribeArn;
}

/** How a service's ARNs read in findings. Keys of `resourceTypes` and `kinds` are `<ARN service>:<resource type>`. */
export interface ArnLabels {
  /** ARN service field → the service as a sentence names it (`cognito-idp` → "Cognito"). */
  services?: Readonly<Record<string, string>>;
  /** The label of a result row's resource type ("Replication group"). */
  resourceTypes?: Readonly<Record<string, string>>;
  /** The kind after the service label in a sentence, where the ARN's own type reads badly ("replication group"). */
  kinds?: Readonly<Record<string, string>>;
}

/** A KMS key a resource uses, as the resource names it. */
export interface KeyUse {
  keyId: string | undefined;
  /** Region of the resource that uses the key: where a key id or alias name resolves. */
  region: string;
  reference: Reference;
}

/** An S3 bucket a resource writes to or reads from. */
export interface BucketUse {
  bucket: string | undefined;
  reference: Reference;
}

/** A Kinesis data stream or Firehose stream a resource publishes to or reads from. */
export interface StreamUse {
  kind: "kinesis" | "firehose";
  arn: string | undefined;
  reference: Reference;
}

export interface ServiceReferences {
  keyUses(inventory: Inventory): KeyUse[];
  bucketUses?(inventory: Inventory): BucketUse[];
  streamUses?(inventory: Inventory): StreamUse[];
  /**
   * The parts of the inventory these functions read, as `inventorySources` paths (absolute, e.g.
   * `cognito.regions[].userPools`): a call that fills one of them finds keys (discovery.test.ts
   * holds the list to what the functions read).
   */
  reads: readonly string[];
}

export interface TlsSource {
  /** CloudTrail `eventSource` of calls to the service. */
  eventSource: string;
  /** A plausible call of that source, for the fake endpoint's sampled events. */
  sampleEventName: string;
}

export interface TlsSampling {
  sources: readonly TlsSource[];
  /** Where to sample the sources: the Regions where the service has resources (LookupEvents is slow). */
  regionsWithResources(inventory: Inventory): string[];
  /** The parts of the inventory `regionsWithResources` reads, as absolute `inventorySources` paths. */
  reads: readonly string[];
}

/** One FIPS endpoint list of xc.fips-endpoints, per service endpoint prefix. */
export interface FipsService {
  /** The endpoint prefix, e.g. `cognito-idp`. */
  id: string;
  name: string;
  /** CloudTrail `eventSource` of calls to the service, to count callers seen on its FIPS endpoint. */
  eventSource: string;
  /** Which scanned Safekeep service the row belongs to. */
  scannedAs: ServiceId;
  /** One endpoint per partition (IAM), keyed "global" below. */
  global: boolean;
  /**
   * Regions where the service is offered, per partition, for services not offered everywhere
   * (docs/controls.md#regions; newer Regions may be missing). Undefined: every Region of the partition.
   */
  offeredIn?: OfferedIn;
  /** FIPS hostname per partition and Region ("global" for a global service). */
  fipsEndpoints: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** Regions where a service is offered, per partition (`aws`, `aws-us-gov`, `aws-cn`). */
export type OfferedIn = Readonly<Record<string, readonly string[]>>;

/** Names and tags of resources by ARN (or by the pseudo-ARN controls give what has none). */
export interface NameRegistry {
  /** The first name given for an ARN wins; tags fill in later. Empty names and ARNs are ignored. */
  add(arn: string | undefined, name: string | undefined, tags?: Tag[]): void;
}

/** The keys of `Inventory` that hold what collectors found (every key but the scan's own facts). */
export type InventoryPart = Exclude<
  keyof Inventory,
  "source" | "account" | "regions" | "services" | "startedAt" | "finishedAt" | "errors" | "skippedRegions" | "stats"
>;

export interface ServiceDescriptor {
  id: ServiceId;
  name: string;
  /** The key of `Inventory` that holds this service's part; paths below are relative to it unless said otherwise. */
  part: InventoryPart;
  /**
   * IAM action prefixes (and ARN service fields) that belong to this service alone. Prefixes whose
   * calls serve every service (kms, s3, kinesis, firehose, tag) belong to none.
   */
  iamPrefixes: readonly string[];
  /**
   * Resource types (the Tagging API's `service[:type]` filters) whose tags are read with
   * `tag:GetResources` for the personal-data check; none: its tags come from its own calls or it has none.
   */
  taggedResourceTypes?: readonly string[];
  /** Regions where it is offered (docs/controls.md#regions); undefined: every Region. */
  offeredIn?: OfferedIn;
  /** Regions of services collected as part of this one but offered in fewer Regions (Macie for the account). */
  subservices?: Readonly<Record<string, { offeredIn?: OfferedIn }>>;
  /** Every free-form name, description, path, prefix and tag of its resources, in inventory order. */
  textFields(inventory: Inventory, context: FieldContext): TextField[];
  /** Every URL-valued field of its resources (URLs inside text fields are found from `textFields`). */
  urlFields(inventory: Inventory): TextField[];
  /** The calls whose answers hold those text fields. */
  textFieldActions: readonly string[];
  /** The calls whose answers hold those URL fields. */
  urlFieldActions: readonly string[];
  /**
   * String fields of its part of the inventory that `textFields` and `urlFields` deliberately leave
   * out, by path relative to the part (`regions[].replicationGroups[].arn`), each with the reason. A
   * path of an object or list exempts every field beneath it (used for parts with no free text at
   * all, such as policy statements). text-fields-coverage.test.ts fails on any other string field
   * the walkers do not return, and on an exemption of a field they do return.
   */
  textFieldExemptions: Readonly<Record<string, string>>;
  /** Where xc.tls-client-versions samples CloudTrail events for it; undefined: not sampled. */
  tls?: TlsSampling;
  /** Its rows of xc.fips-endpoints. */
  fips: readonly FipsService[];
  arnLabels: ArnLabels;
  references: ServiceReferences;
  /** Registers the names and tags of its resources (lib/inventory/resource-directory.ts). */
  names(inventory: Inventory, into: NameRegistry): void;
  /**
   * The calls that collect each part of its inventory, by absolute path (`[]` for every element of
   * a list); see INVENTORY_SOURCES in lib/controls/account/discovery.ts.
   */
  inventorySources: Readonly<Record<string, readonly string[]>>;
}
