/**
 * The export worker pool: PDFs (and large CSV/JSON/OCSF files) are rendered in worker threads, so
 * an export never holds up the server's event loop (a 65,000-result PDF is seconds of layout).
 *
 * Rules:
 * - SAFEKEEP_EXPORT_WORKERS threads (default 2), started on the first export and stopped after a
 *   minute without work; each thread's heap is capped at WORKER_HEAP_MB (a report that needs more
 *   ends that thread and answers 500, the server carries on).
 * - At most SAFEKEEP_EXPORT_QUEUE exports (default 8) wait for a thread. One more is refused at once:
 *   503 with Retry-After, never queued without bound (ten PDFs at once took 715 MB before).
 * - An export that has not finished after RENDER_TIMEOUT_MS is abandoned (its thread is stopped)
 *   and fails like any error: a logged, generic 500 (lib/http/route.ts `guarded`), never a request
 *   left hanging.
 * - Where the worker code is: the server's folder holds `export-worker.mjs`, the bundle
 *   `npm run build` makes (scripts/build-export-worker.mjs) beside the standalone server.js; without
 *   it (tests, `next dev`, tsx) the TypeScript sources run through tsx (lib/read/render-worker-dev.mjs). The
 *   path is computed at run time from the working directory (server.js changes to its own folder),
 *   so the Next.js bundler has nothing to rewrite.
 * - One pool per process, kept on globalThis: route modules bundled apart share it.
 *
 * The jobs themselves (what a job says, how it reads the store) are lib/read/render-jobs.ts; the
 * route handlers reach the pool through lib/read/render-exports.ts.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { Piscina } from "piscina";
import { env } from "@/lib/env";

/** What an export job answers: a file (bytes and headers) or a refusal as the route would answer it. */
export type RenderAnswer =
  | { ok: true; body: Uint8Array; headers: Record<string, string> }
  | { ok: false; status: number; message: string; headers?: Record<string, string> };

/** Old-generation heap of one worker thread, in MB. */
export const WORKER_HEAP_MB = 512;
/** How long one export may take, queue wait included, before it is abandoned (ms). */
export const RENDER_TIMEOUT_MS = 180_000;
/** What a refused export is told to wait before trying again (s). */
export const RETRY_AFTER_SECONDS = 5;
/** An idle worker thread ends after this long (ms); the next export starts one again. */
const IDLE_TIMEOUT_MS = 60_000;

export const BUSY_MESSAGE = "The server is busy rendering other exports; try again in a few seconds.";

/** The worker module: the production bundle in the server's folder, else the sources through tsx. */
export function workerFile(cwd: string = process.cwd()): string {
  const bundle = path.join(cwd, "export-worker.mjs");
  if (existsSync(bundle)) return bundle;
  const sources = path.join(cwd, "lib", "read", "render-worker-dev.mjs");
  if (existsSync(sources)) return sources;
  throw new Error(
    `No export worker in ${cwd}: export-worker.mjs (made by npm run build) or lib/read/render-worker-dev.mjs`,
  );
}

export interface RenderPoolOptions {
  workers: number;
  queue: number;
  /** The worker module (absolute path); its default export runs one job. */
  filename: string;
  heapMb?: number;
  timeoutMs?: number;
}

/** The answer to an export the pool has no room for. */
export function busyAnswer(): RenderAnswer {
  return {
    ok: false,
    status: 503,
    message: BUSY_MESSAGE,
    headers: { "Retry-After": String(RETRY_AFTER_SECONDS) },
  };
}

export class RenderPool {
  private readonly piscina: Piscina;
  /** Exports running or waiting, each with the switch that ends it early. */
  private readonly inFlight = new Set<AbortController>();

  constructor(private readonly options: RenderPoolOptions) {
    this.piscina = new Piscina({
      filename: options.filename,
      minThreads: 0,
      maxThreads: options.workers,
      idleTimeout: IDLE_TIMEOUT_MS,
      // The bound is kept here (`run`), in one place that counts running and waiting exports alike.
      maxQueue: Infinity,
      resourceLimits: { maxOldGenerationSizeMb: options.heapMb ?? WORKER_HEAP_MB },
      // Not the server's own flags: start-standalone's `--import` preload (the HTTP guard, the log
      // routing) is for the server's thread, not for a worker's.
      execArgv: [],
    });
    // A worker that cannot load its module (a broken build) is reported here, not to the job it was
    // started for, which would otherwise wait for its time limit: end every job in flight now.
    this.piscina.on("error", (error: unknown) => {
      const reason = error instanceof Error ? error : new Error(String(error));
      for (const job of this.inFlight) job.abort(reason);
    });
  }

  /** Exports running or waiting. */
  get pending(): number {
    return this.inFlight.size;
  }

  /**
   * Runs a job on a worker thread: its answer, or the 503 answer at once when the workers are busy
   * and the queue is full. Rejects when the job throws, its thread dies or it times out.
   */
  async run<T = RenderAnswer>(job: unknown): Promise<T | RenderAnswer> {
    if (this.inFlight.size >= this.options.workers + this.options.queue) return busyAnswer();
    const ended = new AbortController();
    this.inFlight.add(ended);
    try {
      const timeout = AbortSignal.timeout(this.options.timeoutMs ?? RENDER_TIMEOUT_MS);
      return (await this.piscina.run(job, { signal: AbortSignal.any([timeout, ended.signal]) })) as T;
    } finally {
      this.inFlight.delete(ended);
    }
  }

  async destroy(): Promise<void> {
    await this.piscina.destroy();
  }
}

const POOL = Symbol.for("safekeep.render-pool");
type Holder = { [POOL]?: RenderPool };

/** The process's pool, made on first use from the settings. */
export function renderPool(): RenderPool {
  const holder = globalThis as Holder;
  holder[POOL] ??= new RenderPool({
    workers: env().exportWorkers,
    queue: env().exportQueue,
    filename: workerFile(),
  });
  return holder[POOL];
}
