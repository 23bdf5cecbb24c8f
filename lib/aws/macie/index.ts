import { Macie2Client } from "@aws-sdk/client-macie2";
import { createAwsClient, type CallStats } from "../clients";
import { collectMacieSession, type MacieRegionResult } from "./collect";

export type { MacieRegionResult } from "./collect";

/** Collects one Region's Macie session with a client of the shared configuration, counting its calls into `stats`. */
export async function collectMacieRegion(region: string, stats: CallStats): Promise<MacieRegionResult> {
  const client = createAwsClient(Macie2Client, region, stats);
  try {
    return await collectMacieSession(client, region);
  } finally {
    client.destroy();
  }
}
