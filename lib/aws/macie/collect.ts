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
import { createRegionCalls, type RegionCalls } from "../harness";
import { isMacieMemberAccountError, isMacieNotEnabledError, toAutomatedDiscovery, toMacieStatus } from "./reshape";

export { isMacieMemberAccountError, isMacieNotEnabledError, toAutomatedDiscovery, toMacieStatus } from "./reshape";

export interface MacieRegionResult {
  /** Undefined when GetMacieSession failed (the error says why, `region-unavailable` included). */
  inventory?: MacieRegion;
  errors: CollectionError[];
}

async function readSession(client: Macie2Client, calls: RegionCalls): Promise<MacieRegionResult> {
  const { region } = calls;
  const session = await calls.run("GetMacieSessionCommand", () => client.send(new GetMacieSessionCommand({})));
  if (!session.ok) {
    if (isMacieNotEnabledError(session.raw)) return { inventory: { region, status: "NOT_ENABLED" }, errors: [] };
    return { errors: [session.error] };
  }
  const status = toMacieStatus(session.value);
  if (status) return { inventory: { region, status }, errors: [] };
  const error: CollectionError = {
    service: "account",
    region,
    action: iamActionFor("GetMacieSessionCommand", "macie2") ?? "macie2:GetMacieSession",
    kind: ERROR_KINDS.other,
    message: "GetMacieSession answered without a status",
  };
  return { errors: [error] };
}

/**
 * Collects one Region with the given client (tests pass a mocked one). `calls` is the Region's
 * queue; by default one of the shared concurrency limit.
 */
export async function collectMacieSession(
  client: Macie2Client,
  region: string,
  calls: RegionCalls = createRegionCalls({ service: "account", region, prefix: "macie2" }),
): Promise<MacieRegionResult> {
  const session = await readSession(client, calls);
  // Budget (docs/controls.md#call-budget): automated discovery is only asked where Macie is enabled.
  if (session.inventory?.status !== "ENABLED") return session;
  const inventory: MacieRegion = { ...session.inventory };
  const answer = await calls.run("GetAutomatedDiscoveryConfigurationCommand", () =>
    client.send(new GetAutomatedDiscoveryConfigurationCommand({})),
  );
  if (answer.ok)
    return { inventory: { ...inventory, automatedDiscovery: toAutomatedDiscovery(answer.value) }, errors: [] };
  if (isMacieMemberAccountError(answer.raw)) return { inventory: { ...inventory, memberAccount: true }, errors: [] };
  return { inventory, errors: [answer.error] };
}
