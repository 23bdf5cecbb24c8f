/**
 * Exports of a comparison of two snapshots: exactly the findings the compare page lists for the same
 * `change` and `service` (lib/snapshot/compare-view.ts), every one of them (the page's per-section
 * cap does not apply), as CSV, JSON or PDF. CSV cells go through `csvCell` (resource names are user
 * data a spreadsheet must not run as formulas).
 */
import { SERVICE_NAMES } from "@/lib/inventory/common";
import { CHANGE_LABELS, type ComparedFinding, type Comparison } from "@/lib/snapshot/compare";
import { viewFindings, type CompareView } from "@/lib/snapshot/compare-view";
import { toCsv } from "./csv";
import { displayName } from "./resource-label";

export const COMPARE_EXPORT_FORMATS = ["csv", "json", "pdf"] as const;
export type CompareExportFormat = (typeof COMPARE_EXPORT_FORMATS)[number];

/** Rows a PDF lists at most (as the findings PDF); the CSV and JSON hold every row and the PDF says so. */
export const COMPARE_PDF_MAX_ROWS = 500;

export interface CompareRow {
  accountId: string;
  fromSnapshot: string;
  toSnapshot: string;
  findingId: string;
  change: string;
  service: string;
  controlId: string;
  severity: string;
  resourceName: string;
  resourceArn: string;
  region: string;
  before: string;
  after: string;
  detail: string;
  firstSeen: string;
  lastSeen: string;
  /** "expired" or "lifted" when a mute covering the finding in the earlier scan has since ended. */
  muteEnded: string;
  muteEndedAt: string;
}

export const COMPARE_COLUMNS: (keyof CompareRow & string)[] = [
  "accountId",
  "fromSnapshot",
  "toSnapshot",
  "findingId",
  "change",
  "service",
  "controlId",
  "severity",
  "resourceName",
  "resourceArn",
  "region",
  "before",
  "after",
  "detail",
  "firstSeen",
  "lastSeen",
  "muteEnded",
  "muteEndedAt",
];

export function compareRows(comparison: Comparison, findings: readonly ComparedFinding[]): CompareRow[] {
  return findings.map((f) => ({
    accountId: comparison.account.id,
    fromSnapshot: comparison.from.id,
    toSnapshot: comparison.to.id,
    findingId: f.id,
    change: f.change,
    service: f.service,
    controlId: f.control,
    severity: f.severity,
    resourceName: displayName({ resourceArn: f.resourceArn, name: f.name }),
    resourceArn: f.resourceArn,
    region: f.region,
    before: f.before ?? "",
    after: f.after ?? "",
    detail: f.detail ?? "",
    firstSeen: f.firstSeen ?? "",
    lastSeen: f.lastSeen ?? "",
    muteEnded: f.muteEnded?.how ?? "",
    muteEndedAt: f.muteEnded?.at ?? "",
  }));
}

/** The view in words: "New; Amazon ElastiCache", "every change except still failing; every service". */
export function describeCompareView(view: Pick<CompareView, "change" | "service">): string {
  const change =
    view.change === "all"
      ? "every finding"
      : view.change === "changes"
        ? "every change except still failing"
        : CHANGE_LABELS[view.change];
  return `${change}; ${view.service ? SERVICE_NAMES[view.service] : "every service"}`;
}

/** `safekeep-compare-<from>-<to>.csv`: ids are letters, digits and dashes only (checked before). */
export function compareExportFileName(comparison: Comparison, format: CompareExportFormat): string {
  return `safekeep-compare-${comparison.from.id}-${comparison.to.id}.${format}`;
}

export interface CompareExportFile {
  body: string | Buffer;
  contentType: string;
  fileName: string;
}

export async function exportComparison(
  comparison: Comparison,
  view: Pick<CompareView, "change" | "service">,
  format: CompareExportFormat,
  generatedAt: Date,
): Promise<CompareExportFile> {
  const findings = viewFindings(comparison, view);
  const fileName = compareExportFileName(comparison, format);
  switch (format) {
    case "csv":
      return {
        body: toCsv(compareRows(comparison, findings), COMPARE_COLUMNS),
        contentType: "text/csv; charset=utf-8",
        fileName,
      };
    case "json":
      // The comparison as GET /api/snapshots/compare gives it, its findings narrowed to the view; the
      // counts stay those of the whole comparison, and `view` says what was listed.
      return {
        body: JSON.stringify(
          {
            ...comparison,
            view: { change: view.change, service: view.service ?? null, description: describeCompareView(view) },
            listed: findings.length,
            findings,
          },
          null,
          2,
        ),
        contentType: "application/json; charset=utf-8",
        fileName,
      };
    case "pdf": {
      const { renderComparePdf } = await import("./compare-pdf");
      return {
        body: await renderComparePdf({ comparison, view, findings, generatedAt }),
        contentType: "application/pdf",
        fileName,
      };
    }
  }
}
