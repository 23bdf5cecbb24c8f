import type { ConnectInstance } from "@/lib/inventory";
import type { Control, ResourceResult } from "../types";
import { connectInstances, creationFailedResult, INSTANCE, isCreationFailed, wasCollected } from "./scope";

const LIST_ORIGINS = "connect:ListApprovedOrigins";
const LIST_INTEGRATIONS = "connect:ListIntegrationAssociations";

/** How many offending URLs a reason spells out before summarising. */
const MAX_NAMED = 3;

type Problem = "plaintext" | "wildcard" | "unparsable" | "credentials" | "scheme";

export interface UrlVerdict {
  /** Scheme and host only: paths and queries can carry tokens, so they are never repeated. */
  display: string;
  problem?: Problem;
}

/** Loopback hosts are where a developer runs a local page; plain HTTP never leaves the machine. */
function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127(?:\.\d{1,3}){3}$/.test(hostname);
}

/** Judges one approved origin or integration URL (docs/controls.md#url-credentials, rule 4). */
export function judgeUrl(raw: string): UrlVerdict {
  if (raw.includes("*")) return { display: "a wildcard origin", problem: "wildcard" };
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { display: "an unparsable origin", problem: "unparsable" };
  }
  const display = `${url.protocol}//${url.host}`;
  if (url.username || url.password) return { display, problem: "credentials" };
  if (url.protocol === "https:") return { display };
  if (url.protocol === "http:") return isLoopback(url.hostname) ? { display } : { display, problem: "plaintext" };
  return { display, problem: "scheme" };
}

const PROBLEM_WORDS: Record<Problem, string> = {
  plaintext: "plain HTTP",
  wildcard: "a wildcard",
  unparsable: "not a valid URL",
  credentials: "credentials in the URL",
  scheme: "a scheme other than HTTPS",
};

function judge(instance: ConnectInstance): ResourceResult[] {
  if (isCreationFailed(instance)) return [creationFailedResult(instance)];
  const originsKnown = wasCollected(instance, LIST_ORIGINS);
  const integrationsKnown = wasCollected(instance, LIST_INTEGRATIONS);
  const origins = originsKnown ? instance.approvedOrigins : [];
  const integrationUrls = integrationsKnown
    ? instance.integrations.flatMap((integration) =>
        integration.sourceApplicationUrl ? [integration.sourceApplicationUrl] : [],
      )
    : [];
  const verdicts = [...origins, ...integrationUrls].map(judgeUrl);
  const flagged = verdicts.flatMap(({ display, problem }) =>
    problem ? [`${display} (${PROBLEM_WORDS[problem]})`] : [],
  );
  const base = {
    resourceArn: instance.arn,
    resourceType: INSTANCE,
    region: instance.region,
    evidence: {
      approvedOriginCount: origins.length,
      integrationUrlCount: integrationUrls.length,
      flaggedOrigins: flagged,
    },
  };
  if (flagged.length > 0) {
    const named = flagged.slice(0, MAX_NAMED);
    const more = flagged.length > MAX_NAMED ? ` and ${flagged.length - MAX_NAMED} more` : "";
    return [
      {
        ...base,
        status: "warn",
        reason: `Connect instance ${instance.id} trusts ${flagged.length} origin(s) that are not clean HTTPS: ${named.join(", ")}${more}.`,
      },
    ];
  }
  // A clean verdict needs both lists: a failed call may hide a plaintext origin.
  if (!originsKnown || !integrationsKnown) return [];
  if (verdicts.length === 0) {
    return [
      {
        ...base,
        status: "not-applicable",
        reason: `Connect instance ${instance.id} has no approved origins or integration URLs.`,
      },
    ];
  }
  return [
    {
      ...base,
      status: "pass",
      reason: `Connect instance ${instance.id} trusts only HTTPS origins (${verdicts.length} approved origin(s) and integration URL(s)).`,
    },
  ];
}

export const control: Control = {
  meta: {
    id: "connect.approved-origins",
    service: "connect",
    title: "Approved origins and integration URLs use HTTPS and carry no credentials",
    severity: "low",
    responsibility: "customer",
    recommendation: "tls",
    seed: {
      file: "004_fb70acf13c3fd86e.txt",
      quote: "Use SSL/TLS to communicate with AWS resources.",
    },
    resourceType: INSTANCE,
    remediation: {
      text: "Register only HTTPS origins for embedded contact control panels and integrations, without wildcards or credentials, and remove origins no longer used.",
      url: "https://docs.aws.amazon.com/connect/latest/adminguide/encryption-in-transit.html",
    },
    docs: ["https://docs.aws.amazon.com/connect/latest/adminguide/app-integration.html"],
    requires: ["connect:ListInstances", LIST_ORIGINS, LIST_INTEGRATIONS],
    related: [],
    verdicts: [
      "pass: every approved origin and integration URL of the instance is HTTPS (or plain HTTP to a loopback host) and carries no credentials.",
      "warn: an origin uses plain HTTP, a wildcard, a non-HTTPS scheme or credentials, or is not a valid URL.",
      "not applicable: the instance has no approved origins or integration URLs, or failed to create.",
      "error: ListApprovedOrigins or ListIntegrationAssociations failed (a clean verdict needs both lists).",
    ],
  },
  evaluate(inventory) {
    return connectInstances(inventory).flatMap(judge);
  },
};
