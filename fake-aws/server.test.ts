import { ElastiCacheClient } from "@aws-sdk/client-elasticache";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectElastiCacheRegion } from "@/lib/aws/elasticache/collect";
import { getCallerIdentity } from "@/lib/aws/sts/identity";
import { demoInventory } from "@/lib/demo/inventory";
import { startFakeAws, type FakeAws } from "./server";

let fake: FakeAws;
const saved = { ...process.env };

beforeAll(async () => {
  fake = await startFakeAws({ inventory: demoInventory });
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: fake.url,
    AWS_ACCESS_KEY_ID: "test",
    AWS_SECRET_ACCESS_KEY: "test",
    AWS_REGION: "us-east-1",
  });
});
afterAll(async () => {
  process.env = saved;
  await fake.close();
});

function client(region: string) {
  return new ElastiCacheClient({
    region,
    endpoint: fake.url,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts: 1,
  });
}

describe("fake AWS endpoint", () => {
  it("answers STS over the query protocol, reached through AWS_ENDPOINT_URL", async () => {
    await expect(getCallerIdentity("us-east-1")).resolves.toMatchObject({
      accountId: demoInventory.account.id,
      partition: "aws",
    });
  });

  it.each(demoInventory.elasticache!.regions.map((r) => [r.region, r] as const))(
    "round-trips the ElastiCache inventory of %s through the real collector",
    async (region, expected) => {
      fake.setScenario({ inventory: { ...demoInventory, errors: [] } });
      const { inventory, errors } = await collectElastiCacheRegion(client(region), region);
      expect(errors).toEqual([]);
      expect(inventory).toEqual(expected);
    },
  );

  it("pages through long lists with the SDK paginators", async () => {
    const region = demoInventory.elasticache!.regions[0]!;
    const many = Array.from({ length: 230 }, (_, i) => ({
      ...region.replicationGroups[0]!,
      id: `rg-${i}`,
      arn: `${region.replicationGroups[0]!.arn}-${i}`,
      memberClusters: [],
    }));
    fake.setScenario({
      inventory: {
        ...demoInventory,
        elasticache: { regions: [{ ...region, replicationGroups: many, cacheClusters: [] }] },
      },
    });
    fake.reset();
    const { inventory } = await collectElastiCacheRegion(client(region.region), region.region);
    expect(inventory.replicationGroups).toHaveLength(230);
    expect(fake.counts()["elasticache:DescribeReplicationGroups"]).toBe(3);
  });

  it("injects access denied with AWS's message, naming the action", async () => {
    fake.setScenario({
      inventory: demoInventory,
      faults: [{ action: "elasticache:DescribeUsers", kind: "access-denied" }],
    });
    const { errors } = await collectElastiCacheRegion(client("us-east-1"), "us-east-1");
    expect(errors).toEqual([expect.objectContaining({ action: "elasticache:DescribeUsers", kind: "access-denied" })]);
  });

  it("answers unknown operations as AWS does, without crashing", async () => {
    const response = await fetch(fake.url, {
      method: "POST",
      headers: {
        authorization:
          "AWS4-HMAC-SHA256 Credential=test/20261124/us-east-1/elasticache/aws4_request, SignedHeaders=host, Signature=x",
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "Action=DeleteEverything&Version=2015-02-02",
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("<Code>InvalidAction</Code>");
  });
});
