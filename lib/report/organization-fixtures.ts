/**
 * Accounts of one Organization as tests of the organization exports see them: member accounts scanned
 * from the demo account's inventory by the real controls (realistic scores, a failing critical
 * control, a partly unverified score), one scanned for two services only, and a sandbox where nothing
 * could be judged (no score at all). Each was scanned at its own time.
 */
import { CONTROLS } from "@/lib/controls/registry";
import { demoInventory } from "@/lib/demo/inventory";
import type { Inventory } from "@/lib/inventory";
import { buildSnapshot } from "@/lib/posture/build-snapshot";
import { control, exampleSnapshot } from "@/lib/snapshot/fixtures";
import type { Snapshot } from "@/lib/snapshot/schema";

export const PAYMENTS_OU = "ou-ab12-payments";
export const SANDBOX_OU = "ou-ab12-sandbox1";

export const PROD = "111122223333";
export const STAGING = "444455556666";
export const SANDBOX = "777788889999";

export function memberScan(
  id: string,
  account: Inventory["account"],
  finishedAt: string,
  services: Inventory["services"] = demoInventory.services,
): Snapshot {
  return buildSnapshot({ ...demoInventory, source: "aws", account, services, finishedAt }, CONTROLS, {
    id,
    now: new Date(finishedAt),
  });
}

/** Production: every service, scanned last. */
export const prodScan = () =>
  memberScan(
    "prod-2",
    { id: PROD, partition: "aws", name: "prod-payments", ou: PAYMENTS_OU },
    "2026-11-27T10:00:00.000Z",
  );

/** Staging: IAM and ElastiCache only; the other services were not evaluated and must not look scored. */
export const stagingScan = () =>
  memberScan(
    "staging-1",
    { id: STAGING, partition: "aws", name: "staging-payments", ou: PAYMENTS_OU },
    "2026-11-26T10:00:00.000Z",
    ["iam", "elasticache"],
  );

/**
 * A sandbox whose scan role was refused every read: each control is Error, so no service and not the
 * account have a score (unknown, not 0), and its critical control could not be checked.
 */
export const sandboxScan = () =>
  exampleSnapshot("sandbox-1", "2026-11-25T10:00:00.000Z", (s) => {
    s.account = { id: SANDBOX, partition: "aws", name: "sandbox", ou: SANDBOX_OU };
    s.score = null;
    s.scoreUnverified = 100;
    s.controls = s.controls.map((c) => ({
      ...c,
      status: "error",
      results: c.results.map((r) => ({ ...r, status: "error", reason: `Could not judge ${r.resourceArn}.` })),
    }));
    s.services = s.services.map((service) => {
      const results = s.controls.filter((c) => c.service === service.id).length;
      return {
        ...service,
        score: null,
        unverified: 100,
        counts: { pass: 0, fail: 0, warn: 0, "not-applicable": 0, error: results },
      };
    });
    s.coverage.deniedActions = ["iam:GetAccountSummary"];
    s.coverage.errors = [
      {
        service: "account",
        region: "global",
        action: "iam:GetAccountSummary",
        kind: "access-denied",
        message: "not authorized to perform iam:GetAccountSummary",
      },
    ];
    const rootKeys = control(
      "xc.root-access-keys",
      "account",
      "critical",
      ["iam:GetAccountSummary"],
      [{ arn: `arn:aws:iam::${SANDBOX}:root`, region: "global", status: "error" }],
    );
    s.controls.push({ ...rootKeys, status: "error" });
    s.services.find((service) => service.id === "account")!.counts.error += 1;
  });
