/**
 * What workers agree on through Redis besides the queue itself: one active scan per account (a
 * second organization scan that reaches the same account skips it and says which scan holds it), and
 * the cancel flag of an organization scan that every job checks before it starts work.
 */
import type { Redis } from "ioredis";

const PREFIX = "safekeep:";
/**
 * How long an account stays claimed if its organization scan never releases it (every worker died
 * for good): long enough for the largest account, short enough that the account is not locked out.
 */
export const ACCOUNT_LOCK_MS = 6 * 3600 * 1000;
export const CANCEL_FLAG_SECONDS = 7 * 24 * 3600;

// Deletes the claim only when it is still ours: a claim that expired and was taken by another scan stays.
const RELEASE = `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) else return 0 end`;

export function accountLocks(redis: Redis) {
  const key = (accountId: string) => `${PREFIX}active-scan:${accountId}`;
  return {
    /** Claims the account for `scanId`; returns the scan that holds it (`scanId` itself when claimed). */
    async acquire(accountId: string, scanId: string): Promise<string> {
      const set = await redis.set(key(accountId), scanId, "PX", ACCOUNT_LOCK_MS, "NX");
      if (set === "OK") return scanId;
      return (await redis.get(key(accountId))) ?? (await this.acquire(accountId, scanId));
    },
    async release(accountId: string, scanId: string): Promise<void> {
      await redis.eval(RELEASE, 1, key(accountId), scanId);
    },
    async holder(accountId: string): Promise<string | null> {
      return redis.get(key(accountId));
    },
  };
}

export function cancelFlags(redis: Redis) {
  const key = (scanId: string) => `${PREFIX}cancelled:${scanId}`;
  return {
    async set(scanId: string): Promise<void> {
      await redis.set(key(scanId), "1", "EX", CANCEL_FLAG_SECONDS);
    },
    async isSet(scanId: string): Promise<boolean> {
      return (await redis.exists(key(scanId))) === 1;
    },
  };
}
