import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRedis, type TestRedis } from "@/test-support/redis";
import { dependencyHealth, probeDependencies } from "./health";

let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

// A loopback port nothing listens on: the database "is down".
const DEAD_DATABASE = "postgres://safekeep@127.0.0.1:1/safekeep";

describe("dependencyHealth", { timeout: 20_000 }, () => {
  it("has nothing to ask in the embedded mode", async () => {
    expect(await dependencyHealth({})).toEqual({ mode: "embedded" });
  });

  it("names what is down in team mode, and never the Redis password", async () => {
    const withPassword = redis.url.replace("redis://", "redis://:s3cret-pass@");
    const health = await probeDependencies({ SAFEKEEP_REDIS_URL: withPassword, SAFEKEEP_DATABASE_URL: DEAD_DATABASE });
    expect(health).toEqual({
      mode: "team",
      // Redis without requirepass accepts (and ignores) the password in the URL.
      queue: "ok",
      database: "unavailable",
      problem: "the database is not answering: snapshots cannot be read or stored",
    });
    await redis.kill();
    const down = await probeDependencies({ SAFEKEEP_REDIS_URL: withPassword, SAFEKEEP_DATABASE_URL: DEAD_DATABASE });
    expect(down.queue).toBe("unavailable");
    expect(down.problem).toContain(`the queue (redis://127.0.0.1:${redis.port}) is not answering`);
    expect(JSON.stringify(down)).not.toContain("s3cret-pass");
  });
});
