import type { CollectionError, Inventory } from "@/lib/inventory";
import { resourceDirectory, type ResourceDirectory } from "@/lib/inventory/resource-directory";
import type { Control, EvaluationContext, ResourceResult, Status } from "@/lib/controls/types";
import { concernsControl, failedLookups } from "@/lib/controls/lookups";
import { rollUp } from "./rollup";

export interface Incompleteness {
  /** Results that could not be judged (`error`). */
  resources: number;
  /** Regions those results are in. */
  regions: string[];
}

export interface ControlOutcome {
  control: Control;
  /** The worst judged status; `error` only when nothing could be judged. */
  status: Status;
  /** Set when part of the control could not be judged while another part was. */
  incomplete?: Incompleteness;
  /** Why the control as a whole has this status when no single resource says it. */
  summary: string;
  results: ResourceResult[];
}

function describeFailure(error: CollectionError): string {
  if (error.kind === "credentials-rejected") return `${error.region} rejected the credentials`;
  const where = error.region === "global" ? "" : ` in ${error.region}`;
  return `${error.action} failed${where} (${error.message})`;
}

/** The failed calls in one sentence: each cause once, the first few in full (the evidence lists all). */
const CAUSES_IN_FULL = 3;
function describeFailures(errors: readonly CollectionError[]): string {
  const causes = [...new Set(errors.map(describeFailure))];
  const more = causes.length - CAUSES_IN_FULL;
  return causes.slice(0, CAUSES_IN_FULL).join("; ") + (more > 0 ? `; and ${more} more failed call(s)` : "");
}

/**
 * A verdict built on data that could not be read is not a verdict: whatever the control concluded
 * (pass, warn, not applicable, even fail), the result becomes `error`, names the calls that failed,
 * and keeps the evidence that was read.
 */
function withoutUnreadData(control: Control, result: ResourceResult, errors: readonly CollectionError[]) {
  const failed = failedLookups(control, result, errors);
  if (failed.length === 0) return { result, failed };
  if (result.status === "error") {
    // The control already said it could not judge: make sure the row names the calls that failed.
    const named = result.evidence.failedActions ?? result.evidence.action;
    if (named !== undefined && named !== null) return { result, failed };
    return {
      failed,
      result: { ...result, evidence: { ...result.evidence, failedActions: [...new Set(failed.map((e) => e.action))] } },
    };
  }
  const subject = result.name ?? result.resourceArn;
  return {
    failed,
    result: {
      ...result,
      status: "error" as const,
      reason: `Could not judge ${control.meta.resourceType.toLowerCase()} ${subject}: ${describeFailures(failed)}.`,
      evidence: { ...result.evidence, failedActions: [...new Set(failed.map((e) => e.action))] },
    },
  };
}

/**
 * A failed call leaves resources the control may never have seen: one `error` row per failed call
 * (and per resource, for calls about one resource) stands for them, so "could not check" is visible
 * and never mistaken for "nothing there". This holds even when a result of the control already
 * answers for the call: one describe that failed can hide several rows (a pool and its clients).
 */
function unseenResources(control: Control, inventory: Inventory): ResourceResult[] {
  const seen = new Set<string>();
  // A Region that rejected the credentials is one cause, whichever collectors recorded it: one row,
  // preferably from a call the control itself reads.
  const rejected = (e: CollectionError) => e.kind === "credentials-rejected";
  const own = (e: CollectionError) => control.meta.requires.includes(e.action);
  const concerning = inventory.errors.filter((e) => e.kind !== "region-unavailable" && concernsControl(control, e));
  return [...concerning.filter(own), ...concerning.filter((e) => !own(e))]
    .filter((e) => {
      const key = rejected(e) ? `rejected ${e.region}` : `${e.action} ${e.region} ${e.resource ?? ""}`;
      return !seen.has(key) && Boolean(seen.add(key));
    })
    .map((e) => ({
      resourceArn: `arn:${inventory.account.partition}:${e.service}:${e.region}:${inventory.account.id}:*`,
      resourceType: "Region",
      region: e.region,
      status: "error",
      reason: `Could not evaluate ${control.meta.resourceType.toLowerCase()}s in ${e.region === "global" ? "the account" : e.region}: ${e.action} failed (${e.message}).`,
      evidence: { action: e.action, errorKind: e.kind, ...(e.resource ? { resource: e.resource } : {}) },
      field: rejected(e) ? "credentials-rejected" : e.resource ? `${e.action} ${e.resource}` : e.action,
    }));
}

export function incompleteness(status: Status, results: readonly ResourceResult[]): Incompleteness | undefined {
  const errors = results.filter((r) => r.status === "error");
  if (status === "error" || errors.length === 0) return undefined;
  return { resources: errors.length, regions: [...new Set(errors.map((r) => r.region))].sort() };
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

function summarise(status: Status, results: ResourceResult[], control: Control, incomplete?: Incompleteness): string {
  const counts = (s: Status) => results.filter((r) => r.status === s).length;
  const type = control.meta.resourceType.toLowerCase();
  const missing = incomplete
    ? ` Incomplete: ${plural(incomplete.resources, "result")} in ${incomplete.regions.join(", ")} could not be judged.`
    : "";
  switch (status) {
    case "not-applicable":
      return results.length === 0
        ? `No ${type} found in the scanned regions.`
        : `Nothing in scope needed this check.${missing}`;
    case "error":
      return `Nothing could be judged: ${plural(counts("error"), "result")} could not be evaluated; the control earns no score.`;
    default:
      return `${counts("pass")} passed, ${counts("fail")} failed, ${counts("warn")} with warnings.${missing}`;
  }
}

/** Every result carries its resource's human name and tags: what the control gave, else what the inventory knows. */
function named(result: ResourceResult, directory: ResourceDirectory): ResourceResult {
  if (result.name !== undefined && result.tags !== undefined) return result;
  const known = directory.lookup(result.resourceArn);
  const name = result.name ?? known?.name;
  const tags = result.tags ?? known?.tags;
  return { ...result, ...(name !== undefined ? { name } : {}), ...(tags !== undefined ? { tags } : {}) };
}

/** Runs every control whose service was scanned over the inventory. Pure. */
export function evaluateInventory(
  inventory: Inventory,
  controls: readonly Control[],
  context: EvaluationContext,
): ControlOutcome[] {
  const directory = resourceDirectory(inventory);
  return controls
    .filter((control) => inventory.services.includes(control.meta.service))
    .map((control) => {
      const judged = control
        .evaluate(inventory, context)
        .map((raw) => withoutUnreadData(control, named(raw, directory), inventory.errors).result);
      const results = [...judged, ...unseenResources(control, inventory).map((row) => named(row, directory))];
      const status = rollUp(results.map((r) => r.status));
      const incomplete = incompleteness(status, results);
      return { control, status, incomplete, summary: summarise(status, results, control, incomplete), results };
    });
}
