import { describe, expect, it } from "vitest";
import {
  buildElastiCacheRegion,
  buildInventory,
  cognitoIdentityPool,
  connectInstance,
  replicationGroup,
} from "@/lib/inventory/builders";
import { tlsTargets, tlsTargetsOf } from "./tls-targets";

describe("tlsTargets", () => {
  it("samples services only where they have resources, and IAM/STS in the partition's IAM region", () => {
    const inventory = buildInventory({
      account: { id: "111122223333", partition: "aws-us-gov" },
      elasticache: {
        regions: [
          buildElastiCacheRegion({ region: "us-gov-west-1", replicationGroups: [replicationGroup()] }),
          buildElastiCacheRegion({ region: "us-gov-east-1" }),
        ],
      },
    });
    expect(tlsTargets(inventory)).toEqual([
      { eventSource: "iam.amazonaws.com", region: "us-gov-west-1" },
      { eventSource: "sts.amazonaws.com", region: "us-gov-west-1" },
      { eventSource: "elasticache.amazonaws.com", region: "us-gov-west-1" },
    ]);
  });
});

describe("tlsTargetsOf", () => {
  const inventory = buildInventory({
    cognito: {
      regions: [
        { region: "eu-west-1", userPools: [], identityPools: [cognitoIdentityPool({ region: "eu-west-1" })] },
        { region: "eu-west-2", userPools: [], identityPools: [] },
      ],
    },
    connect: { regions: [{ region: "us-east-1", instances: [connectInstance()] }] },
  });

  it.each([
    [
      "cognito" as const,
      [
        { eventSource: "cognito-idp.amazonaws.com", region: "eu-west-1" },
        { eventSource: "cognito-identity.amazonaws.com", region: "eu-west-1" },
      ],
    ],
    ["connect" as const, [{ eventSource: "connect.amazonaws.com", region: "us-east-1" }]],
    [
      "iam" as const,
      [
        { eventSource: "iam.amazonaws.com", region: "us-east-1" },
        { eventSource: "sts.amazonaws.com", region: "us-east-1" },
      ],
    ],
    // Not collected: nothing to sample.
    ["personalize" as const, []],
    // The account-wide parts have no event source of their own to sample.
    ["account" as const, []],
  ])("gives %s's targets only", (service, expected) => {
    expect(tlsTargetsOf(service, inventory)).toEqual(expected);
  });
});
