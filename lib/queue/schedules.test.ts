import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Schedule } from "@/lib/snapshot/schedule";
import { SqliteSnapshotStore } from "@/lib/snapshot/sqlite-store";
import { runDueSchedules } from "./schedules";

const nightly: Schedule = {
  id: "sch-nightly0001",
  createdAt: "2026-11-30T12:00:00.000Z",
  name: "Nightly",
  cron: "0 3 * * *",
  timezone: "UTC",
  selection: { accounts: ["444455556666"] },
  regions: ["eu-west-1"],
  services: ["iam"],
  enabled: true,
};

async function store() {
  return new SqliteSnapshotStore(path.join(await mkdtemp(path.join(tmpdir(), "safekeep-schedules-")), "s.db"));
}

describe("runDueSchedules", () => {
  it("starts a due schedule's scan once, however many ticks run at once", async () => {
    const s = await store();
    await s.putSchedule(nightly);
    const requests: unknown[] = [];
    const start = async (request: unknown) => {
      requests.push(request);
      return `org-${requests.length}`;
    };
    const now = new Date("2026-12-02T03:00:10Z");
    const ticks = await Promise.all([runDueSchedules(s, start, now), runDueSchedules(s, start, now)]);
    expect(ticks.flat()).toEqual([
      { scheduleId: nightly.id, occurrence: "2026-12-02T03:00:00.000Z", orgScanId: "org-1" },
    ]);
    expect(requests).toEqual([{ selection: nightly.selection, regions: ["eu-west-1"], services: ["iam"] }]);
    expect(await runDueSchedules(s, start, new Date("2026-12-02T09:00:00Z"))).toEqual([]);
  });

  it("records a run that could not start, and does not retry it every minute", async () => {
    const s = await store();
    await s.putSchedule(nightly);
    const busy = async () => {
      throw new Error("An organization scan is already running; wait for it to finish or cancel it.");
    };
    const now = new Date("2026-12-02T03:00:10Z");
    expect(await runDueSchedules(s, busy, now)).toEqual([
      {
        scheduleId: nightly.id,
        occurrence: "2026-12-02T03:00:00.000Z",
        error: "An organization scan is already running; wait for it to finish or cancel it.",
      },
    ]);
    expect(await runDueSchedules(s, busy, new Date("2026-12-02T03:01:10Z"))).toEqual([]);
  });
});
