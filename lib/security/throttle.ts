/**
 * Login throttling: failed authentications are counted per client address, per user name and per
 * user name from one address, and past a number of free failures each further one blocks that key for
 * exponentially longer. The caller (the request proxy, the sign-in callback) asks `check()` before it
 * looks at credentials, so a blocked client is answered 429 with `Retry-After` and its guess is never
 * tried, then reports the outcome with `failed()` or `succeeded()`.
 *
 * The rule (DEFAULT_THROTTLE_POLICY):
 * - Failures are counted in a window of one hour that starts at a key's first failure (a fixed
 *   window, as rate-limiter-flexible counts). Within it the first 5 failures of a user name from one
 *   address, 20 of an address (whatever names it tries; the only key a bearer-token guess has) and 50
 *   of a user name (from any address) are free.
 * - The k-th failure past a key's free ones blocks the key for 2^(k-1) seconds (1 s, 2 s, 4 s …), at
 *   most 15 minutes (reached at k = 11, about 17 minutes into a run of failures). The window is an
 *   hour so that the back-off can reach its cap before the count is forgotten: a guesser who keeps
 *   going gets about 18 guesses an hour per user name and address instead of thousands a second.
 * - Success does not wait for anything and resets the user name + address key (a person who mistyped
 *   five times and then got it right starts afresh). It resets neither the address key (a guesser
 *   holding one valid login could otherwise wipe the count of the names it guesses from there) nor
 *   the user-name key (the guessing may come from elsewhere).
 *
 * Why three keys (the "login endpoint protection" pattern of rate-limiter-flexible's documentation):
 * a per-name lockout lets anyone lock a user out by failing in their name. So the tight limit is on
 * user name + address, which only locks out the address doing the guessing; the name-only limit is
 * much larger (50 an hour), against guessing spread over many addresses; and an address from which
 * the name has signed in successfully in the last 30 days is not held by the name-only block (it still
 * is by the other two), so such an attack does not shut out the user's usual machine.
 *
 * Storage: in team mode (SAFEKEEP_REDIS_URL) the counts and blocks live in Redis under
 * `safekeep:throttle:`, shared by every dashboard process, so a guesser cannot multiply its budget by
 * spreading requests over them. Otherwise in this process's memory. Keys never hold a user name or an
 * address as such, only a keyed hash of it (HMAC-SHA256 with the installation key), so a Redis dump
 * does not list who signs in from where.
 *
 * When Redis does not answer (down, or slower than REDIS_COMMAND_TIMEOUT_MS) the throttle neither
 * stops sign-in (failing closed would lock every user out with Redis) nor stops throttling (failing
 * open would hand a guesser the outage): that process counts in its own memory until Redis answers
 * again, and logs the switch once each way.
 */
import { createHash, createHmac } from "node:crypto";
import { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from "rate-limiter-flexible";
import { env } from "@/lib/env";
import { log as defaultLog, type Logger } from "@/lib/log";
import { describeRedisUrl, teamSettings } from "@/lib/queue/settings";
import { installationKey } from "@/lib/snapshot/installation-key";

/** `user-address`: one user name from one address; `user`: a user name from anywhere. */
export type ThrottleScope = "address" | "user-address" | "user";

export interface ThrottlePolicy {
  /** Failures per key that cost nothing, within one window. */
  free: Record<ThrottleScope, number>;
  /** How long failures are remembered, from a key's first failure. */
  windowSeconds: number;
  /** The longest block one failure sets. */
  maxBlockSeconds: number;
  /** How long a successful sign-in exempts its user name + address from the name-only block. */
  knownPairSeconds: number;
}

export const DEFAULT_THROTTLE_POLICY: ThrottlePolicy = {
  free: { "user-address": 5, address: 20, user: 50 },
  windowSeconds: 60 * 60,
  maxBlockSeconds: 15 * 60,
  knownPairSeconds: 30 * 24 * 60 * 60,
};

export const THROTTLE_KEY_PREFIX = "safekeep:throttle:";

/** A Redis that takes longer is treated as unreachable: sign-in must not hang on it. */
const REDIS_COMMAND_TIMEOUT_MS = 500;

export interface LoginAttempt {
  /** The client's address (lib/security/client-address.ts); undefined ones share one key. */
  address: string | undefined;
  /** The Basic user name, or the identity provider's subject or e-mail; none for a bearer token. */
  user?: string | undefined;
}

export type ThrottleCheck = { blocked: false } | { blocked: true; retryAfterSeconds: number; scope: ThrottleScope };

/** A key's first block in its window: the one failure that should become an audit event and a log line. */
export interface LockOut {
  scope: ThrottleScope;
  /** When this first block ends; failures after it extend the lock-out without another LockOut. */
  until: Date;
  /** Failures of the key in its window, this one included. */
  failures: number;
}

export interface FailureOutcome {
  /** Keys whose lock-out this failure started (usually none; at most one per key per window). */
  lockedOut: LockOut[];
  /** Set when this failure blocked a key: how long until the client may try again. */
  retryAfterSeconds?: number;
}

export interface LoginThrottle {
  /** Whether the client may try now; ask before checking credentials. */
  check(attempt: LoginAttempt): Promise<ThrottleCheck>;
  failed(attempt: LoginAttempt): Promise<FailureOutcome>;
  succeeded(attempt: LoginAttempt): Promise<void>;
  /** Attempts this process refused while blocked: counted, not logged one by one. */
  readonly refused: number;
}

export interface LoginThrottleOptions {
  /** Team mode: counts in this Redis, shared by every process using it; otherwise in memory. */
  redis?: Redis;
  /** The key for hashing names and addresses; without one they are hashed with SHA-256 alone. */
  hashKey?: Uint8Array;
  policy?: Partial<Omit<ThrottlePolicy, "free">> & { free?: Partial<Record<ThrottleScope, number>> };
  logger?: Logger;
}

/** Seconds the `over`-th failure past the free ones blocks for: 1, 2, 4 … capped. */
export function backoffSeconds(over: number, maxSeconds: number): number {
  if (over < 1) return 0;
  // Past 2^30 the power is far over any cap; stop before it grows into Infinity.
  return over > 30 ? maxSeconds : Math.min(2 ** (over - 1), maxSeconds);
}

interface Limiters {
  /** Failures per key, counted in a fixed window. */
  fails: RateLimiterAbstract;
  /** Present while a key is blocked; its time to live is the block's. */
  blocks: RateLimiterAbstract;
  /** User name + address pairs that signed in successfully. */
  known: RateLimiterAbstract;
}

type LimiterFactory = (opts: { keyPrefix: string; points: number; duration: number }) => RateLimiterAbstract;

function limiters(policy: ThrottlePolicy, make: LimiterFactory): Limiters {
  // Only penalty/get/block/set/delete are used, never consume, so `points` plays no part.
  return {
    fails: make({ keyPrefix: `${THROTTLE_KEY_PREFIX}fails`, points: 1, duration: policy.windowSeconds }),
    blocks: make({ keyPrefix: `${THROTTLE_KEY_PREFIX}block`, points: 1, duration: policy.maxBlockSeconds }),
    known: make({ keyPrefix: `${THROTTLE_KEY_PREFIX}known`, points: 1, duration: policy.knownPairSeconds }),
  };
}

/** Runs each operation on Redis, or on this process's memory while Redis does not answer. */
class Store {
  private degraded = false;

  constructor(
    private readonly primary: Limiters,
    private readonly fallback: Limiters | undefined,
    private readonly logger: Logger,
  ) {}

  async run<T>(operation: (limiters: Limiters) => Promise<T>): Promise<T> {
    if (!this.fallback) return operation(this.primary);
    try {
      const result = await operation(this.primary);
      if (this.degraded) {
        this.degraded = false;
        this.logger.info("throttle.store_restored", { store: "redis" });
      }
      return result;
    } catch (error) {
      if (!this.degraded) {
        this.degraded = true;
        this.logger.warn("throttle.store_unavailable", {
          store: "redis",
          fallback: "login failures are counted in this process's memory until Redis answers",
          error,
        });
      }
      return operation(this.fallback);
    }
  }
}

type Digest = (text: string) => string;

/** Domain separation: the installation key also keys other hashes (personal-data findings). */
const HASH_LABEL = "safekeep-login-throttle\0";

function digestWith(key: Uint8Array | undefined): Digest {
  return key
    ? (text) => createHmac("sha256", key).update(HASH_LABEL).update(text).digest("base64url")
    : (text) => createHash("sha256").update(HASH_LABEL).update(text).digest("base64url");
}

/**
 * One user name in one spelling: e-mail addresses (OIDC) are case-insensitive, and counting
 * `Admin` and `admin` together only makes a guesser's budget smaller.
 */
function userKeyPart(user: string | undefined): string | undefined {
  const trimmed = user?.normalize("NFKC").trim().toLowerCase();
  return trimmed ? trimmed : undefined;
}

interface Keys {
  keys: Array<{ scope: ThrottleScope; key: string }>;
  pair?: string;
}

function keysOf(attempt: LoginAttempt, digest: Digest): Keys {
  const address = attempt.address ?? "unknown";
  const user = userKeyPart(attempt.user);
  const keys: Keys["keys"] = [{ scope: "address", key: `address:${digest(`address\0${address}`)}` }];
  if (user === undefined) return { keys };
  const pair = `user-address:${digest(`user-address\0${user}\0${address}`)}`;
  keys.push({ scope: "user-address", key: pair }, { scope: "user", key: `user:${digest(`user\0${user}`)}` });
  return { keys, pair };
}

const secondsOf = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

export function createLoginThrottle(options: LoginThrottleOptions = {}): LoginThrottle {
  const policy: ThrottlePolicy = {
    ...DEFAULT_THROTTLE_POLICY,
    ...options.policy,
    free: { ...DEFAULT_THROTTLE_POLICY.free, ...options.policy?.free },
  };
  const logger = options.logger ?? defaultLog;
  const memory = limiters(policy, (opts) => new RateLimiterMemory(opts));
  const redis = options.redis;
  const store = redis
    ? new Store(
        limiters(
          policy,
          (opts) =>
            // Not ready (connecting, down): fail at once and count in memory rather than queue the call.
            new RateLimiterRedis({ ...opts, storeClient: redis, rejectIfRedisNotReady: true }),
        ),
        memory,
        logger,
      )
    : new Store(memory, undefined, logger);
  const digest = digestWith(options.hashKey);
  let refused = 0;

  return {
    get refused() {
      return refused;
    },

    async check(attempt) {
      const { keys, pair } = keysOf(attempt, digest);
      const blocks = await Promise.all(
        keys.map(async ({ scope, key }) => ({
          scope,
          ms: (await store.run((l) => l.blocks.get(key)))?.msBeforeNext ?? 0,
        })),
      );
      let longest: { scope: ThrottleScope; ms: number } | undefined;
      for (const block of blocks) {
        if (block.ms <= 0 || (longest && longest.ms >= block.ms)) continue;
        // The name-only block does not hold an address the name has signed in from (see above).
        if (block.scope === "user" && pair && (await store.run((l) => l.known.get(pair)))) continue;
        longest = block;
      }
      if (!longest) return { blocked: false };
      refused++;
      return { blocked: true, retryAfterSeconds: secondsOf(longest.ms), scope: longest.scope };
    },

    async failed(attempt) {
      const { keys } = keysOf(attempt, digest);
      const outcomes = await Promise.all(
        keys.map(async ({ scope, key }) => {
          const failures = (await store.run((l) => l.fails.penalty(key, 1))).consumedPoints;
          const seconds = backoffSeconds(failures - policy.free[scope], policy.maxBlockSeconds);
          if (seconds === 0) return undefined;
          await store.run((l) => l.blocks.block(key, seconds));
          return { scope, failures, seconds };
        }),
      );
      const now = Date.now();
      const lockedOut: LockOut[] = [];
      let retryAfterSeconds: number | undefined;
      for (const outcome of outcomes) {
        if (!outcome) continue;
        retryAfterSeconds = Math.max(retryAfterSeconds ?? 0, outcome.seconds);
        // The increment is atomic, so exactly one failure, in one process, sees the first count past
        // the free ones: one lock-out event per key and window however many processes share it.
        if (outcome.failures === policy.free[outcome.scope] + 1) {
          lockedOut.push({
            scope: outcome.scope,
            until: new Date(now + outcome.seconds * 1000),
            failures: outcome.failures,
          });
        }
      }
      return { lockedOut, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) };
    },

    async succeeded(attempt) {
      const { pair } = keysOf(attempt, digest);
      if (!pair) return;
      await Promise.all([
        store.run((l) => l.fails.delete(pair)),
        store.run((l) => l.blocks.delete(pair)),
        store.run((l) => l.known.set(pair, 1, policy.knownPairSeconds)),
      ]);
    },
  };
}

/** The throttle of this process, from its settings. */
function throttleFromSettings(source: Record<string, string | undefined>): LoginThrottle {
  const team = teamSettings(source);
  if (!team) return createLoginThrottle({ hashKey: installationKey(env().dataDir) });
  const redis = new Redis(team.redisUrl, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
  });
  // Errors surface on the calls (and switch to memory there); the connection's own error events would
  // otherwise crash the process.
  redis.on("error", () => undefined);
  if (!team.installationKey) {
    // Every dashboard process must hash a name alike to share its count, and only the environment's
    // key is the same on all of them; a per-host key file would split the counts by host.
    defaultLog.warn("throttle.unkeyed_hashes", {
      redis: describeRedisUrl(team.redisUrl),
      detail:
        "SAFEKEEP_INSTALLATION_KEY is not set: user names in throttle keys are hashed with SHA-256 alone; set it on the dashboard as on the workers",
    });
  }
  return createLoginThrottle({ redis, hashKey: team.installationKey });
}

/**
 * The process's throttle: Redis in team mode, memory otherwise. Kept on globalThis because Next.js
 * bundles the request proxy and the route handlers separately, and a module-level variable would give
 * each bundle its own counts.
 */
const GLOBAL_KEY = Symbol.for("safekeep.loginThrottle");

export function loginThrottle(): LoginThrottle {
  const holder = globalThis as { [GLOBAL_KEY]?: LoginThrottle };
  holder[GLOBAL_KEY] ??= throttleFromSettings(process.env);
  return holder[GLOBAL_KEY];
}
