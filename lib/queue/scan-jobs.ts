/**
 * What the queue's jobs carry. An organization scan is one job tree on one queue:
 *
 *   organization ─┬─ account 111… ─┬─ unit elasticache@eu-west-1
 *                 │                ├─ unit iam
 *                 │                └─ …
 *                 └─ account 222… ─ …
 *
 * The organization job lists the accounts and adds one account job per account; an account job
 * decides who and where (identity, Regions), adds one unit job per unit of the scan plan, and fans
 * their results in to one snapshot. Job data is read back from Redis, so each job's data is checked
 * on arrival. No secret is ever in job data: the member role's external id is the workers' own
 * setting (SAFEKEEP_EXTERNAL_ID).
 */
import { z } from "zod";
import { REGION_NAME, SERVICE_IDS } from "@/lib/inventory/common";

export const QUEUE_NAME = "safekeep-scans";

/**
 * Retention applies to the whole queue, not to one kind of job: when a job ends, BullMQ trims the
 * queue's completed (or failed) list by that job's rule. So every job that is kept is kept by the
 * same age rule (the organization scan's record lives that long), and jobs not worth keeping remove
 * only themselves (`true`), never a count that would trim the others.
 */
export const KEEP_FOR = { age: 30 * 24 * 3600 };

export const JOB_NAMES = { organization: "organization", account: "account", unit: "unit" } as const;

const accountId = z.string().regex(/^\d{12}$/);

export const scanRequestSchema = z.object({
  regions: z.union([z.literal("all"), z.array(z.string().regex(REGION_NAME)).min(1)]).optional(),
  services: z.array(z.enum(SERVICE_IDS)).min(1),
  pacing: z.union([z.literal("on"), z.literal("off"), z.number().positive()]).default("on"),
});
export type ScanRequest = z.infer<typeof scanRequestSchema>;

export const roleSchema = z.object({
  roleName: z.string().min(1).max(64),
  roleSessionName: z.string().min(2).max(64).optional(),
});

const callerSchema = z.object({ accountId, partition: z.string(), region: z.string() });

const targetSchema = z.object({ accountId, name: z.string().optional(), ou: z.string().optional() });
export type AccountTargetData = z.infer<typeof targetSchema>;

export const outcomeSchema = targetSchema.extend({
  status: z.enum(["scanned", "failed", "skipped"]),
  reason: z.string().optional(),
  snapshotId: z.string().optional(),
  score: z.number().nullable().optional(),
});
export type QueuedAccountOutcome = z.infer<typeof outcomeSchema>;

export const organizationJobSchema = z.object({
  orgScanId: z.string().regex(/^org-[A-Za-z0-9-]+$/),
  selection: z.union([z.object({ org: z.literal(true) }), z.object({ accounts: z.array(accountId).min(1) })]),
  request: scanRequestSchema,
  role: roleSchema,
  requestedAt: z.string(),
  /** Filled by the job's first step. */
  step: z.enum(["start", "accounts"]).default("start"),
  caller: callerSchema.optional(),
  organizationId: z.string().optional(),
  accounts: z.array(targetSchema).optional(),
  skipped: z.array(outcomeSchema).optional(),
  warnings: z.array(z.string()).optional(),
});
export type OrganizationJobData = z.infer<typeof organizationJobSchema>;

const scanStartSchema = z.object({
  accountId,
  partition: z.string(),
  homeRegion: z.string(),
  regions: z.array(z.string()),
  explicit: z.boolean(),
  services: z.array(z.enum(SERVICE_IDS)),
  errors: z.array(z.any()),
});

const unitSchema = z.object({ step: z.string(), region: z.string().optional() });

export const accountJobSchema = z.object({
  orgScanId: z.string(),
  target: targetSchema,
  caller: callerSchema,
  role: roleSchema,
  request: scanRequestSchema,
  /** Chosen when the job is added, so a retried fan-in stores (or finds) the same snapshot. */
  snapshotId: z.string(),
  step: z.enum(["start", "units"]).default("start"),
  startedAt: z.string().optional(),
  start: scanStartSchema.optional(),
  units: z.array(unitSchema).optional(),
});
export type AccountJobData = z.infer<typeof accountJobSchema>;

export const unitJobSchema = z.object({
  orgScanId: z.string(),
  target: targetSchema,
  caller: callerSchema,
  role: roleSchema,
  pacing: scanRequestSchema.shape.pacing,
  start: scanStartSchema,
  unit: unitSchema,
});
export type UnitJobData = z.infer<typeof unitJobSchema>;

/** The organization job's result: every account's outcome, in the order the accounts were listed. */
export interface OrganizationResult {
  orgScanId: string;
  organizationId?: string;
  cancelled: boolean;
  outcomes: QueuedAccountOutcome[];
  warnings: string[];
}

/** A job id of our own: BullMQ refuses ':' in ids, and ours must be stable across retries. */
export function accountJobId(orgScanId: string, account: string): string {
  return `${orgScanId}.${account}`;
}

export function unitJobId(accountJob: string, unitKey: string): string {
  return `${accountJob}.${unitKey}`;
}

/** An organization scan's id: sortable by time, unique enough to never meet another. */
export function newOrgScanId(now: Date, random = Math.random): string {
  const stamp = now.toISOString().replace(/[-:.]/g, "").replace("T", "-").replace("Z", "");
  const tail = Math.floor(random() * 36 ** 6)
    .toString(36)
    .padStart(6, "0");
  return `org-${stamp}-${tail}`;
}
