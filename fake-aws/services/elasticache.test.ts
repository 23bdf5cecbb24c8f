import { ElastiCacheClient } from "@aws-sdk/client-elasticache";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectElastiCacheRegion } from "@/lib/aws/elasticache/collect";
import { control as rgAtRest } from "@/lib/controls/elasticache/rg-at-rest-encryption";
import { control as rgAuthentication } from "@/lib/controls/elasticache/rg-authentication";
import { control as serverlessAccess } from "@/lib/controls/elasticache/serverless-access-control";
import type { ElastiCacheRegionInventory, Inventory } from "@/lib/inventory";
import {
  buildElastiCacheRegion,
  cacheCluster,
  cacheUser,
  elasticacheInventory,
  replicationGroup,
  serverlessCache,
  TEST_REGION,
  userGroup,
} from "@/lib/inventory/builders";
import { startFakeAws, type FakeAws } from "../server";
import type { Fault } from "../types";

/** Standalone clusters as CreateCacheCluster makes them: no replication group, Valkey or Redis OSS. */
const plainRedis = cacheCluster({
  id: "jobs-scratch",
  engine: "redis",
  engineVersion: "7.0.7",
  cacheNodeType: "cache.t3.small",
  transitEncryptionEnabled: false,
  atRestEncryptionEnabled: false,
  authTokenEnabled: false,
});
const guardedValkey = cacheCluster({
  id: "rate-limits",
  engine: "valkey",
  engineVersion: "8.0.1",
  transitEncryptionEnabled: true,
  transitEncryptionMode: "required",
  atRestEncryptionEnabled: true,
  authTokenEnabled: true,
});

/** The AWS-created `default` user, in a user group used by a replication group and a serverless cache. */
const awsDefault = cacheUser({
  id: "default",
  userName: "default",
  accessString: "on ~* +@all",
  authenticationType: "no-password",
  passwordCount: 0,
  userGroupIds: ["sessions-users"],
});
const sessionsApp = cacheUser({ id: "sessions-app", userGroupIds: ["sessions-users"] });
const sessions = replicationGroup({ id: "sessions", userGroupIds: ["sessions-users"] });
const sessionsMember = cacheCluster({
  id: "sessions-001",
  engine: "redis",
  engineVersion: sessions.engineVersion,
  replicationGroupId: "sessions",
  atRestEncryptionEnabled: true,
});
const cartsServerless = serverlessCache({ name: "carts", engine: "redis", userGroupId: "sessions-users" });
const openGroup = userGroup({
  id: "sessions-users",
  userIds: ["default", "sessions-app"],
  replicationGroups: ["sessions"],
  serverlessCaches: ["carts"],
});

const region: ElastiCacheRegionInventory = buildElastiCacheRegion({
  replicationGroups: [sessions],
  cacheClusters: [sessionsMember, plainRedis, guardedValkey],
  serverlessCaches: [cartsServerless],
  userGroups: [openGroup],
  users: [awsDefault, sessionsApp],
});

let fake: FakeAws;
const clients: ElastiCacheClient[] = [];

beforeAll(async () => {
  fake = await startFakeAws({ inventory: elasticacheInventory(region) });
});
afterAll(async () => {
  for (const client of clients) client.destroy();
  await fake.close();
});

async function collect(faults: Fault[] = []): Promise<Inventory> {
  fake.setScenario({ inventory: elasticacheInventory(region), faults });
  fake.reset();
  const client = new ElastiCacheClient({
    region: TEST_REGION,
    endpoint: fake.url,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts: 1,
  });
  clients.push(client);
  const { inventory, errors } = await collectElastiCacheRegion(client, TEST_REGION);
  return { ...elasticacheInventory(inventory), errors };
}

const statusOf = (results: ReturnType<typeof rgAuthentication.evaluate>, arn: string) =>
  results.find((r) => r.resourceArn === arn)?.status;

describe("fake ElastiCache", () => {
  it("serves standalone clusters and an open user group round-trip through the real collector", async () => {
    const inventory = await collect();
    expect(inventory.errors).toEqual([]);
    const collected = inventory.elasticache!.regions[0]!;
    expect(collected.cacheClusters).toEqual(region.cacheClusters);
    expect(collected.replicationGroups).toEqual(region.replicationGroups);
    expect(collected.serverlessCaches).toEqual(region.serverlessCaches);
    expect(collected.userGroups).toEqual(region.userGroups);
    expect(collected.users).toEqual(region.users);
  });

  it("gives the controls what they need to judge both shapes", async () => {
    const inventory = await collect();
    const now = new Date();
    const auth = rgAuthentication.evaluate(inventory, { now });
    expect(statusOf(auth, plainRedis.arn)).toBe("fail");
    expect(statusOf(auth, guardedValkey.arn)).toBe("pass");
    expect(statusOf(auth, sessions.arn)).toBe("fail");
    const atRest = rgAtRest.evaluate(inventory, { now });
    expect(statusOf(atRest, plainRedis.arn)).toBe("fail");
    expect(statusOf(atRest, guardedValkey.arn)).toBe("pass");
    // The replication-group member is judged as its group, not as a cluster of its own.
    expect(statusOf(atRest, sessionsMember.arn)).toBeUndefined();
    expect(statusOf(serverlessAccess.evaluate(inventory, { now }), cartsServerless.arn)).toBe("fail");
  });

  it("with DescribeUsers denied, the open group's caches are not passed and depend on the denied call", async () => {
    const inventory = await collect([{ action: "elasticache:DescribeUsers", kind: "access-denied" }]);
    expect(inventory.errors).toEqual([
      expect.objectContaining({ action: "elasticache:DescribeUsers", kind: "access-denied", region: TEST_REGION }),
    ]);
    const now = new Date();
    const results = [
      ...rgAuthentication.evaluate(inventory, { now }).filter((r) => r.resourceArn === sessions.arn),
      ...serverlessAccess.evaluate(inventory, { now }),
    ];
    expect(results).toHaveLength(2);
    for (const result of results) {
      expect(result.status).not.toBe("pass");
      expect(result.dependsOn).toContainEqual({ action: "elasticache:DescribeUsers", region: TEST_REGION });
    }
    // The standalone clusters were read in full, so their verdicts stand.
    expect(statusOf(rgAuthentication.evaluate(inventory, { now }), guardedValkey.arn)).toBe("pass");
  });
});
