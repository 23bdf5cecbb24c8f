import type { ReplicationGroup, ServerlessCache } from "@/lib/inventory";
import type { Control, Evidence, ResourceResult, Status } from "../types";
import { ACTIONS, elasticacheRegions, isEncryptedAtRest, isLive, lookupsIn } from "./scope";

const GROUP = "Replication group";
const SERVERLESS = "Serverless cache";

/** Customer managed keys are treated as unavailable to ElastiCache in GovCloud. */
function isGovCloud(region: string): boolean {
  return region.startsWith("us-gov-");
}

interface Verdict {
  status: Status;
  reason: string;
}

/**
 * Shared by both resource kinds: a key wins; otherwise only already-encrypted data can be judged,
 * because unencrypted caches are the at-rest controls' findings, not this one's.
 */
function judge(label: string, hasCmk: boolean, encrypted: boolean, region: string): Verdict {
  if (hasCmk) return { status: "pass", reason: `${label} encrypts data at rest with a customer managed KMS key.` };
  if (isGovCloud(region)) {
    return {
      status: "not-applicable",
      reason: `${label} is in ${region}, where ElastiCache cannot use customer managed keys.`,
    };
  }
  if (encrypted) {
    return {
      status: "warn",
      reason: `${label} encrypts data at rest with a service-managed key, not a customer managed KMS key.`,
    };
  }
  return {
    status: "not-applicable",
    reason: `${label} does not encrypt data at rest at all, which the at-rest encryption control reports.`,
  };
}

function groupResult(group: ReplicationGroup): ResourceResult {
  const hasCmk = group.storageEncryptionType === "sse-kms" || Boolean(group.kmsKeyId);
  const evidence: Evidence = {
    storageEncryptionType: group.storageEncryptionType ?? null,
    atRestEncryptionEnabled: group.atRestEncryptionEnabled ?? null,
    kmsKeyId: group.kmsKeyId ?? null,
  };
  const verdict = judge(`Replication group ${group.id}`, hasCmk, isEncryptedAtRest(group) === true, group.region);
  const dependsOn = lookupsIn(group.region, ACTIONS.replicationGroups);
  return { resourceArn: group.arn, resourceType: GROUP, region: group.region, evidence, ...verdict, dependsOn };
}

function serverlessResult(cache: ServerlessCache): ResourceResult {
  const hasCmk = cache.storageEncryptionType === "sse-kms" || Boolean(cache.kmsKeyId);
  const evidence: Evidence = {
    storageEncryptionType: cache.storageEncryptionType ?? null,
    kmsKeyId: cache.kmsKeyId ?? null,
  };
  // Serverless caches are always encrypted; only an explicit "none" says otherwise.
  const encrypted = cache.storageEncryptionType !== "none";
  const verdict = judge(`Serverless cache ${cache.name}`, hasCmk, encrypted, cache.region);
  const dependsOn = lookupsIn(cache.region, ACTIONS.serverlessCaches);
  return { resourceArn: cache.arn, resourceType: SERVERLESS, region: cache.region, evidence, ...verdict, dependsOn };
}

export const control: Control = {
  meta: {
    id: "elasticache.cmk-at-rest",
    service: "elasticache",
    title: "Cache data is encrypted with a customer managed KMS key",
    severity: "low",
    responsibility: "customer",
    recommendation: "encryption",
    seed: {
      file: "000_1318394cfcef3e54.txt",
      quote: "Use AWS encryption solutions, along with all default security controls within AWS services.",
    },
    resourceType: "Cache",
    remediation: {
      text: "If you need control over the key, recreate the cache from a backup with a symmetric customer managed KMS key and move clients to it.",
      url: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html",
    },
    docs: [],
    requires: [ACTIONS.replicationGroups, ACTIONS.serverlessCaches],
    related: ["Steampipe elasticache_replication_group_encryption_at_rest_enabled_with_kms_cmk"],
    verdicts: [
      "pass: a live replication group or serverless cache encrypts data at rest with a customer managed KMS key.",
      "warn: it is encrypted with the service-managed key, not a customer managed key.",
      "not applicable: the cache is not encrypted at rest at all (the at-rest controls report it), or it is in GovCloud, where ElastiCache takes no customer managed key.",
      "error: the list call for that cache failed in its Region.",
    ],
  },
  evaluate(inventory) {
    return elasticacheRegions(inventory).flatMap((region) => [
      ...region.replicationGroups.filter((group) => isLive(group.status)).map(groupResult),
      ...region.serverlessCaches.filter((cache) => isLive(cache.status)).map(serverlessResult),
    ]);
  },
};
