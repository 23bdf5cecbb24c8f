import type { Control, ResourceResult } from "../types";
import { elasticacheRegions, isEncryptedAtRest, isLive } from "./scope";

const RESOURCE_TYPE = "Replication group";

/** At-rest encryption is fixed at creation, so every fix is a new group. */
const REBUILD = "restore a backup into a new group with at-rest encryption on and move clients to it";

export const control: Control = {
  meta: {
    id: "elasticache.rg-at-rest-encryption",
    service: "elasticache",
    title: "Valkey/Redis OSS replication groups encrypt data at rest",
    severity: "high",
    responsibility: "customer",
    recommendation: "encryption",
    seed: {
      file: "000_1318394cfcef3e54.txt",
      quote: "Use AWS encryption solutions, along with all default security controls within AWS services.",
    },
    resourceType: RESOURCE_TYPE,
    remediation: {
      text: "At-rest encryption cannot be changed after creation: create a new replication group with at-rest encryption (optionally with a customer managed KMS key) from a backup, switch clients to its endpoint, then delete the old group.",
      url: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html",
    },
    docs: [],
    requires: ["elasticache:DescribeReplicationGroups"],
    related: [
      "Security Hub ElastiCache.4",
      "Prowler elasticache_redis_cluster_rest_encryption_enabled",
      "AWS Config elasticache-repl-grp-encrypted-at-rest",
    ],
  },
  evaluate(inventory) {
    return elasticacheRegions(inventory).flatMap((region) =>
      region.replicationGroups
        .filter((group) => isLive(group.status))
        .map((group): ResourceResult => {
          const evidence = {
            storageEncryptionType: group.storageEncryptionType ?? null,
            atRestEncryptionEnabled: group.atRestEncryptionEnabled ?? null,
            dataTiering: group.dataTiering ?? null,
          };
          const base = { resourceArn: group.arn, resourceType: RESOURCE_TYPE, region: group.region, evidence };
          const encrypted = isEncryptedAtRest(group);
          if (encrypted === "tiering-only") {
            return {
              ...base,
              status: "warn",
              reason: `Replication group ${group.id} uses data tiering, so only its SSD tier is encrypted while data in memory and backups are not; ${REBUILD}.`,
            };
          }
          if (!encrypted) {
            return {
              ...base,
              status: "fail",
              reason: `Replication group ${group.id} does not encrypt data at rest; ${REBUILD}.`,
            };
          }
          return { ...base, status: "pass", reason: `Replication group ${group.id} encrypts data at rest.` };
        }),
    );
  },
};
