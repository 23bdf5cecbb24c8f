/**
 * Collects one Region's Macie state (xc.macie-enabled, xc.macie-automated-discovery).
 * Never throws: a failed call becomes a CollectionError; Macie's "not enabled" answer is a finding,
 * not an error.
 */
import {
  GetAutomatedDiscoveryConfigurationCommand,
  GetMacieSessionCommand,
  type Macie2Client,
} from "@aws-sdk/client-macie2";
import { ERROR_KINDS, type CollectionError, type MacieRegion } from "@/lib/inventory";
import { iamActionFor } from "../actions";
import { classifyAwsError } from "../errors";
import { isMacieMemberAccountError, isMacieNotEnabledError, toAutomatedDiscovery, toMacieStatus } from "./reshape";

export { isMacieMemberAccountError, isMacieNotEnabledError, toAutomatedDiscovery, toMacieStatus } from "./reshape";

export interface MacieRegionResult {
  /** Undefined when GetMacieSession failed (the error says why, `region-unavailable` included). */
  inventory?: MacieRegion;
  errors: CollectionError[];
}

function collectionError(commandName: string, region: string, error: unknown): CollectionError {
  const action = iamActionFor(commandName, "macie2") ?? commandName;
  return { service: "account", region, ...classifyAwsError(error, action) };
}

async function readSession(client: Macie2Client, region: string): Promise<MacieRegionResult> {
  try {
    const session = await client.send(new GetMacieSessionCommand({}));
    const status = toMacieStatus(session);
    if (status) return { inventory: { region, status }, errors: [] };
    const error: CollectionError = {
      service: "account",
      region,
      action: iamActionFor("GetMacieSessionCommand", "macie2") ?? "macie2:GetMacieSession",
      kind: ERROR_KINDS.other,
      message: "GetMacieSession answered without a status",
    };
    return { errors: [error] };
  } catch (error) {
    if (isMacieNotEnabledError(error)) return { inventory: { region, status: "NOT_ENABLED" }, errors: [] };
    return { errors: [collectionError("GetMacieSessionCommand", region, error)] };
  }
}

export async function collectMacieSession(client: Macie2Client, region: string): Promise<MacieRegionResult> {
  const session = await readSession(client, region);
  // Budget (docs/controls.md#call-budget): automated discovery is only asked where Macie is enabled.
  if (session.inventory?.status !== "ENABLED") return session;
  const inventory: MacieRegion = { ...session.inventory };
  try {
    const answer = await client.send(new GetAutomatedDiscoveryConfigurationCommand({}));
    inventory.automatedDiscovery = toAutomatedDiscovery(answer);
    return { inventory, errors: [] };
  } catch (error) {
    if (isMacieMemberAccountError(error)) return { inventory: { ...inventory, memberAccount: true }, errors: [] };
    return { inventory, errors: [collectionError("GetAutomatedDiscoveryConfigurationCommand", region, error)] };
  }
}
