/**
 * The export worker's entry: one job in, its answer out (./render-jobs.ts). Run by the pool
 * (lib/report/render-pool.ts) in a worker thread: as the bundle `export-worker.mjs` in production
 * (scripts/build-export-worker.mjs), as TypeScript through ./render-worker-dev.mjs otherwise.
 */
import { runRenderJob, type RenderAnswer, type RenderJob } from "./render-jobs";

export default function renderWorker(job: RenderJob): Promise<RenderAnswer> {
  return runRenderJob(job);
}
