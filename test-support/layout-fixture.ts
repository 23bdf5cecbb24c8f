/**
 * Snapshots that stress page layout: a dozen denied actions, the same Regions skipped for several
 * services, 200-character names without spaces, 64-hex ids and a control with 10,000 results. The
 * layout e2e stores them under their own account, so the other specs never see them.
 */
import { exampleSnapshot } from "@/lib/snapshot/fixtures";
import type { Snapshot } from "@/lib/snapshot/schema";

export const LAYOUT_ACCOUNT = "135792468024";
export const LAYOUT_SERVICE = "elasticache";
export const LAYOUT_CONTROL = "elasticache.rg-authentication";
export const LAYOUT_RESULTS = 10_000;

/** 64 hex characters, the same for the same seed (no randomness: screenshots and failures repeat). */
export function hex64(seed: number): string {
  let out = "";
  let x = (seed + 1) * 2654435761;
  while (out.length < 64) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    out += x.toString(16).padStart(8, "0").slice(-8);
  }
  return out.slice(0, 64);
}

const DENIED = [
  "elasticache:DescribeReplicationGroups",
  "elasticache:DescribeCacheClusters",
  "elasticache:DescribeSnapshots",
  "elasticache:DescribeServerlessCaches",
  "cognito-idp:DescribeUserPool",
  "cognito-idp:ListUserPoolClients",
  "cognito-idp:DescribeUserPoolClient",
  "iam:GetAccountAuthorizationDetails",
  "iam:ListAccessKeys",
  "macie2:GetMacieSession",
  "cloudtrail:DescribeTrails",
  "personalize:ListDatasetExportJobs",
  "connect:ListInstances",
  "connect:ListApprovedOrigins",
] as const;

const NOT_ENABLED = "The Region is not enabled for this account.";
const LONG = "customer-data-export-pipeline-for-the-analytics-warehouse-and-its-nightly-replication-";

/**
 * The stressing snapshot, finished at `finishedAt`, with the given (64-character) id. `results` rows go
 * into `LAYOUT_CONTROL`; smaller numbers keep the unit test quick.
 */
export function layoutSnapshot(id: string, finishedAt: string, results = LAYOUT_RESULTS): Snapshot {
  return exampleSnapshot(id, finishedAt, (s) => {
    s.account = { id: LAYOUT_ACCOUNT, partition: "aws", name: `${LONG}${LONG}${LONG}`.slice(0, 200) };
    s.regions = [...s.regions, "eu-south-2", "me-central-1", "ap-southeast-4", "ca-west-1"];
    s.coverage = {
      deniedActions: [...DENIED].sort(),
      errors: DENIED.map((action) => ({
        service: serviceOf(action),
        region: action.startsWith("iam:") ? "global" : "us-east-1",
        action,
        kind: "access-denied" as const,
        message: `User: arn:aws:sts::${LAYOUT_ACCOUNT}:assumed-role/SafekeepScanner/${hex64(1)} is not authorized to perform: ${action}`,
      })),
      skippedRegions: (["elasticache", "cognito", "personalize", "connect"] as const).flatMap((service) =>
        ["eu-south-2", "me-central-1"].map((region) => ({ region, service, reason: NOT_ENABLED })),
      ),
    };
    const control = s.controls.find((c) => c.id === LAYOUT_CONTROL)!;
    control.title = `Replication groups require authentication (${LONG}${LONG})`;
    control.requires = [...control.requires, "elasticache:DescribeServerlessCaches"];
    const regions = s.regions;
    control.results = Array.from({ length: results }, (_, i) => {
      const region = regions[i % regions.length]!;
      const id = hex64(i);
      return {
        resourceArn: `arn:aws:elasticache:${region}:${LAYOUT_ACCOUNT}:replicationgroup:${id}`,
        resourceType: "AWS::ElastiCache::ReplicationGroup",
        region,
        status: i % 3 === 0 ? ("pass" as const) : ("fail" as const),
        reason: `Replication group ${id} has no AUTH token and no RBAC user group (TransitEncryptionEnabled=false).`,
        name: i % 2 === 0 ? `${LONG}${LONG}${id}` : id,
        tags: [{ key: "cost-center", value: `${LONG}${id}` }],
        evidence: { AuthTokenEnabled: false, UserGroupIds: [], ReplicationGroupId: id, Arn: hex64(i + 1) },
      };
    });
  });
}

function serviceOf(action: string): Snapshot["coverage"]["errors"][number]["service"] {
  const prefix = action.split(":")[0]!;
  const map: Record<string, Snapshot["coverage"]["errors"][number]["service"]> = {
    elasticache: "elasticache",
    "cognito-idp": "cognito",
    iam: "iam",
    personalize: "personalize",
    connect: "connect",
  };
  return map[prefix] ?? "account";
}
