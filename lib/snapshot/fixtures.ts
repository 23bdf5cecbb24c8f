/**
 * A small, realistic snapshot for tests of history and comparison: ElastiCache, Cognito and IAM
 * findings in several Regions, account-wide ones and a cross-service control. Built by hand so those
 * tests do not move whenever a control or the demo account changes.
 */
import type { Severity, Status } from "@/lib/controls/types";
import { SERVICE_IDS, type ServiceId } from "@/lib/inventory/common";
import { snapshotSchema, type Snapshot, type SnapshotInput } from "./schema";

export const ACCOUNT = "123456789012";
export const REGIONS = [
  "us-east-1",
  "us-east-2",
  "us-west-2",
  "ca-central-1",
  "eu-west-1",
  "eu-central-1",
  "ap-northeast-1",
  "ap-southeast-2",
];

export type Row = { arn: string; region: string; status: Status; field?: string; type?: string; action?: string };
export type ControlInput = SnapshotInput["controls"][number];

export const ec = (region: string, kind: string, name: string) =>
  `arn:aws:elasticache:${region}:${ACCOUNT}:${kind}:${name}`;
export const pool = (region: string, id: string) => `arn:aws:cognito-idp:${region}:${ACCOUNT}:userpool/${region}_${id}`;
export const user = (name: string) => `arn:aws:iam::${ACCOUNT}:user/${name}`;

export function control(
  id: string,
  service: ServiceId,
  severity: Severity,
  requires: string[],
  rows: Row[],
): ControlInput {
  return {
    id,
    service,
    title: id,
    severity,
    status: "fail",
    responsibility: "customer",
    recommendation: "encryption-at-rest",
    summary: "",
    resourceType: "Resource",
    seed: { file: "seed.md", quote: "quote" },
    remediation: { text: "Fix it.", url: "https://docs.aws.amazon.com/" },
    docs: [],
    related: [],
    requires,
    results: rows.map((r) => ({
      resourceArn: r.arn,
      resourceType: r.type ?? "Resource",
      region: r.region,
      status: r.status,
      reason: `${r.arn} is ${r.status}.`,
      evidence: (r.action ? { action: r.action } : {}) as Record<string, string>,
      ...(r.field ? { field: r.field } : {}),
    })),
  };
}

/** A realistic account: ElastiCache, Cognito and IAM findings in several Regions, global ones, a cross-service control. */
export function baseline(): SnapshotInput {
  return {
    schemaVersion: 1,
    id: "from",
    source: "aws",
    account: { id: ACCOUNT, partition: "aws" },
    regions: [...REGIONS],
    startedAt: "2026-11-20T10:00:00.000Z",
    finishedAt: "2026-11-20T10:05:00.000Z",
    score: 75,
    services: SERVICE_IDS.map((id) => ({
      id,
      evaluated: true,
      score: 75,
      counts: { pass: 0, fail: 0, warn: 0, "not-applicable": 0, error: 0 },
    })),
    controls: [
      control(
        "elasticache.rg-authentication",
        "elasticache",
        "high",
        ["elasticache:DescribeReplicationGroups", "elasticache:DescribeCacheClusters"],
        [
          { arn: ec("us-east-1", "replicationgroup", "sessions-prod"), region: "us-east-1", status: "fail" },
          { arn: ec("us-east-1", "replicationgroup", "checkout"), region: "us-east-1", status: "pass" },
          { arn: ec("us-east-1", "cluster", "scratch"), region: "us-east-1", status: "fail" },
          { arn: ec("eu-west-1", "replicationgroup", "carts-eu"), region: "eu-west-1", status: "fail" },
          { arn: ec("ap-southeast-2", "replicationgroup", "orders-au"), region: "ap-southeast-2", status: "warn" },
        ],
      ),
      control(
        "elasticache.rg-transit-encryption",
        "elasticache",
        "high",
        ["elasticache:DescribeReplicationGroups"],
        [
          { arn: ec("us-east-1", "replicationgroup", "checkout"), region: "us-east-1", status: "fail" },
          { arn: ec("eu-west-1", "replicationgroup", "carts-eu"), region: "eu-west-1", status: "pass" },
        ],
      ),
      control(
        "cognito.user-pool-mfa",
        "cognito",
        "medium",
        ["cognito-idp:ListUserPools", "cognito-idp:DescribeUserPool"],
        [
          { arn: pool("us-east-1", "Xk82"), region: "us-east-1", status: "warn" },
          { arn: pool("eu-west-1", "Hq9s"), region: "eu-west-1", status: "pass" },
          { arn: pool("ap-southeast-2", "Nc5t"), region: "ap-southeast-2", status: "fail" },
        ],
      ),
      control(
        "iam.admin-users-with-keys",
        "iam",
        "high",
        ["iam:GetAccountAuthorizationDetails"],
        [
          { arn: user("platform-ops"), region: "global", status: "fail" },
          { arn: user("alice"), region: "global", status: "pass" },
        ],
      ),
      control(
        "personalize.s3-bucket-encryption",
        "personalize",
        "low",
        ["personalize:ListDatasetExportJobs", "s3:GetEncryptionConfiguration"],
        [{ arn: "arn:aws:s3:::exports-au", region: "global", status: "warn" }],
      ),
      control(
        "xc.credentials-in-urls",
        "account",
        "high",
        ["cognito-idp:DescribeUserPoolClient", "connect:ListApprovedOrigins"],
        [
          {
            arn: `${pool("us-east-1", "Xk82")}/client/1k7d`,
            region: "us-east-1",
            status: "fail",
            field: "callbackUrls",
          },
          { arn: `${pool("us-east-1", "Xk82")}/client/1k7d`, region: "us-east-1", status: "pass", field: "logoutUrls" },
        ],
      ),
    ],
    coverage: { deniedActions: [], skippedRegions: [], errors: [] },
    stats: { apiCalls: 100, retries: 0, throttled: 0, durationMs: 1000 },
  };
}

/** The example account as stored: `edit` applied to the baseline, then parsed (finding ids filled in). */
export function exampleSnapshot(
  id: string,
  finishedAt: string,
  edit: (s: SnapshotInput) => void = () => undefined,
): Snapshot {
  const s = baseline();
  s.id = id;
  s.finishedAt = finishedAt;
  s.startedAt = new Date(Date.parse(finishedAt) - 300_000).toISOString();
  edit(s);
  return snapshotSchema.parse(s);
}
