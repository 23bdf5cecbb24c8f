/**
 * Counts what a scan cost in API calls, so the report can show { apiCalls, retries, throttled }.
 * Counting happens in client middleware, so every command sent through a tracked client is seen,
 * paginator pages included, without the collectors having to remember to count.
 */
import type { MetadataBearer, MiddlewareStack } from "@smithy/types";
import { isThrottlingError } from "./errors";

export interface CallStats {
  /** Commands sent (one per page), whatever their outcome. */
  apiCalls: number;
  /** Extra attempts the SDK made after a failed attempt. */
  retries: number;
  /** Attempts AWS answered with a throttling error, including ones a retry later recovered from. */
  throttled: number;
}

export function createCallStats(): CallStats {
  return { apiCalls: 0, retries: 0, throttled: 0 };
}

function attemptsOf(outcome: unknown): number {
  if (typeof outcome !== "object" || outcome === null) return 1;
  const attempts = (outcome as { $metadata?: { attempts?: unknown } }).$metadata?.attempts;
  return typeof attempts === "number" && attempts > 0 ? attempts : 1;
}

/**
 * Records one finished command. `outcome` is the command's output or the error it threw: the SDK's
 * retry middleware writes `$metadata.attempts` on both.
 */
export function recordCall(stats: CallStats, outcome: unknown): void {
  stats.apiCalls += 1;
  stats.retries += attemptsOf(outcome) - 1;
}

/** Records one failed HTTP attempt (one per retry), counting it when AWS throttled it. */
export function recordFailedAttempt(stats: CallStats, error: unknown): void {
  if (isThrottlingError(error)) stats.throttled += 1;
}

const CALL_MIDDLEWARE = "safekeepCallStats";
const ATTEMPT_MIDDLEWARE = "safekeepAttemptStats";

/**
 * Adds the counting middleware to a client. Calls are counted in the initialize step, outside the
 * retry loop, so each command counts once; throttled answers are counted in the deserialize step,
 * inside the retry loop, so each throttled attempt counts. Safe to call twice on one client.
 */
export function trackCallStats<Input extends object, Output extends MetadataBearer>(
  client: { middlewareStack: MiddlewareStack<Input, Output> },
  stats: CallStats,
): void {
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        const result = await next(args);
        recordCall(stats, result.output);
        return result;
      } catch (error) {
        recordCall(stats, error);
        throw error;
      }
    },
    { step: "initialize", name: CALL_MIDDLEWARE, override: true },
  );
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        recordFailedAttempt(stats, error);
        throw error;
      }
    },
    { step: "deserialize", priority: "high", name: ATTEMPT_MIDDLEWARE, override: true },
  );
}
