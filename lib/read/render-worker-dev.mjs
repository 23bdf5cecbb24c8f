// The export worker from the TypeScript sources, for tests, `next dev` and tsx runs: registers tsx in
// this worker thread (a worker does not inherit the parent's loader, and Node 20 ignores
// `--import tsx` in a worker's execArgv), then runs ./render-worker.ts. Production runs the bundle
// export-worker.mjs instead (scripts/build-export-worker.mjs); see lib/report/render-pool.ts.
import { register } from "tsx/esm/api";

register();
const worker = import(new URL("./render-worker.ts", import.meta.url).href);

export default async function renderWorker(job) {
  const { default: run } = await worker;
  return run(job);
}
