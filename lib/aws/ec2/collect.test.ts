import { DescribeVpcEndpointsCommand, EC2Client } from "@aws-sdk/client-ec2";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { collectStsVpcEndpointsRegion, stsServiceName, toVpcEndpoint } from "./collect";

const REGION = "eu-west-1";
const ec2 = mockClient(EC2Client);
const client = new EC2Client({ region: REGION });

const sdkEndpoint = (id: string, state = "available") => ({
  VpcEndpointId: id,
  VpcId: "vpc-0c41e7a9b2d3f5068",
  ServiceName: `com.amazonaws.${REGION}.sts`,
  State: state as "Available",
  VpcEndpointType: "Interface" as const,
  PrivateDnsEnabled: true,
  DnsEntries: [{ DnsName: "vpce-x.sts.eu-west-1.vpce.amazonaws.com" }],
});

function awsError(name: string, message: string, httpStatusCode: number) {
  return Object.assign(new Error(message), { name, $fault: "client", $metadata: { httpStatusCode } });
}

beforeEach(() => {
  ec2.reset();
  ec2.on(DescribeVpcEndpointsCommand).resolves({ VpcEndpoints: [] });
});

describe("reshaping", () => {
  it("maps a VPC endpoint, keeping the state as the API spells it", () => {
    expect(toVpcEndpoint(sdkEndpoint("vpce-1", "pendingAcceptance"))).toEqual({
      id: "vpce-1",
      vpcId: "vpc-0c41e7a9b2d3f5068",
      serviceName: `com.amazonaws.${REGION}.sts`,
      state: "pendingAcceptance",
      type: "Interface",
      privateDnsEnabled: true,
    });
    expect(toVpcEndpoint({})).toEqual({
      id: "",
      vpcId: undefined,
      serviceName: "",
      state: undefined,
      type: undefined,
      privateDnsEnabled: undefined,
    });
  });

  it("names the Region's STS endpoint service", () => {
    expect(stsServiceName("ap-southeast-2")).toBe("com.amazonaws.ap-southeast-2.sts");
  });
});

describe("collectStsVpcEndpointsRegion", () => {
  it("filters on the Region's STS service name and collects the endpoints", async () => {
    ec2.on(DescribeVpcEndpointsCommand).resolves({ VpcEndpoints: [sdkEndpoint("vpce-1"), { VpcId: "no-id" }] });

    const { inventory, errors } = await collectStsVpcEndpointsRegion(client, REGION);

    expect(errors).toEqual([]);
    expect(inventory).toEqual({ region: REGION, endpoints: [toVpcEndpoint(sdkEndpoint("vpce-1"))] });
    expect(ec2).toHaveReceivedCommandWith(DescribeVpcEndpointsCommand, {
      Filters: [{ Name: "service-name", Values: ["com.amazonaws.eu-west-1.sts"] }],
    });
    expect(ec2).toHaveReceivedCommandTimes(DescribeVpcEndpointsCommand, 1);
  });

  it("follows NextToken pages", async () => {
    ec2.on(DescribeVpcEndpointsCommand).resolves({ VpcEndpoints: [sdkEndpoint("vpce-1")], NextToken: "p2" });
    ec2.on(DescribeVpcEndpointsCommand, { NextToken: "p2" }).resolves({ VpcEndpoints: [sdkEndpoint("vpce-2")] });

    const { inventory } = await collectStsVpcEndpointsRegion(client, REGION);

    expect(inventory.endpoints.map((e) => e.id)).toEqual(["vpce-1", "vpce-2"]);
    expect(ec2).toHaveReceivedLastCommandWith(DescribeVpcEndpointsCommand, { NextToken: "p2" });
  });

  it("yields no endpoints when a later page fails", async () => {
    ec2.on(DescribeVpcEndpointsCommand).resolves({ VpcEndpoints: [sdkEndpoint("vpce-1")], NextToken: "p2" });
    ec2.on(DescribeVpcEndpointsCommand, { NextToken: "p2" }).rejects(awsError("InternalError", "boom", 500));
    const { inventory, errors } = await collectStsVpcEndpointsRegion(client, REGION);
    expect(inventory.endpoints).toEqual([]);
    expect(errors).toEqual([
      {
        service: "iam",
        region: REGION,
        action: "ec2:DescribeVpcEndpoints",
        kind: "other",
        message: "InternalError: boom",
      },
    ]);
  });

  it.each([
    {
      error: awsError(
        "UnauthorizedOperation",
        "You are not authorized to perform this operation. User: arn:aws:iam::111122223333:user/x is not authorized to perform: ec2:DescribeVpcEndpoints",
        403,
      ),
      kind: "access-denied",
      message: "insufficient permissions: ec2:DescribeVpcEndpoints",
    },
    {
      error: awsError("RequestLimitExceeded", "Request limit exceeded.", 503),
      kind: "throttled",
      message: "throttled: RequestLimitExceeded: Request limit exceeded.",
    },
    {
      error: awsError("AuthFailure", "AWS was not able to validate the provided access credentials", 401),
      kind: "credentials-rejected",
      message:
        "the Region rejected the credentials: AuthFailure: AWS was not able to validate the provided access credentials",
    },
  ])("turns $kind into one CollectionError for the Region", async ({ error, kind, message }) => {
    ec2.on(DescribeVpcEndpointsCommand).rejects(error);
    const { inventory, errors } = await collectStsVpcEndpointsRegion(client, REGION);
    expect(inventory).toEqual({ region: REGION, endpoints: [] });
    expect(errors).toEqual([{ service: "iam", region: REGION, action: "ec2:DescribeVpcEndpoints", kind, message }]);
  });
});
