import { AccountClient, ListRegionsCommand } from "@aws-sdk/client-account";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listEnabledRegions } from "@/lib/aws/account/regions";
import { classifyAwsError } from "@/lib/aws/errors";
import { demoInventory } from "@/lib/demo/inventory";
import type { Inventory } from "@/lib/inventory";
import { buildInventory } from "@/lib/inventory/builders";
import { startFakeAws, type FakeAws } from "../server";
import type { Fault } from "../types";
import { account } from "./account";
import { FAKE_SERVICES } from "./index";

let fake: FakeAws;

function client() {
  return new AccountClient({
    region: "us-east-1",
    endpoint: fake.url,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts: 1,
  });
}

const baseInventory: Inventory = buildInventory({
  services: ["account"],
  regions: ["us-east-1", "eu-west-1", "ap-southeast-2"],
});

function withFaults(faults: Fault[], inventory = baseInventory) {
  fake.setScenario({ inventory, faults });
  fake.reset();
}

/** What listEnabledRegions threw, classified as discoverEnabledRegions classifies it. */
async function failure() {
  const error = await listEnabledRegions(client()).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeDefined();
  return classifyAwsError(error, "account:ListRegions");
}

beforeAll(async () => {
  FAKE_SERVICES[account.model.signingName] = account;
  fake = await startFakeAws({ inventory: baseInventory });
});
afterAll(async () => {
  delete FAKE_SERVICES[account.model.signingName];
  await fake.close();
});

describe("fake AWS Account", () => {
  it("round-trips the scenario's Regions through the real collector", async () => {
    withFaults([]);
    await expect(listEnabledRegions(client())).resolves.toEqual(baseInventory.regions);
    expect(fake.counts()).toEqual({ "account:ListRegions": 1 });
  });

  it("round-trips the demo account's Regions", async () => {
    withFaults([], demoInventory);
    await expect(listEnabledRegions(client())).resolves.toEqual(demoInventory.regions);
  });

  it("answers every Region as ENABLED_BY_DEFAULT and honours RegionOptStatusContains", async () => {
    withFaults([]);
    const all = await client().send(new ListRegionsCommand({}));
    expect(all.Regions).toEqual(
      baseInventory.regions.map((name) => ({ RegionName: name, RegionOptStatus: "ENABLED_BY_DEFAULT" })),
    );
    const optIn = await client().send(new ListRegionsCommand({ RegionOptStatusContains: ["ENABLED", "DISABLED"] }));
    expect(optIn.Regions).toEqual([]);
  });

  it("pages through more Regions than fit a page (50)", async () => {
    const many = Array.from({ length: 120 }, (_, i) => `xx-test-${i + 1}`);
    withFaults([], buildInventory({ services: ["account"], regions: many }));
    await expect(listEnabledRegions(client())).resolves.toEqual(many);
    expect(fake.counts()).toEqual({ "account:ListRegions": 3 });
  });

  it("refuses a page size above the API's maximum, as AWS does", async () => {
    withFaults([]);
    await expect(client().send(new ListRegionsCommand({ MaxResults: 51 }))).rejects.toMatchObject({
      name: "ValidationException",
    });
  });

  it("injects access denied, which discovery reports before its EC2 fallback", async () => {
    withFaults([{ action: "account:ListRegions", kind: "access-denied" }]);
    expect(await failure()).toEqual({
      kind: "access-denied",
      action: "account:ListRegions",
      message: "insufficient permissions: account:ListRegions",
    });
  });

  it("injects throttling and server errors", async () => {
    withFaults([{ action: "account:ListRegions", kind: "throttle" }]);
    expect(await failure()).toMatchObject({ kind: "throttled", action: "account:ListRegions" });
    withFaults([{ action: "account:ListRegions", kind: "server-error" }]);
    expect(await failure()).toMatchObject({ kind: "other", message: "InternalServerException: Internal server error" });
  });
});
