import { describe, expect, it } from "vitest";
import { newSnapshotId } from "./store";

describe("newSnapshotId", () => {
  it("makes sortable, path-safe ids", () => {
    const id = newSnapshotId(new Date("2026-11-24T10:15:30.123Z"), () => 0.5);
    expect(id).toMatch(/^20261124T101530Z-[a-z0-9]{4}$/);
  });
});
