import { Macie2Client } from "@aws-sdk/client-macie2";
import { createScopedClient, type CollectScope } from "../harness";
import { collectMacieSession, type MacieRegionResult } from "./collect";

export type { MacieRegionResult } from "./collect";

/** Collects one Region's Macie session with a client of the scope (counted and paced). */
export async function collectMacieRegion(region: string, scope: CollectScope): Promise<MacieRegionResult> {
  const client = createScopedClient(Macie2Client, region, scope, "macie2");
  try {
    return await collectMacieSession(client, region);
  } finally {
    client.destroy();
  }
}
