import { notFound } from "next/navigation";
import { getSnapshot } from "@/lib/snapshot/get-snapshot";
import { snapshotIdFrom, type SearchParams } from "@/lib/snapshot/params";
import type { Snapshot } from "@/lib/snapshot/schema";

/** The snapshot a page shows; unknown or malformed ids are a 404, never a half page. */
export async function loadSnapshot(
  searchParams: Promise<SearchParams>,
): Promise<{ snapshot: Snapshot; linkId?: string }> {
  const requested = snapshotIdFrom(await searchParams);
  if (requested === null) notFound();
  const snapshot = await getSnapshot(requested);
  if (!snapshot) notFound();
  return { snapshot, linkId: requested };
}
