/**
 * `npm run worker`: one team-mode worker process. It takes scan jobs from the queue
 * (SAFEKEEP_REDIS_URL) and stores snapshots in PostgreSQL (SAFEKEEP_DATABASE_URL); run as many as you
 * like, on any hosts. On SIGTERM or SIGINT it stops taking jobs and lets the running ones end; a
 * worker that dies instead loses nothing: its jobs go to another worker once their lock expires.
 *
 * Settings: SAFEKEEP_INSTALLATION_KEY (the same on every worker, so personal-data hashes match
 * whichever worker built a snapshot), SAFEKEEP_EXTERNAL_ID (when the member roles' trust policy asks
 * for one), SAFEKEEP_WORKER_CONCURRENCY, SAFEKEEP_WORKER_LOCK_MS.
 */
import { z } from "zod";
import { log } from "@/lib/log";
import { DEFAULT_LOCK_DURATION_MS, DEFAULT_WORKER_CONCURRENCY, startScanWorker } from "@/lib/queue/worker";
import { describeRedisUrl, teamSettings } from "@/lib/queue/settings";
import { openSnapshotStore } from "@/lib/snapshot/store";
import { scanNotifier } from "@/lib/notify/server";
import { env } from "@/lib/env";
import { runWhenStarted } from "./run-command";

const workerEnv = z.object({
  SAFEKEEP_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(DEFAULT_WORKER_CONCURRENCY),
  SAFEKEEP_WORKER_LOCK_MS: z.coerce.number().int().min(1000).max(600_000).default(DEFAULT_LOCK_DURATION_MS),
  SAFEKEEP_EXTERNAL_ID: z.string().min(2).max(1224).optional(),
});

export async function main(_argv: string[], io = { out: console.error, err: console.error }): Promise<number> {
  let settings;
  try {
    settings = teamSettings();
  } catch (error) {
    io.err(`safekeep worker: ${(error as Error).message}`);
    return 2;
  }
  if (!settings) {
    io.err(
      "safekeep worker: set SAFEKEEP_REDIS_URL and SAFEKEEP_DATABASE_URL (team mode); the embedded mode needs no worker",
    );
    return 2;
  }
  const parsed = workerEnv.safeParse(process.env);
  if (!parsed.success) {
    io.err(`safekeep worker: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
    return 2;
  }
  if (!settings.installationKey) {
    io.err("safekeep worker: set SAFEKEEP_INSTALLATION_KEY (32 random bytes, base64; the same on every worker)");
    return 2;
  }
  const store = openSnapshotStore(env().dataDir);
  const scanWorker = startScanWorker({
    redisUrl: settings.redisUrl,
    store,
    hashKey: settings.installationKey,
    externalId: parsed.data.SAFEKEEP_EXTERNAL_ID,
    concurrency: parsed.data.SAFEKEEP_WORKER_CONCURRENCY,
    lockDurationMs: parsed.data.SAFEKEEP_WORKER_LOCK_MS,
    onSnapshotStored: (snapshot) => scanNotifier().snapshotStored(snapshot),
  });
  await scanWorker.worker.waitUntilReady();
  log.info("worker.ready", { redis: describeRedisUrl(settings.redisUrl), pid: process.pid });
  io.out(`safekeep worker ${process.pid}: taking scan jobs from ${describeRedisUrl(settings.redisUrl)}`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
  });
  io.out(`safekeep worker ${process.pid}: stopping after the running jobs`);
  await scanWorker.close();
  await scanNotifier().settled();
  await (store as { close?: () => Promise<void> }).close?.();
  return 0;
}

runWhenStarted("worker", main);
