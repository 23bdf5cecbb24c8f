/**
 * The throttle in team mode against a real redis-server: two throttles with their own connections
 * stand for two dashboard processes and must see one count; when Redis dies each keeps throttling in
 * memory and says so once, and goes back to Redis when it answers again.
 */
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Logger } from "@/lib/log";
import { startRedis, type TestRedis } from "@/test-support/redis";
import { createLoginThrottle, THROTTLE_KEY_PREFIX, type LoginAttempt, type LoginThrottle } from "./throttle";

const HASH_KEY = new Uint8Array(32).fill(3);

let redis: TestRedis;
const clients: Redis[] = [];

function recordingLogger(): Logger & { events: string[] } {
  const events: string[] = [];
  const record = (event: string) => void events.push(event);
  return { events, info: record, warn: record, error: record };
}

/** A connection as the dashboard opens one (lib/security/throttle.ts), once it is ready. */
async function connect(): Promise<Redis> {
  const client = new Redis(redis.url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 500,
    retryStrategy: () => 100,
  });
  client.on("error", () => undefined);
  clients.push(client);
  await client.connect();
  return client;
}

async function dashboardProcess(logger: Logger = recordingLogger()): Promise<LoginThrottle> {
  return createLoginThrottle({ redis: await connect(), hashKey: HASH_KEY, logger });
}

async function until(condition: () => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  redis = await startRedis();
}, 20_000);

afterAll(async () => {
  for (const client of clients) client.disconnect();
  await redis?.stop();
});

describe("login throttle in team mode (Redis)", () => {
  it("shares counts and blocks between processes", async () => {
    const [a, b] = [await dashboardProcess(), await dashboardProcess()];
    const attempt: LoginAttempt = { address: "198.51.100.20", user: "alice" };
    for (let i = 0; i < 3; i++) expect((await a.failed(attempt)).retryAfterSeconds).toBeUndefined();
    for (let i = 0; i < 2; i++) expect((await b.failed(attempt)).retryAfterSeconds).toBeUndefined();
    // The sixth failure, in process A, is the first past the five free ones that both have seen.
    const sixth = await a.failed(attempt);
    expect(sixth.lockedOut).toEqual([expect.objectContaining({ scope: "user-address", failures: 6 })]);
    expect(await b.check(attempt)).toEqual({ blocked: true, retryAfterSeconds: 1, scope: "user-address" });
    // A success in B resets the count A saw.
    await b.succeeded(attempt);
    expect(await a.check(attempt)).toEqual({ blocked: false });
  });

  it("reports one lock-out when failures race in both processes", async () => {
    const [a, b] = [await dashboardProcess(), await dashboardProcess()];
    const attempt: LoginAttempt = { address: "198.51.100.21", user: "bob" };
    const outcomes = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).failed(attempt)));
    const lockOuts = outcomes.flatMap((outcome) => outcome.lockedOut);
    expect(lockOuts).toEqual([expect.objectContaining({ scope: "user-address", failures: 6 })]);
    expect(outcomes.filter((outcome) => outcome.retryAfterSeconds !== undefined)).toHaveLength(7);
  });

  it("stores keyed hashes under its prefix, never a user name or an address", async () => {
    const throttle = await dashboardProcess();
    await throttle.failed({ address: "203.0.113.77", user: "carol@example.com" });
    const client = await connect();
    const keys = await client.keys("*");
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.every((key) => key.startsWith(THROTTLE_KEY_PREFIX))).toBe(true);
    expect(keys.filter((key) => /carol|example|203\.0\.113/.test(key))).toEqual([]);
    // Counts are forgotten after the window (one hour) rather than kept for good.
    const failsKey = keys.find((key) => key.startsWith(`${THROTTLE_KEY_PREFIX}fails:`))!;
    const ttl = await client.pttl(failsKey);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(3_600_000);
  });

  it("keeps throttling in memory while Redis is down, says so once, and goes back when it answers", async () => {
    const logger = recordingLogger();
    const throttle = await dashboardProcess(logger);
    const client = clients.at(-1)!;
    await redis.kill();
    const attempt: LoginAttempt = { address: "198.51.100.30", user: "dave" };
    const outcomes = [];
    for (let i = 0; i < 6; i++) outcomes.push(await throttle.failed(attempt));
    expect(outcomes.at(-1)!.retryAfterSeconds).toBe(1);
    expect(await throttle.check(attempt)).toMatchObject({ blocked: true, scope: "user-address" });
    expect(logger.events).toEqual(["throttle.store_unavailable"]);

    await redis.restart();
    await until(() => client.status === "ready");
    // The restarted Redis is empty; the memory counts stay behind in this process.
    expect(await throttle.check({ address: "198.51.100.31", user: "erin" })).toEqual({ blocked: false });
    expect(logger.events).toEqual(["throttle.store_unavailable", "throttle.store_restored"]);
    expect((await client.keys(`${THROTTLE_KEY_PREFIX}*`)).length).toBe(0);
    await throttle.failed({ address: "198.51.100.31", user: "erin" });
    expect((await client.keys(`${THROTTLE_KEY_PREFIX}*`)).length).toBeGreaterThan(0);
  }, 30_000);
});
