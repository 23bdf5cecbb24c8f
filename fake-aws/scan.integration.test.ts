/**
 * The whole scan over real HTTP: every collector, through AWS_ENDPOINT_URL, against the fake endpoint
 * serving the demo account. The snapshot it produces must agree with the demo snapshot evaluated
 * directly from the inventory, control by control.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONTROLS } from "@/lib/controls/registry";
import { demoInventory } from "@/lib/demo/inventory";
import { SERVICE_IDS } from "@/lib/inventory";
import { scanAws } from "@/lib/scan/scan-aws";
import { buildSnapshot } from "@/lib/snapshot/build";
import { startFakeAws, type FakeAws } from "./server";

let fake: FakeAws;
const saved = { ...process.env };
const scenarioInventory = { ...demoInventory, errors: [] };

beforeAll(async () => {
  fake = await startFakeAws({ inventory: scenarioInventory });
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: fake.url,
    AWS_ACCESS_KEY_ID: "test",
    AWS_SECRET_ACCESS_KEY: "test",
    AWS_REGION: "us-east-1",
    AWS_EC2_METADATA_DISABLED: "true",
  });
});
afterAll(async () => {
  process.env = saved;
  await fake.close();
});

describe("a full scan against the fake endpoint", { timeout: 60_000 }, () => {
  it("collects every service and reaches the same verdicts as the demo inventory", async () => {
    const inventory = await scanAws({ regions: demoInventory.regions, services: [...SERVICE_IDS] });
    expect(inventory.errors).toEqual([]);
    expect(inventory.account.id).toBe(demoInventory.account.id);
    const now = new Date(demoInventory.finishedAt);
    const scanned = buildSnapshot(inventory, CONTROLS, { id: "scanned", now });
    const expected = buildSnapshot(scenarioInventory, CONTROLS, { id: "expected", now });
    const verdicts = (s: typeof scanned) => Object.fromEntries(s.controls.map((c) => [c.id, c.status]));
    expect(verdicts(scanned)).toEqual(verdicts(expected));
    const counts = fake.counts();
    expect(counts["sts:GetCallerIdentity"]).toBe(1);
    expect(counts["iam:GetAccountAuthorizationDetails"]).toBeGreaterThan(0);
    expect(inventory.stats.apiCalls).toBe(Object.values(counts).reduce((a, b) => a + b, 0) - 1);
  });
});
