import type { CollectionError, Inventory } from "@/lib/inventory";
import type { Control, EvaluationContext, ResourceResult, Status } from "@/lib/controls/types";
import { rollUp } from "./rollup";

export interface ControlOutcome {
  control: Control;
  status: Status;
  /** Why the control as a whole has this status when no single resource says it. */
  summary: string;
  results: ResourceResult[];
}

/**
 * A failed API call turns into one `error` result per region on every control that needed that
 * call's data, so "could not check" is visible and never mistaken for "nothing there".
 */
function errorResults(control: Control, inventory: Inventory): ResourceResult[] {
  const relevant = inventory.errors.filter(
    (e: CollectionError) => e.kind !== "region-unavailable" && control.meta.requires.includes(e.action),
  );
  return relevant.map((e) => ({
    resourceArn: `arn:${inventory.account.partition}:${e.service}:${e.region}:${inventory.account.id}:*`,
    resourceType: "Region",
    region: e.region,
    status: "error",
    reason: `Could not evaluate ${control.meta.resourceType.toLowerCase()}s in ${e.region}: ${e.message}.`,
    evidence: { action: e.action, errorKind: e.kind },
  }));
}

function summarise(status: Status, results: ResourceResult[], control: Control): string {
  const counts = (s: Status) => results.filter((r) => r.status === s).length;
  switch (status) {
    case "not-applicable":
      return results.length === 0
        ? `No ${control.meta.resourceType.toLowerCase()} found in the scanned regions.`
        : "Nothing in scope needed this check.";
    case "error":
      return `${counts("error")} region(s) could not be evaluated; the control is left out of the score.`;
    default:
      return `${counts("pass")} passed, ${counts("fail")} failed, ${counts("warn")} with warnings.`;
  }
}

/** Runs every control whose service was scanned over the inventory. Pure. */
export function evaluateInventory(
  inventory: Inventory,
  controls: readonly Control[],
  context: EvaluationContext,
): ControlOutcome[] {
  return controls
    .filter((control) => inventory.services.includes(control.meta.service))
    .map((control) => {
      const results = [...control.evaluate(inventory, context), ...errorResults(control, inventory)];
      const status = rollUp(results.map((r) => r.status));
      return { control, status, summary: summarise(status, results, control), results };
    });
}
