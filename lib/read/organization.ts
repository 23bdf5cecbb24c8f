import { SERVICE_IDS, type ServiceId } from "@/lib/inventory/common";
import { scoreLevel, type ScoreLevel } from "@/lib/posture/score";
import type { SnapshotStore } from "@/lib/snapshot/store";
import { listAccounts, unreadableNotice } from "./accounts";
import type { MuteStore } from "@/lib/snapshot/mute";
import { mutesInForce } from "./mutes";
import { readDigest, type SnapshotDigest } from "./snapshot-digest";

/** The same shape the snapshot schema accepts for `account.ou`: an OU id or a root id. */
const OU_ID = /^(ou-[a-z0-9]+-[a-z0-9]+|r-[a-z0-9]+)$/;

/** How many accounts the "worst accounts" list ranks. */
export const WORST_COUNT = 5;

/** `?ou=` on the organization page. */
export type OuFilter = { kind: "all" } | { kind: "ou"; ou: string } | { kind: "malformed" };

export function ouFilterFrom(value: string | string[] | undefined): OuFilter {
  if (value === undefined || value === "") return { kind: "all" };
  return typeof value === "string" && OU_ID.test(value) ? { kind: "ou", ou: value } : { kind: "malformed" };
}

/**
 * One service of one account in the heatmap. Only `scored` carries a colour: a service that was not
 * evaluated, or that has no score, is never drawn as if it had one.
 */
export type HeatCell =
  | {
      service: ServiceId;
      state: "scored";
      score: number;
      level: Exclude<ScoreLevel, "none">;
      /** 0–100: the share of the score's weight that could not be verified (the score is a floor). */
      unverified: number;
    }
  /** Evaluated without a score: nothing could be judged (`unverified` 100) or nothing applied (0). */
  | { service: ServiceId; state: "unscored"; unverified: number }
  /** The service's controls were not part of the account's latest scan. */
  | { service: ServiceId; state: "not-evaluated" };

export interface AccountRow {
  accountId: string;
  name: string | null;
  ou: string | null;
  snapshotId: string;
  source: SnapshotDigest["source"];
  scannedAt: string;
  score: number | null;
  scoreUnverified: number;
  cells: HeatCell[];
  /** Failing results of critical-severity controls, and results of those controls that could not be judged. */
  critical: { failing: number; unchecked: number };
}

export interface OrganizationOverview {
  services: readonly ServiceId[];
  /** The accounts the filter keeps, by name (then id). */
  rows: AccountRow[];
  /** Scored accounts among `rows`, lowest overall score first, at most WORST_COUNT. */
  worst: AccountRow[];
  /** Accounts among `rows` without an overall score: "not scored", never ranked as 0. */
  notScored: AccountRow[];
  /** Every organizational unit an account was seen in, sorted, whatever the filter. */
  ous: string[];
  /** Accounts with a readable snapshot, before filtering. */
  totalAccounts: number;
  filter: OuFilter;
  /** Set when the filter could not be applied as asked: what the page says about it. */
  filterMessage?: string;
  /** Set when stored records were passed over because they could not be read. */
  notice?: string;
}

function cellOf(service: SnapshotDigest["services"][number]): HeatCell {
  if (!service.evaluated) return { service: service.id, state: "not-evaluated" };
  if (service.score === null) return { service: service.id, state: "unscored", unverified: service.unverified };
  const level = scoreLevel(service.score);
  return {
    service: service.id,
    state: "scored",
    score: service.score,
    level: level === "none" ? "poor" : level,
    unverified: service.unverified,
  };
}

function label(row: Pick<AccountRow, "name" | "accountId">): string {
  return row.name ?? row.accountId;
}

/**
 * The organization overview: each account's newest readable snapshot (as `listAccounts` picks it),
 * its score per service, its critical findings and when it was scanned, kept to one organizational
 * unit when asked. Reads each snapshot once per process (see `readDigest`).
 */
export async function organizationOverview(
  store: SnapshotStore & Partial<MuteStore>,
  filter: OuFilter,
  now: Date = new Date(),
): Promise<OrganizationOverview> {
  const { accounts, unreadable } = await listAccounts(store);
  const mutes = await mutesInForce(store, now);
  const all: AccountRow[] = [];
  for (const account of accounts) {
    const digest = await readDigest(store, account.latestSnapshotId, mutes, now);
    // listAccounts has just read it; only a store failing in between leaves it out.
    if (!digest) continue;
    all.push({
      accountId: account.accountId,
      name: digest.name,
      ou: digest.ou,
      snapshotId: digest.id,
      source: digest.source,
      scannedAt: digest.finishedAt,
      score: digest.score,
      scoreUnverified: digest.scoreUnverified,
      cells: digest.services.map(cellOf),
      critical: digest.critical,
    });
  }
  const ous = [...new Set(all.flatMap((r) => (r.ou ? [r.ou] : [])))].sort();
  let rows = all;
  let filterMessage: string | undefined;
  if (filter.kind === "malformed") {
    filterMessage =
      "The organizational unit filter was ignored: it is not an OU id (ou-…) or a root id (r-…). Every account is shown.";
  } else if (filter.kind === "ou") {
    rows = all.filter((r) => r.ou === filter.ou);
    if (rows.length === 0)
      filterMessage = `No account with a stored snapshot sits in organizational unit ${filter.ou}.`;
  }
  rows = [...rows].sort((a, b) => label(a).localeCompare(label(b)) || a.accountId.localeCompare(b.accountId));
  // Lowest first; at equal scores the one with more unverified weight first (its score is the weaker floor).
  const worst = rows
    .filter((r) => r.score !== null)
    .sort(
      (a, b) => a.score! - b.score! || b.scoreUnverified - a.scoreUnverified || a.accountId.localeCompare(b.accountId),
    )
    .slice(0, WORST_COUNT);
  const notice = unreadableNotice(unreadable);
  return {
    services: SERVICE_IDS,
    rows,
    worst,
    notScored: rows.filter((r) => r.score === null),
    ous,
    totalAccounts: all.length,
    filter,
    ...(filterMessage ? { filterMessage } : {}),
    ...(notice ? { notice } : {}),
  };
}
