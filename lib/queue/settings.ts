/**
 * Team mode is on when SAFEKEEP_REDIS_URL (Valkey or Redis 7, the queue) is set, and it needs
 * SAFEKEEP_DATABASE_URL (PostgreSQL, the store) too: a queue whose workers wrote to a SQLite file on
 * their own hosts would scatter an organization's snapshots, so that is said at start rather than
 * half-working. SAFEKEEP_DATABASE_URL alone is the embedded mode storing into PostgreSQL.
 */
import { z } from "zod";

export interface TeamSettings {
  redisUrl: string;
  databaseUrl: string;
  /**
   * The installation key shared by every worker (base64 of 32 bytes, SAFEKEEP_INSTALLATION_KEY): the
   * finding hashes of personal data must match whichever worker built the snapshot.
   */
  installationKey?: Uint8Array;
}

const redisUrl = z
  .string()
  .url()
  .refine((u) => /^rediss?:$/.test(new URL(u).protocol), "must be a redis:// or rediss:// URL");

/** The team settings, undefined in the embedded mode; throws on a half or malformed configuration. */
export function teamSettings(source: Record<string, string | undefined> = process.env): TeamSettings | undefined {
  const redis = source.SAFEKEEP_REDIS_URL?.trim() || undefined;
  const database = source.SAFEKEEP_DATABASE_URL?.trim() || undefined;
  if (redis === undefined) return undefined;
  if (database === undefined) {
    throw new Error("SAFEKEEP_REDIS_URL is set but SAFEKEEP_DATABASE_URL is not: team mode stores into PostgreSQL");
  }
  const parsed = redisUrl.safeParse(redis);
  // The URL may hold a password: it is never repeated in the message.
  if (!parsed.success) throw new Error(`SAFEKEEP_REDIS_URL: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  return { redisUrl: redis, databaseUrl: database, installationKey: keyFrom(source.SAFEKEEP_INSTALLATION_KEY) };
}

function keyFrom(value: string | undefined): Uint8Array | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const key = Buffer.from(value.trim(), "base64");
  if (key.length !== 32) throw new Error("SAFEKEEP_INSTALLATION_KEY must be 32 bytes, base64-encoded");
  return new Uint8Array(key);
}

/** A Redis URL without its password, for messages and logs. */
export function describeRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.hostname}:${parsed.port || "6379"}`;
  } catch {
    return "(unreadable URL)";
  }
}
