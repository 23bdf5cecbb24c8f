import { ResourceGroupsTaggingAPIClient } from "@aws-sdk/client-resource-groups-tagging-api";
import { createAwsClient, type CallStats } from "../clients";
import { collectTagsInRegion, type TaggedResourcesResult } from "./collect";

export type { TaggedResourcesResult } from "./collect";

/** Reads one Region's tags with a client of the shared configuration, counting its calls into `stats`. */
export async function collectTaggedResources(region: string, stats: CallStats): Promise<TaggedResourcesResult> {
  const client = createAwsClient(ResourceGroupsTaggingAPIClient, region, stats);
  try {
    return await collectTagsInRegion(client, region);
  } finally {
    client.destroy();
  }
}
