/**
 * What the export route handlers call: the answer to an export, rendered in the worker pool
 * (lib/report/render-pool.ts) or, when it is small, here, and the Response made of it.
 *
 * The rule for snapshot exports: a PDF always goes to the pool; CSV, JSON and OCSF go there when the
 * snapshot holds more than IN_PROCESS_MAX_RESULTS results, and are written in the request's own
 * thread otherwise (a few tens of milliseconds at that size; queueing them behind PDFs would only
 * delay them, and a full queue would refuse them).
 */
import { env } from "@/lib/env";
import { NO_STORE } from "@/lib/http/route";
import type { ExportQuery } from "@/lib/report/export-request";
import { renderPool } from "@/lib/report/render-pool";
import { lookupRefusal, resultCount, snapshotFileAnswer, type RenderAnswer, type RenderJob } from "./render-jobs";
import { resolveWithMutes, snapshotStore } from "./snapshot-to-show";

/** Results up to which a snapshot's CSV, JSON or OCSF export is written in the request's thread. */
export const IN_PROCESS_MAX_RESULTS = 5_000;

/** A job as a route hands it over: the pool adds where the store is. */
export type RenderRequest = RenderJob extends infer J ? (J extends RenderJob ? Omit<J, "dataDir"> : never) : never;

/** Runs an export job on the process's pool (lib/report/render-pool.ts): its answer, or 503 when full. */
export async function renderExport(request: RenderRequest): Promise<RenderAnswer> {
  const job = { ...request, dataDir: env().dataDir } as RenderJob;
  return renderPool().run<RenderAnswer>(job);
}

/** GET /api/snapshots/{id}/export's answer, once the id and query are checked. */
export async function snapshotExport(id: string, query: ExportQuery, now: Date): Promise<RenderAnswer> {
  if (query.format !== "pdf") {
    // The server's own store keeps recently read records parsed, so this look costs little.
    const store = snapshotStore();
    const lookup = await resolveWithMutes(store, id, now);
    if (!lookup.found) return lookupRefusal(id, lookup);
    if (resultCount(lookup.snapshot) <= IN_PROCESS_MAX_RESULTS) return snapshotFileAnswer(store, lookup, query, now);
  }
  return renderExport({ kind: "snapshot", id, query, now: now.toISOString() });
}

/** The Response of an answer: the file, or `{ error }` with its status (503s with Retry-After). */
export function answerResponse(answer: RenderAnswer): Response {
  if (!answer.ok) {
    return Response.json(
      { error: answer.message },
      { status: answer.status, headers: { ...NO_STORE, ...answer.headers } },
    );
  }
  return new Response(answer.body as Uint8Array<ArrayBuffer>, { headers: answer.headers });
}
