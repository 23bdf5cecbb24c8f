import { z } from "zod";
import { toCsv } from "./csv";
import type { ExportFile } from "./export";
import { organizationSummary, type OrganizationInput } from "./organization-summary";
import {
  ORGANIZATION_CONTROL_COLUMNS,
  ORGANIZATION_RESULT_COLUMNS,
  organizationControlRows,
  organizationDocument,
  organizationResultRows,
} from "./organization-tables";

/** The shape the snapshot schema accepts for `account.ou`: an OU id or a root id. */
export const OU_ID = /^(ou-[a-z0-9]+-[a-z0-9]+|r-[a-z0-9]+)$/;

export const ORGANIZATION_FORMATS = ["pdf", "csv", "json"] as const;

/**
 * Query of GET /api/organization/export. `scope` chooses rows (CSV: `controls` by default; JSON:
 * the whole organization document unless a scope asks for rows); a PDF has no scope.
 */
export const organizationExportQuerySchema = z
  .object({
    format: z.enum(ORGANIZATION_FORMATS).default("json"),
    scope: z.enum(["controls", "results"]).optional(),
    ou: z.string().max(80).regex(OU_ID, "ou must be an organizational unit id (ou-…) or a root id (r-…)").optional(),
  })
  .strict()
  .refine((q) => !(q.format === "pdf" && q.scope), { message: "scope applies to csv and json only", path: ["scope"] });

export type OrganizationExportQuery = z.infer<typeof organizationExportQuerySchema>;

/** `safekeep-organization[-ou-…]-<YYYY-MM-DD>[-results].pdf`: safe characters only. */
export function organizationFileName(query: OrganizationExportQuery, generatedAt: Date): string {
  const base = ["safekeep-organization", query.ou, generatedAt.toISOString().slice(0, 10), query.scope]
    .filter(Boolean)
    .join("-")
    .replace(/[^A-Za-z0-9._-]/g, "_");
  return `${base}.${query.format}`;
}

/**
 * Any export across accounts: the PDF report, one CSV (controls or results rows), or JSON (the
 * organization document, or the rows of a scope).
 */
export async function exportOrganization(
  input: OrganizationInput,
  query: OrganizationExportQuery,
): Promise<ExportFile> {
  const summary = organizationSummary(input);
  const fileName = organizationFileName(query, input.generatedAt);
  const json = "application/json; charset=utf-8";
  switch (query.format) {
    case "pdf": {
      const { renderOrganizationPdf } = await import("./organization-pdf");
      return { body: await renderOrganizationPdf(summary), contentType: "application/pdf", fileName };
    }
    case "csv":
      return {
        body:
          query.scope === "results"
            ? toCsv(organizationResultRows(summary), ORGANIZATION_RESULT_COLUMNS)
            : toCsv(organizationControlRows(summary), ORGANIZATION_CONTROL_COLUMNS),
        contentType: "text/csv; charset=utf-8",
        fileName,
      };
    case "json": {
      const body =
        query.scope === "results"
          ? organizationResultRows(summary)
          : query.scope === "controls"
            ? organizationControlRows(summary)
            : organizationDocument(summary);
      return { body: `${JSON.stringify(body, null, 2)}\n`, contentType: json, fileName };
    }
  }
}
