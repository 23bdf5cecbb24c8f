/**
 * Reads one Region's resource tags in bulk (docs/controls.md#personal-data) for the services whose describe
 * calls do not return tags, so the personal-data detector can scan them. It never throws.
 */
import {
  paginateGetResources,
  type ResourceGroupsTaggingAPIClient,
  type ResourceTagMapping,
} from "@aws-sdk/client-resource-groups-tagging-api";
import type { CollectionError, TaggedResource } from "@/lib/inventory";
import { SERVICE_DESCRIPTORS } from "@/lib/inventory/services";
import { createRegionCalls, pagingOf, readAllPages, type RegionCalls } from "../harness";
import { toTaggedResource } from "./reshape";

export { toTaggedResource } from "./reshape";

export interface TaggedResourcesResult {
  /** Empty when the list failed: half a list would hide tags as if they did not exist. */
  inventory: TaggedResource[];
  errors: CollectionError[];
}

/** The resource types Safekeep reads tags of (docs/controls.md#personal-data), from the service descriptors. */
export const TAGGED_RESOURCE_TYPES: readonly string[] = SERVICE_DESCRIPTORS.flatMap((d) => d.taggedResourceTypes ?? []);

/** The API's maximum (1–100), to keep the call count low (docs/controls.md#call-budget). */
const RESOURCES_PER_PAGE = 100;

function withArn(mappings: readonly ResourceTagMapping[]): Array<ResourceTagMapping & { ResourceARN: string }> {
  return mappings.filter(
    (mapping): mapping is ResourceTagMapping & { ResourceARN: string } =>
      typeof mapping.ResourceARN === "string" && mapping.ResourceARN !== "",
  );
}

/**
 * GetResources for the catalog's resource types, every page. It returns only resources that have
 * at least one tag. Any failure, including a Region that does not answer, yields no resources and
 * one CollectionError.
 */
export async function collectTagsInRegion(
  client: ResourceGroupsTaggingAPIClient,
  region: string,
  calls: RegionCalls = createRegionCalls({ service: "account", region, prefix: "tag" }),
): Promise<TaggedResourcesResult> {
  const listed = await calls.run("GetResourcesCommand", () =>
    readAllPages(
      paginateGetResources(pagingOf(client), {
        ResourcesPerPage: RESOURCES_PER_PAGE,
        ResourceTypeFilters: [...TAGGED_RESOURCE_TYPES],
      }),
      (page) => page.ResourceTagMappingList,
    ),
  );
  if (!listed.ok) return { inventory: [], errors: [listed.error] };
  return { inventory: withArn(listed.value).map((mapping) => toTaggedResource(mapping, region)), errors: [] };
}
