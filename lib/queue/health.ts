/**
 * What the dashboard depends on, and whether it answers: in team mode the queue (Redis) and the
 * database (PostgreSQL). The pages keep serving what they can when one is down and say which.
 */
import { Redis } from "ioredis";
import { PostgresSnapshotStore } from "@/lib/snapshot/postgres-store";
import { describeRedisUrl, teamSettings } from "./settings";

export interface DependencyHealth {
  mode: "embedded" | "team";
  queue?: "ok" | "unavailable";
  database?: "ok" | "unavailable";
  /** What is down, in words for the page; absent when all is well. */
  problem?: string;
}

const PROBE_TIMEOUT_MS = 1_500;

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("no answer")), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function probeRedis(url: string): Promise<boolean> {
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on("error", () => undefined);
  try {
    await within(redis.connect(), PROBE_TIMEOUT_MS);
    return (await within(redis.ping(), PROBE_TIMEOUT_MS)) === "PONG";
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

async function probeDatabase(url: string): Promise<boolean> {
  const store = new PostgresSnapshotStore(url, { maxConnections: 1 });
  try {
    await within(store.ping(), PROBE_TIMEOUT_MS);
    return true;
  } catch {
    return false;
  } finally {
    await store.close().catch(() => undefined);
  }
}

/** Probes are kept this long: every page asks once, and a probe opens connections of its own. */
const CACHE_MS = 10_000;
let cached: { at: number; key: string; health: Promise<DependencyHealth> } | undefined;

/** The dependencies' health, probed at most once per CACHE_MS for the same settings. */
export function dependencyHealth(source: Record<string, string | undefined> = process.env): Promise<DependencyHealth> {
  const key = `${source.SAFEKEEP_REDIS_URL ?? ""}\u0000${source.SAFEKEEP_DATABASE_URL ?? ""}`;
  if (cached && cached.key === key && Date.now() - cached.at < CACHE_MS) return cached.health;
  cached = { at: Date.now(), key, health: probeDependencies(source) };
  return cached.health;
}

/** Asks the queue and the database now. */
export async function probeDependencies(
  source: Record<string, string | undefined> = process.env,
): Promise<DependencyHealth> {
  let settings;
  try {
    settings = teamSettings(source);
  } catch (error) {
    return { mode: "team", problem: (error as Error).message };
  }
  if (!settings) return { mode: "embedded" };
  const [queueUp, databaseUp] = await Promise.all([probeRedis(settings.redisUrl), probeDatabase(settings.databaseUrl)]);
  const down = [
    ...(queueUp
      ? []
      : [`the queue (${describeRedisUrl(settings.redisUrl)}) is not answering: scans cannot be started or followed`]),
    ...(databaseUp ? [] : ["the database is not answering: snapshots cannot be read or stored"]),
  ];
  return {
    mode: "team",
    queue: queueUp ? "ok" : "unavailable",
    database: databaseUp ? "ok" : "unavailable",
    ...(down.length ? { problem: down.join("; ") } : {}),
  };
}
