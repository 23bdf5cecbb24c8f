import { EC2Client } from "@aws-sdk/client-ec2";
import { createAwsClient, type CallStats } from "../clients";
import { collectStsVpcEndpointsRegion, type StsVpcEndpointsResult } from "./collect";

export type { StsVpcEndpointsResult } from "./collect";

/** Lists one Region's STS interface VPC endpoints with a shared-configuration client, counting calls into `stats`. */
export async function collectStsVpcEndpoints(region: string, stats: CallStats): Promise<StsVpcEndpointsResult> {
  const client = createAwsClient(EC2Client, region, stats);
  try {
    return await collectStsVpcEndpointsRegion(client, region);
  } finally {
    client.destroy();
  }
}
