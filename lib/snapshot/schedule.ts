/**
 * A recurring scan: a cron expression (five fields, or six with seconds) in a time zone, and what to
 * scan (the Organization, or named accounts). Stored beside the snapshots, in whichever store the
 * installation uses. A run is due when a cron occurrence has passed since the last run (or since the
 * schedule was created): after downtime, however many occurrences were missed, it runs once.
 */
import { CronExpressionParser } from "cron-parser";
import { z } from "zod";
import { REGION_NAME, SERVICE_IDS } from "@/lib/inventory/common";

function validCron(expression: string, timezone: string): boolean {
  try {
    CronExpressionParser.parse(expression, { tz: timezone });
    return true;
  } catch {
    return false;
  }
}

function validTimezone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

const scheduleFields = z
  .object({
    name: z.string().trim().min(1).max(80),
    cron: z.string().trim().min(9).max(120),
    timezone: z.string().default("UTC").refine(validTimezone, "not a known time zone"),
    selection: z.union([
      z.object({ org: z.literal(true) }).strict(),
      z
        .object({
          accounts: z
            .array(z.string().regex(/^\d{12}$/, "not a 12-digit account id"))
            .min(1)
            .max(1000),
        })
        .strict(),
    ]),
    regions: z
      .union([z.literal("all"), z.array(z.string().regex(REGION_NAME, "not a region name")).min(1).max(40)])
      .optional(),
    services: z
      .array(z.enum(SERVICE_IDS))
      .min(1)
      .default([...SERVICE_IDS]),
    enabled: z.boolean().default(true),
  })
  .strict();

function checkCron(input: { cron: string; timezone: string }, context: z.RefinementCtx): void {
  if (!validCron(input.cron, input.timezone)) {
    context.addIssue({
      code: "custom",
      path: ["cron"],
      message: "not a cron expression (minute hour day month weekday)",
    });
  }
}

/** What a person sends to create a schedule. */
export const scheduleInputSchema = scheduleFields.superRefine(checkCron);

export const scheduleSchema = scheduleFields
  .extend({ id: z.string().regex(/^sch-[a-z0-9]{6,32}$/), createdAt: z.string().datetime() })
  .superRefine(checkCron);
export type Schedule = z.infer<typeof scheduleSchema>;

export interface StoredSchedule {
  schedule: Schedule;
  /** The cron occurrence the last run was for (ISO 8601); undefined: never run. */
  lastRunFor?: string;
}

/** What a store of schedules must do; both snapshot stores implement it in their own database. */
export interface ScheduleStore {
  listSchedules(): Promise<StoredSchedule[]>;
  /** Creates or replaces a schedule; its last run is kept. */
  putSchedule(schedule: Schedule): Promise<void>;
  deleteSchedule(id: string): Promise<boolean>;
  /**
   * Records that the run for `occurrence` is being started; false when it was already (by this or
   * any other process), so a run is started once however many servers or workers tick.
   */
  claimScheduleRun(id: string, occurrence: string): Promise<boolean>;
}

/** The latest occurrence at or before `now`. */
export function latestOccurrence(schedule: Pick<Schedule, "cron" | "timezone">, now: Date): Date {
  return CronExpressionParser.parse(schedule.cron, { currentDate: new Date(now.getTime() + 1), tz: schedule.timezone })
    .prev()
    .toDate();
}

export function nextOccurrence(schedule: Pick<Schedule, "cron" | "timezone">, now: Date): Date {
  return CronExpressionParser.parse(schedule.cron, { currentDate: now, tz: schedule.timezone }).next().toDate();
}

/** The occurrence a run is due for now, if any: one that passed since the last run (or creation). */
export function dueOccurrence(stored: StoredSchedule, now: Date): Date | undefined {
  if (!stored.schedule.enabled) return undefined;
  const latest = latestOccurrence(stored.schedule, now);
  const since = Date.parse(stored.lastRunFor ?? stored.schedule.createdAt);
  return latest.getTime() > since ? latest : undefined;
}

export function newScheduleId(random = Math.random): string {
  return `sch-${Array.from({ length: 12 }, () => Math.floor(random() * 36).toString(36)).join("")}`;
}

/** A stored schedule, or nothing when its record no longer reads as one (it is then not run). */
export function storedSchedule(body: string, lastRunFor: string | null): StoredSchedule[] {
  try {
    const schedule = scheduleSchema.parse(JSON.parse(body));
    return [{ schedule, ...(lastRunFor ? { lastRunFor } : {}) }];
  } catch {
    return [];
  }
}
