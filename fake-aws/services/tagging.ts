/**
 * Resource Groups Tagging API (awsJson1_1): the inverse of lib/aws/tagging/reshape.ts, with real
 * paging. Resources come from inventory.accountWide.taggedResources of the caller's Region,
 * filtered by ResourceTypeFilters (`service` or `service:type`), TagFilters and ResourceARNList
 * as GetResources filters them.
 */
import * as schemas from "@aws-sdk/client-resource-groups-tagging-api";
import type { TaggedResource } from "@/lib/inventory";
import { parseArn } from "@/lib/inventory/references";
import { page } from "../paging";
import type { FakeRequest, FakeService } from "../types";

/** GetResources' default and maximum page size. */
const RESOURCES_PER_PAGE = 100;

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** `elasticache` matches every ElastiCache ARN; `ec2:instance` only `…:instance/…` ones. */
function matchesType(arn: string, filter: string): boolean {
  const parsed = parseArn(arn);
  if (!parsed) return false;
  const [service, type] = filter.split(":");
  if (parsed.service !== service) return false;
  return type === undefined || parsed.resource.startsWith(`${type}/`) || parsed.resource.startsWith(`${type}:`);
}

/** Every filter must hold: the key is present and, when values are given, has one of them. */
function matchesTags(resource: TaggedResource, filters: unknown): boolean {
  if (!Array.isArray(filters)) return true;
  return filters.every((filter: { Key?: unknown; Values?: unknown }) => {
    const values = strings(filter.Values);
    return resource.tags.some((tag) => tag.key === filter.Key && (values.length === 0 || values.includes(tag.value)));
  });
}

function resourcesOf(request: FakeRequest): TaggedResource[] {
  const types = strings(request.params.ResourceTypeFilters);
  const arns = strings(request.params.ResourceARNList);
  return (request.scenario.inventory.accountWide?.taggedResources ?? []).filter(
    (resource) =>
      resource.region === request.region &&
      (types.length === 0 || types.some((type) => matchesType(resource.arn, type))) &&
      (arns.length === 0 || arns.includes(resource.arn)) &&
      matchesTags(resource, request.params.TagFilters),
  );
}

export const tagging: FakeService = {
  model: { signingName: "tagging", actionPrefix: "tag", protocol: "json", jsonVersion: "1.1", schemas },
  responders: {
    /** AWS ends the last page with an empty PaginationToken rather than none. */
    GetResources: (request) => {
      const { items, next } = page(
        resourcesOf(request),
        request.params.PaginationToken,
        request.params.ResourcesPerPage,
        RESOURCES_PER_PAGE,
      );
      return {
        ResourceTagMappingList: items.map((resource) => ({
          ResourceARN: resource.arn,
          Tags: resource.tags.map((tag) => ({ Key: tag.key, Value: tag.value })),
        })),
        PaginationToken: next ?? "",
      };
    },
  },
};
