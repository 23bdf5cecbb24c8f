import type { Inventory, MacieRegion } from "@/lib/inventory";

/** The Regions whose Macie state was read (none when Macie was not collected). */
export function macieRegions(inventory: Inventory): MacieRegion[] {
  return inventory.accountWide?.macie ?? [];
}

/** Macie has no session ARN; this stable pseudo ARN names "Macie in this account and Region". */
export function macieSessionArn(inventory: Inventory, region: string): string {
  return `arn:${inventory.account.partition}:macie2:${region}:${inventory.account.id}:session`;
}
