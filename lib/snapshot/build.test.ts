import { describe, expect, it } from "vitest";
import { CONTROLS } from "@/lib/controls/registry";
import { demoInventory } from "@/lib/demo/inventory";
import { buildInventory } from "@/lib/inventory/builders";
import { buildSnapshot } from "./build";
import { snapshotSchema } from "./schema";

const now = new Date("2026-11-20T09:00:00Z");
const elasticacheOnly = CONTROLS.filter((c) => c.meta.service === "elasticache");

describe("buildSnapshot", () => {
  const snapshot = buildSnapshot(demoInventory, CONTROLS, { id: "test-1", now });

  it("follows the schemaVersion 1 contract", () => {
    expect(snapshotSchema.safeParse(snapshot).success).toBe(true);
    expect(snapshot).toMatchObject({ schemaVersion: 1, id: "test-1", source: "demo", account: { id: "210987654321" } });
  });

  it("has one entry per service; services without controls are not evaluated and have no score", () => {
    const snapshot = buildSnapshot(demoInventory, elasticacheOnly, { id: "test-2", now });
    expect(snapshot.services.map((s) => s.id)).toEqual([
      "account",
      "iam",
      "elasticache",
      "cognito",
      "personalize",
      "connect",
    ]);
    const cognito = snapshot.services.find((s) => s.id === "cognito");
    expect(cognito).toMatchObject({ evaluated: false, score: null });
    const elasticache = snapshot.services.find((s) => s.id === "elasticache");
    expect(elasticache?.evaluated).toBe(true);
    expect(elasticache?.score).toEqual(expect.any(Number));
    const total = Object.values(elasticache?.counts ?? {}).reduce((a, b) => a + b, 0);
    expect(total).toBe(elasticacheOnly.length);
  });

  it("lists denied actions once, sorted, in the coverage", () => {
    expect(snapshot.coverage.deniedActions).toEqual(["elasticache:DescribeServerlessCacheSnapshots"]);
  });

  it("counts a service as not evaluated when it was not scanned", () => {
    const empty = buildSnapshot(buildInventory({ services: [], regions: [] }), CONTROLS, { id: "empty", now });
    expect(empty.services.every((s) => !s.evaluated && s.score === null)).toBe(true);
    expect(empty.score).toBeNull();
    expect(empty.controls).toEqual([]);
  });
});
