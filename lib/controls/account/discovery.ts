/**
 * Some account-level controls judge things the scan found through other services' resources: the
 * KMS keys that caches, pools, jobs, instances, trails, buckets and streams refer to
 * (lib/inventory/references.ts), and the event sources whose TLS details are sampled where a service
 * has resources (lib/scan/tls-targets.ts). When a call that finds those resources fails, some keys
 * or samples are missing without a trace in the control's own calls, so the control must list the
 * finding calls in `meta.requires` too: the runner then gives it one error row per failed call and
 * Region, and it is marked incomplete instead of judging fewer things silently.
 *
 * The lists below are derived from what those two files read (discovery.test.ts reads along with
 * them and fails when they read a part of the inventory that is not listed here).
 */
import { JOB_INPUT_ACTIONS, JOB_OUTPUT_ACTIONS } from "../personalize/scope";

/**
 * The calls that collect each part of the inventory, as paths (`[]` stands for every element of a
 * list). A part holds what is read beneath it too, so reading a field costs the calls of every part
 * on its path: a list lists the calls whose failure can leave it without an entry, a field the
 * calls that fill it in. A user pool whose DescribeUserPool fails is dropped, so the pools list both
 * calls; a dataset group whose DescribeDatasetGroup fails is kept from the list call but loses its
 * key, so only its key needs the describe.
 */
export const INVENTORY_SOURCES = {
  // The scanned account: GetCallerIdentity needs no permission, and the scan cannot start without it.
  account: [],
  // Which Regions were scanned, and how: the scan's own choices.
  "elasticache.regions[].region": [],
  "cognito.regions[].region": [],
  "personalize.regions[].region": [],
  "connect.regions[].region": [],
  "accountWide.scanner": [],

  "elasticache.regions[].replicationGroups": ["elasticache:DescribeReplicationGroups"],
  "elasticache.regions[].cacheClusters": ["elasticache:DescribeCacheClusters"],
  "elasticache.regions[].serverlessCaches": ["elasticache:DescribeServerlessCaches"],
  // Node-based and serverless backups share one list.
  "elasticache.regions[].snapshots": ["elasticache:DescribeSnapshots", "elasticache:DescribeServerlessCacheSnapshots"],
  "cognito.regions[].userPools": ["cognito-idp:ListUserPools", "cognito-idp:DescribeUserPool"],
  "cognito.regions[].identityPools": ["cognito-identity:ListIdentityPools", "cognito-identity:DescribeIdentityPool"],
  "personalize.regions[].datasetGroups": ["personalize:ListDatasetGroups"],
  "personalize.regions[].datasetGroups[].kmsKeyArn": ["personalize:DescribeDatasetGroup"],
  // Every kind of job is listed, then the newest of each described; a job whose describe fails is left out.
  "personalize.regions[].jobs": [...JOB_OUTPUT_ACTIONS, ...JOB_INPUT_ACTIONS],
  "connect.regions[].instances": ["connect:ListInstances"],
  "connect.regions[].instances[].storageConfigs": ["connect:ListInstanceStorageConfigs"],
  "accountWide.cloudtrail.trails": ["cloudtrail:DescribeTrails"],
  "accountWide.buckets": ["s3:GetEncryptionConfiguration"],
  "accountWide.kinesisStreams": ["kinesis:DescribeStreamSummary"],
  "accountWide.firehoseStreams": ["firehose:DescribeDeliveryStream"],
} as const satisfies Record<string, readonly string[]>;

export type InventoryPart = keyof typeof INVENTORY_SOURCES;

/** What lib/inventory/references.ts reads to find keys, including the buckets and streams that lead to keys. */
export const KEY_DISCOVERY_PARTS: readonly InventoryPart[] = [
  "account",
  "accountWide.scanner",
  "elasticache.regions[].replicationGroups",
  "elasticache.regions[].serverlessCaches",
  "elasticache.regions[].snapshots",
  "cognito.regions[].userPools",
  "personalize.regions[].datasetGroups",
  "personalize.regions[].datasetGroups[].kmsKeyArn",
  "personalize.regions[].jobs",
  "connect.regions[].instances",
  "connect.regions[].instances[].storageConfigs",
  "accountWide.cloudtrail.trails",
  "accountWide.buckets",
  "accountWide.kinesisStreams",
  "accountWide.firehoseStreams",
];

/** What lib/scan/tls-targets.ts reads to choose where to sample CloudTrail events. */
export const TLS_TARGET_PARTS: readonly InventoryPart[] = [
  "account",
  "elasticache.regions[].region",
  "elasticache.regions[].replicationGroups",
  "elasticache.regions[].cacheClusters",
  "elasticache.regions[].serverlessCaches",
  "cognito.regions[].region",
  "cognito.regions[].userPools",
  "cognito.regions[].identityPools",
  "personalize.regions[].region",
  "personalize.regions[].datasetGroups",
  "connect.regions[].region",
  "connect.regions[].instances",
];

/** Whether `outer` is `path` or a part of the inventory that holds it. */
export function holds(outer: string, path: string): boolean {
  return path === outer || path.startsWith(`${outer}.`) || path.startsWith(`${outer}[`);
}

/** Every call that collects one of the parts or a part holding it, once each. */
export function collectingActions(parts: readonly InventoryPart[]): string[] {
  const sources = Object.entries(INVENTORY_SOURCES) as [InventoryPart, readonly string[]][];
  return [
    ...new Set(parts.flatMap((part) => sources.filter(([outer]) => holds(outer, part)).flatMap(([, calls]) => calls))),
  ];
}

/** Calls whose answers name the KMS keys xc.kms-key-usable and xc.kms-key-rotation judge. */
export const KEY_DISCOVERY_ACTIONS: readonly string[] = collectingActions(KEY_DISCOVERY_PARTS);

/** Calls whose answers decide where xc.tls-client-versions samples. */
export const TLS_TARGET_ACTIONS: readonly string[] = collectingActions(TLS_TARGET_PARTS);
