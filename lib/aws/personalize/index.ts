import { PersonalizeClient } from "@aws-sdk/client-personalize";
import { createScopedClient, type CollectScope } from "../harness";
import { collectPersonalizeWithClient, type PersonalizeRegionResult } from "./collect";

export type { PersonalizeRegionResult } from "./collect";

/** Collects one Region with a client of the scope (counted and paced). */
export async function collectPersonalizeRegion(region: string, scope: CollectScope): Promise<PersonalizeRegionResult> {
  const client = createScopedClient(PersonalizeClient, region, scope, "personalize");
  try {
    return await collectPersonalizeWithClient(client, region);
  } finally {
    client.destroy();
  }
}
