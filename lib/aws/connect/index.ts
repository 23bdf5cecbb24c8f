import { ConnectClient } from "@aws-sdk/client-connect";
import { createScopedClient, type CollectScope } from "../harness";
import { collectConnectRegionWithClient, type ConnectRegionResult } from "./collect";

export type { ConnectRegionResult } from "./collect";

/** Collects one Region with a client of the scope: counted, and paced at Connect's per-API quota. */
export async function collectConnectRegion(region: string, scope: CollectScope): Promise<ConnectRegionResult> {
  const client = createScopedClient(ConnectClient, region, scope, "connect");
  try {
    return await collectConnectRegionWithClient(client, region);
  } finally {
    client.destroy();
  }
}
