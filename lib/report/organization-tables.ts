/**
 * The organization exports as rows (CSV, or JSON with a scope) and as one JSON document. The rows are
 * the single-snapshot CSV rows with the account's columns first, so a sheet built for one account's
 * export takes the organization's too.
 */
import {
  CONTROL_COLUMNS,
  controlRows,
  RESULT_COLUMNS,
  RESULT_SOURCE_COLUMNS,
  resultRows,
  type ControlRow,
  type ResultRow,
} from "./csv";
import type { AccountFacts, OrganizationSummary } from "./organization-summary";

/** Which account, and which of its scans, a row comes from. */
export interface AccountColumns {
  accountId: string;
  /** The account's (masked) name in its Organization; empty when the snapshot does not record it. */
  accountName: string;
  ou: string;
  snapshotId: string;
  /** When that account's scan finished: accounts are scanned at different times. */
  scannedAt: string;
  /** `aws`, or `demo` for the fictional demo account. */
  source: string;
}

export type OrganizationControlRow = AccountColumns & Omit<ControlRow, "snapshotId">;
type ResultSourceColumn = (typeof RESULT_SOURCE_COLUMNS)[number];
export type OrganizationResultRow = AccountColumns & Omit<ResultRow, ResultSourceColumn>;

const ACCOUNT_COLUMNS: (keyof AccountColumns & string)[] = [
  "accountId",
  "accountName",
  "ou",
  "snapshotId",
  "scannedAt",
  "source",
];

export const ORGANIZATION_CONTROL_COLUMNS: (keyof OrganizationControlRow & string)[] = [
  ...ACCOUNT_COLUMNS,
  ...CONTROL_COLUMNS.filter((c): c is Exclude<typeof c, "snapshotId"> => c !== "snapshotId"),
];

export const ORGANIZATION_RESULT_COLUMNS: (keyof OrganizationResultRow & string)[] = [
  ...ACCOUNT_COLUMNS,
  // The account's columns come first; the single-snapshot columns that repeat them are left out.
  ...RESULT_COLUMNS.filter(
    (c): c is Exclude<typeof c, ResultSourceColumn> => !(RESULT_SOURCE_COLUMNS as readonly string[]).includes(c),
  ),
];

function accountColumns(account: AccountFacts): AccountColumns {
  return {
    accountId: account.accountId,
    accountName: account.name ?? "",
    ou: account.ou ?? "",
    snapshotId: account.snapshotId,
    scannedAt: account.scannedAt,
    source: account.source,
  };
}

/** One row per account × control, accounts in the summary's order. */
export function organizationControlRows(summary: OrganizationSummary): OrganizationControlRow[] {
  return summary.accounts.flatMap((account) =>
    controlRows(account.snapshot, {}).map(({ snapshotId: _snapshotId, ...row }) => ({
      ...accountColumns(account),
      ...row,
    })),
  );
}

/** One row per account × resource result. */
export function organizationResultRows(summary: OrganizationSummary): OrganizationResultRow[] {
  return summary.accounts.flatMap((account) =>
    resultRows(account.snapshot, {}).map(
      ({
        snapshotId: _snapshotId,
        accountId: _accountId,
        accountName: _accountName,
        scannedAt: _scannedAt,
        ...row
      }) => ({
        ...accountColumns(account),
        ...row,
      }),
    ),
  );
}

/**
 * The organization JSON export, `format: "safekeep-organization", version: 1`. Stable: fields are
 * only ever added. Scores are null when there is none (never 0); a service the account's scan did not
 * cover has `evaluated: false` and a null score; `scoreUnverified`/`unverified` say how many points of
 * a score could not be checked. Each account carries its own `scannedAt`: scans happen at different times.
 */
export interface OrganizationDocument {
  format: "safekeep-organization";
  version: 1;
  generatedAt: string;
  /** The organizational unit the export was limited to; null: every account with a stored snapshot. */
  ou: string | null;
  accountCount: number;
  /** The oldest and newest scan among the accounts. */
  scannedFrom: string | null;
  scannedTo: string | null;
  /** The mean of scored accounts' overall scores (see `OrganizationSummary.score`); null when none has one. */
  organizationScore: {
    mean: number;
    unverified: number;
    scoredAccounts: number;
    lowest: number;
    highest: number;
    method: string;
  } | null;
  /** Accounts without an overall score: left out of the mean, unknown rather than 0. */
  notScoredAccounts: string[];
  /** Stored records passed over because they could not be read. */
  notice: string | null;
  accounts: OrganizationDocumentAccount[];
}

export interface OrganizationDocumentAccount {
  accountId: string;
  name: string | null;
  ou: string | null;
  snapshotId: string;
  source: "aws" | "demo";
  scannedAt: string;
  regions: string[];
  score: number | null;
  scoreUnverified: number;
  critical: { failing: number; unchecked: number };
  coverage: {
    failedCalls: number;
    deniedActions: string[];
    skippedRegions: { region: string; service?: string; reason: string }[];
    incompleteControls: number;
    errorControls: number;
  };
  services: {
    id: string;
    evaluated: boolean;
    score: number | null;
    unverified: number;
    counts: Record<string, number>;
  }[];
  controls: {
    id: string;
    service: string;
    title: string;
    severity: string;
    status: string;
    /** Present when part of the control could not be judged: how many results, in which Regions. */
    incomplete: { resources: number; regions: string[] } | null;
    resources: number;
    failing: number;
    warnings: number;
    errors: number;
  }[];
}

export const ORGANIZATION_SCORE_METHOD =
  "Mean of the scored accounts' overall scores, each account counting once, rounded down; unverified is the mean of their unverified shares, rounded up. Accounts without a score are not in the mean.";

export function organizationDocument(summary: OrganizationSummary): OrganizationDocument {
  return {
    format: "safekeep-organization",
    version: 1,
    generatedAt: summary.generatedAt,
    ou: summary.ou,
    accountCount: summary.accounts.length,
    scannedFrom: summary.oldest?.scannedAt ?? null,
    scannedTo: summary.newest?.scannedAt ?? null,
    organizationScore: summary.score
      ? {
          mean: summary.score.mean,
          unverified: summary.score.unverified,
          scoredAccounts: summary.score.scored,
          lowest: summary.score.lowest,
          highest: summary.score.highest,
          method: ORGANIZATION_SCORE_METHOD,
        }
      : null,
    notScoredAccounts: summary.notScored.map((a) => a.accountId),
    notice: summary.notice ?? null,
    accounts: summary.accounts.map((account) => ({
      accountId: account.accountId,
      name: account.name,
      ou: account.ou,
      snapshotId: account.snapshotId,
      source: account.source,
      scannedAt: account.scannedAt,
      regions: [...account.snapshot.regions],
      score: account.score,
      scoreUnverified: account.scoreUnverified,
      critical: { failing: account.critical.failing, unchecked: account.critical.unchecked },
      coverage: {
        failedCalls: account.coverage.failedCalls,
        deniedActions: account.coverage.deniedActions,
        skippedRegions: account.snapshot.coverage.skippedRegions.map((r) => ({ ...r })),
        incompleteControls: account.coverage.incompleteControls,
        errorControls: account.coverage.errorControls,
      },
      services: account.services.map((s) => ({
        id: s.id,
        evaluated: s.evaluated,
        score: s.score,
        unverified: s.unverified,
        counts: { ...s.counts },
      })),
      controls: account.snapshot.controls.map((c) => ({
        id: c.id,
        service: c.service,
        title: c.title,
        severity: c.severity,
        status: c.status,
        incomplete: c.incomplete ? { resources: c.incomplete.resources, regions: [...c.incomplete.regions] } : null,
        resources: c.results.length,
        failing: c.results.filter((r) => r.status === "fail").length,
        warnings: c.results.filter((r) => r.status === "warn").length,
        errors: c.results.filter((r) => r.status === "error").length,
      })),
    })),
  };
}
