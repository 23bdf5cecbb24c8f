import type { Inventory, ServiceId } from "@/lib/inventory";
import { descriptorOf, SERVICE_DESCRIPTORS } from "@/lib/inventory/services";

export interface TlsTarget {
  eventSource: string;
  region: string;
}

/**
 * Where to sample CloudTrail events of one service for the TLS versions callers use
 * (xc.tls-client-versions): its event sources in the Regions where it has resources (IAM and STS in
 * the partition's IAM Region, where global-service events are recorded), as its descriptor says.
 * LookupEvents is slow (2 calls per second per Region), so Regions without resources are not sampled.
 */
export function tlsTargetsOf(service: ServiceId, inventory: Inventory): TlsTarget[] {
  const tls = descriptorOf(service).tls;
  if (!tls) return [];
  return tls
    .regionsWithResources(inventory)
    .flatMap((region) => tls.sources.map(({ eventSource }) => ({ eventSource, region })));
}

/** Every service's TLS sampling targets, in SERVICE_IDS order. */
export function tlsTargets(inventory: Inventory): TlsTarget[] {
  return SERVICE_DESCRIPTORS.flatMap((descriptor) => tlsTargetsOf(descriptor.id, inventory));
}
