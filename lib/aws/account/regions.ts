import { AccountClient, paginateListRegions } from "@aws-sdk/client-account";
import { DescribeRegionsCommand, EC2Client } from "@aws-sdk/client-ec2";
import type { CollectionError } from "@/lib/inventory";
import { iamActionFor } from "../actions";
import { createAwsClient, type CallStats } from "../clients";
import { classifyAwsError } from "../errors";

export interface EnabledRegions {
  regions: string[];
  errors: CollectionError[];
}

/** account:ListRegions, enabled and enabled-by-default only. */
export async function listEnabledRegions(client: AccountClient): Promise<string[]> {
  const regions: string[] = [];
  for await (const page of paginateListRegions(
    { client, pageSize: 50 },
    { RegionOptStatusContains: ["ENABLED", "ENABLED_BY_DEFAULT"] },
  )) {
    for (const r of page.Regions ?? []) if (r.RegionName) regions.push(r.RegionName);
  }
  return regions;
}

/** ec2:DescribeRegions without AllRegions lists only the regions enabled for the account. */
export async function describeEnabledRegions(client: EC2Client): Promise<string[]> {
  const answer = await client.send(new DescribeRegionsCommand({ AllRegions: false }));
  return (answer.Regions ?? []).flatMap((r) => (r.RegionName ? [r.RegionName] : []));
}

/**
 * The account's enabled regions (docs/controls.md#regions): account:ListRegions first, then the EC2 fallback.
 * Returns an empty list with the errors when neither answers; the caller cannot scan "all" then.
 */
export async function discoverEnabledRegions(homeRegion: string, stats: CallStats): Promise<EnabledRegions> {
  const errors: CollectionError[] = [];
  const account = createAwsClient(AccountClient, homeRegion, stats);
  try {
    const regions = await listEnabledRegions(account);
    if (regions.length > 0) return { regions: regions.sort(), errors };
  } catch (error) {
    const c = classifyAwsError(error, iamActionFor("ListRegionsCommand", "account") ?? "account:ListRegions");
    errors.push({ service: "account", region: "global", ...c });
  } finally {
    account.destroy();
  }
  const ec2 = createAwsClient(EC2Client, homeRegion, stats);
  try {
    return { regions: (await describeEnabledRegions(ec2)).sort(), errors };
  } catch (error) {
    const c = classifyAwsError(error, iamActionFor("DescribeRegionsCommand", "ec2") ?? "ec2:DescribeRegions");
    errors.push({ service: "account", region: homeRegion, ...c });
    return { regions: [], errors };
  } finally {
    ec2.destroy();
  }
}
