import { z } from "zod";
import { ERROR_KINDS, SERVICE_IDS } from "@/lib/inventory/common";
import { SEVERITIES, STATUSES } from "@/lib/controls/types";

/**
 * The snapshot record, `schemaVersion: 1`: what the store keeps, what every page reads and what
 * the JSON export contains. Validated on write and on read, so a corrupt record is refused whole.
 */
const status = z.enum(STATUSES);
const severity = z.enum(SEVERITIES);
const serviceId = z.enum(SERVICE_IDS);
const isoDate = z.iso.datetime();

const evidenceValue = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]);

export const resultSchema = z.object({
  resourceArn: z.string(),
  resourceType: z.string(),
  region: z.string(),
  status,
  reason: z.string(),
  evidence: z.record(z.string(), evidenceValue),
});

export const statusCountsSchema = z.object({
  pass: z.number().int().nonnegative(),
  fail: z.number().int().nonnegative(),
  warn: z.number().int().nonnegative(),
  "not-applicable": z.number().int().nonnegative(),
  error: z.number().int().nonnegative(),
});

export const controlSchema = z.object({
  id: z.string().regex(/^[a-z]+\.[a-z0-9-]+$/),
  service: serviceId,
  title: z.string(),
  severity,
  status,
  responsibility: z.enum(["customer", "aws"]),
  /** Seed recommendation the control is grouped under (Safekeep extension of the contract). */
  recommendation: z.string(),
  summary: z.string(),
  resourceType: z.string(),
  seed: z.object({ file: z.string(), quote: z.string() }),
  remediation: z.object({ text: z.string(), url: z.url() }),
  docs: z.array(z.url()),
  related: z.array(z.string()),
  /** IAM actions whose data the control reads. */
  requires: z.array(z.string()),
  results: z.array(resultSchema),
});

export const serviceSummarySchema = z.object({
  id: serviceId,
  /** false: the service's controls were not part of this snapshot (not built yet, or not scanned). */
  evaluated: z.boolean(),
  score: z.number().int().min(0).max(100).nullable(),
  counts: statusCountsSchema,
});

export const coverageErrorSchema = z.object({
  service: serviceId,
  region: z.string(),
  action: z.string(),
  kind: z.enum(ERROR_KINDS),
  message: z.string(),
});

export const snapshotSchema = z.object({
  schemaVersion: z.literal(1),
  id: z.string().regex(/^[A-Za-z0-9-]{1,64}$/),
  source: z.enum(["aws", "demo"]),
  account: z.object({ id: z.string().regex(/^\d{12}$/), partition: z.string() }),
  regions: z.array(z.string()),
  startedAt: isoDate,
  finishedAt: isoDate,
  score: z.number().int().min(0).max(100).nullable(),
  services: z.array(serviceSummarySchema),
  controls: z.array(controlSchema),
  coverage: z.object({
    deniedActions: z.array(z.string()),
    skippedRegions: z.array(z.object({ region: z.string(), service: serviceId.optional(), reason: z.string() })),
    errors: z.array(coverageErrorSchema),
  }),
  stats: z.object({
    apiCalls: z.number().int().nonnegative(),
    retries: z.number().int().nonnegative(),
    throttled: z.number().int().nonnegative(),
    durationMs: z.number().nonnegative(),
  }),
});

export type Snapshot = z.infer<typeof snapshotSchema>;
export type SnapshotControl = z.infer<typeof controlSchema>;
export type SnapshotResult = z.infer<typeof resultSchema>;
export type SnapshotService = z.infer<typeof serviceSummarySchema>;
export type StatusCounts = z.infer<typeof statusCountsSchema>;
