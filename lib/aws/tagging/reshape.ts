/** Pure mapping from Resource Groups Tagging API results to Safekeep's TaggedResource. */
import type { ResourceTagMapping } from "@aws-sdk/client-resource-groups-tagging-api";
import type { TaggedResource } from "@/lib/inventory";

/**
 * Tags are kept as AWS returns them, `aws:*` keys included: the personal-data detector decides
 * what to skip (docs/controls.md#personal-data), so the collector does not pre-judge.
 */
export function toTaggedResource(
  mapping: ResourceTagMapping & { ResourceARN: string },
  region: string,
): TaggedResource {
  return {
    arn: mapping.ResourceARN,
    region,
    tags: (mapping.Tags ?? []).flatMap((tag) =>
      tag.Key === undefined ? [] : [{ key: tag.Key, value: tag.Value ?? "" }],
    ),
  };
}
