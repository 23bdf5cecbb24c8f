import type { Control, ResourceResult } from "../types";
import { elasticacheRegions, isLive } from "./scope";

const RESOURCE_TYPE = "Serverless cache";

export const control: Control = {
  meta: {
    id: "elasticache.serverless-aws-managed-encryption",
    service: "elasticache",
    title: "Serverless caches are always encrypted in transit and at rest",
    severity: "info",
    responsibility: "aws",
    recommendation: "aws-managed",
    seed: {
      file: "000_1318394cfcef3e54.txt",
      quote: "Use AWS encryption solutions, along with all default security controls within AWS services.",
    },
    resourceType: RESOURCE_TYPE,
    remediation: {
      text: "None needed: AWS encrypts every serverless cache in transit and at rest.",
      url: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html",
    },
    docs: ["https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption.html"],
    requires: ["elasticache:DescribeServerlessCaches"],
    related: [],
    verdicts: [
      "pass: a live serverless cache is encrypted in transit and at rest by AWS (shared responsibility, informational).",
      'fail: the cache reports storage encryption "none", which AWS documents as impossible: flagged for review.',
      "error: DescribeServerlessCaches failed in that Region.",
    ],
  },
  evaluate(inventory) {
    return elasticacheRegions(inventory).flatMap((region) =>
      region.serverlessCaches
        .filter((cache) => isLive(cache.status))
        .map((cache): ResourceResult => {
          const base = {
            resourceArn: cache.arn,
            resourceType: RESOURCE_TYPE,
            region: cache.region,
            evidence: { storageEncryptionType: cache.storageEncryptionType ?? null, engine: cache.engine ?? null },
          };
          // The API model says serverless caches are always encrypted at rest, so "none" is a surprise
          // worth a human look rather than a customer misconfiguration.
          if (cache.storageEncryptionType === "none") {
            return {
              ...base,
              status: "fail",
              reason: `Serverless cache ${cache.name} reports storage encryption none, which AWS documents as impossible; flag it for review.`,
            };
          }
          return {
            ...base,
            status: "pass",
            reason: `Serverless cache ${cache.name} is encrypted in transit and at rest by AWS.`,
          };
        }),
    );
  },
};
