import type { Fault, FaultKind, RateLimit } from "./types";
import type { Protocol } from "./protocols";

/** Deterministic pseudo-random numbers (mulberry32), so fault rates repeat run after run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function faultMatches(fault: Fault, action: string, region: string): boolean {
  if (fault.region && fault.region !== region) return false;
  if (fault.action === "*" || fault.action === action) return true;
  return fault.action.endsWith(":*") && action.startsWith(fault.action.slice(0, -1));
}

export function pickFault(
  faults: readonly Fault[],
  action: string,
  region: string,
  random: () => number,
): Fault | undefined {
  return faults.find((f) => faultMatches(f, action, region) && random() < (f.rate ?? 1));
}

/**
 * The rate limit that applies to an action: an exact key wins over a prefix wildcard (`connect:*`),
 * which wins over `*`, so a scenario can give one API its own quota inside a service-wide default.
 */
export function rateLimitFor(
  limits: Readonly<Record<string, number | RateLimit>>,
  action: string,
): RateLimit | undefined {
  const prefix = `${action.split(":")[0]}:*`;
  const found = limits[action] ?? limits[prefix] ?? limits["*"];
  if (found === undefined) return undefined;
  const limit = typeof found === "number" ? { rate: found } : found;
  return limit.rate > 0 ? limit : undefined;
}

export interface RateLimiter {
  /** Takes a token for one request; false when the bucket is empty (the request is throttled). */
  admit(action: string, region: string): boolean;
  /** Requests refused so far, per action. */
  throttled(): Record<string, number>;
}

/**
 * Token buckets per action and Region, the way AWS applies per-API quotas per account and Region.
 * A bucket starts full (`burst` tokens, default one second's worth) and refills continuously at
 * `rate` per second. `now` is injectable so tests need not wait.
 */
export function createRateLimiter(
  limits: Readonly<Record<string, number | RateLimit>>,
  now: () => number = () => performance.now(),
): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const refused: Record<string, number> = {};
  return {
    admit(action, region) {
      const limit = rateLimitFor(limits, action);
      if (!limit) return true;
      const capacity = Math.max(1, limit.burst ?? limit.rate);
      const key = `${action}|${region}`;
      const time = now();
      const bucket = buckets.get(key) ?? { tokens: capacity, at: time };
      bucket.tokens = Math.min(capacity, bucket.tokens + ((time - bucket.at) / 1000) * limit.rate);
      bucket.at = time;
      buckets.set(key, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return true;
      }
      refused[action] = (refused[action] ?? 0) + 1;
      return false;
    },
    throttled: () => ({ ...refused }),
  };
}

/** The error code, HTTP status and message AWS uses for each fault, per protocol. */
export function faultError(
  kind: Exclude<FaultKind, "drop-connection" | "malformed-body" | "latency">,
  protocol: Protocol,
  signingName: string,
  action: string,
  accountId: string,
  /** Who signed the request (default: the account's scanner user), named in access-denied messages. */
  principalArn = `arn:aws:iam::${accountId}:user/safekeep-scanner`,
): { code: string; message: string; status: number } {
  switch (kind) {
    case "throttle":
      if (signingName === "s3") return { code: "SlowDown", message: "Please reduce your request rate.", status: 503 };
      if (signingName === "organizations") {
        return { code: "TooManyRequestsException", message: "Rate exceeded", status: 429 };
      }
      if (protocol === "ec2") return { code: "RequestLimitExceeded", message: "Request limit exceeded.", status: 503 };
      if (protocol === "query") return { code: "Throttling", message: "Rate exceeded", status: 400 };
      if (protocol === "rest-json") return { code: "TooManyRequestsException", message: "Rate exceeded", status: 429 };
      return { code: "ThrottlingException", message: "Rate exceeded", status: 400 };
    case "access-denied": {
      const message = `User: ${principalArn} is not authorized to perform: ${action} on resource: * because no identity-based policy allows the ${action} action`;
      if (protocol === "ec2")
        return {
          code: "UnauthorizedOperation",
          message: "You are not authorized to perform this operation.",
          status: 403,
        };
      if (protocol === "query" || protocol === "rest-xml") return { code: "AccessDenied", message, status: 403 };
      return { code: "AccessDeniedException", message, status: 403 };
    }
    case "region-unavailable":
      // What a region the account has not enabled answers (opt-in regions).
      return protocol === "ec2"
        ? { code: "AuthFailure", message: "AWS was not able to validate the provided access credentials", status: 401 }
        : {
            code: "UnrecognizedClientException",
            message: "The security token included in the request is invalid.",
            status: 400,
          };
    case "server-error":
      return protocol === "json" || protocol === "rest-json"
        ? { code: "InternalServerException", message: "Internal server error", status: 500 }
        : { code: "InternalFailure", message: "We encountered an internal error. Please try again.", status: 500 };
  }
}
