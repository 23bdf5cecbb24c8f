import type { Inventory, TlsSample } from "@/lib/inventory";
import type { Control, ResourceResult } from "../types";
import { FIPS_SERVICES, type FipsService } from "./fips-endpoints-data";

const RESOURCE_TYPE = "Service endpoint";
const GLOBAL = "global";

function yesNo(value: boolean | undefined): string {
  if (value === undefined) return "unknown";
  return value ? "yes" : "no";
}

/** A call that reached a FIPS endpoint: `-fips.` hostnames, or the GovCloud hosts that are FIPS themselves. */
function reachedFips(hostHeader: string | undefined, fipsHost: string | undefined): boolean {
  if (!hostHeader) return false;
  return hostHeader.includes("-fips.") || (fipsHost !== undefined && hostHeader === fipsHost);
}

/**
 * Distinct (masked) callers seen on the FIPS endpoint in the sampled events, or null when no events
 * of this service and Region were sampled (LookupEvents not run, refused, or not asked there).
 */
function observedFipsCallers(
  samples: readonly TlsSample[] | undefined,
  service: FipsService,
  region: string,
  fipsHost: string | undefined,
): number | null {
  const relevant = (samples ?? []).filter(
    (s) => s.eventSource === service.eventSource && (region === GLOBAL || s.region === region),
  );
  if (relevant.length === 0) return null;
  const callers = new Set(
    relevant
      .flatMap((s) => s.observations)
      .filter((o) => reachedFips(o.clientProvidedHostHeader, fipsHost))
      .map((o) => o.caller ?? "unknown caller"),
  );
  return callers.size;
}

function isOffered(service: FipsService, partition: string, region: string): boolean {
  return service.offeredIn === undefined || (service.offeredIn[partition] ?? []).includes(region);
}

function rowFor(inventory: Inventory, service: FipsService, region: string): ResourceResult {
  const { partition, id: account } = inventory.account;
  const resourceArn = `arn:${partition}:${service.id}:${region === GLOBAL ? "" : region}:${account}:fips-endpoint`;
  const where = region === GLOBAL ? "(global endpoint)" : `in ${region}`;
  if (!isOffered(service, partition, region)) {
    return {
      resourceArn,
      resourceType: RESOURCE_TYPE,
      region,
      status: "not-applicable",
      reason: `${service.name} is not offered ${where} according to the SDK endpoint list, so no FIPS endpoint applies.`,
      evidence: { service: service.id, offered: false },
    };
  }
  const fipsHost = service.fipsEndpoints[partition]?.[region];
  const scannerUsesFips = inventory.accountWide?.scanner.useFipsEndpoint;
  const observed = observedFipsCallers(inventory.accountWide?.tlsSamples, service, region, fipsHost);
  const availability = fipsHost ? `FIPS endpoint ${fipsHost} is available` : "no FIPS endpoint is listed";
  return {
    resourceArn,
    resourceType: RESOURCE_TYPE,
    region,
    // Informational (docs/controls.md#aws-managed): FIPS is a requirement only some workloads have, so never a failure.
    status: "pass",
    reason: `${service.name} ${where}: ${availability}; scanner uses FIPS: ${yesNo(scannerUsesFips)}; observed FIPS callers: ${observed ?? "not sampled"}.`,
    evidence: {
      service: service.id,
      fipsEndpointAvailable: fipsHost !== undefined,
      fipsEndpoint: fipsHost ?? null,
      scannerUsesFips: scannerUsesFips ?? null,
      observedFipsCallers: observed,
    },
  };
}

export const control: Control = {
  meta: {
    id: "xc.fips-endpoints",
    service: "account",
    title: "FIPS endpoint availability and use is known for each service and Region",
    severity: "info",
    responsibility: "customer",
    recommendation: "fips",
    seed: {
      file: "000_1318394cfcef3e54.txt",
      quote:
        "If you require FIPS 140-2 validated cryptographic modules when accessing AWS through a command line interface or an API, use a FIPS endpoint.",
    },
    resourceType: RESOURCE_TYPE,
    remediation: {
      text: "If you need FIPS 140 validated cryptography, set use_fips_endpoint (AWS_USE_FIPS_ENDPOINT=true) in your SDKs and CLI and keep those workloads in Regions that offer FIPS endpoints.",
      url: "https://docs.aws.amazon.com/sdkref/latest/guide/feature-endpoints.html",
    },
    docs: ["https://aws.amazon.com/compliance/fips/"],
    // Static data plus the scanner's own configuration. Observed callers come from the TLS sample when
    // there is one; LookupEvents is optional (docs/controls.md#permissions), so its failure must
    // not mark this row error.
    requires: [],
    related: [],
    verdicts: [
      "pass: informational, never a failure: one row per service and scanned Region (IAM: one global row) saying whether a FIPS endpoint is listed, whether the scanner uses FIPS, and how many callers were seen on the FIPS endpoint in the sampled CloudTrail events.",
      "not applicable: the SDK endpoint list does not offer the service in that Region.",
      "error: never: it reads static endpoint data and the scanner's own settings, and LookupEvents is optional for it.",
    ],
  },
  evaluate(inventory) {
    return FIPS_SERVICES.filter((service) => inventory.services.includes(service.scannedAs)).flatMap((service) =>
      (service.global ? [GLOBAL] : inventory.regions).map((region) => rowFor(inventory, service, region)),
    );
  },
};
