import { describe, expect, it } from "vitest";
import { dueOccurrence, nextOccurrence, scheduleInputSchema, type Schedule, type StoredSchedule } from "./schedule";

const nightly: Schedule = {
  id: "sch-nightly0001",
  createdAt: "2026-11-30T12:00:00.000Z",
  name: "Nightly",
  cron: "0 3 * * *",
  timezone: "UTC",
  selection: { org: true },
  services: ["iam"],
  enabled: true,
};
const at = (iso: string) => new Date(iso);

describe("dueOccurrence", () => {
  it("is due for the first occurrence after the schedule was created, not before", () => {
    expect(dueOccurrence({ schedule: nightly }, at("2026-11-30T23:00:00Z"))).toBeUndefined();
    expect(dueOccurrence({ schedule: nightly }, at("2026-12-01T03:00:00Z"))?.toISOString()).toBe(
      "2026-12-01T03:00:00.000Z",
    );
  });

  it("is not due again for an occurrence it ran for, and is for the next one", () => {
    const ran: StoredSchedule = { schedule: nightly, lastRunFor: "2026-12-01T03:00:00.000Z" };
    expect(dueOccurrence(ran, at("2026-12-01T17:00:00Z"))).toBeUndefined();
    expect(dueOccurrence(ran, at("2026-12-02T03:00:30Z"))?.toISOString()).toBe("2026-12-02T03:00:00.000Z");
  });

  it("after downtime over several occurrences, is due once: for the latest", () => {
    const ran: StoredSchedule = { schedule: nightly, lastRunFor: "2026-11-27T03:00:00.000Z" };
    expect(dueOccurrence(ran, at("2026-12-02T09:00:00Z"))?.toISOString()).toBe("2026-12-02T03:00:00.000Z");
  });

  it("follows the schedule's time zone, and is never due while paused", () => {
    const paris: StoredSchedule = { schedule: { ...nightly, timezone: "Europe/Paris" } };
    // 03:00 in Paris in winter is 02:00 UTC.
    expect(dueOccurrence(paris, at("2026-12-01T02:30:00Z"))?.toISOString()).toBe("2026-12-01T02:00:00.000Z");
    expect(dueOccurrence({ schedule: { ...nightly, enabled: false } }, at("2026-12-05T00:00:00Z"))).toBeUndefined();
    expect(nextOccurrence(nightly, at("2026-12-02T03:00:00Z")).toISOString()).toBe("2026-12-03T03:00:00.000Z");
  });
});

describe("scheduleInputSchema", () => {
  const valid = { name: "Nightly", cron: "0 3 * * *", selection: { org: true } };

  it("fills the defaults: UTC, every service, enabled", () => {
    expect(scheduleInputSchema.parse(valid)).toEqual(
      expect.objectContaining({ timezone: "UTC", enabled: true, services: expect.arrayContaining(["connect"]) }),
    );
  });

  it("refuses what cannot run, saying where", () => {
    const problems = (input: unknown) =>
      scheduleInputSchema.safeParse(input).error?.issues.map((i) => i.path.join("."));
    expect(problems({ ...valid, cron: "every night!" })).toEqual(["cron"]);
    expect(problems({ ...valid, cron: "61 3 * * *" })).toEqual(["cron"]);
    expect(problems({ ...valid, timezone: "Mars/Olympus" })).toEqual(["timezone"]);
    expect(problems({ ...valid, selection: { accounts: ["123"] } })).toEqual(["selection.accounts.0"]);
    expect(problems({ ...valid, extra: true })).toEqual([""]);
  });
});
