/**
 * Where each regional service is offered (docs/controls.md#regions, from the SDK's endpoint metadata).
 * Newer regions may be missing: a region not listed here is still scanned when the user names it
 * explicitly, and an endpoint that does not resolve becomes "not available" rather than an error.
 */
import type { ServiceId } from "@/lib/inventory";
import { CONNECT_REGIONS, MACIE_REGIONS, PERSONALIZE_REGIONS } from "@/lib/inventory/regions";

/** The partition's region for global IAM calls. */
export function iamRegionFor(partition: string): string {
  if (partition === "aws-us-gov") return "us-gov-west-1";
  if (partition === "aws-cn") return "cn-north-1";
  return "us-east-1";
}

/**
 * The regions a service is scanned in. With `explicit` (the user listed the regions), every listed
 * region is tried for every service, so a region missing from the lists above is not silently
 * skipped; with discovered regions, only those where the service is offered.
 */
export function regionsFor(service: ServiceId | "macie", regions: readonly string[], explicit: boolean): string[] {
  const offered =
    service === "connect"
      ? CONNECT_REGIONS
      : service === "personalize"
        ? PERSONALIZE_REGIONS
        : service === "macie"
          ? MACIE_REGIONS
          : undefined;
  if (!offered || explicit) return [...regions];
  return regions.filter((r) => offered.includes(r));
}
