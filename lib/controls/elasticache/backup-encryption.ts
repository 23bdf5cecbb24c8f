import type { CacheSnapshot, ElastiCacheRegionInventory } from "@/lib/inventory";
import type { Control, ResourceResult, Status } from "../types";
import { type AtRestEncryption, elasticacheRegions, isEncryptedAtRest } from "./scope";

const SNAPSHOT = "Snapshot";
const SERVERLESS_SNAPSHOT = "Serverless snapshot";

interface Source {
  label: string;
  /** undefined: the source was not found in the scan (deleted, or never collected). */
  encrypted: AtRestEncryption | undefined;
}

/** A backup inherits its source's at-rest setting, which covers "backups stored in Amazon S3". */
function findSource(snapshot: CacheSnapshot, region: ElastiCacheRegionInventory): Source | undefined {
  if (snapshot.replicationGroupId !== undefined) {
    const group = region.replicationGroups.find((g) => g.id === snapshot.replicationGroupId);
    return { label: `replication group ${snapshot.replicationGroupId}`, encrypted: group && isEncryptedAtRest(group) };
  }
  if (snapshot.cacheClusterId !== undefined) {
    const cluster = region.cacheClusters.find((c) => c.id === snapshot.cacheClusterId);
    return {
      label: `cache cluster ${snapshot.cacheClusterId}`,
      encrypted: cluster && cluster.atRestEncryptionEnabled === true,
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
    const what = source ? `its source ${source.label} is no longer in the account` : "its source is unknown";
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

function nodeBasedResult(snapshot: CacheSnapshot, region: ElastiCacheRegionInventory): ResourceResult {
  const source = findSource(snapshot, region);
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
    requires: [
      "elasticache:DescribeSnapshots",
      "elasticache:DescribeServerlessCacheSnapshots",
      "elasticache:DescribeReplicationGroups",
      "elasticache:DescribeCacheClusters",
    ],
    related: [],
  },
  evaluate(inventory) {
    // Exports to a customer S3 bucket take the bucket's encryption, not a snapshot key: out of scope.
    return elasticacheRegions(inventory).flatMap((region) =>
      region.snapshots.map((snapshot) =>
        snapshot.kind === "serverless" ? serverlessResult(snapshot) : nodeBasedResult(snapshot, region),
      ),
    );
  },
};
