import { STATUSES, type Status } from "@/lib/controls/types";
import type { FindingItem } from "@/lib/snapshot/findings-query";
import type { SnapshotControl, SnapshotResult } from "@/lib/snapshot/schema";

/**
 * One row of a control page's results as the browser receives it: what the row shows, nothing it
 * does not (the account, control and severity are the page's own), so a page of rows stays small.
 */
export interface PageRow {
  findingId: string;
  status: FindingItem["status"];
  resourceArn: string;
  resourceName: string | null;
  resourceType: string;
  /** Which field of the resource the row is about, for controls that give several rows per resource. */
  field?: string;
  region: string;
  tags: FindingItem["tags"];
  reason: string;
  firstSeen: string | null;
  mute: FindingItem["mute"];
  /** null: the snapshot record holds no result for this row (a damaged record). */
  evidence: SnapshotResult["evidence"] | null;
}

/**
 * The stored results of the rows one page shows, by finding id. The findings index holds what a row
 * is filtered and sorted by, not the evidence (nor the resource type and field), so those are taken
 * from the control's results in the snapshot record, for the page's rows only: the page stays the size
 * of one page whatever the control holds. A finding id is unique within a control; should a damaged
 * record repeat one, the first result is the one the index numbered first. One pass, stopping as soon
 * as every row is found.
 */
export function resultsOnPage(
  control: Pick<SnapshotControl, "results">,
  findingIds: readonly string[],
): Map<string, SnapshotResult> {
  const wanted = new Set(findingIds);
  const found = new Map<string, SnapshotResult>();
  for (const result of control.results) {
    if (found.size === wanted.size) break;
    if (wanted.has(result.findingId) && !found.has(result.findingId)) found.set(result.findingId, result);
  }
  return found;
}

/**
 * The rows of one page: each finding the query gave, with the evidence, resource type and field of
 * its stored result (the control's resource type when the record holds none).
 */
export function pageRows(
  control: Pick<SnapshotControl, "results" | "resourceType">,
  items: readonly FindingItem[],
): PageRow[] {
  const stored = resultsOnPage(
    control,
    items.map((i) => i.findingId),
  );
  return items.map((item) => {
    const result = stored.get(item.findingId);
    return {
      findingId: item.findingId,
      status: item.status,
      resourceArn: item.resourceArn,
      resourceName: item.resourceName,
      resourceType: result?.resourceType ?? control.resourceType,
      ...(result?.field !== undefined ? { field: result.field } : {}),
      region: item.region,
      tags: item.tags,
      reason: item.reason,
      firstSeen: item.firstSeen,
      mute: item.mute,
      evidence: result ? result.evidence : null,
    };
  });
}

/** What the status and Region filters of a control page offer: the control's statuses counted, its Regions sorted. */
export function filterChoices(control: Pick<SnapshotControl, "results">): {
  counts: Record<Status, number>;
  regions: string[];
} {
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  const regions = new Set<string>();
  for (const result of control.results) {
    counts[result.status] += 1;
    regions.add(result.region);
  }
  return { counts, regions: [...regions].sort() };
}
