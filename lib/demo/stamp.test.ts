import { describe, expect, it } from "vitest";
import { demoInventory } from "./inventory";
import { demoInventoryAt } from "./stamp";

describe("demoInventoryAt", () => {
  it("moves the demo's scan window to end when it is stored, keeping its length and its demo mark", () => {
    const now = new Date("2027-02-03T04:05:06.789Z");
    const stamped = demoInventoryAt(demoInventory, now);
    expect(stamped.finishedAt).toBe("2027-02-03T04:05:06.789Z");
    expect(Date.parse(stamped.finishedAt) - Date.parse(stamped.startedAt)).toBe(
      Date.parse(demoInventory.finishedAt) - Date.parse(demoInventory.startedAt),
    );
    expect(stamped.source).toBe("demo");
    expect(stamped.account).toEqual(demoInventory.account);
    expect(stamped.services).toEqual(demoInventory.services);
  });

  it("leaves the shipped demo's fixed time alone", () => {
    demoInventoryAt(demoInventory, new Date("2027-02-03T00:00:00Z"));
    expect(demoInventory.finishedAt).toBe("2026-11-20T08:42:23.918Z");
  });
});
