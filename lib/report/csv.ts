import { stringify } from "csv-stringify/sync";
import type { Snapshot, SnapshotControl } from "@/lib/snapshot/schema";
import { SEVERITIES, type Status } from "@/lib/controls/types";
import type { Sighting } from "@/lib/snapshot/store";
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
  // Added after the columns above (integrations read by header; the older columns keep their order).
  /** When the scan finished (ISO 8601): the time of every row of the snapshot. */
  scannedAt: string;
  /** The account's (masked) name in its Organization; empty when the snapshot does not record it. */
  accountName: string;
  /** The stable finding id: the same in every snapshot and export (account + control + resource). */
  findingId: string;
  /** The control's remediation, in words. */
  remediation: string;
  /** First time the finding was failing (fail or warn) in the account's history; empty when never or not known. */
  firstSeen: string;
  /** The evidence the verdict used, as one JSON object. */
  evidence: string;
}

/** The order of the default sort: what needs work first; `error` (could not be judged) may hide a failure. */
export const CSV_STATUS_ORDER: readonly Status[] = ["fail", "error", "warn", "pass", "not-applicable"];

function rank<T>(order: readonly T[], value: T): number {
  const i = order.indexOf(value);
  return i < 0 ? order.length : i;
}

/** Byte order of UTF-8 for ASCII and code-unit order otherwise: the same in every locale. */
function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A row with the key the resource is sorted on (not a column). */
type SortableRow = ResultRow & { resourceSort: string };

/**
 * The default order of result rows: severity (critical first), then status (fail, error, warn, pass,
 * not applicable), then control id, then resource (its name, or its ARN when unnamed, as the findings
 * view sorts), then ARN and Region; rows equal on all of these keep the snapshot's order.
 */
function compareResultRows(a: SortableRow, b: SortableRow): number {
  return (
    rank(SEVERITIES, a.severity as (typeof SEVERITIES)[number]) -
      rank(SEVERITIES, b.severity as (typeof SEVERITIES)[number]) ||
    rank(CSV_STATUS_ORDER, a.status as Status) - rank(CSV_STATUS_ORDER, b.status as Status) ||
    byText(a.controlId, b.controlId) ||
    byText(a.resourceSort, b.resourceSort) ||
    byText(a.resourceArn, b.resourceArn) ||
    byText(a.region, b.region)
  );
}

/**
 * The result rows of a snapshot, filtered as the page filters them, in the default order
 * (`compareResultRows`). `sightings` (from `findingHistory`) fills the first-seen column.
 */
export function resultRows(
  snapshot: Snapshot,
  filter: ExportFilter,
  sightings?: ReadonlyMap<string, Sighting>,
): ResultRow[] {
  const rows = filteredControls(snapshot, filter).flatMap((c): SortableRow[] =>
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
        scannedAt: snapshot.finishedAt,
        accountName: snapshot.account.name ?? "",
        findingId: r.findingId,
        remediation: c.remediation.text,
        firstSeen: sightings?.get(r.findingId)?.firstSeen ?? "",
        evidence: JSON.stringify(r.evidence),
        resourceSort: r.name ?? r.resourceArn,
      })),
  );
  return rows.sort(compareResultRows).map(({ resourceSort: _resourceSort, ...row }) => row);
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
  "scannedAt",
  "accountName",
  "findingId",
  "remediation",
  "firstSeen",
  "evidence",
];

/** Result columns that say which account and scan a row is from (the organization export has its own). */
export const RESULT_SOURCE_COLUMNS = ["snapshotId", "accountId", "accountName", "scannedAt"] as const;

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
