/**
 * `npm run snapshots -- [--account ID] [--json]`: the stored snapshots, newest first, with account,
 * finish time, score and what each scan covered. Exit 0: listed (an empty store too); 2: bad arguments.
 */
import { z } from "zod";
import { env } from "@/lib/env";
import type { SnapshotScope } from "@/lib/snapshot/scope";
import { openSnapshotStore, type SnapshotListing } from "@/lib/snapshot/store";
import { parseCommandLine } from "./command-line";
import { runWhenStarted } from "./run-command";

const USAGE = `Usage: npm run snapshots -- [--account ID] [--json]   (ID: a 12-digit AWS account id)`;

const schema = z.object({
  account: z
    .string()
    .regex(/^\d{12}$/, "--account must be a 12-digit AWS account id")
    .optional(),
  json: z.boolean().default(false),
  help: z.boolean().default(false),
});

/** One stored snapshot as `--json` prints it. */
export interface SnapshotRow {
  id: string;
  accountId: string;
  source: SnapshotListing["source"];
  finishedAt: string;
  /** null when the scan gave no score, or when the record cannot be read (its stored score is not trusted). */
  score: number | null;
  /** What the scan covered; null when the record cannot be read or the store did not record it. */
  scope: SnapshotScope | null;
  unreadable: boolean;
}

export function snapshotRows(listings: readonly SnapshotListing[], accountId?: string): SnapshotRow[] {
  return listings
    .filter((l) => accountId === undefined || l.accountId === accountId)
    .map((l) => ({
      id: l.id,
      accountId: l.accountId,
      source: l.source,
      finishedAt: l.finishedAt,
      score: l.unreadable ? null : l.score,
      scope: !l.unreadable && l.scope ? l.scope : null,
      unreadable: l.unreadable === true,
    }))
    .sort((a, b) =>
      a.finishedAt !== b.finishedAt ? (a.finishedAt < b.finishedAt ? 1 : -1) : b.id.localeCompare(a.id),
    );
}

/** "2026-11-27 10:05 UTC"; the stored text unchanged when it is not a date. */
export function utcMinute(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return `${new Date(time).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The scope in a few words; gaps are named because a count of Regions alone would claim complete reads. */
export function coverageText(row: SnapshotRow): string {
  if (row.unreadable) return "unreadable";
  if (!row.scope) return "scope not recorded";
  const { services, regions, gaps } = row.scope;
  const parts = [plural(services.length, "service"), plural(regions.length, "Region")];
  if (gaps.length > 0) parts.push(`${plural(gaps.length, "gap")} (failed calls or skipped Regions)`);
  return parts.join(", ");
}

/** A plain-text table, one snapshot a line. */
export function formatSnapshots(rows: readonly SnapshotRow[]): string {
  const header = ["Snapshot", "Account", "Finished", "Score", "Coverage"];
  const cells = rows.map((r) => [
    r.id,
    r.source === "demo" ? `${r.accountId} (demo)` : r.accountId,
    utcMinute(r.finishedAt),
    r.score === null ? "–" : `${r.score}/100`,
    coverageText(r),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  return [header, ...cells]
    .map((line) =>
      line
        .map((c, i) => c.padEnd(widths[i]!))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

export async function main(argv: string[], io = { out: console.log, err: console.error }): Promise<number> {
  const data = parseCommandLine(
    "snapshots",
    argv,
    { account: { type: "string" }, json: { type: "boolean" }, help: { type: "boolean", short: "h" } },
    schema,
    USAGE,
    io.err,
  );
  if (data === undefined) return 2;
  const { account, json, help } = data;
  if (help) {
    io.out(USAGE);
    return 0;
  }
  const listings = await openSnapshotStore(env().dataDir).list();
  const rows = snapshotRows(listings, account);
  if (json) io.out(JSON.stringify(rows, null, 2));
  else if (rows.length > 0) io.out(formatSnapshots(rows));
  else io.out(listings.length > 0 ? `No snapshots of account ${account} stored.` : "No snapshots stored yet.");
  return 0;
}

runWhenStarted("snapshots", main);
