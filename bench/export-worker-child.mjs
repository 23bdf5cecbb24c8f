// `node bench/export-worker-child.mjs WORKER.mjs DATA_DIR SNAPSHOT_ID HEAP_MB`: the PDF of a stored
// snapshot as the production server makes it: a plain Node process (no tsx) whose pool runs one worker
// thread on the bundled export worker with the server's heap cap (lib/report/render-pool.ts). Prints
// `{ ms, cpuMs, bytes, rssBeforeKb, maxRssKb }`: the job's time (store read, comparison, layout) and the
// process's peak RSS, main thread included; "before" is the process with the pool made, no thread yet.
import { Piscina } from "piscina";

const [filename, dataDir, id, heapMb] = process.argv.slice(2);
if (!filename || !dataDir || !id || !heapMb)
  throw new Error("usage: export-worker-child.mjs WORKER.mjs DATA_DIR ID HEAP_MB");
const pool = new Piscina({
  filename,
  minThreads: 0,
  maxThreads: 1,
  resourceLimits: { maxOldGenerationSizeMb: Number(heapMb) },
});
const rssBeforeKb = Math.round(process.memoryUsage().rss / 1024);
const cpuBefore = process.cpuUsage();
const started = performance.now();
const answer = await pool.run({
  kind: "snapshot",
  dataDir,
  id,
  now: new Date().toISOString(),
  query: { format: "pdf", scope: "snapshot", paper: "a4" },
});
const ms = performance.now() - started;
if (!answer.ok) throw new Error(`the worker answered ${answer.status}: ${answer.message}`);
const maxRssKb = process.resourceUsage().maxRSS;
// CPU time of the whole process (the main thread waits): what the render costs on a busy machine.
const { user, system } = process.cpuUsage(cpuBefore);
const cpuMs = (user + system) / 1000;
process.stdout.write(`${JSON.stringify({ ms, cpuMs, bytes: answer.body.byteLength, rssBeforeKb, maxRssKb })}\n`);
await pool.destroy();
