/**
 * The accounts of the caller's AWS Organization, for `npm run scan -- --org`. Only the management
 * account or a delegated administrator can list them; the actions are in
 * policy/safekeep-management-policy.json, not in the scanner policy every member role carries.
 */
import {
  DescribeOrganizationCommand,
  OrganizationsClient,
  paginateListAccounts,
  paginateListParents,
} from "@aws-sdk/client-organizations";
import type { Account } from "@aws-sdk/client-organizations";
import type { CollectionError } from "@/lib/inventory";
import { createRegionCalls, createScopedClient, pagingOf, readAllPages, type CollectScope } from "../harness";

export interface OrganizationAccount {
  id: string;
  name?: string;
  /** ACTIVE, SUSPENDED, PENDING_CLOSURE, PENDING_ACTIVATION or CLOSED. */
  state: string;
  /** The account's parent: an organizational unit (`ou-…`) or the root (`r-…`); undefined when it could not be read. */
  parentId?: string;
}

export interface OrganizationListing {
  /** False when ListAccounts failed: `accounts` is then empty, never a part of the organization. */
  listed: boolean;
  organizationId?: string;
  managementAccountId?: string;
  accounts: OrganizationAccount[];
  errors: CollectionError[];
}

/** Organizations is a global service: its failures are reported under this Region, like the Account API's. */
const GLOBAL = "global";

/**
 * `State` replaces `Status`, which AWS retires in September 2026 (the SDK's Account type says so);
 * until then either may be the one filled in.
 */
function stateOf(account: Account): string {
  return account.State ?? account.Status ?? "UNKNOWN";
}

/**
 * Every account of the organization with its state and parent. The email address each account
 * carries is personal data and is dropped here.
 */
export async function listOrganizationAccounts(homeRegion: string, scope: CollectScope): Promise<OrganizationListing> {
  const calls = createRegionCalls({ service: "account", region: GLOBAL, prefix: "organizations" });
  // The SDK sends any Region of the partition to the organization's one global endpoint.
  const client = createScopedClient(OrganizationsClient, homeRegion, scope, "organizations");
  const errors: CollectionError[] = [];
  try {
    const [organization, listing] = await Promise.all([
      calls.run("DescribeOrganizationCommand", () => client.send(new DescribeOrganizationCommand({}))),
      calls.run("ListAccountsCommand", () =>
        readAllPages(paginateListAccounts(pagingOf(client), {}), (page) => page.Accounts),
      ),
    ]);
    // The organization's id only labels the listing; without it the accounts are still known.
    if (!organization.ok) errors.push(organization.error);
    const described = organization.ok ? organization.value.Organization : undefined;
    const header = {
      ...(described?.Id ? { organizationId: described.Id } : {}),
      ...(described?.MasterAccountId ? { managementAccountId: described.MasterAccountId } : {}),
    };
    if (!listing.ok) return { listed: false, ...header, accounts: [], errors: [...errors, listing.error] };

    const accounts = await Promise.all(
      listing.value.flatMap((account) => {
        if (!account.Id) return [];
        const id = account.Id;
        return [
          calls
            .run(
              "ListParentsCommand",
              () => readAllPages(paginateListParents(pagingOf(client), { ChildId: id }), (page) => page.Parents),
              { resource: id },
            )
            .then((parents): OrganizationAccount => {
              if (!parents.ok) errors.push(parents.error);
              // An account has exactly one parent in Organizations today.
              const parentId = parents.ok ? parents.value[0]?.Id : undefined;
              return {
                id,
                ...(account.Name ? { name: account.Name } : {}),
                state: stateOf(account),
                ...(parentId ? { parentId } : {}),
              };
            }),
        ];
      }),
    );
    return { listed: true, ...header, accounts, errors };
  } finally {
    client.destroy();
  }
}
