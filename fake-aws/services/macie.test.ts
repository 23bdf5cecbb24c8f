import { Macie2Client } from "@aws-sdk/client-macie2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectMacieSession } from "@/lib/aws/macie/collect";
import { demoInventory } from "@/lib/demo/inventory";
import type { Inventory, MacieRegion } from "@/lib/inventory";
import { accountLoggingInventory, macieRegion } from "@/lib/inventory/builders";
import { startFakeAws, type FakeAws } from "../server";
import type { Fault } from "../types";
import { FAKE_SERVICES } from "./index";
import { macie } from "./macie";

let fake: FakeAws;

function client(region: string) {
  return new Macie2Client({
    region,
    endpoint: fake.url,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts: 1,
  });
}

const regions: MacieRegion[] = [
  macieRegion({ region: "us-east-1", status: "ENABLED", automatedDiscovery: "ENABLED" }),
  macieRegion({ region: "us-west-2", status: "ENABLED", automatedDiscovery: "DISABLED" }),
  macieRegion({ region: "eu-west-1", status: "PAUSED", automatedDiscovery: undefined }),
  macieRegion({ region: "eu-central-1", status: "NOT_ENABLED", automatedDiscovery: undefined }),
  macieRegion({ region: "ap-southeast-2", status: "ENABLED", automatedDiscovery: undefined, memberAccount: true }),
];
const baseInventory: Inventory = accountLoggingInventory(
  { macie: regions },
  { regions: [...regions.map((r) => r.region), "ca-central-1"] },
);

function withFaults(faults: Fault[], inventory = baseInventory) {
  fake.setScenario({ inventory, faults });
  fake.reset();
}

beforeAll(async () => {
  FAKE_SERVICES[macie.model.signingName] = macie;
  fake = await startFakeAws({ inventory: baseInventory });
});
afterAll(async () => {
  delete FAKE_SERVICES[macie.model.signingName];
  await fake.close();
});

describe("fake Amazon Macie", () => {
  it.each(regions.map((r) => [r.region, r.status, r] as const))(
    "round-trips %s (%s) through the real collector",
    async (region, status, expected) => {
      withFaults([]);
      const { inventory, errors } = await collectMacieSession(client(region), region);
      expect(errors).toEqual([]);
      expect(inventory).toEqual(expected);
      // Automated discovery is asked only where Macie is enabled.
      expect(fake.counts()).toEqual({
        "macie2:GetMacieSession": 1,
        ...(status === "ENABLED" ? { "macie2:GetAutomatedDiscoveryConfiguration": 1 } : {}),
      });
    },
  );

  it.each(demoInventory.accountWide!.macie!.map((r) => [r.region, r] as const))(
    "round-trips the demo account's Macie state of %s",
    async (region, expected) => {
      withFaults([], { ...demoInventory, errors: [] });
      const { inventory, errors } = await collectMacieSession(client(region), region);
      expect(errors).toEqual([]);
      expect(inventory).toEqual(expected);
    },
  );

  it("answers 'Macie is not enabled' in a Region the scenario does not list", async () => {
    withFaults([]);
    const result = await collectMacieSession(client("ca-central-1"), "ca-central-1");
    expect(result).toEqual({ inventory: { region: "ca-central-1", status: "NOT_ENABLED" }, errors: [] });
  });

  it("reports an IAM denial of GetMacieSession as access denied, not as Macie being off", async () => {
    withFaults([{ action: "macie2:GetMacieSession", kind: "access-denied" }]);
    const { inventory, errors } = await collectMacieSession(client("us-east-1"), "us-east-1");
    expect(inventory).toBeUndefined();
    expect(errors).toEqual([
      {
        service: "account",
        region: "us-east-1",
        action: "macie2:GetMacieSession",
        kind: "access-denied",
        message: "insufficient permissions: macie2:GetMacieSession",
      },
    ]);
  });

  it("reports throttling of GetMacieSession", async () => {
    withFaults([{ action: "macie2:GetMacieSession", kind: "throttle" }]);
    const { inventory, errors } = await collectMacieSession(client("us-east-1"), "us-east-1");
    expect(inventory).toBeUndefined();
    expect(errors.map((e) => [e.action, e.kind])).toEqual([["macie2:GetMacieSession", "throttled"]]);
  });

  it("keeps the session when automated discovery fails, with the error", async () => {
    withFaults([{ action: "macie2:GetAutomatedDiscoveryConfiguration", kind: "server-error" }]);
    const { inventory, errors } = await collectMacieSession(client("us-east-1"), "us-east-1");
    expect(inventory).toEqual({ region: "us-east-1", status: "ENABLED" });
    expect(errors).toEqual([
      {
        service: "account",
        region: "us-east-1",
        action: "macie2:GetAutomatedDiscoveryConfiguration",
        kind: "other",
        message: "InternalServerException: Internal server error",
      },
    ]);
  });
});
