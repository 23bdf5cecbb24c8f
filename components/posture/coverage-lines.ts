import type { ServiceId } from "@/lib/inventory/common";
import type { Snapshot } from "@/lib/snapshot/schema";

type Coverage = Snapshot["coverage"];

/** One cause and the Regions (or actions) it hit: what the coverage banner writes as one line. */
export interface CoverageGroup {
  /** What went wrong, in words, without trailing punctuation. */
  cause: string;
  /** The Regions it hit, sorted and unique. */
  regions: string[];
  /** The services it hit, sorted and unique (the overview names them; a service page needs not). */
  services: string[];
}

export interface CoverageLines {
  /** Regions that rejected the credentials: nothing there could be read. */
  rejectingRegions: string[];
  deniedActions: string[];
  skipped: CoverageGroup[];
  /** Other failed calls, one per action and message. */
  errors: (CoverageGroup & { action: string })[];
  notes: CoverageGroup[];
}

/** Messages are written by many collectors and AWS; the banner adds its own separators, so theirs go. */
export function tidyCause(message: string): string {
  return message
    .trim()
    .replace(/[\s.;:,]+$/, "")
    .replace(/\s+/g, " ");
}

const sortedUnique = (values: Iterable<string>) => [...new Set(values)].sort();

function group<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  regionOf: (item: T) => string,
  serviceOf: (item: T) => string | undefined,
): { key: string; regions: string[]; services: string[] }[] {
  const byKey = new Map<string, { regions: Set<string>; services: Set<string> }>();
  for (const item of items) {
    const key = keyOf(item);
    const entry = byKey.get(key) ?? { regions: new Set(), services: new Set() };
    if (regionOf(item)) entry.regions.add(regionOf(item));
    const service = serviceOf(item);
    if (service) entry.services.add(service);
    byKey.set(key, entry);
  }
  return [...byKey.entries()]
    .map(([key, e]) => ({ key, regions: sortedUnique(e.regions), services: sortedUnique(e.services) }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

/**
 * What the coverage banner says, for the whole snapshot (the overview) or scoped to one service (its
 * page): that service's denied actions (the access-denied calls filed under it, and any denied action one
 * of its controls needs), its skipped Regions (and those skipped for every service) and its failed calls.
 * Causes repeated per service or Region are grouped into one line each.
 */
export function coverageLines(
  coverage: Coverage,
  scope?: { service: ServiceId; requires: readonly string[] },
): CoverageLines {
  const mine = <T extends { service?: string }>(items: readonly T[]) =>
    scope ? items.filter((i) => i.service === undefined || i.service === scope.service) : items;
  const errors = mine(coverage.errors);
  const deniedActions = scope
    ? sortedUnique([
        ...errors.filter((e) => e.kind === "access-denied").map((e) => e.action),
        ...coverage.deniedActions.filter((a) => scope.requires.includes(a)),
      ])
    : sortedUnique(coverage.deniedActions);
  const rejectingRegions = sortedUnique(errors.filter((e) => e.kind === "credentials-rejected").map((e) => e.region));
  const others = errors.filter((e) => e.kind !== "access-denied" && e.kind !== "credentials-rejected");
  return {
    rejectingRegions,
    deniedActions,
    skipped: group(
      mine(coverage.skippedRegions),
      (r) => tidyCause(r.reason),
      (r) => r.region,
      (r) => r.service,
    ).map(({ key, regions, services }) => ({ cause: key, regions, services })),
    errors: group(
      others,
      (e) => `${e.action}\u0000${tidyCause(e.message)}`,
      (e) => e.region,
      (e) => e.service,
    ).map(({ key, regions, services }) => {
      const [action = "", cause = ""] = key.split("\u0000");
      return { action, cause, regions, services };
    }),
    notes: group(
      mine(coverage.notes ?? []),
      (n) => tidyCause(n.message),
      (n) => n.region,
      (n) => n.service,
    ).map(({ key, regions, services }) => ({ cause: key, regions, services })),
  };
}

/** True when there is nothing to say. */
export function isEmpty(lines: CoverageLines): boolean {
  return (
    lines.rejectingRegions.length === 0 &&
    lines.deniedActions.length === 0 &&
    lines.skipped.length === 0 &&
    lines.errors.length === 0 &&
    lines.notes.length === 0
  );
}
