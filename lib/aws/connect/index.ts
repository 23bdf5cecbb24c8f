import { ConnectClient } from "@aws-sdk/client-connect";
import { createAwsClient, type CallStats } from "../clients";
import { collectConnectRegionWithClient, type ConnectRegionResult } from "./collect";

export type { ConnectRegionResult } from "./collect";

/** Collects one region with a client of the shared configuration, counting its calls into `stats`. */
export async function collectConnectRegion(region: string, stats: CallStats): Promise<ConnectRegionResult> {
  const client = createAwsClient(ConnectClient, region, stats);
  try {
    return await collectConnectRegionWithClient(client, region);
  } finally {
    client.destroy();
  }
}
