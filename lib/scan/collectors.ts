/**
 * The regional services' collectors, one line each: the scan runs every one its plan needs in every
 * Region where the service is offered, and files each Region's inventory under the service's part of
 * `Inventory`. Account-level steps (IAM, CloudTrail, Macie, tags, storage, KMS) are not here: each
 * reads or fills something of its own and is wired in lib/scan/scan-aws.ts.
 */
import { collectCognitoRegion } from "@/lib/aws/cognito";
import { collectConnectRegion } from "@/lib/aws/connect";
import { collectElastiCache } from "@/lib/aws/elasticache";
import type { CollectScope } from "@/lib/aws/harness";
import { collectPersonalizeRegion } from "@/lib/aws/personalize";
import type { CollectionError, Inventory } from "@/lib/inventory";

/** The services whose part of the inventory is `{ regions: [...] }`, collected Region by Region. */
type RegionalPart = {
  [K in keyof Inventory]-?: NonNullable<Inventory[K]> extends { regions: (infer R)[] }
    ? R extends { region: string }
      ? K
      : never
    : never;
}[keyof Inventory];

type RegionOf<K extends RegionalPart> = NonNullable<Inventory[K]>["regions"][number];

export interface RegionalCollector<K extends RegionalPart> {
  /** IAM prefixes of the calls it makes (the scan plan's step for this service; see lib/scan/plan.ts). */
  prefixes: readonly string[];
  /** Only these actions of the prefixes, when another step calls the others. */
  actions?: readonly string[];
  collect(region: string, scope: CollectScope): Promise<{ inventory: RegionOf<K>; errors: CollectionError[] }>;
}

export const REGIONAL_COLLECTORS: { readonly [K in RegionalPart]: RegionalCollector<K> } = {
  elasticache: { prefixes: ["elasticache"], collect: collectElastiCache },
  cognito: { prefixes: ["cognito-idp", "cognito-identity"], collect: collectCognitoRegion },
  personalize: { prefixes: ["personalize"], collect: collectPersonalizeRegion },
  // DescribeInstance needs ds:DescribeDirectories for instances that use an AWS Directory Service directory.
  connect: { prefixes: ["connect", "ds"], collect: collectConnectRegion },
};

export type RegionalService = RegionalPart;

export const REGIONAL_SERVICES = Object.keys(REGIONAL_COLLECTORS) as RegionalService[];

/** Runs one regional service's collector for one Region; the Region's inventory as its part's type. */
export function collectRegion(
  service: RegionalService,
  region: string,
  scope: CollectScope,
): Promise<{ inventory: { region: string }; errors: CollectionError[] }> {
  return REGIONAL_COLLECTORS[service].collect(region, scope);
}
