import { describe, expect, it } from "vitest";
import { CONTROLS } from "@/lib/controls/registry";
import { demoInventory } from "@/lib/demo/inventory";
import { buildInventory, personalizeInventory } from "@/lib/inventory/builders";
import { snapshotSchema } from "@/lib/snapshot/schema";
import { buildSnapshot } from "./build-snapshot";

const now = new Date("2026-11-20T09:00:00Z");
const elasticacheOnly = CONTROLS.filter((c) => c.meta.service === "elasticache");

describe("buildSnapshot", () => {
  const snapshot = buildSnapshot(demoInventory, CONTROLS, { id: "test-1", now });

  it("gives every finding a stable id, unique within the snapshot and the same in a rebuild", () => {
    const ids = snapshot.controls.flatMap((c) => c.results.map((r) => r.findingId));
    expect(new Set(ids).size).toBe(ids.length);
    const again = buildSnapshot(demoInventory, CONTROLS, { id: "test-other", now: new Date("2027-01-01T00:00:00Z") });
    expect(again.controls.flatMap((c) => c.results.map((r) => r.findingId))).toEqual(ids);
  });

  it("names every result's resource", () => {
    const unnamed = snapshot.controls.flatMap((c) =>
      c.results.filter((r) => !r.name).map((r) => `${c.id} ${r.resourceArn}`),
    );
    expect(unnamed).toEqual([]);
  });

  it("says in the coverage what was deliberately not examined", () => {
    const inventory = personalizeInventory({
      jobsNotExamined: [{ kind: "batch-inference", listed: 24, notExamined: 4 }],
    });
    const built = buildSnapshot(inventory, CONTROLS, { id: "test-notes", now });
    expect(built.coverage.notes).toEqual([
      {
        service: "personalize",
        region: "us-east-1",
        message: "4 of 24 batch-inference jobs not examined (only the newest of each kind are described)",
      },
    ]);
  });

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
