/**
 * Exports of exactly the findings view: the same query string as GET /api/findings (filters, sort,
 * snapshot), every matching row in CSV or JSON, at most FINDINGS_PDF_MAX_ROWS rows in a PDF. This
 * module checks the query, names the file, describes the view in words and turns pages of rows into
 * bytes; lib/read/findings-export.ts reads the pages (one set of mutes, keyset paging, the scope
 * checked on every page).
 *
 * Rules:
 * - `limit` and `cursor` are refused (400), not ignored: an export is the whole view from its first
 *   row, and a page size that silently did nothing would let someone believe they got a capped file.
 *   The view's links drop both.
 * - CSV and JSON are streamed a page at a time as the pages are read, and the next page is read
 *   only when the client has taken the last one, so memory stays at one page whatever the total.
 * - When the view cannot be read to its end (a newer scan changed the snapshots in scope: the cursor
 *   answers 409) the export stops rather than mix rows of two scopes: CSV fails the stream (see
 *   `csvChunks`), JSON ends with `"complete": false` and the error.
 */
import { stringify } from "csv-stringify/sync";
import { SEVERITY_LABELS, STATUS_LABELS, STATUSES } from "@/lib/controls/types";
import { SERVICE_NAMES } from "@/lib/inventory/common";
import { issuesMessage } from "@/lib/http/route";
import { log } from "@/lib/log";
import {
  MAX_LIMIT,
  parseFindingsQuery,
  type FindingItem,
  type FindingSortKey,
  type FindingsRequest,
} from "@/lib/snapshot/findings-query";
import type { Snapshot } from "@/lib/snapshot/schema";
import { csvCell } from "./csv";
import { displayName, formatTags } from "./resource-label";

export const FINDINGS_EXPORT_FORMATS = ["csv", "json", "pdf"] as const;
export type FindingsExportFormat = (typeof FINDINGS_EXPORT_FORMATS)[number];

/** Rows read per page: the largest page the findings query gives. */
export const EXPORT_PAGE_SIZE = MAX_LIMIT;
/**
 * Rows a PDF lists at most: about 30 landscape pages, what a person reads; beyond that the CSV or
 * JSON export is the tool, and the PDF says so on its first page and after its last row.
 */
export const FINDINGS_PDF_MAX_ROWS = 500;

export type FindingsExportParse =
  { ok: true; format: FindingsExportFormat; request: FindingsRequest } | { ok: false; message: string };

/**
 * The export's query string: `format`, then exactly what GET /api/findings takes except `limit` and
 * `cursor`. A bad value is answered with a message naming the parameter, as the findings API does.
 */
export function parseFindingsExportQuery(params: URLSearchParams): FindingsExportParse {
  const formats = params.getAll("format");
  if (formats.length > 1) return { ok: false, message: "format: given more than once" };
  const format = formats[0];
  if (!format || !(FINDINGS_EXPORT_FORMATS as readonly string[]).includes(format))
    return { ok: false, message: `format: must be one of ${FINDINGS_EXPORT_FORMATS.join(", ")}` };
  if (params.has("limit"))
    return {
      ok: false,
      message: `limit: an export holds every matching row (a PDF at most ${FINDINGS_PDF_MAX_ROWS}); leave limit out`,
    };
  if (params.has("cursor"))
    return { ok: false, message: "cursor: an export starts at the first row of the view; leave cursor out" };
  const rest = new URLSearchParams([...params].filter(([key]) => key !== "format"));
  const parsed = parseFindingsQuery(rest);
  if (!parsed.ok) return { ok: false, message: issuesMessage(parsed.issues, "query") };
  return { ok: true, format: format as FindingsExportFormat, request: parsed.request };
}

/** `safekeep-findings-20261127-1005.csv`: what it is and when (UTC, to the minute). */
export function findingsExportFileName(format: FindingsExportFormat, generatedAt: Date): string {
  const stamp = generatedAt.toISOString().slice(0, 16).replace(/-/g, "").replace("T", "-").replace(":", "");
  return `safekeep-findings-${stamp}.${format}`;
}

// ---------------------------------------------------------------------------------------------
// The view in words (the PDF's title and the JSON's description)

const or = (values: readonly string[]) =>
  values.length <= 1 ? (values[0] ?? "") : `${values.slice(0, -1).join(", ")} or ${values.at(-1)}`;

const SORT_WORDS: Record<FindingSortKey, string> = {
  severity: "severity, most severe first",
  status: "status (fail, warning, error, pass, not applicable)",
  control: "control id",
  resource: "resource name",
  region: "Region",
  account: "account id",
  firstSeen: "first seen, oldest first",
};

/** What the view holds, in words: `status Fail, Warning or Error; severity High; text “checkout”`. */
export function describeFindingsView(request: FindingsRequest): string {
  const f = request.filters;
  const parts = [
    f.statuses.length === STATUSES.length ? "any status" : `status ${or(f.statuses.map((s) => STATUS_LABELS[s]))}`,
    f.severities && `severity ${or(f.severities.map((s) => SEVERITY_LABELS[s]))}`,
    f.services && or(f.services.map((s) => SERVICE_NAMES[s])),
    f.accounts && `account ${or(f.accounts)}`,
    f.regions && `Region ${or(f.regions)}`,
    f.controls && `control ${or(f.controls)}`,
    f.tags && `tag ${or(f.tags)}`,
    f.q !== undefined && `text “${f.q}”`,
    f.muted === true && "muted only",
    f.muted === false && "not muted",
    request.snapshot && `snapshot ${request.snapshot}`,
  ];
  return parts.filter((p): p is string => typeof p === "string" && p !== "").join("; ");
}

export function describeFindingsSort(request: FindingsRequest): string {
  return `${SORT_WORDS[request.sort.key]}${request.sort.reverse ? ", reversed" : ""}`;
}

/** The sort as the query string gives it: `severity`, `-resource`. */
export function sortParam(request: FindingsRequest): string {
  return `${request.sort.reverse ? "-" : ""}${request.sort.key}`;
}

// ---------------------------------------------------------------------------------------------
// What an export is made from

/** The export stopped after it had begun: the rows so far are not the whole view. */
export class ExportInterrupted extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "ExportInterrupted";
  }
}

/** A snapshot the view read. */
export interface ExportScopeEntry {
  id: string;
  source: Snapshot["source"];
  accountId: string;
  finishedAt: string;
}

/** The view being exported: what it is, its first page read, and every page in order. */
export interface FindingsExportStart {
  request: FindingsRequest;
  generatedAt: Date;
  /** The snapshots read, newest scan first. */
  snapshots: readonly ExportScopeEntry[];
  /** Rows matching the view, over all pages. */
  total: number;
  notice?: string;
  /** The first page. */
  first: readonly FindingItem[];
  /** Every page in order, the first included; throws ExportInterrupted when a later one cannot be read. */
  pages(): AsyncGenerator<readonly FindingItem[], void, undefined>;
}

// ---------------------------------------------------------------------------------------------
// CSV

/**
 * The columns, in the single-snapshot CSV's naming (camelCase, name before ARN, tags as
 * `key=value; key=value`), then the mute state of the row.
 */
export const FINDING_EXPORT_COLUMNS = [
  "findingId",
  "snapshotId",
  "accountId",
  "accountName",
  "service",
  "controlId",
  "controlTitle",
  "severity",
  "status",
  "controlIncomplete",
  "resourceName",
  "resourceArn",
  "region",
  "tags",
  "reason",
  "firstSeen",
  "muted",
  "muteReason",
  "muteOwner",
  "muteExpires",
] as const;
export type FindingExportColumn = (typeof FINDING_EXPORT_COLUMNS)[number];

export function findingExportRecord(item: FindingItem): Record<FindingExportColumn, string> {
  return {
    findingId: item.findingId,
    snapshotId: item.snapshotId,
    accountId: item.accountId,
    accountName: item.accountName ?? "",
    service: item.service,
    controlId: item.controlId,
    controlTitle: item.controlTitle,
    severity: item.severity,
    status: item.status,
    controlIncomplete: item.controlIncomplete ? "yes" : "no",
    resourceName: displayName({ resourceArn: item.resourceArn, name: item.resourceName ?? undefined }),
    resourceArn: item.resourceArn,
    region: item.region,
    tags: formatTags(item.tags),
    reason: item.reason,
    firstSeen: item.firstSeen ?? "",
    muted: item.mute ? "yes" : "no",
    muteReason: item.mute?.reason ?? "",
    muteOwner: item.mute?.owner ?? "",
    muteExpires: item.mute?.expiresAt ?? "",
  };
}

function csvLines(items: readonly FindingItem[]): string {
  if (items.length === 0) return "";
  return stringify(
    items.map((item) => {
      const record = findingExportRecord(item);
      return FINDING_EXPORT_COLUMNS.map((column) => csvCell(record[column]));
    }),
  );
}

/**
 * The CSV, a header then one chunk per page. When the view cannot be read to its end the stream
 * fails instead of ending: a CSV has no place for a trailer that every reader would notice (a marker
 * row is imported as one more finding), whereas a response cut short is a download the browser, curl
 * and scripts all report as failed. The server log says why.
 */
export async function* csvChunks(start: FindingsExportStart): AsyncGenerator<string, void, undefined> {
  yield stringify([[...FINDING_EXPORT_COLUMNS]]);
  for await (const items of start.pages()) {
    const lines = csvLines(items);
    if (lines) yield lines;
  }
}

// ---------------------------------------------------------------------------------------------
// JSON

/**
 * `{ generatedAt, view, filters, sort, snapshots, total, notice?, items: [...], complete }`, the items
 * exactly as GET /api/findings gives them, one per line as they are read. When the view cannot be
 * read to its end the document still closes, with `"complete": false` and the `error`, so a reader
 * sees why the items stop short of `total`.
 */
export async function* jsonChunks(start: FindingsExportStart): AsyncGenerator<string, void, undefined> {
  const head = {
    generatedAt: start.generatedAt.toISOString(),
    view: describeFindingsView(start.request),
    filters: start.request.filters,
    sort: sortParam(start.request),
    ...(start.request.snapshot ? { snapshot: start.request.snapshot } : {}),
    snapshots: start.snapshots,
    total: start.total,
    ...(start.notice ? { notice: start.notice } : {}),
  };
  const opening = JSON.stringify(head);
  yield `${opening.slice(0, -1)},"items":[`;
  let first = true;
  try {
    for await (const items of start.pages()) {
      if (items.length === 0) continue;
      yield `${first ? "\n" : ",\n"}${items.map((item) => JSON.stringify(item)).join(",\n")}`;
      first = false;
    }
  } catch (error) {
    if (!(error instanceof ExportInterrupted)) throw error;
    log.warn("findings.export-interrupted", { format: "json", status: error.status, message: error.message });
    yield `\n],"complete":false,"error":${JSON.stringify(error.message)}}\n`;
    return;
  }
  yield `\n],"complete":true}\n`;
}

/**
 * Chunks as a byte stream that reads the next chunk only when the client has taken the last one
 * (no read-ahead: highWaterMark 0), and stops reading when the client goes away. An error fails the
 * stream (the response is cut short) and is logged: the status line was sent long before.
 */
export function byteStream(
  format: FindingsExportFormat,
  chunks: AsyncGenerator<string, void, undefined>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = await chunks.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        } catch (error) {
          if (error instanceof ExportInterrupted)
            log.warn("findings.export-interrupted", { format, status: error.status, message: error.message });
          else log.error("findings.export-failed", { format, error });
          controller.error(error);
        }
      },
      async cancel() {
        await chunks.return(undefined);
      },
    },
    { highWaterMark: 0 },
  );
}

// ---------------------------------------------------------------------------------------------
// The whole answer

export interface FindingsExportFile {
  /** A stream for CSV and JSON; the PDF whole. */
  body: ReadableStream<Uint8Array> | Buffer;
  headers: Record<string, string>;
}

const CONTENT_TYPES: Record<FindingsExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
  pdf: "application/pdf",
};

/** The file of a view whose first page was read: headers, then the body (see the rules above). */
export async function findingsExportFile(
  format: FindingsExportFormat,
  start: FindingsExportStart,
): Promise<FindingsExportFile> {
  const headers: Record<string, string> = {
    "Content-Type": CONTENT_TYPES[format],
    "Content-Disposition": `attachment; filename="${findingsExportFileName(format, start.generatedAt)}"`,
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "X-Safekeep-Total": String(start.total),
    ...(start.notice ? { "X-Safekeep-Notice": start.notice } : {}),
  };
  if (format === "pdf") {
    const { renderFindingsPdf } = await import("./findings-pdf");
    const body = await renderFindingsPdf({
      request: start.request,
      generatedAt: start.generatedAt,
      snapshots: start.snapshots,
      total: start.total,
      items: start.first.slice(0, FINDINGS_PDF_MAX_ROWS),
      ...(start.notice ? { notice: start.notice } : {}),
    });
    return { body, headers };
  }
  return { body: byteStream(format, format === "csv" ? csvChunks(start) : jsonChunks(start)), headers };
}
