import { SERVICE_IDS, type Inventory } from "@/lib/inventory";
import type { Control, Status } from "@/lib/controls/types";
import { evaluateInventory } from "@/lib/posture/evaluate";
import { score } from "@/lib/posture/score";
import { maskError, maskingOptions, maskResult } from "./mask";
import { findingId } from "./finding-id";
import { snapshotSchema, type Snapshot, type SnapshotControl, type StatusCounts } from "./schema";

export function countStatuses(statuses: readonly Status[]): StatusCounts {
  const counts: StatusCounts = { pass: 0, fail: 0, warn: 0, "not-applicable": 0, error: 0 };
  for (const s of statuses) counts[s] += 1;
  return counts;
}

/**
 * Inventory → snapshot: evaluate, roll up, score. Pure apart from the id and clock the caller
 * passes in; the result is validated against the schema so nothing malformed is ever stored.
 */
export function buildSnapshot(
  inventory: Inventory,
  controls: readonly Control[],
  options: { id: string; now: Date },
): Snapshot {
  const outcomes = evaluateInventory(inventory, controls, { now: options.now });
  const masking = maskingOptions(inventory.account.id);
  const snapshotControls: SnapshotControl[] = outcomes.map(({ control, status, summary, results }) => ({
    ...control.meta,
    status,
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
    return { id, evaluated, score: evaluated ? score(mine) : null, counts: countStatuses(mine.map((c) => c.status)) };
  });
  const deniedActions = [
    ...new Set(inventory.errors.filter((e) => e.kind === "access-denied").map((e) => e.action)),
  ].sort();

  return snapshotSchema.parse({
    schemaVersion: 1,
    id: options.id,
    source: inventory.source,
    account: inventory.account,
    regions: inventory.regions,
    startedAt: inventory.startedAt,
    finishedAt: inventory.finishedAt,
    score: score(snapshotControls),
    services,
    controls: snapshotControls,
    coverage: {
      deniedActions,
      skippedRegions: inventory.skippedRegions,
      errors: inventory.errors.map((e) => maskError(e, masking)),
    },
    stats: inventory.stats,
  });
}
