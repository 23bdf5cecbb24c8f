import type { Control, ResourceResult } from "../types";
import { ACTIONS, elasticacheRegions, isLive, lookupsIn, majorVersion } from "./scope";

const RESOURCE_TYPE = "Replication group";

/**
 * In-place TLS enablement exists for Valkey and Redis OSS 7+; older engines need a new group. The
 * version comes from the member clusters: when their listing failed it is unknown, and the hint says
 * both ways rather than guess.
 */
function remediationHint(engine: string | undefined, engineVersion: string | undefined): string {
  const major = majorVersion(engineVersion);
  if (engine === "valkey" || (major !== undefined && major >= 7)) {
    return "Enable TLS in place: set transit encryption to preferred, move clients to TLS, then set it to required.";
  }
  if (major === undefined) {
    return "On Redis OSS 7+ enable TLS in place (mode preferred, then required); older engines need a backup restored into a new TLS-enabled group.";
  }
  return "This engine version cannot enable TLS in place: restore a backup into a new TLS-enabled group.";
}

export const control: Control = {
  meta: {
    id: "elasticache.rg-transit-encryption",
    service: "elasticache",
    title: "Valkey/Redis OSS replication groups require TLS",
    severity: "high",
    responsibility: "customer",
    recommendation: "tls",
    seed: {
      file: "000_1318394cfcef3e54.txt",
      quote: "Use SSL/TLS to communicate with AWS resources. We recommend TLS 1.2 or later.",
    },
    resourceType: RESOURCE_TYPE,
    remediation: {
      text: "Modify the replication group with transit encryption enabled in mode preferred, move every client to TLS, then switch the mode to required. Engines older than Redis OSS 7 need a new group restored from a backup with TLS on.",
      url: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption-enable.html",
    },
    docs: ["https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption.html"],
    requires: [ACTIONS.replicationGroups, ACTIONS.cacheClusters],
    related: [
      "Security Hub ElastiCache.5",
      "Prowler elasticache_redis_cluster_in_transit_encryption_enabled",
      "AWS Config elasticache-repl-grp-encrypted-in-transit",
    ],
    verdicts: [
      "pass: a live Valkey/Redis OSS replication group has in-transit encryption on, in mode required (or no mode reported).",
      "warn: TLS is on in mode preferred, so plaintext connections are still accepted.",
      "fail: in-transit encryption is off.",
      "error: DescribeReplicationGroups failed in that Region.",
    ],
  },
  evaluate(inventory) {
    return elasticacheRegions(inventory).flatMap((region) =>
      region.replicationGroups
        .filter((group) => isLive(group.status))
        .map((group): ResourceResult => {
          const evidence = {
            transitEncryptionEnabled: group.transitEncryptionEnabled ?? null,
            transitEncryptionMode: group.transitEncryptionMode ?? null,
            engine: group.engine ?? null,
            engineVersion: group.engineVersion ?? null,
            globalReplicationGroupId: group.globalReplicationGroupId ?? null,
          };
          // The verdict rests on the group; the member clusters only give the version for the hint.
          const base = {
            resourceArn: group.arn,
            resourceType: RESOURCE_TYPE,
            region: group.region,
            evidence,
            dependsOn: lookupsIn(group.region, ACTIONS.replicationGroups),
          };
          if (group.transitEncryptionEnabled !== true) {
            return {
              ...base,
              status: "fail",
              reason: `Replication group ${group.id} accepts only plaintext connections: in-transit encryption is off. ${remediationHint(group.engine, group.engineVersion)}`,
            };
          }
          if (group.transitEncryptionMode === "preferred") {
            return {
              ...base,
              status: "warn",
              reason: `Replication group ${group.id} has TLS in mode preferred, so it still accepts plaintext connections.`,
            };
          }
          return {
            ...base,
            status: "pass",
            reason: `Replication group ${group.id} accepts only TLS connections.`,
          };
        }),
    );
  },
};
