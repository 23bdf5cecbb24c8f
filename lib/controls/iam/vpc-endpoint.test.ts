import { describe, expect, it } from "vitest";
import type { CollectionError, VpcEndpoint } from "@/lib/inventory";
import { IAM_TEST_NOW, iamInventory, stsVpcEndpointsRegion, TEST_ACCOUNT, vpcEndpoint } from "@/lib/inventory/builders";
import { control } from "./vpc-endpoint";

const now = IAM_TEST_NOW;

function evaluate(endpoints: VpcEndpoint[], region = "us-east-1") {
  return control.evaluate(iamInventory({ stsVpcEndpoints: [stsVpcEndpointsRegion(endpoints, region)] }), { now });
}

describe("sts.vpc-endpoint", () => {
  it.each([
    {
      name: "one available endpoint",
      endpoints: [vpcEndpoint()],
      available: 0 + 1,
      reason: /has 1 available STS interface VPC endpoint\(s\) in 1 VPC/,
    },
    {
      name: "two endpoints in two VPCs",
      endpoints: [vpcEndpoint(), vpcEndpoint({ id: "vpce-2", vpcId: "vpc-2" })],
      available: 2,
      reason: /has 2 available .* in 2 VPC/,
    },
    {
      name: "state spelled as in the model",
      endpoints: [vpcEndpoint({ state: "Available" })],
      available: 1,
      reason: /has 1 available/,
    },
    {
      name: "no endpoint",
      endpoints: [],
      available: 0,
      reason: /No STS interface VPC endpoint is available in us-east-1/,
    },
    {
      name: "only a pending endpoint",
      endpoints: [vpcEndpoint({ state: "pendingAcceptance" })],
      available: 0,
      reason: /No STS interface/,
    },
  ])("$name → pass (informational, never fails)", ({ endpoints, available, reason }) => {
    const results = evaluate(endpoints);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({
      status: "pass",
      region: "us-east-1",
      resourceArn: `arn:aws:ec2:us-east-1:${TEST_ACCOUNT}:vpc-endpoint/*`,
    });
    expect(results[0]?.evidence.availableEndpoints).toBe(available);
    expect(results[0]?.reason).toMatch(reason);
    expect(results[0]?.reason).toContain("us-east-1");
  });

  it("records endpoint ids, VPCs and private DNS of the available endpoints only", () => {
    const [result] = evaluate([
      vpcEndpoint(),
      vpcEndpoint({ id: "vpce-pending", vpcId: "vpc-x", state: "pending", privateDnsEnabled: false }),
    ]);
    expect(result?.evidence).toEqual({
      availableEndpoints: 1,
      endpointIds: ["vpce-0a7f3c91d2e84b650"],
      vpcIds: ["vpc-0c41e7a9b2d3f5068"],
      privateDnsEnabled: true,
      otherEndpoints: 1,
    });
  });

  it("gives one row per scanned region and skips regions whose call failed", () => {
    const error: CollectionError = {
      service: "iam",
      region: "eu-west-1",
      action: "ec2:DescribeVpcEndpoints",
      kind: "access-denied",
      message: "insufficient permissions: ec2:DescribeVpcEndpoints",
    };
    const inventory = iamInventory({
      stsVpcEndpoints: [
        stsVpcEndpointsRegion([vpcEndpoint()]),
        stsVpcEndpointsRegion([], "eu-west-1"),
        stsVpcEndpointsRegion([], "ap-southeast-2"),
      ],
    });
    const results = control.evaluate({ ...inventory, errors: [error] }, { now });
    expect(results.map((r) => r.region)).toEqual(["us-east-1", "ap-southeast-2"]);
  });

  it("yields nothing when no region was checked", () => {
    expect(control.evaluate(iamInventory({}), { now })).toEqual([]);
  });
});
