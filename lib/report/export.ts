import type { Snapshot } from "@/lib/snapshot/schema";
import { compareSnapshots } from "@/lib/snapshot/compare";
import type { Mute } from "@/lib/snapshot/mute";
import { CONTROL_COLUMNS, controlRows, RESULT_COLUMNS, resultRows, toCsv } from "./csv";
import { exportFileName, type ExportQuery } from "./export-request";
import { renderSnapshotJson } from "./json";
import { renderOcsfJson } from "./ocsf";

export interface ExportFile {
  body: string | Buffer;
  contentType: string;
  fileName: string;
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
): Promise<ExportFile> {
  const fileName = exportFileName(snapshot.id, query);
  const filter = { service: query.service, control: query.control, status: query.status, query: query.q };
  switch (query.format) {
    case "pdf": {
      const { renderSnapshotPdf } = await import("./pdf");
      const diff =
        previous && previous.account.id === snapshot.account.id
          ? compareSnapshots(previous, snapshot, { labels: { from: "the previous snapshot", to: "this one" } })
          : undefined;
      return {
        body: await renderSnapshotPdf(snapshot, { service: query.service, diff, ...(mutes ? { mutes } : {}) }),
        contentType: "application/pdf",
        fileName,
      };
    }
    case "ocsf":
      return { body: renderOcsfJson(snapshot), contentType: "application/json; charset=utf-8", fileName };
    case "csv":
      return query.scope === "results"
        ? {
            body: toCsv(resultRows(snapshot, filter), RESULT_COLUMNS),
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
          body: JSON.stringify(resultRows(snapshot, filter), null, 2),
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
