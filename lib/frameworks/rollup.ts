/**
 * A framework's requirements as a snapshot shows them: each requirement's status rolled up from the
 * statuses of the Safekeep controls mapped to it. Pure: snapshot and mappings in, rows out.
 *
 * The rules are the controls' own (lib/posture/rollup.ts) one level up: the worst judged status wins;
 * a requirement is marked incomplete when any mapped control could not be fully judged (incomplete,
 * error, or not in the snapshot at all); it is `error` only when none could be judged, and not
 * applicable only when every mapped control is. So a requirement whose controls pass but one of which
 * is incomplete is never a clean pass.
 */
import { CONTROLS } from "@/lib/controls/registry";
import type { Status } from "@/lib/controls/types";
import { findingsHref as findingsLink } from "@/lib/findings-url";
import type { ServiceId } from "@/lib/inventory/common";
import { rollUp } from "@/lib/posture/rollup";
import type { Snapshot, SnapshotControl } from "@/lib/snapshot/schema";
import type { Framework, FrameworkId } from "./frameworks";
import { MAPPINGS, type Coverage, type Mapping, type MappingSource } from "./mappings";

export interface RequirementControl {
  controlId: string;
  /** The service whose pages show the control (`/services/<service>/controls/<id>`). */
  service: ServiceId;
  title: string;
  /** null: the control is not in the snapshot (its service was not scanned). */
  status: Status | null;
  incomplete: boolean;
  /** Results of this control that could not be judged (error); a control not in the snapshot counts 1. */
  unjudged: number;
  coverage: Coverage;
  note?: string;
  /** Results of this control that fail in the snapshot (muted ones are counted too: they still fail). */
  failingResources: number;
  source: MappingSource;
}

export type StatusCounts = Record<Status, number>;

export interface RequirementRow {
  requirement: string;
  status: Status;
  incomplete: boolean;
  /** Results of the mapped controls that could not be judged, for the "incomplete" mark's detail. */
  unjudged: number;
  controls: RequirementControl[];
  /** Mapped controls by their status; `notInSnapshot` counts the ones absent from the snapshot. */
  counts: StatusCounts & { notInSnapshot: number };
  /** Distinct resources that fail any mapped control. */
  failingResources: number;
}

export interface FrameworkRollup {
  framework: FrameworkId;
  requirements: RequirementRow[];
  /** Requirements by their rolled-up status, and how many of them are incomplete. */
  counts: StatusCounts & { incomplete: number };
}

const SERVICE_OF = new Map<string, ServiceId>(CONTROLS.map((c) => [c.meta.id, c.meta.service]));

const emptyCounts = (): StatusCounts => ({ pass: 0, fail: 0, warn: 0, "not-applicable": 0, error: 0 });

/** Requirement ids in the framework's own order: "AC-2" < "AC-2(1)" < "AC-10"; "1.4" < "1.16". */
export function compareRequirements(a: string, b: string): number {
  return a.localeCompare(b, "en", { numeric: true });
}

export function rollUpRequirement(
  requirement: string,
  mappings: readonly Mapping[],
  controls: ReadonlyMap<string, SnapshotControl>,
): RequirementRow {
  const counts = { ...emptyCounts(), notInSnapshot: 0 };
  const failing = new Set<string>();
  const rows: RequirementControl[] = mappings.map((m) => {
    const control = controls.get(m.controlId);
    if (!control) counts.notInSnapshot++;
    else counts[control.status]++;
    const failed = control?.results.filter((r) => r.status === "fail") ?? [];
    for (const r of failed) failing.add(r.resourceArn);
    return {
      controlId: m.controlId,
      service: control?.service ?? SERVICE_OF.get(m.controlId) ?? "account",
      title: control?.title ?? CONTROLS.find((c) => c.meta.id === m.controlId)?.meta.title ?? m.controlId,
      status: control?.status ?? null,
      incomplete: control?.incomplete !== undefined,
      unjudged: control
        ? (control.incomplete?.resources ??
          (control.status === "error" ? Math.max(1, control.results.filter((r) => r.status === "error").length) : 0))
        : 1,
      coverage: m.coverage,
      ...(m.note ? { note: m.note } : {}),
      failingResources: failed.length,
      source: m.source,
    };
  });
  // A control missing from the snapshot could not be judged: it counts as an error, never as a pass.
  const statuses = rows.map((r) => r.status ?? "error");
  const status = rollUp(statuses);
  const partlyUnjudged = rows.some((r) => r.incomplete || r.status === null || r.status === "error");
  return {
    requirement,
    status,
    incomplete: status !== "error" && partlyUnjudged,
    unjudged: rows.reduce((sum, r) => sum + r.unjudged, 0),
    controls: rows,
    counts,
    failingResources: failing.size,
  };
}

export function rollUpFramework(
  framework: Framework,
  snapshot: Snapshot,
  mappings: readonly Mapping[] = MAPPINGS,
): FrameworkRollup {
  const controls = new Map(snapshot.controls.map((c) => [c.id, c]));
  const byRequirement = new Map<string, Mapping[]>();
  for (const m of mappings) {
    if (m.framework !== framework.id) continue;
    byRequirement.set(m.requirement, [...(byRequirement.get(m.requirement) ?? []), m]);
  }
  const requirements = [...byRequirement.entries()]
    .sort(([a], [b]) => compareRequirements(a, b))
    .map(([requirement, rows]) => rollUpRequirement(requirement, rows, controls));
  const counts = { ...emptyCounts(), incomplete: 0 };
  for (const r of requirements) {
    counts[r.status]++;
    if (r.incomplete) counts.incomplete++;
  }
  return { framework: framework.id, requirements, counts };
}

/**
 * The /findings link for a requirement: the open findings (fail, warn, error) of its controls, in the
 * snapshot and account the page shows.
 */
export function findingsHref(row: RequirementRow, keep: { snapshotId?: string; account?: string } = {}): string {
  const ids = [...new Set(row.controls.map((c) => c.controlId))].join(",");
  return findingsLink(keep, { control: ids, status: "fail,warn,error" });
}
