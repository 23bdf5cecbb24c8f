import { PersonalizeClient } from "@aws-sdk/client-personalize";
import { createAwsClient, type CallStats } from "../clients";
import { collectPersonalizeWithClient, type PersonalizeRegionResult } from "./collect";

export type { PersonalizeRegionResult } from "./collect";

/** Collects one region with a client of the shared configuration, counting its calls into `stats`. */
export async function collectPersonalizeRegion(region: string, stats: CallStats): Promise<PersonalizeRegionResult> {
  const client = createAwsClient(PersonalizeClient, region, stats);
  try {
    return await collectPersonalizeWithClient(client, region);
  } finally {
    client.destroy();
  }
}
