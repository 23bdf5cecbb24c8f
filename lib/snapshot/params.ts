import { z } from "zod";

/** `?snapshot=<id>` on every page: which snapshot to show (absent: the newest). */
export const snapshotParamSchema = z.object({
  snapshot: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,64}$/, "snapshot must be a snapshot id")
    .optional(),
});

export type SearchParams = Record<string, string | string[] | undefined>;

/** The snapshot id asked for, undefined for "newest", or null when the parameter is malformed. */
export function snapshotIdFrom(searchParams: SearchParams): string | undefined | null {
  const parsed = snapshotParamSchema.safeParse({ snapshot: searchParams.snapshot });
  return parsed.success ? parsed.data.snapshot : null;
}

/** Keeps the snapshot being viewed in links, so drilling down never switches snapshots silently. */
export function hrefFor(path: string, snapshotId: string | undefined): string {
  return snapshotId ? `${path}?snapshot=${encodeURIComponent(snapshotId)}` : path;
}
