import { stringify } from "csv-stringify/sync";
import type { Snapshot, SnapshotControl } from "@/lib/snapshot/schema";
import type { Status } from "@/lib/controls/types";

/** Filters a page applies; the export contains exactly the rows the page shows. */
export interface ExportFilter {
  service?: string;
  control?: string;
  status?: Status;
  /** Case-insensitive text the row must contain (resource, reason, region, type). */
  query?: string;
}

export function filteredControls(snapshot: Snapshot, filter: ExportFilter): SnapshotControl[] {
  return snapshot.controls.filter(
    (c) => (!filter.service || c.service === filter.service) && (!filter.control || c.id === filter.control),
  );
}

export interface ResultRow {
  snapshotId: string;
  accountId: string;
  service: string;
  controlId: string;
  controlTitle: string;
  severity: string;
  controlStatus: string;
  resourceArn: string;
  resourceType: string;
  region: string;
  status: string;
  reason: string;
}

export function resultRows(snapshot: Snapshot, filter: ExportFilter): ResultRow[] {
  const needle = filter.query?.toLowerCase();
  return filteredControls(snapshot, filter).flatMap((c) =>
    c.results
      .filter((r) => !filter.status || r.status === filter.status)
      .filter(
        (r) =>
          !needle || [r.resourceArn, r.reason, r.region, r.resourceType].some((f) => f.toLowerCase().includes(needle)),
      )
      .map((r) => ({
        snapshotId: snapshot.id,
        accountId: snapshot.account.id,
        service: c.service,
        controlId: c.id,
        controlTitle: c.title,
        severity: c.severity,
        controlStatus: c.status,
        resourceArn: r.resourceArn,
        resourceType: r.resourceType,
        region: r.region,
        status: r.status,
        reason: r.reason,
      })),
  );
}

export interface ControlRow {
  snapshotId: string;
  service: string;
  controlId: string;
  title: string;
  severity: string;
  status: string;
  responsibility: string;
  resources: number;
  failing: number;
  warnings: number;
  errors: number;
  remediationUrl: string;
}

export function controlRows(snapshot: Snapshot, filter: ExportFilter): ControlRow[] {
  return filteredControls(snapshot, filter)
    .filter((c) => !filter.status || c.status === filter.status)
    .map((c) => ({
      snapshotId: snapshot.id,
      service: c.service,
      controlId: c.id,
      title: c.title,
      severity: c.severity,
      status: c.status,
      responsibility: c.responsibility,
      resources: c.results.length,
      failing: c.results.filter((r) => r.status === "fail").length,
      warnings: c.results.filter((r) => r.status === "warn").length,
      errors: c.results.filter((r) => r.status === "error").length,
      remediationUrl: c.remediation.url,
    }));
}

/**
 * CSV with a header row, every field quoted when needed. Cells that a spreadsheet would run as a
 * formula (=, +, -, @ at the start) are prefixed with a quote mark: resource names are user data.
 */
export function toCsv<T extends object>(rows: T[], columns: (keyof T & string)[]): string {
  const safe = rows.map((row) =>
    columns.map((col) => {
      const value = row[col];
      const text = value === undefined || value === null ? "" : String(value);
      return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
    }),
  );
  return stringify([columns, ...safe]);
}

export const RESULT_COLUMNS: (keyof ResultRow & string)[] = [
  "snapshotId",
  "accountId",
  "service",
  "controlId",
  "controlTitle",
  "severity",
  "controlStatus",
  "resourceArn",
  "resourceType",
  "region",
  "status",
  "reason",
];

export const CONTROL_COLUMNS: (keyof ControlRow & string)[] = [
  "snapshotId",
  "service",
  "controlId",
  "title",
  "severity",
  "status",
  "responsibility",
  "resources",
  "failing",
  "warnings",
  "errors",
  "remediationUrl",
];
