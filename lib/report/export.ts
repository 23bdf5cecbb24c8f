import type { Snapshot } from "@/lib/snapshot/schema";
import { compareSnapshots } from "@/lib/snapshot/compare";
import type { Mute } from "@/lib/snapshot/mute";
import type { Sighting } from "@/lib/snapshot/store";
import { CONTROL_COLUMNS, controlRows, RESULT_COLUMNS, resultRows, toCsv } from "./csv";
import { exportFileName, type ExportQuery } from "./export-request";
import { renderSnapshotJson } from "./json";
import { renderOcsfJson } from "./ocsf";
import type { PdfOptions } from "./pdf";

/** One stored snapshot of the account, as the store lists it (SnapshotListing fits). */
export interface ScoreHistoryEntry {
  accountId?: string;
  source?: Snapshot["source"];
  finishedAt: string;
  score: number | null;
  unreadable?: boolean;
}

/** Most snapshots the trend draws: the newest ones, up to and including this snapshot. */
export const TREND_POINTS = 12;

/**
 * The points of the score trend: this account's readable snapshots that finished no later than this
 * one (this one included, with its own score) and come from the same source (scan or demo), oldest first, the newest TREND_POINTS. Entries without
 * an account id are taken as this account's (the caller filtered them).
 */
export function scoreTrend(
  snapshot: Snapshot,
  history: readonly ScoreHistoryEntry[],
): { finishedAt: string; score: number | null }[] {
  const points = new Map<string, number | null>();
  for (const h of history) {
    if (h.unreadable || (h.accountId !== undefined && h.accountId !== snapshot.account.id)) continue;
    // Demo data and real scans of one account id are never one trend.
    if (h.source !== undefined && h.source !== snapshot.source) continue;
    if (h.finishedAt <= snapshot.finishedAt) points.set(h.finishedAt, h.score);
  }
  points.set(snapshot.finishedAt, snapshot.score);
  return [...points]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .slice(-TREND_POINTS)
    .map(([finishedAt, score]) => ({ finishedAt, score }));
}

export interface ExportFile {
  body: string | Buffer;
  contentType: string;
  fileName: string;
}

/**
 * What the PDF report of a snapshot is told besides the snapshot: the service, the paper, the
 * comparison with the previous snapshot of the account, the mutes and the score trend. Shared by
 * `exportSnapshot` and the export worker (lib/read/render-jobs.ts), which renders from it.
 */
export function snapshotPdfOptions(
  snapshot: Snapshot,
  query: ExportQuery,
  previous?: Snapshot,
  mutes?: readonly Mute[],
  history?: readonly ScoreHistoryEntry[],
): PdfOptions {
  const diff =
    previous && previous.account.id === snapshot.account.id
      ? compareSnapshots(previous, snapshot, { labels: { from: "the previous snapshot", to: "this one" } })
      : undefined;
  return {
    service: query.service,
    diff,
    paper: query.paper ?? "a4",
    ...(mutes ? { mutes } : {}),
    ...(history ? { history: scoreTrend(snapshot, history) } : {}),
  };
}

/**
 * Any export of a snapshot: the full snapshot (JSON or OCSF), the rows a page shows (CSV or JSON,
 * filters applied) or the PDF report (whole or one service). `previous` feeds the report's
 * "since the previous snapshot" paragraph.
 */
export async function exportSnapshot(
  snapshot: Snapshot,
  query: ExportQuery,
  previous?: Snapshot,
  /** The mutes in force, for the PDF's appendix (results already carry their marks). */
  mutes?: readonly Mute[],
  /**
   * The account's stored snapshots (any order; other accounts' are ignored), for the PDF's score
   * trend. Only those up to this snapshot are drawn.
   */
  history?: readonly ScoreHistoryEntry[],
  /**
   * Per finding id, the first and last time it was failing in the account's history
   * (`findingHistory`): the CSV's firstSeen column and OCSF's first_seen_time. Without it they are empty.
   */
  sightings?: ReadonlyMap<string, Sighting>,
): Promise<ExportFile> {
  const fileName = exportFileName(snapshot, query);
  const filter = { service: query.service, control: query.control, status: query.status, query: query.q };
  switch (query.format) {
    case "pdf": {
      const { renderSnapshotPdf } = await import("./pdf");
      return {
        body: await renderSnapshotPdf(snapshot, snapshotPdfOptions(snapshot, query, previous, mutes, history)),
        contentType: "application/pdf",
        fileName,
      };
    }
    case "ocsf":
      return {
        body: renderOcsfJson(snapshot, { previous, sightings }),
        contentType: "application/json; charset=utf-8",
        fileName,
      };
    case "csv":
      return query.scope === "results"
        ? {
            body: toCsv(resultRows(snapshot, filter, sightings), RESULT_COLUMNS),
            contentType: "text/csv; charset=utf-8",
            fileName,
          }
        : {
            body: toCsv(controlRows(snapshot, filter), CONTROL_COLUMNS),
            contentType: "text/csv; charset=utf-8",
            fileName,
          };
    case "json":
      if (query.scope === "results") {
        return {
          body: JSON.stringify(resultRows(snapshot, filter, sightings), null, 2),
          contentType: "application/json; charset=utf-8",
          fileName,
        };
      }
      if (query.scope === "controls") {
        return {
          body: JSON.stringify(controlRows(snapshot, filter), null, 2),
          contentType: "application/json; charset=utf-8",
          fileName,
        };
      }
      return { body: renderSnapshotJson(snapshot), contentType: "application/json; charset=utf-8", fileName };
  }
}
