import { ResourceGroupsTaggingAPIClient } from "@aws-sdk/client-resource-groups-tagging-api";
import { createScopedClient, type CollectScope } from "../harness";
import { collectTagsInRegion, type TaggedResourcesResult } from "./collect";

export type { TaggedResourcesResult } from "./collect";

/** Reads one Region's tags with a client of the scope (counted and paced). */
export async function collectTaggedResources(region: string, scope: CollectScope): Promise<TaggedResourcesResult> {
  const client = createScopedClient(ResourceGroupsTaggingAPIClient, region, scope, "tag");
  try {
    return await collectTagsInRegion(client, region);
  } finally {
    client.destroy();
  }
}
