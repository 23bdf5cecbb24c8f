/**
 * Finds one Region's interface VPC endpoints for AWS STS (sts.vpc-endpoint). The
 * data belongs to the IAM/STS service, so its errors carry service "iam" with the Region they
 * happened in. It never throws: a failed call becomes one CollectionError.
 */
import { paginateDescribeVpcEndpoints, type EC2Client } from "@aws-sdk/client-ec2";
import type { CollectionError, StsVpcEndpointsRegion } from "@/lib/inventory";
import { createRegionCalls, pagingOf, readAllPages, type RegionCalls } from "../harness";
import { stsServiceName, toVpcEndpoint } from "./reshape";

export { stsServiceName, toVpcEndpoint } from "./reshape";

export interface StsVpcEndpointsResult {
  /**
   * With an error, `endpoints` is [] because it is unknown, not because there are none: the caller
   * should leave the Region out of `IamInventory.stsVpcEndpoints` (sts.vpc-endpoint also skips a
   * Region whose DescribeVpcEndpoints failed).
   */
  inventory: StsVpcEndpointsRegion;
  /** At most one entry; a `region-unavailable` entry means the Region was not scanned. */
  errors: CollectionError[];
}

/**
 * One filtered DescribeVpcEndpoints (more pages only if the Region has very many endpoints). No page
 * size is sent: the service default covers the filtered list (docs/controls.md#call-budget).
 */
export async function collectStsVpcEndpointsRegion(
  client: EC2Client,
  region: string,
  calls: RegionCalls = createRegionCalls({ service: "iam", region, prefix: "ec2" }),
): Promise<StsVpcEndpointsResult> {
  const listed = await calls.run("DescribeVpcEndpointsCommand", () =>
    readAllPages(
      paginateDescribeVpcEndpoints(pagingOf(client), {
        Filters: [{ Name: "service-name", Values: [stsServiceName(region)] }],
      }),
      (page) => page.VpcEndpoints,
    ),
  );
  // A list that failed part-way yields no items; an unreachable Region likewise.
  if (!listed.ok) return { inventory: { region, endpoints: [] }, errors: [listed.error] };
  return {
    inventory: { region, endpoints: listed.value.map(toVpcEndpoint).filter((endpoint) => endpoint.id !== "") },
    errors: [],
  };
}
