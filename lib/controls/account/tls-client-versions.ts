import type { TlsObservation } from "@/lib/inventory";
import type { Control, ResourceResult } from "../types";
import { TLS_TARGET_ACTIONS } from "./discovery";

const RESOURCE_TYPE = "Event source";

/** How many callers and user agents a reason or evidence lists before summarising the rest. */
const MAX_LISTED = 10;
const MAX_IN_REASON = 3;

/** SSL and TLS 1.0/1.1: below the TLS 1.2 the seed pages recommend and AWS now requires. */
export function isLegacyTls(version: string): boolean {
  return /^SSL/i.test(version) || /^TLSv1(\.[01])?$/i.test(version);
}

function distinct(values: ReadonlyArray<string | undefined>): string[] {
  return [...new Set(values.filter((v): v is string => v !== undefined && v !== ""))].sort();
}

function listed(values: readonly string[]): string {
  const shown = values.slice(0, MAX_IN_REASON).join(", ");
  return values.length > MAX_IN_REASON ? `${shown} and ${values.length - MAX_IN_REASON} more` : shown;
}

export const control: Control = {
  meta: {
    id: "xc.tls-client-versions",
    service: "account",
    title: "Callers reach the services with TLS 1.2 or later (observed in CloudTrail)",
    severity: "low",
    responsibility: "customer",
    recommendation: "tls",
    seed: {
      file: "000_1318394cfcef3e54.txt",
      quote: "Use SSL/TLS to communicate with AWS resources. We recommend TLS 1.2 or later.",
    },
    resourceType: RESOURCE_TYPE,
    remediation: {
      text: "Upgrade the client runtime or SDK of each listed caller so it negotiates TLS 1.2 or 1.3; AWS API endpoints no longer accept TLS 1.0 or 1.1.",
      url: "https://aws.amazon.com/blogs/security/tls-1-2-required-for-aws-endpoints/",
    },
    docs: [
      "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html",
    ],
    // Where to sample depends on which Regions have resources (lib/scan/tls-targets.ts): when a call
    // that finds them fails, a Region may go unsampled, and the control says so.
    requires: ["cloudtrail:LookupEvents", ...TLS_TARGET_ACTIONS],
    related: [],
    verdicts: [
      "pass: every sampled event of an event source in a Region (up to 50 recent events) used TLS 1.2 or later.",
      "warn: some sampled calls used SSL, TLS 1.0 or TLS 1.1 (callers and user agents are listed).",
      "not applicable: no recent events with TLS details were found for that source and Region.",
      "error: LookupEvents failed in that Region, or a call that finds where to sample failed, so a Region may be unsampled.",
    ],
  },
  evaluate(inventory) {
    const { partition, id: account } = inventory.account;
    return (inventory.accountWide?.tlsSamples ?? []).map((sample): ResourceResult => {
      const where = `${sample.eventSource} in ${sample.region}`;
      const legacy: TlsObservation[] = sample.observations.filter((o) => isLegacyTls(o.tlsVersion));
      const legacyCallers = distinct(legacy.map((o) => o.caller));
      const legacyUserAgents = distinct(legacy.map((o) => o.userAgent));
      const base = {
        resourceArn: `arn:${partition}:cloudtrail:${sample.region}:${account}:event-source/${sample.eventSource}`,
        resourceType: RESOURCE_TYPE,
        region: sample.region,
        // A sample's verdict reads only its own events; the calls that chose where to sample are not among them.
        dependsOn: [{ action: "cloudtrail:LookupEvents", region: sample.region }],
        evidence: {
          sampledEvents: sample.observations.length,
          tlsVersions: distinct(sample.observations.map((o) => o.tlsVersion)),
          legacyTlsEvents: legacy.length,
          legacyCallers: legacyCallers.slice(0, MAX_LISTED),
          legacyUserAgents: legacyUserAgents.slice(0, MAX_LISTED),
        },
      };
      if (sample.observations.length === 0) {
        return {
          ...base,
          status: "not-applicable",
          reason: `No recent ${where} events with TLS details were found, so the TLS versions of its callers are unknown.`,
        };
      }
      if (legacy.length > 0) {
        const callers = legacyCallers.length > 0 ? listed(legacyCallers) : "unidentified callers";
        const agents = legacyUserAgents.length > 0 ? ` with user agent ${listed(legacyUserAgents)}` : "";
        return {
          ...base,
          status: "warn",
          reason: `${legacy.length} of ${sample.observations.length} sampled ${where} calls used ${distinct(legacy.map((o) => o.tlsVersion)).join("/")}, from ${callers}${agents}.`,
        };
      }
      return {
        ...base,
        status: "pass",
        reason: `All ${sample.observations.length} sampled ${where} calls used TLS 1.2 or later.`,
      };
    });
  },
};
