import { SERVICE_IDS, type Inventory, type ServiceId } from "@/lib/inventory";
import type { Control, Status } from "@/lib/controls/types";
import { maskingOptions, maskPersonalData } from "@/lib/detectors/pii";
import { findingId } from "@/lib/snapshot/finding-id";
import { maskError, maskResult } from "@/lib/snapshot/mask";
import { snapshotSchema, type Snapshot, type SnapshotControl, type StatusCounts } from "@/lib/snapshot/schema";
import { evaluateInventory } from "./evaluate";
import { scoreBreakdown } from "./score";

export function countStatuses(statuses: readonly Status[]): StatusCounts {
  const counts: StatusCounts = { pass: 0, fail: 0, warn: 0, "not-applicable": 0, error: 0 };
  for (const s of statuses) counts[s] += 1;
  return counts;
}

/** What a scan chose not to examine, said in the coverage so that no one reads "all" into it. */
function coverageNotes(inventory: Inventory): { service: ServiceId; region: string; message: string }[] {
  return (inventory.personalize?.regions ?? []).flatMap((region) =>
    (region.jobsNotExamined ?? []).map(({ kind, listed, notExamined }) => ({
      service: "personalize" as const,
      region: region.region,
      message: `${notExamined} of ${listed} ${kind} jobs not examined (only the newest of each kind are described)`,
    })),
  );
}

/**
 * Inventory → snapshot: evaluate, roll up, score. Pure apart from the id and clock the caller
 * passes in; the result is validated against the schema so nothing malformed is ever stored.
 */
export function buildSnapshot(
  inventory: Inventory,
  controls: readonly Control[],
  options: {
    id: string;
    now: Date;
    /** The installation key for the keyed hashes of personal-data findings; none → no hashes at all. */
    hashKey?: Uint8Array;
  },
): Snapshot {
  const outcomes = evaluateInventory(inventory, controls, { now: options.now, hashKey: options.hashKey });
  const masking = maskingOptions(inventory.account.id, options.hashKey);
  const snapshotControls: SnapshotControl[] = outcomes.map(({ control, status, incomplete, summary, results }) => ({
    ...control.meta,
    status,
    ...(incomplete ? { incomplete } : {}),
    summary,
    results: results.map((r) => {
      // Lookups only steer the runner; what is stored is the verdict and its evidence.
      const { dependsOn: _lookups, ...masked } = maskResult(r, masking);
      return {
        ...masked,
        findingId: findingId(inventory.account.id, control.meta.id, masked.resourceArn, masked.field),
      };
    }),
  }));
  const builtServices = new Set(controls.map((c) => c.meta.service));
  const services = SERVICE_IDS.map((id) => {
    const mine = snapshotControls.filter((c) => c.service === id);
    const evaluated = builtServices.has(id) && inventory.services.includes(id);
    const breakdown = evaluated ? scoreBreakdown(mine) : { score: null, unverified: 0 };
    return {
      id,
      evaluated,
      score: breakdown.score,
      unverified: breakdown.unverified,
      counts: countStatuses(mine.map((c) => c.status)),
    };
  });
  const overall = scoreBreakdown(snapshotControls);
  const deniedActions = [
    ...new Set(inventory.errors.filter((e) => e.kind === "access-denied").map((e) => e.action)),
  ].sort();

  return snapshotSchema.parse({
    schemaVersion: 1,
    id: options.id,
    source: inventory.source,
    account: {
      ...inventory.account,
      // Accounts are often named after the person who owns them.
      ...(inventory.account.name !== undefined
        ? { name: maskPersonalData(inventory.account.name, masking).slice(0, 200) }
        : {}),
    },
    regions: inventory.regions,
    startedAt: inventory.startedAt,
    finishedAt: inventory.finishedAt,
    score: overall.score,
    scoreUnverified: overall.unverified,
    services,
    controls: snapshotControls,
    coverage: {
      deniedActions,
      skippedRegions: inventory.skippedRegions,
      errors: inventory.errors.map((e) => maskError(e, masking)),
      notes: coverageNotes(inventory),
    },
    stats: inventory.stats,
  });
}
