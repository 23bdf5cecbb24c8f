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

/**
 * Results about a whole Region rather than one resource (a call that failed there, a Region-wide
 * setting) carry the ARN `arn:<partition>:<service>:<region>:<account>:*`: the Region it covers, or
 * null for any other ARN.
 */
export function accountLevelRegion(arn: string): string | null {
  const parts = arn.split(":");
  return parts.length === 6 && parts[0] === "arn" && parts[5] === "*" ? parts[3]! : null;
}

/** "Region us-east-1 (account-level)", or "Global (account-level)" for a global service's; null for a resource. */
export function accountLevelName(arn: string): string | null {
  const region = accountLevelRegion(arn);
  if (region === null) return null;
  return region === "" || region === "global" ? "Global (account-level)" : `Region ${region} (account-level)`;
}

/** The name to show first: the resource's own name, or its id when no name is known ("*" is named for its Region). */
export function displayName(result: Pick<LabelledResult, "resourceArn" | "name">): string {
  return result.name?.trim() ? result.name : (accountLevelName(result.resourceArn) ?? resourceId(result.resourceArn));
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
