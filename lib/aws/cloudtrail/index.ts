import { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import { createAwsClient, type CallStats } from "../clients";
import {
  collectTrails,
  LOOKUP_PACING,
  sampleTlsDetails,
  type CloudTrailClientFor,
  type CloudTrailResult,
  type TlsSampleResult,
  type TlsTarget,
  type TrailCollectionContext,
} from "./collect";

export type { CloudTrailResult, TlsSampleResult, TlsTarget, TrailCollectionContext } from "./collect";

/** Runs `work` with one shared-configuration client per Region (created on first use), then destroys them all. */
async function withRegionalClients<Result>(
  stats: CallStats,
  work: (clientFor: CloudTrailClientFor) => Promise<Result>,
): Promise<Result> {
  const clients = new Map<string, CloudTrailClient>();
  const clientFor = (region: string) => {
    const client = clients.get(region) ?? createAwsClient(CloudTrailClient, region, stats);
    clients.set(region, client);
    return client;
  };
  try {
    return await work(clientFor);
  } finally {
    for (const client of clients.values()) client.destroy();
  }
}

/**
 * Every trail the account can see from `regions` (DescribeTrails with shadow trails in each Region),
 * with its status and event selectors read in its home Region. `context.accountId` is the scanned
 * account, so an organization trail owned by another account is recognised. Calls are counted into
 * `stats`.
 */
export function collectCloudTrail(
  regions: string[],
  stats: CallStats,
  context: TrailCollectionContext,
): Promise<CloudTrailResult> {
  return withRegionalClients(stats, (clientFor) => collectTrails(clientFor, regions, context));
}

/**
 * One LookupEvents page per (event source, Region), reduced to TLS details with masked callers.
 * IAM and STS events are recorded in us-east-1 (docs/controls.md#regions): pass that Region for them.
 */
export function collectTlsSamples(
  targets: TlsTarget[],
  stats: CallStats,
  lookupIntervalMs?: number,
): Promise<TlsSampleResult> {
  const pacing = lookupIntervalMs === undefined ? LOOKUP_PACING : { ...LOOKUP_PACING, intervalMs: lookupIntervalMs };
  return withRegionalClients(stats, (clientFor) => sampleTlsDetails(clientFor, targets, pacing));
}
