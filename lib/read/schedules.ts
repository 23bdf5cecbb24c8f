import { nextOccurrence, type ScheduleStore, type StoredSchedule } from "@/lib/snapshot/schedule";
import { snapshotStore } from "./snapshot-to-show";

/** The installation's schedules live in its snapshot store (SQLite, or PostgreSQL in team mode). */
export function scheduleStore(): ScheduleStore {
  return snapshotStore();
}

/** A schedule as the API shows it: with the occurrence it last ran for and its next one. */
export function scheduleView({ schedule, lastRunFor }: StoredSchedule, now = new Date()) {
  return {
    ...schedule,
    lastRunFor: lastRunFor ?? null,
    nextRunAt: schedule.enabled ? nextOccurrence(schedule, now).toISOString() : null,
  };
}
