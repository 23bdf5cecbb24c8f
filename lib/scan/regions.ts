/**
 * Where each regional service is offered comes from its descriptor's `offeredIn` (lib/inventory/services;
 * docs/controls.md#regions, from the SDK's endpoint metadata). Newer regions may be missing: a region not
 * listed there is still scanned when the user names it explicitly, and an endpoint that does not resolve
 * becomes "not available" rather than an error.
 */
import type { ServiceId } from "@/lib/inventory";
import { offeredInFor } from "@/lib/inventory/services";

/** The partition's region for global IAM calls. */
export { iamRegionFor } from "@/lib/inventory/services";

/**
 * The regions a service (or a part collected with one, such as Macie) is scanned in. With `explicit`
 * (the user listed the regions), every listed region is tried for every service, so a region missing
 * from the lists is not silently skipped; with discovered regions, only those where the service is offered.
 */
export function regionsFor(service: ServiceId | "macie", regions: readonly string[], explicit: boolean): string[] {
  const offered = offeredInFor(service);
  if (!offered || explicit) return [...regions];
  return regions.filter((r) => offered.includes(r));
}
