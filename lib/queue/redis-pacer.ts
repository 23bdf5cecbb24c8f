/**
 * The pacer of team mode: the same token buckets as the in-process pacer (lib/aws/pacing.ts), but
 * kept in Redis, so that every worker scanning an account draws on one bucket per API. AWS applies
 * each quota per account and Region, whichever host sends the call; buckets held per process would
 * let N workers send N times the quota.
 *
 * Each acquire runs one Lua script that reserves a token in every bucket the call's quotas name, at
 * once and atomically, and returns how long the caller must wait. Tokens may go below zero (each
 * waiting call holds a reservation), so workers are served first come, first served across hosts.
 * Time is Redis's own clock (`TIME` inside the script), one clock for every host, so workers whose
 * clocks disagree still share the bucket fairly. Redis 7 replicates scripts by their effects, which
 * is what allows a non-deterministic command like TIME in a script that writes.
 *
 * When Redis fails or does not answer in time, the call is paced by an in-process fallback pacer
 * instead: a scan never waits on Redis forever, and never sends a paced call unpaced. The fallback
 * only knows this process's calls, so while Redis is away the workers together may exceed a quota
 * and lean on the SDK's retries; that is the price of not stopping the scan.
 */
import type { Redis } from "ioredis";
import { createPacer, type Pacer, PACING_GUARD_MS, type PacingMode, REAL_CLOCK } from "@/lib/aws/pacing";
import { quotaBuckets } from "@/lib/aws/quotas";
import { log } from "@/lib/log";

export interface RedisPacerOptions {
  /** The AWS account the calls go to: quotas are per account, so each account has its own buckets. */
  accountId: string;
  mode?: PacingMode;
  /** Prepended to every key; default `safekeep:`. */
  keyPrefix?: string;
  /** Paces the calls Redis cannot; default an in-process pacer of the same mode. */
  fallback?: Pacer;
  /** How long a reservation may take before the fallback paces the call; default 2000. */
  timeoutMs?: number;
}

export const DEFAULT_KEY_PREFIX = "safekeep:";
export const DEFAULT_REDIS_TIMEOUT_MS = 2_000;
/**
 * After a failure, at most one call per this interval tries Redis again; the others go straight to
 * the fallback, so an unresponsive Redis costs one timeout per interval, not one per call.
 */
export const REDIS_RETRY_MS = 1_000;
/** A bucket's key outlives the moment it would be full again by this much, then expires: a full bucket and no bucket are the same. */
export const BUCKET_EXPIRY_MARGIN_MS = 1_000;

/** The Redis key of one bucket. */
export function rateKey(prefix: string, accountId: string, region: string, service: string, bucket: string): string {
  return `${prefix}rate:${accountId}:${region}:${service}:${bucket}`;
}

/**
 * KEYS: the buckets. ARGV: for each bucket its rate in tokens per millisecond and its capacity,
 * then the expiry margin in ms. Each bucket is a hash {tokens, at}; a missing one is full. Returns
 * the wait in whole milliseconds (rounded up: a reply number is an integer, and early is worse
 * than late).
 */
const RESERVE_SCRIPT = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + tonumber(time[2]) / 1000
local margin = tonumber(ARGV[#KEYS * 2 + 1])
local wait = 0
for i, key in ipairs(KEYS) do
  local rate = tonumber(ARGV[i * 2 - 1])
  local capacity = tonumber(ARGV[i * 2])
  local state = redis.call('HMGET', key, 'tokens', 'at')
  local tokens = tonumber(state[1])
  local at = tonumber(state[2])
  if tokens == nil or at == nil then
    tokens = capacity
    at = now
  end
  -- max(0, …): after a failover the new primary's clock may be behind the old one's.
  tokens = math.min(capacity, tokens + math.max(0, now - at) * rate) - 1
  redis.call('HSET', key, 'tokens', tokens, 'at', math.max(now, at))
  redis.call('PEXPIRE', key, math.ceil((capacity - tokens) / rate) + margin)
  if tokens < 0 then
    wait = math.max(wait, -tokens / rate)
  end
end
return math.ceil(wait)
`;

const RESERVE_COMMAND = "safekeepReserveRate";

interface ReserveCommand {
  [RESERVE_COMMAND](numberOfKeys: number, ...args: (string | number)[]): Promise<number>;
}

/** Defines the script on the connection once; ioredis sends it by SHA and resends it after a Redis restart. */
function reserveCommand(redis: Redis): ReserveCommand {
  const commands = redis as unknown as Partial<ReserveCommand>;
  if (typeof commands[RESERVE_COMMAND] !== "function") redis.defineCommand(RESERVE_COMMAND, { lua: RESERVE_SCRIPT });
  return redis as unknown as ReserveCommand;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A pacer for one scan of one account, sharing its buckets with every worker through Redis. */
export function createRedisPacer(redis: Redis, options: RedisPacerOptions): Pacer {
  const mode = options.mode ?? "on";
  if (mode === "off") return { acquire: async () => undefined };
  const scale = mode === "on" ? 1 : mode;
  if (!(scale > 0) || !Number.isFinite(scale)) throw new Error(`pacing scale must be a positive number, got ${mode}`);
  const { accountId } = options;
  if (!accountId) throw new Error("a Redis pacer needs the account id its buckets belong to");
  const prefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
  const timeoutMs = options.timeoutMs ?? DEFAULT_REDIS_TIMEOUT_MS;
  const fallback = options.fallback ?? createPacer(mode);
  let command: ReserveCommand | undefined;
  /** Set while Redis is failing: when the next call may try it again. */
  let retryAt: number | undefined;

  /** Whether this call should try Redis, or go straight to the fallback. */
  function tryRedis(): boolean {
    if (retryAt === undefined) return true;
    // While reconnecting, ioredis would queue the command and run it later, reserving a token that
    // nobody uses; only a connection that is up again is worth a try.
    if (REAL_CLOCK.now() < retryAt || redis.status !== "ready") return false;
    retryAt = REAL_CLOCK.now() + REDIS_RETRY_MS;
    return true;
  }

  return {
    async acquire(region, service, operation, input) {
      const buckets = quotaBuckets(service, operation, input);
      // An unpaced call costs no round trip.
      if (buckets.length === 0) return;
      if (tryRedis()) {
        const keys = buckets.map(({ bucket }) => rateKey(prefix, accountId, region, service, bucket));
        const args = buckets.flatMap(({ quota }) => [(quota.rate * scale) / 1000, Math.max(1, quota.burst)]);
        try {
          command ??= reserveCommand(redis);
          const wait = Number(
            await withTimeout(
              command[RESERVE_COMMAND](keys.length, ...keys, ...args, BUCKET_EXPIRY_MARGIN_MS),
              timeoutMs,
            ),
          );
          if (!Number.isFinite(wait) || wait < 0) throw new Error(`unexpected reply from the pacing script: ${wait}`);
          if (retryAt !== undefined) {
            retryAt = undefined;
            log.info("pacing.redis-recovered", { accountId });
          }
          if (wait > 0) await REAL_CLOCK.sleep(wait + PACING_GUARD_MS);
          return;
        } catch (error) {
          // Once per outage, not once per call: a scan makes thousands of paced calls.
          if (retryAt === undefined) {
            log.warn("pacing.redis-unavailable", {
              accountId,
              error,
              detail: "pacing this worker's calls in-process until Redis answers again",
            });
          }
          retryAt = REAL_CLOCK.now() + REDIS_RETRY_MS;
        }
      }
      await fallback.acquire(region, service, operation, input);
    },
  };
}
