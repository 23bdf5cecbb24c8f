import { z } from "zod";
import { REGION_NAME, SERVICE_IDS } from "@/lib/inventory/common";

/** The body of POST /api/scans. */
export const scanRequestSchema = z
  .object({
    regions: z
      .union([z.literal("all"), z.array(z.string().regex(REGION_NAME, "not a region name")).min(1).max(40)])
      .optional(),
    services: z
      .array(z.enum(SERVICE_IDS))
      .min(1)
      .max(SERVICE_IDS.length)
      .default([...SERVICE_IDS]),
  })
  .strict();

/** The body of POST /api/org-scans: every account of the caller's Organization, or the accounts named. */
export const organizationScanRequestSchema = z
  .object({
    org: z.literal(true).optional(),
    accounts: z
      .array(z.string().regex(/^\d{12}$/, "not a 12-digit account id"))
      .min(1)
      .max(1000)
      .optional(),
    regions: scanRequestSchema.shape.regions,
    services: scanRequestSchema.shape.services,
  })
  .strict()
  .refine((body) => (body.org === true) !== (body.accounts !== undefined), {
    message: "give either org: true or accounts, not both",
  });

/** Organization scan ids (lib/queue/scan-jobs.ts newOrgScanId). */
export function isOrgScanId(id: string): boolean {
  return /^org-[A-Za-z0-9-]{1,60}$/.test(id);
}

/**
 * State-changing requests must come from Safekeep's own pages: JSON only (a cross-site form cannot
 * send it without a CORS preflight, which we never grant) and, when the browser says where the
 * request comes from, the same origin.
 */
export function crossSiteProblem(request: Request): string | undefined {
  if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json")) {
    return "Send the scan request as application/json.";
  }
  if (request.headers.get("sec-fetch-site") === "cross-site") return "Cross-site requests are refused.";
  const origin = request.headers.get("origin");
  if (origin) {
    const host = request.headers.get("host");
    let originHost: string | undefined;
    try {
      originHost = new URL(origin).host;
    } catch {
      return "Malformed Origin header.";
    }
    if (!host || originHost !== host) return "Cross-origin requests are refused.";
  }
  return undefined;
}

/** Scan ids are snapshot ids (lib/snapshot/store.ts newSnapshotId): letters, digits and dashes. */
export function isScanId(id: string): boolean {
  return /^[A-Za-z0-9-]{1,64}$/.test(id);
}
