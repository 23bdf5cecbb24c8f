/**
 * A framework's evidence as a file: CSV (one row per requirement × mapped control) or PDF. Pure
 * apart from the PDF renderer's fonts: snapshot and framework in, bytes and a file name out.
 */
import { STATUS_LABELS } from "@/lib/controls/types";
import { toCsv } from "./csv";
import type { Snapshot } from "@/lib/snapshot/schema";
import { frameworkLabel, type Framework } from "@/lib/frameworks/frameworks";
import { renderFrameworkPdf } from "./framework-pdf";
import { rollUpFramework, type FrameworkRollup } from "@/lib/frameworks/rollup";

export type FrameworkExportFormat = "pdf" | "csv";

export interface FrameworkCsvRow {
  framework: string;
  requirement: string;
  requirement_status: string;
  requirement_incomplete: string;
  control_id: string;
  control_title: string;
  control_status: string;
  control_incomplete: string;
  coverage: string;
  coverage_note: string;
  failing_resources: number;
  source_url: string;
  source_maps: string;
  source_as_of: string;
  account_id: string;
  snapshot_id: string;
  scanned_at: string;
}

export const FRAMEWORK_CSV_COLUMNS: (keyof FrameworkCsvRow & string)[] = [
  "framework",
  "requirement",
  "requirement_status",
  "requirement_incomplete",
  "control_id",
  "control_title",
  "control_status",
  "control_incomplete",
  "coverage",
  "coverage_note",
  "failing_resources",
  "source_url",
  "source_maps",
  "source_as_of",
  "account_id",
  "snapshot_id",
  "scanned_at",
];

export function frameworkCsvRows(framework: Framework, snapshot: Snapshot, rollup: FrameworkRollup): FrameworkCsvRow[] {
  return rollup.requirements.flatMap((req) =>
    req.controls.map((c) => ({
      framework: frameworkLabel(framework),
      requirement: req.requirement,
      requirement_status: req.status,
      requirement_incomplete: req.incomplete ? "yes" : "no",
      control_id: c.controlId,
      control_title: c.title,
      // A control the snapshot does not hold was not judged: said in words, never left blank as if fine.
      control_status: c.status ?? "not in snapshot",
      control_incomplete: c.incomplete ? "yes" : "no",
      coverage: c.coverage,
      coverage_note: c.note ?? "",
      failing_resources: c.failingResources,
      source_url: c.source.url,
      source_maps: c.source.maps,
      source_as_of: c.source.asOf ?? "",
      account_id: snapshot.account.id,
      snapshot_id: snapshot.id,
      scanned_at: snapshot.finishedAt,
    })),
  );
}

/** "safekeep-pci-dss-4.0-123456789012-2026-11-27.pdf": framework, account and scan date. */
export function frameworkFileName(framework: Framework, snapshot: Snapshot, format: FrameworkExportFormat): string {
  const date = snapshot.finishedAt.slice(0, 10);
  const base = `safekeep-${framework.id}-${snapshot.account.id}-${date}`.replace(/[^A-Za-z0-9._-]/g, "_");
  return `${base}.${format}`;
}

export interface FrameworkFile {
  body: string | Buffer;
  contentType: string;
  fileName: string;
}

export async function exportFramework(
  framework: Framework,
  snapshot: Snapshot,
  format: FrameworkExportFormat,
  generatedAt = new Date(),
): Promise<FrameworkFile> {
  const rollup = rollUpFramework(framework, snapshot);
  const fileName = frameworkFileName(framework, snapshot, format);
  if (format === "csv") {
    return {
      body: toCsv(frameworkCsvRows(framework, snapshot, rollup), FRAMEWORK_CSV_COLUMNS),
      contentType: "text/csv; charset=utf-8",
      fileName,
    };
  }
  return {
    body: await renderFrameworkPdf(framework, snapshot, rollup, generatedAt),
    contentType: "application/pdf",
    fileName,
  };
}

/** "Fail · incomplete": a requirement's status as the exports and pages word it. */
export function requirementStatusText(status: keyof typeof STATUS_LABELS, incomplete: boolean): string {
  return `${STATUS_LABELS[status]}${incomplete ? " · incomplete" : ""}`;
}
