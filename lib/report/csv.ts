import { stringify } from "csv-stringify/sync";
import type { Snapshot, SnapshotControl } from "@/lib/snapshot/schema";
import type { Status } from "@/lib/controls/types";
import { displayName, formatTags, matchesQuery } from "./resource-label";

/** Filters a page applies; the export contains exactly the rows the page shows. */
export interface ExportFilter {
  service?: string;
  control?: string;
  status?: Status;
  /** Case-insensitive text the row must contain (name, resource, reason, region, type, tags). */
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
  /** The resource's name (its id when no name is known), shown before its ARN. */
  resourceName: string;
  resourceArn: string;
  resourceType: string;
  region: string;
  status: string;
  reason: string;
  /** `key=value; key=value`. */
  tags: string;
  /** "yes" when a mute in force covers the result (it then leaves the score); the mute's reason, owner, expiry. */
  muted: string;
  muteReason: string;
  muteOwner: string;
  muteExpires: string;
}

export function resultRows(snapshot: Snapshot, filter: ExportFilter): ResultRow[] {
  return filteredControls(snapshot, filter).flatMap((c) =>
    c.results
      .filter((r) => !filter.status || r.status === filter.status)
      .filter((r) => matchesQuery(r, filter.query))
      .map((r) => ({
        snapshotId: snapshot.id,
        accountId: snapshot.account.id,
        service: c.service,
        controlId: c.id,
        controlTitle: c.title,
        severity: c.severity,
        controlStatus: c.status,
        resourceName: displayName(r),
        resourceArn: r.resourceArn,
        resourceType: r.resourceType,
        region: r.region,
        status: r.status,
        reason: r.reason,
        tags: formatTags(r.tags),
        muted: r.mute ? "yes" : "no",
        muteReason: r.mute?.reason ?? "",
        muteOwner: r.mute?.owner ?? "",
        muteExpires: r.mute?.expiresAt ?? "",
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
  /** "yes" when part of the control could not be judged (its status is the worst of what was). */
  incomplete: string;
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
      incomplete: c.incomplete ? "yes" : "",
      responsibility: c.responsibility,
      resources: c.results.length,
      failing: c.results.filter((r) => r.status === "fail").length,
      warnings: c.results.filter((r) => r.status === "warn").length,
      errors: c.results.filter((r) => r.status === "error").length,
      remediationUrl: c.remediation.url,
    }));
}

/**
 * One cell's text. Cells that a spreadsheet would run as a formula (=, +, -, @ at the start) are
 * prefixed with a quote mark: resource names are user data.
 */
export function csvCell(value: unknown): string {
  const text = value === undefined || value === null ? "" : String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** CSV with a header row, every field quoted when needed, every cell through `csvCell`. */
export function toCsv<T extends object>(rows: T[], columns: (keyof T & string)[]): string {
  const safe = rows.map((row) => columns.map((col) => csvCell(row[col])));
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
  "resourceName",
  "resourceArn",
  "resourceType",
  "region",
  "status",
  "reason",
  "tags",
  "muted",
  "muteReason",
  "muteOwner",
  "muteExpires",
];

export const CONTROL_COLUMNS: (keyof ControlRow & string)[] = [
  "snapshotId",
  "service",
  "controlId",
  "title",
  "severity",
  "status",
  "incomplete",
  "responsibility",
  "resources",
  "failing",
  "warnings",
  "errors",
  "remediationUrl",
];
