import { SERVICE_NAMES, type ServiceId } from "@/lib/inventory/common";
import type { Snapshot } from "./schema";

/**
 * What a scan covered: its Regions, the services it evaluated and the gaps in what it could read
 * (failed calls and skipped Regions). Two scores are only like for like when their scopes are equal.
 */
export interface SnapshotScope {
  regions: string[];
  services: ServiceId[];
  /** `action region` per failed call and `skipped region[ service]` per skipped Region, sorted, unique. */
  gaps: string[];
}

export function snapshotScope(snapshot: Pick<Snapshot, "regions" | "services" | "coverage">): SnapshotScope {
  const gaps = new Set<string>();
  for (const e of snapshot.coverage.errors) gaps.add(`${e.action} ${e.region}`);
  for (const r of snapshot.coverage.skippedRegions) gaps.add(`skipped ${r.region}${r.service ? ` ${r.service}` : ""}`);
  return {
    regions: [...new Set(snapshot.regions)].sort(),
    services: snapshot.services.filter((s) => s.evaluated).map((s) => s.id),
    gaps: [...gaps].sort(),
  };
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/**
 * How `next` differs in scope from `previous`, one short phrase per way ("3 Regions instead of 8");
 * empty when a score change between them is like for like.
 */
export function scopeChanges(previous: SnapshotScope, next: SnapshotScope): string[] {
  const changes: string[] = [];
  if (!sameSet(previous.regions, next.regions)) {
    const added = next.regions.filter((r) => !previous.regions.includes(r));
    const lost = previous.regions.filter((r) => !next.regions.includes(r));
    changes.push(
      next.regions.length === previous.regions.length
        ? `other Regions (${[...lost.map((r) => `−${r}`), ...added.map((r) => `+${r}`)].join(", ")})`
        : `${next.regions.length} Regions instead of ${previous.regions.length}`,
    );
  }
  if (!sameSet(previous.services, next.services)) {
    const lost = previous.services.filter((s) => !next.services.includes(s)).map((s) => SERVICE_NAMES[s]);
    const added = next.services.filter((s) => !previous.services.includes(s)).map((s) => SERVICE_NAMES[s]);
    changes.push(
      [lost.length ? `without ${lost.join(", ")}` : "", added.length ? `with ${added.join(", ")}` : ""]
        .filter(Boolean)
        .join(", "),
    );
  }
  if (!sameSet(previous.gaps, next.gaps)) {
    changes.push(
      next.gaps.length === 0
        ? "complete coverage, after gaps"
        : `${next.gaps.length} coverage gap${next.gaps.length === 1 ? "" : "s"} (failed calls or skipped Regions)${previous.gaps.length ? `, ${previous.gaps.length} before` : ""}`,
    );
  }
  return changes;
}

export interface TrendPoint {
  id: string;
  finishedAt: string;
  score: number | null;
  accountId?: string;
  scope?: SnapshotScope;
}

export interface MarkedPoint<P extends TrendPoint = TrendPoint> {
  point: P;
  /** How this point's scan differs from the previous point's; empty: like for like (or the first point). */
  differences: string[];
  /** Score change from the previous point, only when like for like and both are scored. */
  delta: number | null;
}

/**
 * Marks, along a chronological series, each point whose scan covered different ground than the
 * previous point's (another account, other Regions or services, different coverage gaps), and
 * gives a score change only between points that are like for like.
 */
export function markScopeChanges<P extends TrendPoint>(points: readonly P[]): MarkedPoint<P>[] {
  return points.map((point, i) => {
    const previous = points[i - 1];
    if (!previous) return { point, differences: [], delta: null };
    let differences: string[];
    if (previous.accountId !== undefined && point.accountId !== undefined && previous.accountId !== point.accountId)
      differences = [`another account (${point.accountId})`];
    else if (!previous.scope || !point.scope) differences = ["scope not recorded"];
    else differences = scopeChanges(previous.scope, point.scope);
    const delta =
      differences.length === 0 && point.score !== null && previous.score !== null ? point.score - previous.score : null;
    return { point, differences, delta };
  });
}

/** "8 Regions · IAM, Amazon ElastiCache · complete coverage": what a scan covered, in one line. */
export function describeScope(scope: SnapshotScope): string {
  const regions = `${scope.regions.length} Region${scope.regions.length === 1 ? "" : "s"}`;
  const services = scope.services.length ? scope.services.map((s) => SERVICE_NAMES[s]).join(", ") : "no service";
  const coverage =
    scope.gaps.length === 0
      ? "complete coverage"
      : `${scope.gaps.length} coverage gap${scope.gaps.length === 1 ? "" : "s"} (failed calls or skipped Regions)`;
  return `${regions} · ${services} · ${coverage}`;
}
