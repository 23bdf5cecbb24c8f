/**
 * Whole organizations for the fake endpoint, built from the benchmark's synthetic accounts
 * (bench/generate.ts): `npm run fake-aws -- --org N` and organization tests and benchmarks.
 */
import { generateInventory, type SizeName } from "@/bench/generate";
import type { Inventory } from "@/lib/inventory";
import { DEFAULT_JOINED, slug } from "./organization";
import type { OrganizationAccount, OrganizationalUnit, OrganizationScenario } from "./types";

/** A generated account's inventory carries the generator's fixed account id; this gives it its own. */
export function relabelInventory(inventory: Inventory, accountId: string): Inventory {
  const from = inventory.account.id;
  if (from === accountId) return inventory;
  return JSON.parse(JSON.stringify(inventory).replaceAll(from, accountId)) as Inventory;
}

/** Account ids of a generated organization: the management account first, then its members. */
export function generatedAccountId(index: number): string {
  return String(210_000_000_000 + index * 1_111);
}

export interface GenerateOrganizationOptions {
  /** Accounts in all, the management account included (at least 1). */
  accounts: number;
  size?: SizeName;
  /** Account i is generated with seed `seed + i`, so accounts differ and a run repeats. */
  seed?: number;
  /** The last `suspended` members are SUSPENDED. */
  suspended?: number;
  memberRoleName?: string;
  externalId?: string;
  latencyMs?: number;
  rateLimits?: OrganizationScenario["rateLimits"];
  now?: Date;
}

const OU_NAMES = ["Production", "Development", "Sandbox"];

/**
 * A management account and `accounts − 1` members, each a synthetic account of the benchmark's
 * generator with its own id; members are spread over three OUs under the root, the management
 * account stays at the root.
 */
export function generateOrganization(options: GenerateOrganizationOptions): OrganizationScenario {
  const total = Math.max(1, Math.floor(options.accounts));
  const seed = options.seed ?? 1;
  const managementId = generatedAccountId(0);
  const orgId = `o-${slug(`org/${managementId}`, 10)}`;
  const rootSuffix = slug(`root/${orgId}`, 4);
  const organizationalUnits: OrganizationalUnit[] = OU_NAMES.map((name) => ({
    id: `ou-${rootSuffix}-${slug(`ou/${orgId}/${name}`, 8)}`,
    name,
  }));
  const suspended = Math.min(Math.max(0, options.suspended ?? 0), total - 1);
  const accounts: OrganizationAccount[] = Array.from({ length: total }, (_, i) => {
    const id = generatedAccountId(i);
    const base = generateInventory(options.size ?? "small", { seed: seed + i, now: options.now });
    const inventory = relabelInventory(base, id);
    const name = i === 0 ? "management" : `member-${String(i).padStart(3, "0")}`;
    if (inventory.iam) inventory.iam.accountAliases = [`bench-${name}`];
    return {
      inventory,
      name,
      status: i >= total - suspended ? "SUSPENDED" : "ACTIVE",
      joinedMethod: i === 0 ? "INVITED" : "CREATED",
      joinedTimestamp: new Date(Date.parse(DEFAULT_JOINED) + i * 86_400_000).toISOString(),
      parentId: i === 0 ? undefined : organizationalUnits[(i - 1) % organizationalUnits.length]!.id,
    };
  });
  return {
    organization: {
      id: orgId,
      rootId: `r-${rootSuffix}`,
      accounts,
      organizationalUnits,
      memberRoleName: options.memberRoleName,
      externalId: options.externalId,
    },
    latencyMs: options.latencyMs,
    rateLimits: options.rateLimits,
    seed,
  };
}
