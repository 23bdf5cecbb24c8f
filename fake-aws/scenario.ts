import { readFile } from "node:fs/promises";
import { demoInventory } from "@/lib/demo/inventory";
import type { Scenario } from "./types";

/**
 * A scenario from a JSON file (`{ inventory, faults?, latencyMs?, seed? }`), or the demo account
 * when the name is "demo". The demo's own recorded collection errors are dropped: the fake serves
 * the resources, and faults are injected explicitly.
 */
export async function loadScenario(source: string): Promise<Scenario> {
  if (source === "demo") return { inventory: { ...demoInventory, errors: [] } };
  const parsed = JSON.parse(await readFile(source, "utf8")) as Partial<Scenario>;
  if (!parsed.inventory?.account?.id) throw new Error(`${source}: a scenario needs inventory.account.id`);
  return parsed as Scenario;
}
