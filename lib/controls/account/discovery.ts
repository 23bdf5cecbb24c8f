/**
 * Some account-level controls judge things the scan found through other services' resources: the
 * KMS keys that caches, pools, jobs, instances, trails, buckets and streams refer to
 * (lib/inventory/references.ts), and the event sources whose TLS details are sampled where a service
 * has resources (lib/scan/tls-targets.ts). When a call that finds those resources fails, some keys
 * or samples are missing without a trace in the control's own calls, so the control must list the
 * finding calls in `meta.requires` too: the runner then gives it one error row per failed call and
 * Region, and it is marked incomplete instead of judging fewer things silently.
 *
 * The lists below are gathered from the service descriptors, which declare what those two files read
 * (discovery.test.ts reads along with them and fails when they read a part of the inventory that is
 * not listed).
 */
import { SERVICES_THEN_ACCOUNT } from "@/lib/inventory/services";

/**
 * The calls that collect each part of the inventory, as paths (`[]` stands for every element of a
 * list). A part holds what is read beneath it too, so reading a field costs the calls of every part
 * on its path: a list lists the calls whose failure can leave it without an entry, a field the
 * calls that fill it in. A user pool whose DescribeUserPool fails is dropped, so the pools list both
 * calls; a dataset group whose DescribeDatasetGroup fails is kept from the list call but loses its
 * key, so only its key needs the describe. Each service declares its own (`inventorySources` in its
 * descriptor, lib/inventory/services).
 */
export const INVENTORY_SOURCES: Readonly<Record<string, readonly string[]>> = Object.assign(
  // The scanned account: GetCallerIdentity needs no permission, and the scan cannot start without it.
  { account: [] },
  ...SERVICES_THEN_ACCOUNT.map((d) => d.inventorySources),
);

/** A path of INVENTORY_SOURCES. */
export type InventoryPart = string;

/**
 * What lib/inventory/references.ts reads to find keys, including the buckets and streams that lead to
 * keys: where a key id resolves (the account), and what each service's `references` read.
 */
export const KEY_DISCOVERY_PARTS: readonly InventoryPart[] = [
  "account",
  ...SERVICES_THEN_ACCOUNT.flatMap((d) => d.references.reads),
];

/** What lib/scan/tls-targets.ts reads to choose where to sample CloudTrail events. */
export const TLS_TARGET_PARTS: readonly InventoryPart[] = [
  ...new Set(SERVICES_THEN_ACCOUNT.flatMap((d) => d.tls?.reads ?? [])),
];

/** Whether `outer` is `path` or a part of the inventory that holds it. */
export function holds(outer: string, path: string): boolean {
  return path === outer || path.startsWith(`${outer}.`) || path.startsWith(`${outer}[`);
}

/** Every call that collects one of the parts or a part holding it, once each. */
export function collectingActions(parts: readonly InventoryPart[]): string[] {
  const sources = Object.entries(INVENTORY_SOURCES);
  return [
    ...new Set(parts.flatMap((part) => sources.filter(([outer]) => holds(outer, part)).flatMap(([, calls]) => calls))),
  ];
}

/** Calls whose answers name the KMS keys xc.kms-key-usable and xc.kms-key-rotation judge. */
export const KEY_DISCOVERY_ACTIONS: readonly string[] = collectingActions(KEY_DISCOVERY_PARTS);

/** Calls whose answers decide where xc.tls-client-versions samples. */
export const TLS_TARGET_ACTIONS: readonly string[] = collectingActions(TLS_TARGET_PARTS);
