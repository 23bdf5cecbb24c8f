import { z } from "zod";
import { STATUSES } from "@/lib/controls/types";
import { SERVICE_IDS } from "@/lib/inventory/common";
import type { Snapshot } from "@/lib/snapshot/schema";

export const PAPERS = ["a4", "letter"] as const;
export type Paper = (typeof PAPERS)[number];

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
    /** Page size of the PDF; absent: from the viewer's locale (`paperForLanguages`). */
    paper: z.enum(PAPERS).optional(),
  })
  .strict();

export type ExportQuery = z.infer<typeof exportQuerySchema>;

/** Whether the export has first-seen times to fill (OCSF, and the per-result CSV and JSON). */
export function usesSightings(query: Pick<ExportQuery, "format" | "scope">): boolean {
  return query.format === "ocsf" || ((query.format === "csv" || query.format === "json") && query.scope === "results");
}

/**
 * Regions that print on US Letter (the United States, Canada, Mexico and the others that kept the
 * American paper sizes); everyone else uses A4 (ISO 216).
 */
const LETTER_REGIONS: ReadonlySet<string> = new Set([
  "US",
  "CA",
  "MX",
  "PR",
  "PH",
  "CL",
  "CO",
  "VE",
  "GT",
  "CR",
  "PA",
  "SV",
  "DO",
  "NI",
]);

/**
 * The paper of the viewer's preferred language in an Accept-Language header (`en-US,en;q=0.9`): Letter
 * when its region uses Letter, A4 otherwise, and A4 when no language names a region.
 */
export function paperForLanguages(acceptLanguage: string | null | undefined): Paper {
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((entry, index) => {
      const [tag = "", ...params] = entry.trim().split(";");
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((l) => l.tag !== "" && l.tag !== "*" && l.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    // The region is the first two-letter subtag after the language (`es-419` and scripts are skipped).
    const region = tag
      .split("-")
      .slice(1)
      .find((sub) => /^[A-Za-z]{2}$/.test(sub));
    if (region) return LETTER_REGIONS.has(region.toUpperCase()) ? "letter" : "a4";
  }
  return "a4";
}

/**
 * `safekeep-<account>-<scope>-<date>.<ext>`: the account (its name when the snapshot knows it, else
 * its id), the service, control or rows the file holds (nothing for the whole snapshot), and the UTC
 * day the scan finished, so a folder of reports sorts and reads without opening them. Only safe
 * characters, whatever the names contain.
 */
export function exportFileName(snapshot: Pick<Snapshot, "account" | "finishedAt">, query: ExportQuery): string {
  // A long name is cut so the date always fits.
  const account = snapshot.account.name?.trim() ? snapshot.account.name.trim().slice(0, 40) : snapshot.account.id;
  const parts = [
    "safekeep",
    account,
    query.service,
    query.control,
    query.scope === "snapshot" ? undefined : query.scope,
    snapshot.finishedAt.slice(0, 10),
  ];
  const base = parts
    .filter(Boolean)
    .join("-")
    .replace(/[^A-Za-z0-9._-]/g, "_")
    .replace(/_+/g, "_")
    .slice(0, 120);
  const extension = query.format === "ocsf" ? "ocsf.json" : query.format;
  return `${base}.${extension}`;
}
