import type { ServiceId } from "@/lib/inventory/common";
import type { Status } from "@/lib/controls/types";
import type { Snapshot } from "./schema";

export type ChangeKind = "new-failure" | "fixed" | "changed" | "new-resource" | "gone";

export interface ResultChange {
  kind: ChangeKind;
  controlId: string;
  controlTitle: string;
  service: ServiceId;
  resourceArn: string;
  region: string;
  before?: Status;
  after?: Status;
  reason: string;
}

export interface SnapshotDiff {
  from: { id: string; finishedAt: string; score: number | null };
  to: { id: string; finishedAt: string; score: number | null };
  services: { id: ServiceId; before: number | null; after: number | null }[];
  changes: ResultChange[];
  counts: Record<ChangeKind, number>;
}

const FAILING: ReadonlySet<Status> = new Set(["fail", "warn"]);

function key(controlId: string, resourceArn: string, region: string): string {
  return `${controlId}\u0000${resourceArn}\u0000${region}`;
}

/**
 * Some controls give one resource several results (one per URL or name field); the n-th result of a
 * resource is matched with the n-th result of the same resource in the other snapshot.
 */
function keyed<T extends { resourceArn: string; region: string }>(
  controlId: string,
  results: readonly T[],
): [string, T][] {
  const seen = new Map<string, number>();
  return results.map((r) => {
    const base = key(controlId, r.resourceArn, r.region);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return [n === 0 ? base : `${base}\u0000${n}`, r];
  });
}

function classify(before: Status | undefined, after: Status | undefined): ChangeKind | undefined {
  if (before === after) return undefined;
  if (after !== undefined && FAILING.has(after) && (before === undefined || !FAILING.has(before))) return "new-failure";
  if (before !== undefined && FAILING.has(before) && (after === undefined || after === "pass")) return "fixed";
  if (before === undefined) return "new-resource";
  if (after === undefined) return "gone";
  return "changed";
}

/**
 * What changed from one snapshot to another, per resource result: new failures (a fail or warning
 * that was not failing before), fixed ones, other status changes, and resources that appeared or
 * went away. Pure; worst changes first.
 */
export function diffSnapshots(from: Snapshot, to: Snapshot): SnapshotDiff {
  const before = new Map<string, { status: Status; reason: string; title: string; service: ServiceId }>();
  for (const c of from.controls)
    for (const [k, r] of keyed(c.id, c.results))
      before.set(k, {
        status: r.status,
        reason: r.reason,
        title: c.title,
        service: c.service,
      });

  const changes: ResultChange[] = [];
  const seen = new Set<string>();
  for (const c of to.controls) {
    for (const [k, r] of keyed(c.id, c.results)) {
      seen.add(k);
      const old = before.get(k);
      const kind = classify(old?.status, r.status);
      if (kind)
        changes.push({
          kind,
          controlId: c.id,
          controlTitle: c.title,
          service: c.service,
          resourceArn: r.resourceArn,
          region: r.region,
          before: old?.status,
          after: r.status,
          reason: r.reason,
        });
    }
  }
  for (const [k, old] of before) {
    if (seen.has(k)) continue;
    const [controlId = "", resourceArn = "", region = ""] = k.split("\u0000");
    const kind = classify(old.status, undefined);
    if (kind)
      changes.push({
        kind,
        controlId,
        controlTitle: old.title,
        service: old.service,
        resourceArn,
        region,
        before: old.status,
        reason: old.reason,
      });
  }
  const order: ChangeKind[] = ["new-failure", "fixed", "changed", "new-resource", "gone"];
  changes.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.controlId.localeCompare(b.controlId));
  const counts = Object.fromEntries(order.map((k) => [k, changes.filter((c) => c.kind === k).length])) as Record<
    ChangeKind,
    number
  >;
  return {
    from: { id: from.id, finishedAt: from.finishedAt, score: from.score },
    to: { id: to.id, finishedAt: to.finishedAt, score: to.score },
    services: to.services.map((s) => ({
      id: s.id,
      before: from.services.find((f) => f.id === s.id)?.score ?? null,
      after: s.score,
    })),
    changes,
    counts,
  };
}
