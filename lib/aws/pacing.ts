/**
 * Per-API pacing on the client: before every attempt (retries included) a call takes a token from
 * each bucket its documented quota names (./quotas.ts), waiting when the bucket is empty. So every
 * command sent through a paced client stays under its quota without the collector having to know,
 * and throttling is the exception rather than the way the scan learns the rate.
 *
 * A pacer belongs to one scan: it is created per scan and handed down in the collect scope, never
 * held in module state, so two scans in one process (or a test and a scan) never share buckets.
 */
import type { FinalizeRequestMiddleware, MiddlewareStack } from "@smithy/types";
import { quotaBuckets, type Quota } from "./quotas";

export interface PacingClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const REAL_CLOCK: PacingClock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * `"on"`: AWS's documented quotas. `"off"`: no pacing, for endpoints without quotas (the local fake
 * endpoint in tests). A number multiplies every rate (a faster fake endpoint, or a quota raised
 * for the account).
 */
export type PacingMode = "on" | "off" | number;

export interface Pacer {
  /** Resolves once every bucket of the call (by IAM prefix, operation and input) has a token for it. */
  acquire(region: string, service: string, operation: string, input?: unknown): Promise<void>;
}

interface Bucket {
  /** May go below zero: each waiting call holds a reservation, so callers are served first come, first served. */
  tokens: number;
  at: number;
}

/**
 * A call that had to wait is sent this much after its token is due. AWS's bucket for an API starts
 * when the first call arrives, a little after the pacer's, and arrival times jitter; a call sent
 * exactly on time is then refused now and then (measured with the bench: 4 of 171 calls at the small
 * size), and each refusal costs a retry with back-off. The guard does not add up: every wait is
 * computed from the bucket, not from when the previous call went out.
 */
export const PACING_GUARD_MS = 50;

/** A pacer for one scan. */
export function createPacer(mode: PacingMode = "on", clock: PacingClock = REAL_CLOCK): Pacer {
  if (mode === "off") return { acquire: async () => undefined };
  const scale = mode === "on" ? 1 : mode;
  if (!(scale > 0) || !Number.isFinite(scale)) throw new Error(`pacing scale must be a positive number, got ${mode}`);
  const buckets = new Map<string, Bucket>();

  /** Takes one token now and returns how long the caller must wait before using it. */
  function reserve(key: string, quota: Quota): number {
    const rate = quota.rate * scale;
    const capacity = Math.max(1, quota.burst);
    const time = clock.now();
    const bucket = buckets.get(key) ?? { tokens: capacity, at: time };
    bucket.tokens = Math.min(capacity, bucket.tokens + ((time - bucket.at) / 1000) * rate);
    bucket.at = time;
    bucket.tokens -= 1;
    buckets.set(key, bucket);
    return bucket.tokens >= 0 ? 0 : (-bucket.tokens / rate) * 1000;
  }

  return {
    async acquire(region, service, operation, input) {
      let wait = 0;
      // Reserved in every bucket at once, so a call never holds one bucket while waiting on another.
      for (const { bucket, quota } of quotaBuckets(service, operation, input)) {
        wait = Math.max(wait, reserve(`${region}|${service}|${bucket}`, quota));
      }
      if (wait > 0) await clock.sleep(wait + PACING_GUARD_MS);
    },
  };
}

const PACING_MIDDLEWARE = "safekeepPacing";

/**
 * Adds the pacing middleware to a client of `service` (IAM prefix) in `region`. It sits inside the
 * retry loop, so each attempt is paced, and before signing, so a wait never ages a signature.
 * Safe to call twice on one client.
 */
export function paceClient<Input extends object, Output extends object>(
  client: { middlewareStack: MiddlewareStack<Input, Output> },
  pacer: Pacer,
  service: string,
  region: string,
): void {
  const pace: FinalizeRequestMiddleware<Input, Output> = (next, context) => async (args) => {
    const operation = (context.commandName ?? "").replace(/Command$/, "");
    await pacer.acquire(region, service, operation, args.input);
    return next(args);
  };
  client.middlewareStack.addRelativeTo(pace, {
    name: PACING_MIDDLEWARE,
    relation: "before",
    toMiddleware: "httpSigningMiddleware",
    override: true,
  });
}
