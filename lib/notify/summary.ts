/**
 * What a notification says: from the comparison of a scan with the account's previous one, the
 * changes worth a message. Pure. The rules:
 * - new findings (failing or warning now, not before) of at least the minimum severity, except those
 *   a mute in force when the scan finished covers (they are counted, not listed);
 * - fixed findings of at least that severity: only verified fixes (`compareSnapshots` calls nothing
 *   fixed that was not judged again or proven gone); what was not re-checked is counted apart and
 *   never called fixed;
 * - a drop of the overall score by at least the threshold, when both scans have a score;
 * - findings failing again because their mute ended (expired or lifted) since the previous scan;
 * - nothing of that: no message at all.
 */
import { SEVERITIES, type Severity, type Status } from "@/lib/controls/types";
import type { ServiceId } from "@/lib/inventory/common";
import type { ComparedFinding, Comparison } from "@/lib/snapshot/compare";
import { muteFor, wasActiveAt, type Mute } from "@/lib/snapshot/mute";
import type { Snapshot } from "@/lib/snapshot/schema";

/** Findings listed per kind of change in a message (the counts are always complete). */
export const MAX_LISTED = 50;

export interface FindingLine {
  findingId: string;
  controlId: string;
  controlTitle: string;
  service: ServiceId;
  severity: Severity;
  status: Status | null;
  resourceArn: string;
  name?: string;
  region: string;
  /** The control's page in the dashboard, at this snapshot (only with a dashboard address). */
  link?: string;
}

export interface ChangeMessage {
  event: "scan.changes";
  account: { id: string; name?: string };
  source: Snapshot["source"];
  snapshotId: string;
  previousSnapshotId: string;
  /** When the scan finished. */
  scannedAt: string;
  minSeverity: Severity;
  /** False when the two scans covered different Regions, services or data: `scopeNotes` says how. */
  comparable: boolean;
  scopeNotes: string[];
  newFindings: { count: number; muted: number; listed: FindingLine[] };
  fixed: { count: number; listed: FindingLine[] };
  /** Findings that stopped failing without being judged again: never counted as fixed. */
  notRechecked: number;
  score: { before: number | null; after: number | null; drop: number | null; threshold: number; dropped: boolean };
  muteEnded: { count: number; listed: (FindingLine & { muteId: string; how: "expired" | "lifted"; at: string })[] };
  /** The snapshot's overview in the dashboard (only with a dashboard address). */
  link?: string;
}

export interface SummaryOptions {
  /** The newer snapshot (the comparison's `to`): names, control titles, the account's name. */
  snapshot: Snapshot;
  minSeverity: Severity;
  scoreDrop: number;
  /** Every mute (lifted and expired ones too): new findings covered by one in force are left out. */
  mutes?: readonly Mute[];
  dashboardUrl?: string;
}

const atLeast = (severity: Severity, min: Severity) => SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(min);

export function snapshotLink(dashboardUrl: string | undefined, snapshot: Pick<Snapshot, "id" | "account">) {
  if (!dashboardUrl) return undefined;
  const query = new URLSearchParams({ snapshot: snapshot.id, account: snapshot.account.id });
  return `${dashboardUrl}/?${query}`;
}

function controlLink(dashboardUrl: string | undefined, snapshot: Snapshot, finding: ComparedFinding) {
  if (!dashboardUrl) return undefined;
  const query = new URLSearchParams({ snapshot: snapshot.id, account: snapshot.account.id });
  return `${dashboardUrl}/services/${finding.service}/controls/${encodeURIComponent(finding.control)}?${query}`;
}

/** The message for `comparison` (previous scan → this one), or undefined when nothing is worth one. */
export function changeSummary(comparison: Comparison, options: SummaryOptions): ChangeMessage | undefined {
  const { snapshot, minSeverity } = options;
  const titles = new Map(snapshot.controls.map((c) => [c.id, c.title]));
  const tags = new Map(
    snapshot.controls.flatMap((c) => c.results.map((r) => [`${c.id}\u0000${r.findingId}`, r.tags ?? []] as const)),
  );
  const line = (f: ComparedFinding): FindingLine => ({
    findingId: f.id.split("#")[0]!,
    controlId: f.control,
    controlTitle: titles.get(f.control) ?? f.control,
    service: f.service,
    severity: f.severity,
    status: f.after,
    resourceArn: f.resourceArn,
    ...(f.name !== undefined ? { name: f.name } : {}),
    region: f.region,
    ...(options.dashboardUrl ? { link: controlLink(options.dashboardUrl, snapshot, f) } : {}),
  });
  const finished = new Date(snapshot.finishedAt);
  const inForce = (options.mutes ?? []).filter((m) => wasActiveAt(m, finished));
  const mutedNow = (f: ComparedFinding) =>
    f.after !== null &&
    muteFor(
      {
        findingId: f.id.split("#")[0]!,
        accountId: snapshot.account.id,
        controlId: f.control,
        resourceArn: f.resourceArn,
        region: f.region,
        status: f.after,
        tags: tags.get(`${f.control}\u0000${f.id.split("#")[0]}`) ?? [],
      },
      inForce,
    ) !== undefined;

  const relevant = comparison.findings.filter((f) => atLeast(f.severity, minSeverity));
  const newOnes = relevant.filter((f) => f.change === "new");
  const newUnmuted = newOnes.filter((f) => !mutedNow(f));
  const fixed = relevant.filter((f) => f.change === "fixed");
  const ended = relevant.filter((f) => f.muteEnded !== undefined);
  const notRechecked = relevant.filter((f) => f.change === "notRechecked").length;

  const before = comparison.from.score;
  const after = comparison.to.score;
  const drop = before !== null && after !== null ? before - after : null;
  const dropped = drop !== null && drop >= options.scoreDrop;

  if (newUnmuted.length === 0 && fixed.length === 0 && ended.length === 0 && !dropped) return undefined;
  const link = snapshotLink(options.dashboardUrl, snapshot);
  return {
    event: "scan.changes",
    account: { id: snapshot.account.id, ...(snapshot.account.name ? { name: snapshot.account.name } : {}) },
    source: snapshot.source,
    snapshotId: comparison.to.id,
    previousSnapshotId: comparison.from.id,
    scannedAt: comparison.to.finishedAt,
    minSeverity,
    comparable: comparison.comparable,
    scopeNotes: comparison.scopeNotes,
    newFindings: {
      count: newUnmuted.length,
      muted: newOnes.length - newUnmuted.length,
      listed: newUnmuted.slice(0, MAX_LISTED).map(line),
    },
    fixed: { count: fixed.length, listed: fixed.slice(0, MAX_LISTED).map(line) },
    notRechecked,
    score: { before, after, drop, threshold: options.scoreDrop, dropped },
    muteEnded: {
      count: ended.length,
      listed: ended.slice(0, MAX_LISTED).map((f) => ({
        ...line(f),
        muteId: f.muteEnded!.id,
        how: f.muteEnded!.how,
        at: f.muteEnded!.at,
      })),
    },
    ...(link ? { link } : {}),
  };
}
