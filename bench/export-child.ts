/**
 * `node --import tsx bench/export-child.ts SNAPSHOT.json FORMAT`: renders one export of a stored
 * snapshot and prints `{ ms, bytes, rssBeforeKb, maxRssKb }` as JSON. Run as its own process so its
 * peak memory (the kernel's max RSS) belongs to that one export alone.
 */
import { readFile } from "node:fs/promises";
import { exportSnapshot } from "@/lib/report/export";
import type { ExportQuery } from "@/lib/report/export-request";
import { snapshotSchema } from "@/lib/snapshot/schema";

/** What the dashboard's export links ask for: the whole snapshot, or every result row as CSV. */
const QUERIES: Record<string, ExportQuery> = {
  pdf: { format: "pdf", scope: "snapshot" },
  csv: { format: "csv", scope: "results" },
  json: { format: "json", scope: "snapshot" },
};

async function main() {
  const [file, format = ""] = process.argv.slice(2);
  const query = QUERIES[format];
  if (!file || !query) throw new Error("usage: export-child.ts SNAPSHOT.json pdf|csv|json");
  // Parsed and validated as the store does when a route handler reads the snapshot.
  const snapshot = snapshotSchema.parse(JSON.parse(await readFile(file, "utf8")));
  const rssBeforeKb = Math.round(process.memoryUsage().rss / 1024);
  const started = performance.now();
  const exported = await exportSnapshot(snapshot, query);
  const ms = performance.now() - started;
  const bytes = typeof exported.body === "string" ? Buffer.byteLength(exported.body) : exported.body.length;
  const maxRssKb = process.resourceUsage().maxRSS;
  process.stdout.write(`${JSON.stringify({ ms, bytes, rssBeforeKb, maxRssKb })}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
