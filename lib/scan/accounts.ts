/**
 * Several accounts from one process (`npm run scan -- --org` or `--accounts …`): which accounts,
 * then the one scan pipeline once per account, each into its own snapshot. The caller's own account
 * is scanned with its own credentials, every other one through the member role. An account that
 * cannot be scanned is that account's failure, with a reason that is safe to print; it never ends
 * the run for the others.
 */
import pLimit from "p-limit";
import { createCollectScope, type CollectScope } from "@/lib/aws/harness";
import { listOrganizationAccounts, type OrganizationListing } from "@/lib/aws/organizations/accounts";
import {
  assumeRoleCredentials,
  type AccountCredentials,
  type AssumeRoleSettings,
  type AssumeRoleTarget,
} from "@/lib/aws/sts/assume-role";
import type { CallerIdentity } from "@/lib/aws/sts/identity";
import { sanitizeMessage } from "@/lib/detectors/sanitize";
import type { Inventory } from "@/lib/inventory";
import { newSnapshotId, type SnapshotStore } from "@/lib/snapshot/store";
import { CannotStartError } from "./errors";

import { runScanPipeline } from "./pipeline";
import { scanAws, type ScanOptions } from "./scan-aws";

/** Who the default credential chain is: the account that lists the organization and assumes the roles. */
export { callerIdentity } from "./caller-identity";

/**
 * Accounts scanned side by side. AWS's quotas are per account, so two accounts do not slow each
 * other down at AWS; the bound is this process's own CPU and memory (one inventory each).
 */
export const ACCOUNT_CONCURRENCY = 2;

export type AccountSelection = { org: true } | { accounts: string[] };

export interface AccountTarget {
  accountId: string;
  name?: string;
  /** The parent organizational unit (`ou-…`) or root (`r-…`), when the organization was listed. */
  ou?: string;
}

export interface AccountOutcome extends AccountTarget {
  status: "scanned" | "failed" | "skipped";
  /** Why the account failed or was skipped; safe to print and store. */
  reason?: string;
  snapshotId?: string;
  /** The snapshot's overall score (null: nothing could be scored). */
  score?: number | null;
}

export interface ResolvedAccounts {
  toScan: AccountTarget[];
  /** Accounts of the organization that are not ACTIVE (suspended, closing, not yet activated). */
  skipped: AccountOutcome[];
  organizationId?: string;
  /** What could not be read about the accounts that does not stop the scan (an account's parent). */
  warnings: string[];
}

type ListAccounts = (homeRegion: string, scope: CollectScope) => Promise<OrganizationListing>;

/**
 * The accounts to scan: the organization's ACTIVE accounts (others are listed as skipped, since a
 * suspended or closing account cannot be read), or exactly the accounts named. Throws
 * CannotStartError when the organization cannot be listed.
 */
export async function resolveAccounts(
  selection: AccountSelection,
  caller: CallerIdentity,
  listAccounts: ListAccounts = listOrganizationAccounts,
): Promise<ResolvedAccounts> {
  if (!("org" in selection)) {
    return { toScan: [...new Set(selection.accounts)].map((accountId) => ({ accountId })), skipped: [], warnings: [] };
  }
  const scope = createCollectScope({ accountId: caller.accountId, partition: caller.partition });
  const listing = await listAccounts(caller.region, scope);
  if (!listing.listed) {
    const problem = listing.errors.at(-1)?.message ?? "no answer";
    throw new CannotStartError(
      `could not list the organization's accounts (${problem}); run from the management account or a ` +
        "delegated administrator with policy/safekeep-management-policy.json, or name accounts with --accounts",
    );
  }
  const toScan: AccountTarget[] = [];
  const skipped: AccountOutcome[] = [];
  for (const account of listing.accounts) {
    const target: AccountTarget = {
      accountId: account.id,
      ...(account.name ? { name: account.name } : {}),
      ...(account.parentId ? { ou: account.parentId } : {}),
    };
    if (account.state === "ACTIVE") toScan.push(target);
    else skipped.push({ ...target, status: "skipped", reason: `account state ${account.state}` });
  }
  return {
    toScan,
    skipped,
    ...(listing.organizationId ? { organizationId: listing.organizationId } : {}),
    warnings: listing.errors.map((e) => (e.resource ? `${e.resource}: ${e.message}` : e.message)),
  };
}

export interface ScanAccountsOptions {
  /** From `callerIdentity`: its account is scanned with its own credentials, its partition and Region used for the roles. */
  caller: CallerIdentity;
  role: AssumeRoleSettings;
  /** What each account's scan covers (the same for every account). */
  scan: Omit<ScanOptions, "credentials" | "now" | "onProgress">;
  store?: Pick<SnapshotStore, "put">;
  hashKey?: Uint8Array;
  now?: () => Date;
  concurrency?: number;
  onStart?: (target: AccountTarget) => void;
  /** Each account's outcome as soon as it is known. */
  onOutcome?: (outcome: AccountOutcome) => void;
  /** Asked before each account starts: true once the run was cancelled (running accounts finish). */
  shouldStop?: () => boolean;
  /** `scanAws`, replaced in tests. */
  scanAccount?: (options: ScanOptions) => Promise<Inventory>;
  /** `assumeRoleCredentials`, replaced in tests. */
  credentialsFor?: (target: AssumeRoleTarget, role: AssumeRoleSettings) => AccountCredentials;
}

/** Scans each account (at most `concurrency` at a time) into its own snapshot; outcomes in the order given. */
export async function scanAccounts(
  targets: readonly AccountTarget[],
  options: ScanAccountsOptions,
): Promise<AccountOutcome[]> {
  const now = options.now ?? (() => new Date());
  const scanAccount = options.scanAccount ?? scanAws;
  const credentialsFor = options.credentialsFor ?? assumeRoleCredentials;
  const { caller, role } = options;
  const limit = pLimit(options.concurrency ?? ACCOUNT_CONCURRENCY);

  async function scanOne(target: AccountTarget): Promise<AccountOutcome> {
    if (options.shouldStop?.()) return { ...target, status: "failed", reason: "cancelled" };
    options.onStart?.(target);
    try {
      const credentials =
        target.accountId === caller.accountId
          ? undefined
          : credentialsFor({ accountId: target.accountId, partition: caller.partition, region: caller.region }, role);
      const { snapshot } = await runScanPipeline(
        async () => {
          const label = { ...(target.name ? { name: target.name } : {}), ...(target.ou ? { ou: target.ou } : {}) };
          const inventory = await scanAccount({ ...options.scan, credentials, now, label });
          // Stored under the account it claims to be: a role or endpoint that answers for another
          // account must not put that account's findings in this one's history.
          if (inventory.account.id !== target.accountId) {
            throw new CannotStartError(`the credentials are for account ${inventory.account.id}, not this one`);
          }
          return inventory;
        },
        { id: newSnapshotId(now()), now, hashKey: options.hashKey, store: options.store },
      );
      return { ...target, status: "scanned", snapshotId: snapshot.id, score: snapshot.score };
    } catch (error) {
      return { ...target, status: "failed", reason: failureReason(error, role.externalId) };
    }
  }

  return Promise.all(
    targets.map((target) =>
      limit(async () => {
        const outcome = await scanOne(target);
        options.onOutcome?.(outcome);
        return outcome;
      }),
    ),
  );
}

/**
 * "Cannot start" messages are already written to be shown (the role that was refused, the missing
 * credentials); anything else is unexpected and only its sanitised message is kept. The external id
 * never appears, whatever produced the text.
 */
export function failureReason(error: unknown, externalId: string | undefined): string {
  const message = error instanceof Error ? error.message : String(error);
  const text = error instanceof CannotStartError ? message : `unexpected failure: ${message}`;
  const withoutId = externalId ? text.split(externalId).join("[redacted]") : text;
  return sanitizeMessage(withoutId);
}
