/**
 * Runs the recurring scans that are due. Every tick looks at every schedule: a run is due when a cron
 * occurrence has passed since the last run (lib/snapshot/schedule.ts), and it is started only by the
 * process that claims that occurrence in the database, so servers and workers ticking at once start
 * it once. After downtime, however many occurrences were missed, the next tick starts one run.
 *
 * The embedded server ticks with a timer (`startScheduleTimer`); team mode ticks from a BullMQ job
 * scheduler on the queue (`SCHEDULE_TICK_JOB`, added by every worker, kept once by BullMQ), so a tick
 * happens as long as any worker runs.
 */
import { log } from "@/lib/log";
import type { OrganizationScanRequest } from "@/lib/scan/org-status";
import { dueOccurrence, type ScheduleStore } from "@/lib/snapshot/schedule";

export const SCHEDULE_TICK_MS = 60_000;
export const SCHEDULE_TICK_JOB = "schedules";

export interface StartedRun {
  scheduleId: string;
  occurrence: string;
  orgScanId?: string;
  /** Why the run could not be started; safe to show. */
  error?: string;
}

/** Starts every due schedule's run once; what was started (or failed to start). */
export async function runDueSchedules(
  store: ScheduleStore,
  start: (request: OrganizationScanRequest) => Promise<string>,
  now: Date = new Date(),
): Promise<StartedRun[]> {
  const started: StartedRun[] = [];
  for (const stored of await store.listSchedules()) {
    const due = dueOccurrence(stored, now);
    if (!due) continue;
    const occurrence = due.toISOString();
    if (!(await store.claimScheduleRun(stored.schedule.id, occurrence))) continue;
    const { selection, regions, services } = stored.schedule;
    try {
      const orgScanId = await start({ selection, regions, services });
      log.info("schedule.started", { scheduleId: stored.schedule.id, occurrence, orgScanId });
      started.push({ scheduleId: stored.schedule.id, occurrence, orgScanId });
    } catch (error) {
      // The occurrence stays claimed: a scan that cannot start now (another one running, the queue
      // down) is not retried every minute; the next occurrence runs as planned.
      const message = (error as Error).message;
      log.warn("schedule.not-started", { scheduleId: stored.schedule.id, occurrence, error: message });
      started.push({ scheduleId: stored.schedule.id, occurrence, error: message });
    }
  }
  return started;
}

/** The embedded server's tick: every minute, and once at start (a run missed while it was down). */
export function startScheduleTimer(
  store: ScheduleStore,
  start: (request: OrganizationScanRequest) => Promise<string>,
  every = SCHEDULE_TICK_MS,
): () => void {
  const tick = () => void runDueSchedules(store, start).catch((error) => log.warn("schedule.tick-failed", { error }));
  tick();
  const timer = setInterval(tick, every);
  timer.unref();
  return () => clearInterval(timer);
}
