import { EC2Client } from "@aws-sdk/client-ec2";
import { createScopedClient, type CollectScope } from "../harness";
import { collectStsVpcEndpointsRegion, type StsVpcEndpointsResult } from "./collect";

export type { StsVpcEndpointsResult } from "./collect";

/** Lists one Region's STS interface VPC endpoints with a client of the scope (counted and paced). */
export async function collectStsVpcEndpoints(region: string, scope: CollectScope): Promise<StsVpcEndpointsResult> {
  const client = createScopedClient(EC2Client, region, scope, "ec2");
  try {
    return await collectStsVpcEndpointsRegion(client, region);
  } finally {
    client.destroy();
  }
}
