import { DescribeRegionsCommand, DescribeVpcEndpointsCommand, EC2Client } from "@aws-sdk/client-ec2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEnabledRegions } from "@/lib/aws/account/regions";
import { collectStsVpcEndpointsRegion } from "@/lib/aws/ec2/collect";
import type { StsVpcEndpointsRegion } from "@/lib/inventory";
import { iamInventory, stsVpcEndpointsRegion, vpcEndpoint } from "@/lib/inventory/builders";
import { startFakeAws, type FakeAws } from "../server";
import type { Fault, Scenario } from "../types";
import { ec2 } from "./ec2";
import { FAKE_SERVICES } from "./index";

let fake: FakeAws;

const REGIONS = ["us-east-1", "eu-west-1", "eu-south-1", "us-west-2"];

const ENDPOINTS: StsVpcEndpointsRegion[] = [
  stsVpcEndpointsRegion([
    vpcEndpoint(),
    vpcEndpoint({ id: "vpce-0b1c2d3e4f5a6b7c8", state: "pendingAcceptance", privateDnsEnabled: false }),
  ]),
  stsVpcEndpointsRegion(
    [vpcEndpoint({ id: "vpce-0123456789abcdef0", serviceName: "com.amazonaws.eu-west-1.sts", vpcId: "vpc-0eu" })],
    "eu-west-1",
  ),
  stsVpcEndpointsRegion(
    [vpcEndpoint({ id: "vpce-0feedfacecafe0001", serviceName: "com.amazonaws.eu-south-1.sts", type: "Interface" })],
    "eu-south-1",
  ),
];

function scenario(stsVpcEndpoints = ENDPOINTS, faults?: Fault[]): Scenario {
  return { inventory: { ...iamInventory({ stsVpcEndpoints }), regions: REGIONS }, faults };
}

function client(region: string) {
  return new EC2Client({
    region,
    endpoint: fake.url,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts: 1,
  });
}

beforeAll(async () => {
  FAKE_SERVICES[ec2.model.signingName] = ec2;
  fake = await startFakeAws(scenario());
});
afterAll(async () => {
  await fake.close();
});

describe("fake EC2", () => {
  it.each(REGIONS)("round-trips the STS VPC endpoints of %s through the real collector", async (region) => {
    fake.setScenario(scenario());
    const { inventory, errors } = await collectStsVpcEndpointsRegion(client(region), region);
    expect(errors).toEqual([]);
    expect(inventory).toEqual(ENDPOINTS.find((r) => r.region === region) ?? { region, endpoints: [] });
  });

  it("honours the service-name filter and endpoint ids", async () => {
    const s3 = vpcEndpoint({ id: "vpce-0s3", serviceName: "com.amazonaws.us-east-1.s3", type: "Gateway" });
    fake.setScenario(scenario([stsVpcEndpointsRegion([s3, vpcEndpoint()])]));
    const { inventory } = await collectStsVpcEndpointsRegion(client("us-east-1"), "us-east-1");
    expect(inventory.endpoints).toEqual([vpcEndpoint()]);
    const byId = await client("us-east-1").send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: ["vpce-0s3"] }));
    expect(byId.VpcEndpoints?.map((e) => [e.VpcEndpointId, e.VpcEndpointType])).toEqual([["vpce-0s3", "Gateway"]]);
    await expect(
      client("us-east-1").send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: ["vpce-0gone"] })),
    ).rejects.toMatchObject({ name: "InvalidVpcEndpointId.NotFound" });
    await expect(
      client("us-east-1").send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: "bogus", Values: ["x"] }] })),
    ).rejects.toMatchObject({ name: "InvalidParameterValue" });
  });

  it("pages DescribeVpcEndpoints at EC2's 1000 items when no MaxResults is sent", async () => {
    const many = Array.from({ length: 1500 }, (_, i) => vpcEndpoint({ id: `vpce-${String(i).padStart(17, "0")}` }));
    fake.setScenario(scenario([stsVpcEndpointsRegion(many)]));
    fake.reset();
    const { inventory, errors } = await collectStsVpcEndpointsRegion(client("us-east-1"), "us-east-1");
    expect(errors).toEqual([]);
    expect(inventory.endpoints).toEqual(many);
    expect(fake.counts()["ec2:DescribeVpcEndpoints"]).toBe(2);
  });

  it("answers DescribeRegions with the inventory's Regions, and AllRegions adds the opt-in ones", async () => {
    fake.setScenario(scenario());
    await expect(describeEnabledRegions(client("us-east-1"))).resolves.toEqual(REGIONS);
    const all = await client("us-east-1").send(new DescribeRegionsCommand({ AllRegions: true }));
    expect(all.Regions).toEqual(
      expect.arrayContaining([
        { RegionName: "eu-south-1", Endpoint: "ec2.eu-south-1.amazonaws.com", OptInStatus: "opted-in" },
        { RegionName: "af-south-1", Endpoint: "ec2.af-south-1.amazonaws.com", OptInStatus: "not-opted-in" },
        { RegionName: "us-east-1", Endpoint: "ec2.us-east-1.amazonaws.com", OptInStatus: "opt-in-not-required" },
      ]),
    );
    const filtered = await client("us-east-1").send(
      new DescribeRegionsCommand({ Filters: [{ Name: "region-name", Values: ["eu-*"] }] }),
    );
    expect(filtered.Regions?.map((r) => r.RegionName)).toEqual(["eu-west-1", "eu-south-1"]);
  });

  it("answers AuthFailure from an opt-in Region the account has not enabled", async () => {
    fake.setScenario(scenario());
    const { inventory, errors } = await collectStsVpcEndpointsRegion(client("af-south-1"), "af-south-1");
    expect(inventory).toEqual({ region: "af-south-1", endpoints: [] });
    expect(errors).toEqual([expect.objectContaining({ region: "af-south-1", kind: "credentials-rejected" })]);
  });

  it("keeps a Region the inventory skipped for IAM (or for every service) unavailable", async () => {
    const skipped = (service?: "iam" | "cognito"): Scenario => {
      const base = scenario();
      return { inventory: { ...base.inventory, skippedRegions: [{ region: "eu-west-1", service, reason: "x" }] } };
    };
    for (const [service, kinds] of [
      ["iam", ["credentials-rejected"]],
      [undefined, ["credentials-rejected"]],
      ["cognito", []],
    ] as const) {
      fake.setScenario(skipped(service));
      const { errors } = await collectStsVpcEndpointsRegion(client("eu-west-1"), "eu-west-1");
      expect(errors.map((e) => e.kind)).toEqual(kinds);
    }
  });

  it.each([
    { kind: "access-denied", expected: "access-denied", message: "insufficient permissions: ec2:DescribeVpcEndpoints" },
    { kind: "throttle", expected: "throttled", message: "throttled: RequestLimitExceeded: Request limit exceeded." },
    { kind: "server-error", expected: "other", message: expect.stringContaining("InternalFailure") },
  ] as const)("turns an injected $kind into one error for the Region", async ({ kind, expected, message }) => {
    fake.setScenario(scenario(ENDPOINTS, [{ action: "ec2:DescribeVpcEndpoints", region: "eu-west-1", kind }]));
    const { inventory, errors } = await collectStsVpcEndpointsRegion(client("eu-west-1"), "eu-west-1");
    expect(inventory).toEqual({ region: "eu-west-1", endpoints: [] });
    expect(errors).toEqual([
      { service: "iam", region: "eu-west-1", action: "ec2:DescribeVpcEndpoints", kind: expected, message },
    ]);
    // The fault is scoped to its Region.
    await expect(collectStsVpcEndpointsRegion(client("us-east-1"), "us-east-1")).resolves.toMatchObject({ errors: [] });
  });

  it("refuses DescribeRegions under an injected access denial, as EC2 does", async () => {
    fake.setScenario(scenario(ENDPOINTS, [{ action: "ec2:DescribeRegions", kind: "access-denied" }]));
    await expect(describeEnabledRegions(client("us-east-1"))).rejects.toMatchObject({
      name: "UnauthorizedOperation",
      $metadata: { httpStatusCode: 403 },
    });
  });
});
