import { notFound } from "next/navigation";
import { findSnapshot, skippedNotice } from "@/lib/read/snapshot-to-show";
import { snapshotIdFrom, type SearchParams } from "@/lib/snapshot/params";
import type { Snapshot } from "@/lib/snapshot/schema";

/**
 * The snapshot a page shows; unknown or malformed ids are a 404, never a half page. Without an id:
 * the newest readable snapshot, with `notice` saying which newer ones could not be read.
 */
export async function loadSnapshot(
  searchParams: Promise<SearchParams>,
): Promise<{ snapshot: Snapshot; linkId?: string; notice?: string }> {
  const requested = snapshotIdFrom(await searchParams);
  if (requested === null) notFound();
  const lookup = await findSnapshot(requested);
  if (!lookup.found && lookup.reason === "missing") notFound();
  // Stored but unreadable (or nothing stored is readable): the error page says the snapshot could not be read.
  if (!lookup.found) throw new Error(`snapshot ${requested ?? "latest"} could not be read`);
  return { snapshot: lookup.snapshot, linkId: requested, notice: skippedNotice(lookup.skipped) };
}
