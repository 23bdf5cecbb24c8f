import type { CacheCluster } from "@/lib/inventory";
import type { Control, ResourceResult } from "../types";
import { elasticacheRegions, isLive, isMemcached } from "./scope";

const RESOURCE_TYPE = "Cache cluster";

/** TLS for node-based Memcached arrived in engine 1.6.12. */
const MEMCACHED_TLS_MIN = [1, 6, 12];

function atLeast(version: string | undefined, minimum: number[]): boolean {
  const parts = (version ?? "").split(".").map((part) => Number.parseInt(part, 10));
  for (const [index, min] of minimum.entries()) {
    const part = parts[index] ?? 0;
    if (Number.isNaN(part) || part < min) return false;
    if (part > min) return true;
  }
  return true;
}

/**
 * Neither kind of cluster can be switched to TLS: `ModifyCacheCluster` has no transit encryption
 * parameter, so every fix is a new resource.
 */
function failReason(cluster: CacheCluster): string {
  if (isMemcached(cluster.engine)) {
    const target = atLeast(cluster.engineVersion, MEMCACHED_TLS_MIN) ? "a new" : "a new Memcached 1.6.12+";
    return `Memcached cluster ${cluster.id} accepts only plaintext connections and TLS cannot be turned on for an existing cluster: create ${target} cluster with TLS (or an ElastiCache Serverless cache) and move clients to it.`;
  }
  return `Standalone cache cluster ${cluster.id} accepts only plaintext connections and TLS cannot be turned on for a cache cluster: migrate it to a replication group (or serverless cache) with TLS.`;
}

export const control: Control = {
  meta: {
    id: "elasticache.cluster-transit-encryption",
    service: "elasticache",
    title: "Memcached and standalone cache clusters use TLS",
    severity: "high",
    responsibility: "customer",
    recommendation: "tls",
    seed: {
      file: "000_1318394cfcef3e54.txt",
      quote: "Use SSL/TLS to communicate with AWS resources. We recommend TLS 1.2 or later.",
    },
    resourceType: RESOURCE_TYPE,
    remediation: {
      text: "Recreate the cluster as a TLS-enabled Memcached 1.6.12+ cluster in a VPC, a TLS-enabled Valkey/Redis OSS replication group, or an ElastiCache Serverless cache, and update clients to connect with TLS.",
      url: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption.html",
    },
    docs: [],
    requires: ["elasticache:DescribeCacheClusters"],
    related: [],
    verdicts: [
      "pass: a live cache cluster outside any replication group (node-based Memcached, or a standalone Valkey/Redis OSS cluster) accepts only TLS connections.",
      "warn: TLS is on in mode preferred.",
      "fail: in-transit encryption is off (it cannot be turned on in place: the fix is a new resource).",
      "error: DescribeCacheClusters failed in that Region.",
    ],
  },
  evaluate(inventory) {
    return elasticacheRegions(inventory).flatMap((region) =>
      region.cacheClusters
        // Replication-group members are judged as a group by elasticache.rg-transit-encryption.
        .filter((cluster) => cluster.replicationGroupId === undefined && isLive(cluster.status))
        .map((cluster): ResourceResult => {
          const evidence = {
            engine: cluster.engine ?? null,
            engineVersion: cluster.engineVersion ?? null,
            transitEncryptionEnabled: cluster.transitEncryptionEnabled ?? null,
            transitEncryptionMode: cluster.transitEncryptionMode ?? null,
          };
          const base = { resourceArn: cluster.arn, resourceType: RESOURCE_TYPE, region: cluster.region, evidence };
          if (cluster.transitEncryptionEnabled !== true) {
            return { ...base, status: "fail", reason: failReason(cluster) };
          }
          // Same meaning as on a replication group: TLS offered, plaintext still accepted.
          if (cluster.transitEncryptionMode === "preferred") {
            return {
              ...base,
              status: "warn",
              reason: `Cache cluster ${cluster.id} has TLS in mode preferred, so it still accepts plaintext connections.`,
            };
          }
          return { ...base, status: "pass", reason: `Cache cluster ${cluster.id} accepts only TLS connections.` };
        }),
    );
  },
};
