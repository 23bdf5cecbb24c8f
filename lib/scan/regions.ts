/**
 * Where each regional service is offered (controls.md §5, from the SDK's endpoint metadata).
 * Newer regions may be missing: a region not listed here is still scanned when the user names it
 * explicitly, and an endpoint that does not resolve becomes "not available" rather than an error.
 */
import type { ServiceId } from "@/lib/inventory";

export const CONNECT_REGIONS: readonly string[] = [
  "us-east-1",
  "us-west-2",
  "af-south-1",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-southeast-1",
  "ap-southeast-2",
  "ca-central-1",
  "eu-central-1",
  "eu-west-2",
  "us-gov-west-1",
];

export const PERSONALIZE_REGIONS: readonly string[] = [
  "us-east-1",
  "us-east-2",
  "us-west-2",
  "ap-south-1",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-southeast-1",
  "ap-southeast-2",
  "ca-central-1",
  "eu-central-1",
  "eu-west-1",
  "cn-north-1",
];

export const MACIE_REGIONS: readonly string[] = [
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
  "ca-central-1",
  "sa-east-1",
  "eu-central-1",
  "eu-north-1",
  "eu-south-1",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "af-south-1",
  "ap-east-1",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ap-south-1",
  "ap-southeast-1",
  "ap-southeast-2",
  "il-central-1",
  "me-south-1",
];

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
