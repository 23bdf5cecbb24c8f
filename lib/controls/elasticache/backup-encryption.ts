import type { CacheSnapshot, ElastiCacheRegionInventory, Inventory } from "@/lib/inventory";
import type { Control, Lookup, ResourceResult, Status } from "../types";
import { ACTIONS, type AtRestEncryption, elasticacheRegions, isEncryptedAtRest, listFailed, lookupsIn } from "./scope";

const SNAPSHOT = "Snapshot";
const SERVERLESS_SNAPSHOT = "Serverless snapshot";

interface Source {
  label: string;
  /** The list call that would hold the source. */
  action: string;
  /** undefined: the source is not in the inventory. */
  encrypted: AtRestEncryption | undefined;
  /** The source's list call failed in this Region, so its absence says nothing. */
  unread: boolean;
}

/** A backup inherits its source's at-rest setting, which covers "backups stored in Amazon S3". */
function findSource(
  snapshot: CacheSnapshot,
  region: ElastiCacheRegionInventory,
  inventory: Inventory,
): Source | undefined {
  if (snapshot.replicationGroupId !== undefined) {
    const group = region.replicationGroups.find((g) => g.id === snapshot.replicationGroupId);
    return {
      label: `replication group ${snapshot.replicationGroupId}`,
      action: ACTIONS.replicationGroups,
      encrypted: group && isEncryptedAtRest(group),
      unread: !group && listFailed(inventory, ACTIONS.replicationGroups, region.region),
    };
  }
  if (snapshot.cacheClusterId !== undefined) {
    const cluster = region.cacheClusters.find((c) => c.id === snapshot.cacheClusterId);
    return {
      label: `cache cluster ${snapshot.cacheClusterId}`,
      action: ACTIONS.cacheClusters,
      encrypted: cluster && cluster.atRestEncryptionEnabled === true,
      unread: !cluster && listFailed(inventory, ACTIONS.cacheClusters, region.region),
    };
  }
  return undefined;
}

function judgeNodeBased(snapshot: CacheSnapshot, source: Source | undefined): { status: Status; reason: string } {
  const name = `Snapshot ${snapshot.name}`;
  if (snapshot.kmsKeyId) return { status: "pass", reason: `${name} is encrypted with a customer managed KMS key.` };
  if (source?.encrypted === true) {
    return { status: "pass", reason: `${name} is encrypted because its source ${source.label} encrypts data at rest.` };
  }
  if (source === undefined || source.encrypted === undefined) {
    // "No longer in the account" only when the listing that would hold the source was read whole.
    const what = !source
      ? "its source is unknown"
      : source.unread
        ? `its source ${source.label} could not be read`
        : `its source ${source.label} is no longer in the account`;
    return { status: "warn", reason: `${name} has no KMS key and ${what}, so its encryption cannot be confirmed.` };
  }
  // Data tiering encrypts only the SSD tier; backups of such a group are not encrypted.
  const why =
    source.encrypted === "tiering-only" ? "encrypts only its SSD tier, not backups" : "does not encrypt data at rest";
  return {
    status: "fail",
    reason: `${name} is not encrypted: it has no KMS key and its source ${source.label} ${why}.`,
  };
}

/** A snapshot's own key settles it; otherwise the verdict also rests on the source's listing. */
function nodeBasedLookups(snapshot: CacheSnapshot, source: Source | undefined): Lookup[] {
  if (snapshot.kmsKeyId || !source) return lookupsIn(snapshot.region, ACTIONS.snapshots);
  return lookupsIn(snapshot.region, ACTIONS.snapshots, source.action);
}

function nodeBasedResult(
  snapshot: CacheSnapshot,
  region: ElastiCacheRegionInventory,
  inventory: Inventory,
): ResourceResult {
  const source = findSource(snapshot, region, inventory);
  return {
    resourceArn: snapshot.arn,
    resourceType: SNAPSHOT,
    region: snapshot.region,
    ...judgeNodeBased(snapshot, source),
    evidence: {
      kmsKeyId: snapshot.kmsKeyId ?? null,
      replicationGroupId: snapshot.replicationGroupId ?? null,
      cacheClusterId: snapshot.cacheClusterId ?? null,
      sourceEncryptedAtRest: source?.encrypted ?? null,
    },
    dependsOn: nodeBasedLookups(snapshot, source),
  };
}

function serverlessResult(snapshot: CacheSnapshot): ResourceResult {
  return {
    resourceArn: snapshot.arn,
    resourceType: SERVERLESS_SNAPSHOT,
    region: snapshot.region,
    status: "pass",
    reason: `Serverless snapshot ${snapshot.name} is encrypted, as all serverless cache data is.`,
    evidence: { kind: snapshot.kind, kmsKeyId: snapshot.kmsKeyId ?? null },
    dependsOn: lookupsIn(snapshot.region, ACTIONS.serverlessSnapshots),
  };
}

export const control: Control = {
  meta: {
    id: "elasticache.backup-encryption",
    service: "elasticache",
    title: "Cache backups are encrypted",
    severity: "low",
    responsibility: "customer",
    recommendation: "encryption",
    seed: {
      file: "000_1318394cfcef3e54.txt",
      quote: "Use AWS encryption solutions, along with all default security controls within AWS services.",
    },
    resourceType: SNAPSHOT,
    remediation: {
      text: "Copy the snapshot with a customer managed KMS key, delete the unencrypted copy, and recreate the source cache with at-rest encryption.",
      url: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html",
    },
    docs: [],
    requires: [ACTIONS.snapshots, ACTIONS.serverlessSnapshots, ACTIONS.replicationGroups, ACTIONS.cacheClusters],
    related: [],
    verdicts: [
      "pass: a snapshot has its own KMS key, or its source group or cluster encrypts data at rest; serverless snapshots always pass.",
      "warn: the snapshot has no key and its source is unknown or no longer in the account, so its encryption cannot be confirmed.",
      "fail: the snapshot has no key and its source does not encrypt at rest (or, with data tiering, encrypts only its SSD tier).",
      "error: the snapshot list, or the list that holds its source, failed in that Region.",
    ],
  },
  evaluate(inventory) {
    // Exports to a customer S3 bucket take the bucket's encryption, not a snapshot key: out of scope.
    return elasticacheRegions(inventory).flatMap((region) =>
      region.snapshots.map((snapshot) =>
        snapshot.kind === "serverless" ? serverlessResult(snapshot) : nodeBasedResult(snapshot, region, inventory),
      ),
    );
  },
};
