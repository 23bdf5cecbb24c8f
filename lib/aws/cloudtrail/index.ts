import { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import { withRegionClients, type CollectScope } from "../harness";
import {
  collectTrails,
  sampleTlsDetails,
  type CloudTrailResult,
  type TlsSampleResult,
  type TlsTarget,
} from "./collect";

export type { CloudTrailResult, TlsSampleResult, TlsTarget, TrailCollectionContext } from "./collect";

/**
 * Every trail the account can see from `regions` (DescribeTrails with shadow trails in each Region),
 * with its status and event selectors read in its home Region. The scope's account is the scanned
 * one, so an organization trail owned by another account is recognised.
 */
export function collectCloudTrail(regions: string[], scope: CollectScope): Promise<CloudTrailResult> {
  return withRegionClients(CloudTrailClient, scope, "cloudtrail", (clientFor) =>
    collectTrails(clientFor, regions, { accountId: scope.accountId }),
  );
}

/**
 * One LookupEvents page per (event source, Region), reduced to TLS details with masked callers,
 * paced by the scope at CloudTrail's quota. IAM and STS events are recorded in us-east-1
 * (docs/controls.md#regions): pass that Region for them.
 */
export function collectTlsSamples(targets: TlsTarget[], scope: CollectScope): Promise<TlsSampleResult> {
  return withRegionClients(CloudTrailClient, scope, "cloudtrail", (clientFor) => sampleTlsDetails(clientFor, targets));
}
