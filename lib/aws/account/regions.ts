import { AccountClient, paginateListRegions } from "@aws-sdk/client-account";
import { DescribeRegionsCommand, EC2Client } from "@aws-sdk/client-ec2";
import type { CollectionError } from "@/lib/inventory";
import { createRegionCalls, createScopedClient, readAllPages, type CollectScope } from "../harness";

export interface EnabledRegions {
  regions: string[];
  errors: CollectionError[];
}

/** account:ListRegions, enabled and enabled-by-default only. */
export async function listEnabledRegions(client: AccountClient): Promise<string[]> {
  const regions = await readAllPages(
    paginateListRegions({ client, pageSize: 50 }, { RegionOptStatusContains: ["ENABLED", "ENABLED_BY_DEFAULT"] }),
    (page) => page.Regions,
  );
  return regions.flatMap((r) => (r.RegionName ? [r.RegionName] : []));
}

/** ec2:DescribeRegions without AllRegions lists only the regions enabled for the account. */
export async function describeEnabledRegions(client: EC2Client): Promise<string[]> {
  const answer = await client.send(new DescribeRegionsCommand({ AllRegions: false }));
  return (answer.Regions ?? []).flatMap((r) => (r.RegionName ? [r.RegionName] : []));
}

/**
 * The account's enabled regions (docs/controls.md#regions): account:ListRegions first, then the EC2 fallback,
 * both asked in `homeRegion` with clients of the scope. Returns an empty list with the errors when
 * neither answers; the caller cannot scan "all" then.
 */
export async function discoverEnabledRegions(homeRegion: string, scope: CollectScope): Promise<EnabledRegions> {
  const errors: CollectionError[] = [];
  // The Account API is global: its failure is reported under "global".
  const accountCalls = createRegionCalls({ service: "account", region: "global", prefix: "account" });
  const account = createScopedClient(AccountClient, homeRegion, scope, "account");
  try {
    const listed = await accountCalls.run("ListRegionsCommand", () => listEnabledRegions(account));
    if (listed.ok && listed.value.length > 0) return { regions: listed.value.sort(), errors };
    if (!listed.ok) errors.push(listed.error);
  } finally {
    account.destroy();
  }
  const ec2Calls = createRegionCalls({ service: "account", region: homeRegion, prefix: "ec2" });
  const ec2 = createScopedClient(EC2Client, homeRegion, scope, "ec2");
  try {
    const described = await ec2Calls.run("DescribeRegionsCommand", () => describeEnabledRegions(ec2));
    if (described.ok) return { regions: described.value.sort(), errors };
    errors.push(described.error);
    return { regions: [], errors };
  } finally {
    ec2.destroy();
  }
}
