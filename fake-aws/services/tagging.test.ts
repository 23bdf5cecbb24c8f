import { ResourceGroupsTaggingAPIClient } from "@aws-sdk/client-resource-groups-tagging-api";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { collectTagsInRegion } from "@/lib/aws/tagging/collect";
import type { TaggedResource } from "@/lib/inventory";
import { kmsKeyArn, storageInventory, TEST_ACCOUNT, TEST_REGION, taggedResource } from "@/lib/inventory/builders";
import { startFakeAws, type FakeAws } from "../server";
import type { Scenario } from "../types";
import { FAKE_SERVICES } from "./index";
import { tagging } from "./tagging";

const EU = "eu-west-1";
const usEast: TaggedResource[] = [
  taggedResource(),
  taggedResource({ arn: kmsKeyArn(), tags: [{ key: "owner", value: "jane.doe@example.com" }] }),
  taggedResource({
    arn: `arn:aws:cognito-idp:${TEST_REGION}:${TEST_ACCOUNT}:userpool/${TEST_REGION}_Abc123`,
    tags: [
      { key: "aws:cloudformation:stack-name", value: "identity" },
      { key: "empty", value: "" },
    ],
  }),
];
const euWest: TaggedResource[] = [
  taggedResource({ arn: `arn:aws:personalize:${EU}:${TEST_ACCOUNT}:dataset-group/eu-retail`, region: EU }),
];
/** Not one of the collector's resource types: GetResources filters it out. */
const bucket = taggedResource({ arn: "arn:aws:s3:::connect-recordings-bucket", tags: [{ key: "team", value: "x" }] });

function scenario(taggedResources: TaggedResource[], faults: Scenario["faults"] = []): Scenario {
  return { inventory: storageInventory({ taggedResources }), faults };
}

let fake: FakeAws;
const clients: ResourceGroupsTaggingAPIClient[] = [];

function client(region: string): ResourceGroupsTaggingAPIClient {
  const created = new ResourceGroupsTaggingAPIClient({
    region,
    endpoint: fake.url,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts: 1,
  });
  clients.push(created);
  return created;
}

beforeAll(async () => {
  FAKE_SERVICES[tagging.model.signingName] = tagging;
  fake = await startFakeAws(scenario([]));
});
beforeEach(() => fake.reset());
afterAll(async () => {
  for (const created of clients) created.destroy();
  delete FAKE_SERVICES[tagging.model.signingName];
  await fake.close();
});

describe("fake Resource Groups Tagging API", () => {
  it.each([
    [TEST_REGION, usEast],
    [EU, euWest],
  ])("round-trips the tagged resources of %s through the real collector", async (region, expected) => {
    fake.setScenario(scenario([...usEast, bucket, ...euWest]));
    const { inventory, errors } = await collectTagsInRegion(client(region), region);
    expect(errors).toEqual([]);
    expect(inventory).toEqual(expected);
  });

  it("pages through long lists with the SDK paginator", async () => {
    const many = Array.from({ length: 230 }, (_, i) =>
      taggedResource({ arn: `arn:aws:elasticache:${TEST_REGION}:${TEST_ACCOUNT}:replicationgroup:rg-${i}` }),
    );
    fake.setScenario(scenario(many));
    const { inventory, errors } = await collectTagsInRegion(client(TEST_REGION), TEST_REGION);
    expect(errors).toEqual([]);
    expect(inventory).toEqual(many);
    expect(fake.counts()).toEqual({ "tag:GetResources": 3 });
  });

  it("answers a Region without tagged resources with an empty list", async () => {
    fake.setScenario(scenario(usEast));
    await expect(collectTagsInRegion(client("ap-southeast-2"), "ap-southeast-2")).resolves.toEqual({
      inventory: [],
      errors: [],
    });
  });

  it.each([
    ["access-denied", "access-denied"],
    ["throttle", "throttled"],
    ["server-error", "other"],
  ] as const)("injects %s on a later page: no resources, one error", async (kind, errorKind) => {
    const many = Array.from({ length: 150 }, (_, i) =>
      taggedResource({ arn: `arn:aws:elasticache:${TEST_REGION}:${TEST_ACCOUNT}:user:user-${i}` }),
    );
    // Half the calls fail; with seed 1 the first page is answered and the second is the first to fail.
    fake.setScenario({ ...scenario(many, [{ action: "tag:GetResources", kind, rate: 0.5 }]), seed: 1 });
    const { inventory, errors } = await collectTagsInRegion(client(TEST_REGION), TEST_REGION);
    expect(fake.counts()).toEqual({ "tag:GetResources": 2 });
    expect(inventory).toEqual([]);
    expect(errors).toEqual([expect.objectContaining({ action: "tag:GetResources", kind: errorKind })]);
  });
});
