import { AccountClient, ListRegionsCommand } from "@aws-sdk/client-account";
import { DescribeRegionsCommand, EC2Client } from "@aws-sdk/client-ec2";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { createCollectScope } from "../harness";
import { discoverEnabledRegions } from "./regions";

const scope = () => createCollectScope({ accountId: "111122223333", partition: "aws" });
const account = mockClient(AccountClient);
const ec2 = mockClient(EC2Client);
afterEach(() => {
  account.reset();
  ec2.reset();
});

const denied = (action: string) =>
  Object.assign(new Error(`User: x is not authorized to perform: ${action}`), {
    name: "AccessDeniedException",
    $metadata: { httpStatusCode: 403 },
  });

describe("discoverEnabledRegions", () => {
  it("lists enabled regions across pages, sorted", async () => {
    account
      .on(ListRegionsCommand)
      .resolvesOnce({ Regions: [{ RegionName: "us-east-1" }, { RegionName: "eu-west-1" }], NextToken: "t" })
      .resolvesOnce({ Regions: [{ RegionName: "ap-southeast-2" }] });
    const { regions, errors } = await discoverEnabledRegions("us-east-1", scope());
    expect(regions).toEqual(["ap-southeast-2", "eu-west-1", "us-east-1"]);
    expect(errors).toEqual([]);
    expect(account.commandCalls(ListRegionsCommand)[0]?.args[0].input).toMatchObject({
      RegionOptStatusContains: ["ENABLED", "ENABLED_BY_DEFAULT"],
    });
    expect(ec2).toHaveReceivedCommandTimes(DescribeRegionsCommand, 0);
  });

  it("falls back to EC2 when account:ListRegions is denied, and says so", async () => {
    account.on(ListRegionsCommand).rejects(denied("account:ListRegions"));
    ec2.on(DescribeRegionsCommand).resolves({ Regions: [{ RegionName: "us-west-2" }] });
    const { regions, errors } = await discoverEnabledRegions("us-east-1", scope());
    expect(regions).toEqual(["us-west-2"]);
    expect(errors).toEqual([expect.objectContaining({ action: "account:ListRegions", kind: "access-denied" })]);
    expect(ec2.commandCalls(DescribeRegionsCommand)[0]?.args[0].input).toEqual({ AllRegions: false });
  });

  it("returns no regions when neither call answers", async () => {
    account.on(ListRegionsCommand).rejects(denied("account:ListRegions"));
    ec2.on(DescribeRegionsCommand).rejects(denied("ec2:DescribeRegions"));
    const { regions, errors } = await discoverEnabledRegions("us-east-1", scope());
    expect(regions).toEqual([]);
    expect(errors.map((e) => e.action)).toEqual(["account:ListRegions", "ec2:DescribeRegions"]);
  });
});
