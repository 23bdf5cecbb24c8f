import type { Control, ResourceResult } from "../types";
import { elasticacheRegions, isLive, isMemcached } from "./scope";

const RESOURCE_TYPE = "Memcached cluster";

export const control: Control = {
  meta: {
    id: "elasticache.memcached-at-rest",
    service: "elasticache",
    title: "Node-based Memcached has no at-rest encryption option",
    severity: "low",
    responsibility: "customer",
    recommendation: "encryption",
    seed: {
      file: "000_1318394cfcef3e54.txt",
      quote: "Use AWS encryption solutions, along with all default security controls within AWS services.",
    },
    resourceType: RESOURCE_TYPE,
    remediation: {
      text: "Use ElastiCache Serverless for Memcached if at-rest encryption is required.",
      url: "https://docs.aws.amazon.com/AmazonElastiCache/latest/mem-ug/at-rest-encryption.html",
    },
    docs: [],
    requires: ["elasticache:DescribeCacheClusters"],
    related: [],
    verdicts: [
      "not applicable: always, one row per live node-based Memcached cluster: it has no at-rest encryption option (only serverless Memcached has); advisory, never a pass or a failure.",
      "error: DescribeCacheClusters failed in that Region.",
    ],
  },
  evaluate(inventory) {
    // Advisory only: a node-based Memcached cluster cannot be configured to encrypt at rest, so there is
    // nothing to pass or fail. Personal data in the cluster's name or tags is not judged here either:
    // xc.pii-in-names-tags reports it.
    return elasticacheRegions(inventory).flatMap((region) =>
      region.cacheClusters
        .filter((cluster) => isMemcached(cluster.engine) && isLive(cluster.status))
        .map((cluster): ResourceResult => ({
          resourceArn: cluster.arn,
          resourceType: RESOURCE_TYPE,
          region: cluster.region,
          status: "not-applicable",
          reason: `Memcached cluster ${cluster.id} has no at-rest encryption option. At-rest encryption for Memcached is supported only on serverless caches.`,
          evidence: {
            engine: cluster.engine ?? null,
            atRestEncryptionEnabled: cluster.atRestEncryptionEnabled ?? null,
          },
        })),
    );
  },
};
