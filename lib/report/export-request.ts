import { z } from "zod";
import { STATUSES } from "@/lib/controls/types";
import { SERVICE_IDS } from "@/lib/inventory/common";

/** Query of GET /api/snapshots/{id}/export: the format and the page's filters. */
export const exportQuerySchema = z
  .object({
    format: z.enum(["json", "csv", "ocsf", "pdf"]).default("json"),
    /** What the rows are: one per control (overview, service pages) or one per resource result (control page). */
    scope: z.enum(["snapshot", "controls", "results"]).default("snapshot"),
    service: z.enum(SERVICE_IDS).optional(),
    control: z
      .string()
      .regex(/^[a-z]+\.[a-z0-9-]+$/, "control must be a control id")
      .max(80)
      .optional(),
    status: z.enum(STATUSES).optional(),
    q: z.string().max(200).optional(),
  })
  .strict();

export type ExportQuery = z.infer<typeof exportQuerySchema>;

/** A file name made only of safe characters, whatever the ids contain. */
export function exportFileName(snapshotId: string, query: ExportQuery): string {
  const parts = [
    "safekeep",
    snapshotId,
    query.service,
    query.control,
    query.scope === "snapshot" ? undefined : query.scope,
  ];
  const base = parts
    .filter(Boolean)
    .join("-")
    .replace(/[^A-Za-z0-9._-]/g, "_")
    .slice(0, 120);
  const extension = query.format === "ocsf" ? "ocsf.json" : query.format;
  return `${base}.${extension}`;
}
