import { readFile } from "node:fs/promises";
import { demoInventory } from "@/lib/demo/inventory";
import { validateOrganization } from "./organization";
import type { AnyScenario, OrganizationScenario, Scenario } from "./types";

/**
 * A scenario from a JSON file (`{ inventory, faults?, latencyMs?, seed? }`, or an organization:
 * `{ organization: { accounts: [{ inventory, … }, …] }, … }`), or the demo account when the name is
 * "demo". The demo's own recorded collection errors are dropped: the fake serves the resources, and
 * faults are injected explicitly.
 */
export async function loadScenario(source: string): Promise<AnyScenario> {
  if (source === "demo") return { inventory: { ...demoInventory, errors: [] } };
  const parsed = JSON.parse(await readFile(source, "utf8")) as Partial<Scenario> & Partial<OrganizationScenario>;
  if (parsed.organization) {
    validateOrganization(parsed.organization);
    return parsed as OrganizationScenario;
  }
  if (!parsed.inventory?.account?.id) throw new Error(`${source}: a scenario needs inventory.account.id`);
  return parsed as Scenario;
}
