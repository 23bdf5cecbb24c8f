import type { Control, ResourceResult } from "../types";
import { elasticacheRegions, isLive, isMemcached } from "./scope";

const RESOURCE_TYPE = "Serverless cache";

export const control: Control = {
  meta: {
    id: "elasticache.serverless-access-control",
    service: "elasticache",
    title: "Serverless Valkey/Redis OSS caches have an RBAC user group",
    severity: "medium",
    responsibility: "customer",
    recommendation: "least-privilege",
    seed: {
      file: "000_1318394cfcef3e54.txt",
      quote: "In this approach, each user is given only the permissions necessary to fulfill their job duties.",
    },
    resourceType: RESOURCE_TYPE,
    remediation: {
      text: "Create an RBAC user group with password or IAM-authenticated users and associate it with the serverless cache.",
      url: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.RBAC.html",
    },
    docs: [],
    requires: ["elasticache:DescribeServerlessCaches"],
    related: [],
  },
  evaluate(inventory) {
    return elasticacheRegions(inventory).flatMap((region) =>
      region.serverlessCaches
        .filter((cache) => isLive(cache.status))
        .map((cache): ResourceResult => {
          const evidence = { engine: cache.engine ?? null, userGroupId: cache.userGroupId ?? null };
          const base = { resourceArn: cache.arn, resourceType: RESOURCE_TYPE, region: cache.region, evidence };
          if (isMemcached(cache.engine)) {
            return {
              ...base,
              status: "not-applicable",
              reason: `Serverless cache ${cache.name} runs Memcached, which has no RBAC user groups (they exist for Valkey and Redis OSS only).`,
            };
          }
          if (cache.userGroupId) {
            return {
              ...base,
              status: "pass",
              reason: `Serverless cache ${cache.name} controls access with RBAC user group ${cache.userGroupId}.`,
            };
          }
          // RBAC is the only access control a serverless cache has, so without it only the network limits access.
          return {
            ...base,
            status: "warn",
            reason: `Serverless cache ${cache.name} has no RBAC user group, so access is limited only by its VPC security groups.`,
          };
        }),
    );
  },
};
