/**
 * How a result's resource is shown and searched, the same on pages and in exports: its name first,
 * the id from its ARN beside it, tags as `key=value`. Pure, no Node APIs: client components use it.
 */
import type { Tag } from "@/lib/inventory/common";

export interface LabelledResult {
  resourceArn: string;
  resourceType: string;
  region: string;
  reason: string;
  name?: string;
  tags?: Tag[];
}

/** The part of an ARN a person recognises: the resource id after the last ':' or '/'. */
export function resourceId(arn: string): string {
  const tail = arn.split(":").slice(5).join(":");
  return tail.split(/[:/]/).pop() || arn;
}

/** The name to show first: the resource's own name, or its id when no name is known. */
export function displayName(result: Pick<LabelledResult, "resourceArn" | "name">): string {
  return result.name?.trim() ? result.name : resourceId(result.resourceArn);
}

/** `team=identity; env=prod`: one cell in a CSV, one line on a page. */
export function formatTags(tags: readonly Tag[] | undefined): string {
  return (tags ?? []).map((tag) => `${tag.key}=${tag.value}`).join("; ");
}

/** Case-insensitive search over what a row shows: name, ARN, type, Region, reason and tags. */
export function matchesQuery(result: LabelledResult, query: string | undefined): boolean {
  const needle = query?.trim().toLowerCase();
  if (!needle) return true;
  const fields = [
    result.name ?? "",
    result.resourceArn,
    result.resourceType,
    result.region,
    result.reason,
    ...(result.tags ?? []).flatMap((tag) => [tag.key, tag.value, `${tag.key}=${tag.value}`]),
  ];
  return fields.some((field) => field.toLowerCase().includes(needle));
}
