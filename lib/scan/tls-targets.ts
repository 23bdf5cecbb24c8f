import type { Inventory } from "@/lib/inventory";
import { iamRegionFor } from "./regions";

export interface TlsTarget {
  eventSource: string;
  region: string;
}

/**
 * Where to sample CloudTrail events for the TLS versions callers use (xc.tls-client-versions): each
 * scanned service's event sources in the regions where it has resources, and IAM and STS in the
 * partition's IAM region, where global-service events are recorded. LookupEvents is slow (2 calls
 * per second per region), so regions without resources are not sampled.
 */
export function tlsTargets(inventory: Inventory): TlsTarget[] {
  const targets: TlsTarget[] = [];
  const add = (eventSources: string[], regions: string[]) => {
    for (const region of regions) for (const eventSource of eventSources) targets.push({ eventSource, region });
  };
  add(
    ["elasticache.amazonaws.com"],
    (inventory.elasticache?.regions ?? [])
      .filter((r) => r.replicationGroups.length + r.cacheClusters.length + r.serverlessCaches.length > 0)
      .map((r) => r.region),
  );
  add(
    ["cognito-idp.amazonaws.com", "cognito-identity.amazonaws.com"],
    (inventory.cognito?.regions ?? [])
      .filter((r) => r.userPools.length + r.identityPools.length > 0)
      .map((r) => r.region),
  );
  add(
    ["personalize.amazonaws.com"],
    (inventory.personalize?.regions ?? []).filter((r) => r.datasetGroups.length > 0).map((r) => r.region),
  );
  add(
    ["connect.amazonaws.com"],
    (inventory.connect?.regions ?? []).filter((r) => r.instances.length > 0).map((r) => r.region),
  );
  add(["iam.amazonaws.com", "sts.amazonaws.com"], [iamRegionFor(inventory.account.partition)]);
  return targets;
}
