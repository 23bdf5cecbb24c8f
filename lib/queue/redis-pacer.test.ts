import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Pacer } from "@/lib/aws/pacing";
import { log } from "@/lib/log";
import { startRedis, type TestRedis } from "@/test-support/redis";
import { BUCKET_EXPIRY_MARGIN_MS, createRedisPacer, DEFAULT_KEY_PREFIX, rateKey, REDIS_RETRY_MS } from "./redis-pacer";

/**
 * Amazon Connect allows 2 requests per second with a burst of 5 per API (lib/aws/quotas.ts); at
 * scale 10 a bucket refills 20 tokens per second, so a queue of 25 calls drains in 1.25 s.
 */
const SCALE = 10;
const RATE = 2 * SCALE;
const BURST = 5;
const ACCOUNT = "123456789012";
const OTHER_ACCOUNT = "210987654321";
const REGION = "eu-west-1";

/** Fails the test if a pacer that should use Redis quietly paces in-process instead. */
const NO_FALLBACK: Pacer = {
  acquire: async () => {
    throw new Error("the fallback pacer was used");
  },
};

function connect(url: string): Redis {
  // As BullMQ wants its connections: commands wait for a reconnect instead of failing.
  const client = new Redis(url, { maxRetriesPerRequest: null });
  // Refused reconnects while the server is down are expected here; ioredis would print each one.
  client.on("error", () => undefined);
  return client;
}

/** Fires all calls at once; the time (ms since the start) at which each one's acquire resolved. */
async function fire(calls: Array<() => Promise<void>>): Promise<number[]> {
  const start = performance.now();
  return Promise.all(calls.map((call) => call().then(() => performance.now() - start)));
}

/** The most calls resolved within any window, beyond what the bucket allows in that window. */
function worstExcess(times: number[]): { excess: number; from: number; to: number; count: number } {
  const sorted = [...times].sort((a, b) => a - b);
  let worst = { excess: -Infinity, from: 0, to: 0, count: 0 };
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i; j < sorted.length; j++) {
      const count = j - i + 1;
      const allowed = BURST + (RATE * (sorted[j]! - sorted[i]!)) / 1000;
      if (count - allowed > worst.excess) worst = { excess: count - allowed, from: sorted[i]!, to: sorted[j]!, count };
    }
  }
  return worst;
}

describe("createRedisPacer", () => {
  let server: TestRedis;
  let workerA: Redis;
  let workerB: Redis;
  let admin: Redis;
  let test = 0;
  /** A key prefix of its own for each test, so no test sees another's buckets. */
  const prefix = () => `t${++test}:`;

  beforeAll(async () => {
    server = await startRedis();
    workerA = connect(server.url);
    workerB = connect(server.url);
    admin = connect(server.url);
  });
  afterAll(async () => {
    for (const client of [workerA, workerB, admin]) client?.disconnect();
    await server?.stop();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("shares one bucket per API between workers of the same account", async () => {
    const keyPrefix = prefix();
    const options = { accountId: ACCOUNT, mode: SCALE, keyPrefix, fallback: NO_FALLBACK };
    const pacers = [createRedisPacer(workerA, options), createRedisPacer(workerB, options)];
    const calls = Array.from(
      { length: 30 },
      (_, i) => () => pacers[i % 2]!.acquire(REGION, "connect", "ListInstances"),
    );

    const times = await fire(calls);

    // 30 calls through one bucket: 5 at once, then 25 at 20 per second. Two buckets, one per worker,
    // would let both send 5 at once and finish in half the time.
    expect(Math.max(...times)).toBeGreaterThanOrEqual(((30 - BURST) / RATE) * 1000 - 20);
    expect(Math.max(...times)).toBeLessThan(((30 - BURST) / RATE) * 1000 + 1_000);
    expect(times.filter((t) => t < 40)).toHaveLength(BURST);
    // In no window did the two workers together exceed the burst plus the refill (one call of
    // tolerance for timers that fire late and bunch up).
    const worst = worstExcess(times);
    expect(worst.excess, JSON.stringify(worst)).toBeLessThanOrEqual(1);
  });

  it("keeps each account's buckets apart: one account's queue does not hold up another", async () => {
    const keyPrefix = prefix();
    const busy = createRedisPacer(workerA, { accountId: ACCOUNT, mode: SCALE, keyPrefix, fallback: NO_FALLBACK });
    const other = createRedisPacer(workerB, {
      accountId: OTHER_ACCOUNT,
      mode: SCALE,
      keyPrefix,
      fallback: NO_FALLBACK,
    });
    const queue = fire(Array.from({ length: 20 }, () => () => busy.acquire(REGION, "connect", "ListInstances")));
    // Queued after the first account's 20 reservations: with a shared bucket this would wait ~0.75 s.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const [otherTime] = await fire([() => other.acquire(REGION, "connect", "ListInstances")]);
    const busyTimes = await queue;

    expect(otherTime).toBeLessThan(100);
    expect(Math.max(...busyTimes)).toBeGreaterThanOrEqual(((20 - BURST) / RATE) * 1000 - 20);
    expect(await admin.exists(rateKey(keyPrefix, OTHER_ACCOUNT, REGION, "connect", "ListInstances"))).toBe(1);
  });

  it("keeps a bucket per Region, service and bucket name, reserves in all of a call's buckets, and lets idle ones expire", async () => {
    const pacer = createRedisPacer(workerA, { accountId: ACCOUNT, mode: SCALE, fallback: NO_FALLBACK });
    await pacer.acquire(REGION, "connect", "ListInstances");
    // A per-pool Cognito call takes from its category's bucket and from the pool's own.
    await pacer.acquire(REGION, "cognito-idp", "DescribeUserPoolClient", { UserPoolId: "eu-west-1_AbC123" });

    const connectKey = `${DEFAULT_KEY_PREFIX}rate:${ACCOUNT}:${REGION}:connect:ListInstances`;
    expect(rateKey(DEFAULT_KEY_PREFIX, ACCOUNT, REGION, "connect", "ListInstances")).toBe(connectKey);
    expect(await admin.hgetall(connectKey)).toMatchObject({ tokens: String(BURST - 1) });
    expect(
      await admin.exists(
        `${DEFAULT_KEY_PREFIX}rate:${ACCOUNT}:${REGION}:cognito-idp:UserPoolClientRead`,
        `${DEFAULT_KEY_PREFIX}rate:${ACCOUNT}:${REGION}:cognito-idp:DescribeUserPoolClient|eu-west-1_AbC123`,
      ),
    ).toBe(2);
    // One token short at 20 per second: full again in 50 ms, then gone after the margin.
    const ttl = await admin.pttl(connectKey);
    expect(ttl).toBeGreaterThan(BUCKET_EXPIRY_MARGIN_MS - 200);
    expect(ttl).toBeLessThanOrEqual(BUCKET_EXPIRY_MARGIN_MS + 1000 / RATE);
  });

  it("makes no Redis call when pacing is off, nor for a call no quota names", async () => {
    const touched: PropertyKey[] = [];
    const unreachable = new Proxy(
      {},
      {
        get(_, property) {
          touched.push(property);
          throw new Error(`Redis touched: ${String(property)}`);
        },
      },
    ) as Redis;

    const off = createRedisPacer(unreachable, { accountId: ACCOUNT, mode: "off", fallback: NO_FALLBACK });
    await off.acquire(REGION, "connect", "ListInstances");
    const on = createRedisPacer(unreachable, { accountId: ACCOUNT, mode: "on", fallback: NO_FALLBACK });
    await on.acquire(REGION, "s3", "ListBuckets");
    expect(touched).toEqual([]);
  });

  it("rejects a scale that is not a positive number, and a missing account", () => {
    expect(() => createRedisPacer(workerA, { accountId: ACCOUNT, mode: 0 })).toThrow(/positive/);
    expect(() => createRedisPacer(workerA, { accountId: ACCOUNT, mode: Number.NaN })).toThrow(/positive/);
    expect(() => createRedisPacer(workerA, { accountId: "" })).toThrow(/account/);
  });

  describe("when Redis goes away mid-scan", () => {
    let crashing: TestRedis;
    let worker: Redis;
    beforeAll(async () => {
      crashing = await startRedis();
      worker = connect(crashing.url);
    });
    afterAll(async () => {
      worker?.disconnect();
      await crashing?.stop();
    });

    it("paces in-process within the timeout, warns once, and goes back to Redis once it is back", async () => {
      const warn = vi.spyOn(log, "warn").mockImplementation(() => undefined);
      const info = vi.spyOn(log, "info").mockImplementation(() => undefined);
      const timeoutMs = 300;
      const pacer = createRedisPacer(worker, { accountId: ACCOUNT, mode: SCALE, timeoutMs });
      await pacer.acquire(REGION, "connect", "ListInstances");
      expect(await worker.exists(rateKey(DEFAULT_KEY_PREFIX, ACCOUNT, REGION, "connect", "ListInstances"))).toBe(1);

      await crashing.kill();
      const times = await fire(
        Array.from({ length: 8 }, () => () => pacer.acquire(REGION, "connect", "ListInstances")),
      );

      // Each call gave up on Redis after the timeout, and the in-process pacer (a fresh bucket of 5)
      // still spaced the last three 50 ms apart: not sent unpaced, not held up for good.
      const last = Math.max(...times);
      expect(Math.min(...times)).toBeGreaterThanOrEqual(timeoutMs - 20);
      expect(last).toBeGreaterThanOrEqual(timeoutMs + ((8 - BURST) / RATE) * 1000 - 20);
      expect(last).toBeLessThan(timeoutMs + 1_000);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0]![0]).toBe("pacing.redis-unavailable");
      expect(warn.mock.calls[0]![1]).toMatchObject({ accountId: ACCOUNT });

      // While the connection is down, calls go straight to the fallback: no timeout each.
      const [during] = await fire([() => pacer.acquire(REGION, "connect", "ListUsers")]);
      expect(during).toBeLessThan(timeoutMs / 2);

      await crashing.restart();
      await vi.waitFor(() => expect(worker.status).toBe("ready"), { timeout: 5_000, interval: 20 });
      await new Promise((resolve) => setTimeout(resolve, REDIS_RETRY_MS));
      // A bucket no earlier call used: only this call, through Redis, can create its key in the new server.
      await pacer.acquire(REGION, "connect", "DescribeInstance");
      expect(await worker.exists(rateKey(DEFAULT_KEY_PREFIX, ACCOUNT, REGION, "connect", "DescribeInstance"))).toBe(1);
      expect(info).toHaveBeenCalledWith("pacing.redis-recovered", { accountId: ACCOUNT });
      expect(warn).toHaveBeenCalledTimes(1);
    });
  });
});
