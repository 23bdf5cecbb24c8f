/**
 * What the organization exports say about a set of accounts, each seen through its newest readable
 * snapshot: per-account facts (scores, critical findings, coverage, scan time) and the few numbers
 * across accounts. Pure: snapshots in, plain objects out; the PDF, CSV and JSON renderers share it so
 * they can never disagree.
 */
import { SEVERITIES, type Status } from "@/lib/controls/types";
import { SERVICE_IDS, type ServiceId } from "@/lib/inventory/common";
import type { Snapshot, StatusCounts } from "@/lib/snapshot/schema";

/** How many accounts the "lowest scores" list ranks (the organization page ranks as many). */
export const WORST_ACCOUNTS = 5;

/** The accounts an organization export covers, and what the reader must be told about how they were chosen. */
export interface OrganizationInput {
  /** Each account's newest readable snapshot, one per account. */
  snapshots: readonly Snapshot[];
  /** The organizational unit the export was limited to, if any. */
  ou?: string;
  /** Set when stored records were passed over because they could not be read. */
  notice?: string;
  generatedAt: Date;
}

export interface ServiceFacts {
  id: ServiceId;
  /** false: the service's controls were not part of the account's scan; it has no score, not 0. */
  evaluated: boolean;
  score: number | null;
  unverified: number;
  counts: StatusCounts;
}

export interface AccountFacts {
  accountId: string;
  /** The account's (masked) name in its Organization; null when the snapshot does not record it. */
  name: string | null;
  ou: string | null;
  snapshotId: string;
  source: Snapshot["source"];
  /** When the account's scan finished: every account has its own. */
  scannedAt: string;
  score: number | null;
  /** 0–100: the share of the overall score's weight that could not be verified. */
  scoreUnverified: number;
  /** Every service id in the catalog's order, evaluated or not. */
  services: ServiceFacts[];
  /** Results of critical-severity controls: failing ones, and ones that could not be judged. */
  critical: { failing: number; unchecked: number; failingControls: string[] };
  coverage: {
    failedCalls: number;
    deniedActions: string[];
    skippedRegions: number;
    /** Controls marked incomplete (part judged) and controls in error (nothing judged). */
    incompleteControls: number;
    errorControls: number;
  };
  /** Controls by status. */
  controls: Record<Status, number>;
  snapshot: Snapshot;
}

export interface OrganizationSummary {
  generatedAt: string;
  ou: string | null;
  notice?: string;
  /** By name (accounts without one by id), then id: the order every export lists them in. */
  accounts: AccountFacts[];
  /**
   * The organization's score: the mean of the scored accounts' overall scores, each account counting
   * once, rounded down (a mean of floors is a floor; rounding must not lift it). `unverified` is the
   * mean of their unverified shares, rounded up: how many of the mean's points could not be checked.
   * Accounts without a score are left out of both and listed in `notScored`: unknown, never 0.
   * null when no account has a score.
   */
  score: { mean: number; unverified: number; scored: number; lowest: number; highest: number } | null;
  notScored: AccountFacts[];
  /** Scored accounts, lowest score first (more unverified first at equal scores), at most WORST_ACCOUNTS. */
  worst: AccountFacts[];
  /** Accounts with failing or unjudged critical results, most failing first. */
  critical: AccountFacts[];
  /**
   * Per service, aggregated like the organization's score: the mean of the accounts that have a score
   * for it (rounded down) with their mean unverified share (rounded up); how many accounts evaluated it
   * without a score, and how many did not evaluate it at all.
   */
  services: {
    id: ServiceId;
    mean: number | null;
    unverified: number;
    scored: number;
    unscored: number;
    notEvaluated: number;
  }[];
  oldest: AccountFacts | undefined;
  newest: AccountFacts | undefined;
  demoAccounts: number;
}

const EMPTY_COUNTS: StatusCounts = { pass: 0, fail: 0, warn: 0, "not-applicable": 0, error: 0 };

export function accountLabel(account: Pick<AccountFacts, "name" | "accountId">): string {
  return account.name ?? account.accountId;
}

export function accountFacts(snapshot: Snapshot): AccountFacts {
  const critical = { failing: 0, unchecked: 0, failingControls: [] as string[] };
  const controls: Record<Status, number> = { pass: 0, fail: 0, warn: 0, "not-applicable": 0, error: 0 };
  for (const control of snapshot.controls) {
    controls[control.status] += 1;
    if (control.severity !== "critical") continue;
    let failing = 0;
    for (const result of control.results) {
      if (result.status === "fail") failing += 1;
      else if (result.status === "error") critical.unchecked += 1;
    }
    critical.failing += failing;
    if (failing > 0) critical.failingControls.push(control.id);
  }
  return {
    accountId: snapshot.account.id,
    name: snapshot.account.name ?? null,
    ou: snapshot.account.ou ?? null,
    snapshotId: snapshot.id,
    source: snapshot.source,
    scannedAt: snapshot.finishedAt,
    score: snapshot.score,
    scoreUnverified: snapshot.scoreUnverified ?? 0,
    services: SERVICE_IDS.map((id) => {
      const service = snapshot.services.find((s) => s.id === id);
      return service
        ? {
            id,
            evaluated: service.evaluated,
            score: service.evaluated ? service.score : null,
            unverified: service.unverified ?? 0,
            counts: service.counts,
          }
        : { id, evaluated: false, score: null, unverified: 0, counts: EMPTY_COUNTS };
    }),
    critical,
    coverage: {
      failedCalls: snapshot.coverage.errors.length,
      deniedActions: [...snapshot.coverage.deniedActions],
      skippedRegions: snapshot.coverage.skippedRegions.length,
      incompleteControls: snapshot.controls.filter((c) => c.incomplete).length,
      errorControls: controls.error,
    },
    controls,
    snapshot,
  };
}

function meanOf(values: readonly number[], round: (n: number) => number): number {
  return round(values.reduce((sum, v) => sum + v, 0) / values.length);
}

export function organizationSummary(input: OrganizationInput): OrganizationSummary {
  const accounts = input.snapshots
    .map(accountFacts)
    // Numeric: "member-2" before "member-10", as people number their accounts.
    .sort(
      (a, b) =>
        accountLabel(a).localeCompare(accountLabel(b), "en", { numeric: true }) ||
        a.accountId.localeCompare(b.accountId),
    );
  const scored = accounts.filter((a) => a.score !== null);
  const byTime = [...accounts].sort((a, b) => a.scannedAt.localeCompare(b.scannedAt));
  return {
    generatedAt: input.generatedAt.toISOString(),
    ou: input.ou ?? null,
    ...(input.notice ? { notice: input.notice } : {}),
    accounts,
    score:
      scored.length === 0
        ? null
        : {
            mean: meanOf(
              scored.map((a) => a.score!),
              Math.floor,
            ),
            unverified: meanOf(
              scored.map((a) => a.scoreUnverified),
              Math.ceil,
            ),
            scored: scored.length,
            lowest: Math.min(...scored.map((a) => a.score!)),
            highest: Math.max(...scored.map((a) => a.score!)),
          },
    notScored: accounts.filter((a) => a.score === null),
    worst: [...scored]
      .sort(
        (a, b) =>
          a.score! - b.score! || b.scoreUnverified - a.scoreUnverified || a.accountId.localeCompare(b.accountId),
      )
      .slice(0, WORST_ACCOUNTS),
    critical: accounts
      .filter((a) => a.critical.failing > 0 || a.critical.unchecked > 0)
      .sort(
        (a, b) =>
          b.critical.failing - a.critical.failing ||
          b.critical.unchecked - a.critical.unchecked ||
          a.accountId.localeCompare(b.accountId),
      ),
    services: SERVICE_IDS.map((id) => {
      const cells = accounts.map((a) => a.services.find((s) => s.id === id)!);
      const withScore = cells.filter((c) => c.evaluated && c.score !== null);
      return {
        id,
        mean:
          withScore.length === 0
            ? null
            : meanOf(
                withScore.map((c) => c.score!),
                Math.floor,
              ),
        unverified:
          withScore.length === 0
            ? 0
            : meanOf(
                withScore.map((c) => c.unverified),
                Math.ceil,
              ),
        scored: withScore.length,
        unscored: cells.filter((c) => c.evaluated && c.score === null).length,
        notEvaluated: cells.filter((c) => !c.evaluated).length,
      };
    }),
    oldest: byTime[0],
    newest: byTime.at(-1),
    demoAccounts: accounts.filter((a) => a.source === "demo").length,
  };
}

/** Controls ordered for a report: failing first, most severe first. */
export function bySeverity<T extends { severity: (typeof SEVERITIES)[number]; id: string }>(
  controls: readonly T[],
): T[] {
  return [...controls].sort(
    (a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || a.id.localeCompare(b.id),
  );
}
