import { z } from "zod";
import { ERROR_KINDS, SERVICE_IDS } from "@/lib/inventory/common";
import { SEVERITIES, STATUSES } from "@/lib/controls/types";
import { findingId } from "./finding-id";

/**
 * The snapshot record, `schemaVersion: 1`: what the store keeps, what every page reads and what
 * the JSON export contains. Validated on write and on read, so a corrupt record is refused whole.
 */
const status = z.enum(STATUSES);
const severity = z.enum(SEVERITIES);
const serviceId = z.enum(SERVICE_IDS);
const isoDate = z.iso.datetime();

const evidenceValue = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]);

const tagSchema = z.object({ key: z.string(), value: z.string() });

export const muteMarkSchema = z.object({
  id: z.string(),
  kind: z.enum(["finding", "rule"]),
  reason: z.string(),
  owner: z.string(),
  expiresAt: isoDate,
});

const storedResultSchema = z.object({
  /** Stable across snapshots (see `finding-id.ts`); filled in when reading snapshots written before it existed. */
  findingId: z
    .string()
    .regex(/^[0-9a-f]{32}$/)
    .optional(),
  resourceArn: z.string(),
  resourceType: z.string(),
  region: z.string(),
  status,
  reason: z.string(),
  evidence: z.record(z.string(), evidenceValue),
  /** The resource's human name (masked like everything else). */
  name: z.string().optional(),
  tags: z.array(tagSchema).optional(),
  /** Which field of the resource a row is about, for controls that give several rows per resource. */
  field: z.string().optional(),
  /**
   * Set when the result is read, never by a scan: the mute in force over this failing result (see
   * `mute.ts`). A muted result keeps its status and leaves the score.
   */
  mute: muteMarkSchema.optional(),
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
  /**
   * Present when part of the control could not be judged but some of it was: how many results are
   * `error` and in which Regions. The status is then the worst judged status, marked incomplete.
   */
  incomplete: z.object({ resources: z.number().int().positive(), regions: z.array(z.string()) }).optional(),
  /**
   * Set when read with mutes applied and some of the control's results are muted: how many, and the
   * status the scan gave before they left it (`status` is then rolled up from the unmuted results).
   */
  muted: z.object({ results: z.number().int().positive(), statusBeforeMutes: status }).optional(),
  results: z.array(storedResultSchema),
});

export const serviceSummarySchema = z.object({
  id: serviceId,
  /** false: the service's controls were not part of this snapshot (not built yet, or not scanned). */
  evaluated: z.boolean(),
  score: z.number().int().min(0).max(100).nullable(),
  /** Share (0–100) of the score's weight that could not be verified (controls in error or incomplete). */
  unverified: z.number().int().min(0).max(100).optional(),
  counts: statusCountsSchema,
});

export const coverageErrorSchema = z.object({
  service: serviceId,
  region: z.string(),
  action: z.string(),
  kind: z.enum(ERROR_KINDS),
  message: z.string(),
});

const storedSnapshotSchema = z.object({
  schemaVersion: z.literal(1),
  id: z.string().regex(/^[A-Za-z0-9-]{1,64}$/),
  source: z.enum(["aws", "demo"]),
  account: z.object({
    id: z.string().regex(/^\d{12}$/),
    partition: z.string(),
    /** The account's name in its Organization, with personal data masked; absent when not listed. */
    name: z.string().max(200).optional(),
    /** The organizational unit (`ou-…`) or root (`r-…`) the account sat in when it was scanned. */
    ou: z
      .string()
      .regex(/^(ou-[a-z0-9]+-[a-z0-9]+|r-[a-z0-9]+)$/)
      .optional(),
  }),
  regions: z.array(z.string()),
  startedAt: isoDate,
  finishedAt: isoDate,
  score: z.number().int().min(0).max(100).nullable(),
  /** Share (0–100) of the overall score's weight that could not be verified. */
  scoreUnverified: z.number().int().min(0).max(100).optional(),
  services: z.array(serviceSummarySchema),
  controls: z.array(controlSchema),
  coverage: z.object({
    deniedActions: z.array(z.string()),
    skippedRegions: z.array(z.object({ region: z.string(), service: serviceId.optional(), reason: z.string() })),
    errors: z.array(coverageErrorSchema),
    /** What was deliberately not examined (e.g. Personalize jobs beyond the newest per kind), per Region. */
    notes: z.array(z.object({ service: serviceId, region: z.string(), message: z.string() })).optional(),
  }),
  /**
   * Set when the snapshot is read with the mutes in force at `asOf` applied (never by a scan): how many
   * results they cover, and the scores as the scan gave them, before the muted results left them.
   */
  mutes: z
    .object({
      asOf: isoDate,
      muted: z.number().int().nonnegative(),
      scoreBeforeMutes: z.number().int().min(0).max(100).nullable(),
    })
    .optional(),
  stats: z.object({
    apiCalls: z.number().int().nonnegative(),
    retries: z.number().int().nonnegative(),
    throttled: z.number().int().nonnegative(),
    durationMs: z.number().nonnegative(),
  }),
});

/**
 * The snapshot as read and written. Parsing fills in any missing finding id, so every consumer sees
 * one on every result (snapshots stored before ids existed get the same ids a new scan would give).
 */
export const snapshotSchema = storedSnapshotSchema.transform((snapshot) => ({
  ...snapshot,
  controls: snapshot.controls.map((control) => ({
    ...control,
    results: control.results.map((result) => ({
      ...result,
      findingId: result.findingId ?? findingId(snapshot.account.id, control.id, result.resourceArn, result.field),
    })),
  })),
}));

export type Snapshot = z.output<typeof snapshotSchema>;
/** A snapshot before parsing: results may lack their finding ids. */
export type SnapshotInput = z.input<typeof snapshotSchema>;
export type SnapshotControl = Snapshot["controls"][number];
export type SnapshotResult = SnapshotControl["results"][number];
export type SnapshotService = z.infer<typeof serviceSummarySchema>;
export type StatusCounts = z.infer<typeof statusCountsSchema>;
