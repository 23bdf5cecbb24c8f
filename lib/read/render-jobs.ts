/**
 * The exports that run in the export worker (lib/report/render-pool.ts): what a job says, what it
 * answers, and the work itself, the same whether it runs in a worker thread or in the calling one.
 *
 * - A job is small and plain (ids, the checked query, the clock): the worker reads the store itself.
 *   Handing it the snapshot instead would cost the server's thread a structured clone of the whole
 *   record (0.8 s at 65,000 results) and the comparison with the previous one (0.5 s), the very stalls
 *   the pool is there to remove.
 * - Each job opens its own store connection and closes it when it has read what it needs: a worker
 *   keeps no parsed snapshot between jobs, so its memory is that of the job it runs. A PDF job drops
 *   the snapshots once it has the report's model (lib/report/pdf.tsx `pdfModel`), before the layout.
 * - The answer is a file (bytes and headers) or a refusal (status and message, as the route would
 *   have answered): 404 for an unknown snapshot, 500 for one stored but unreadable.
 */
import path from "node:path";
import { log } from "@/lib/log";
import { findFramework } from "@/lib/frameworks/frameworks";
import { compareStored } from "./compare-stored";
import { exportFindingsView } from "./findings-export";
import { mutesInForce } from "./mutes";
import { organizationSnapshots } from "./organization-export";
import { previousSnapshot, resolveWithMutes, skippedNotice, type SnapshotLookup } from "./snapshot-to-show";
import type { CompareView } from "@/lib/snapshot/compare-view";
import { findingHistory } from "@/lib/snapshot/history";
import type { MuteStore } from "@/lib/snapshot/mute";
import { describeDatabaseUrl, parseDatabaseUrl, PostgresSnapshotStore } from "@/lib/snapshot/postgres-store";
import type { Snapshot } from "@/lib/snapshot/schema";
import { SqliteSnapshotStore } from "@/lib/snapshot/sqlite-store";
import type { SnapshotStore } from "@/lib/snapshot/store";
import { exportSnapshot, snapshotPdfOptions, type ExportFile } from "@/lib/report/export";
import { usesSightings, type ExportQuery } from "@/lib/report/export-request";
import type { OrganizationExportQuery } from "@/lib/report/organization-export";
import type { PdfModel } from "@/lib/report/pdf";
import type { RenderAnswer } from "@/lib/report/render-pool";

/** What every job carries: where the store is and the request's clock (ISO time). */
interface JobBase {
  /** SAFEKEEP_DATA_DIR as the server resolved it (the SQLite file's folder). */
  dataDir: string;
  now: string;
}

export type RenderJob = JobBase &
  (
    | { kind: "snapshot"; id: string; query: ExportQuery }
    | { kind: "findings"; params: string }
    | { kind: "compare"; from: string; to: string; view: Pick<CompareView, "change" | "service"> }
    | { kind: "organization"; query: OrganizationExportQuery }
    | { kind: "framework"; framework: string; snapshot?: string }
  );

export type { RenderAnswer };

type JobStore = SnapshotStore & Partial<MuteStore>;

/** The headers of a downloaded export, as every export route sends them. */
export function fileHeaders(file: { contentType: string; fileName: string }, notice?: string): Record<string, string> {
  return {
    "Content-Type": file.contentType,
    "Content-Disposition": `attachment; filename="${file.fileName}"`,
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    ...(notice ? { "X-Safekeep-Notice": notice } : {}),
  };
}

function bytes(body: string | Uint8Array): Uint8Array {
  return typeof body === "string" ? Buffer.from(body, "utf8") : body;
}

function fileAnswer(file: ExportFile, notice?: string): RenderAnswer {
  return { ok: true, body: bytes(file.body), headers: fileHeaders(file, notice) };
}

/**
 * A store for one job, closed when `work` is done. The same choice as `openSnapshotStore`
 * (PostgreSQL when SAFEKEEP_DATABASE_URL is set, else SQLite under the data directory), but not the
 * process's shared one: that one keeps its last few records parsed, up to hundreds of megabytes a
 * worker would hold between jobs.
 */
export async function withJobStore<T>(dataDir: string, work: (store: JobStore) => Promise<T>): Promise<T> {
  const onCorrupt = (id: string, problem: string) => log.warn("snapshot.skipped-corrupt", { snapshotId: id, problem });
  const configured = process.env.SAFEKEEP_DATABASE_URL?.trim();
  const url = configured ? parseDatabaseUrl(configured) : undefined;
  const store = url
    ? new PostgresSnapshotStore(url, {
        onCorrupt,
        onPoolError: (error) =>
          log.warn("snapshot.database-connection-lost", { database: describeDatabaseUrl(url), error }),
        maxConnections: 2,
      })
    : new SqliteSnapshotStore(path.join(dataDir, "safekeep.db"), onCorrupt);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** What the export routes answer for a snapshot they could not find or read. */
export function lookupRefusal(id: string | undefined, lookup: Extract<SnapshotLookup, { found: false }>): RenderAnswer {
  if (lookup.reason === "missing") {
    return { ok: false, status: 404, message: id ? `No snapshot with id ${id}.` : "No snapshot yet." };
  }
  return {
    ok: false,
    status: 500,
    message: `Snapshot ${id} is stored but could not be read; the server log says why.`,
  };
}

/** Results in a snapshot: what makes its CSV, JSON or OCSF export heavy. */
export function resultCount(snapshot: Pick<Snapshot, "controls">): number {
  return snapshot.controls.reduce((n, c) => n + c.results.length, 0);
}

/**
 * The file of GET /api/snapshots/{id}/export for a snapshot already found: what the route handler
 * did in full before exports moved to the worker (the previous snapshot, the mutes in force and, for
 * the PDF's trend, the account's stored snapshots). A PDF is rendered by `snapshotPdfAnswer` instead.
 */
export async function snapshotFileAnswer(
  store: JobStore,
  lookup: Extract<SnapshotLookup, { found: true }>,
  query: ExportQuery,
  now: Date,
): Promise<RenderAnswer> {
  const { snapshot } = lookup;
  const file = await exportSnapshot(
    snapshot,
    query,
    await previousSnapshot(snapshot, store),
    await mutesInForce(store, now),
    undefined,
    usesSightings(query) ? await findingHistory(store, snapshot) : undefined,
  );
  return fileAnswer(file, skippedNotice(lookup.skipped));
}

/**
 * The PDF of a snapshot with the least held while it lays out: the store is read and closed, the
 * comparison made and the report's model taken inside `withJobStore`; only the model leaves it.
 */
async function snapshotPdfAnswer(job: Extract<RenderJob, { kind: "snapshot" }>): Promise<RenderAnswer> {
  const now = new Date(job.now);
  const { exportFileName } = await import("@/lib/report/export-request");
  const { pdfModel, renderPdfModel } = await import("@/lib/report/pdf");
  type Prepared =
    | { refused: RenderAnswer }
    | { model: PdfModel; file: { contentType: string; fileName: string }; notice: string | undefined };
  const prepared = await withJobStore(job.dataDir, async (store): Promise<Prepared> => {
    const lookup = await resolveWithMutes(store, job.id, now);
    if (!lookup.found) return { refused: lookupRefusal(job.id, lookup) };
    const { snapshot } = lookup;
    const history = (await store.list()).filter((s) => s.accountId === snapshot.account.id);
    const options = snapshotPdfOptions(
      snapshot,
      job.query,
      await previousSnapshot(snapshot, store),
      await mutesInForce(store, now),
      history,
    );
    return {
      // Generated at the request's time: the mutes appendix's "as of" is the time they were read at.
      model: pdfModel(snapshot, { ...options, generatedAt: now }),
      file: { contentType: "application/pdf", fileName: exportFileName(snapshot, job.query) },
      notice: skippedNotice(lookup.skipped),
    };
  });
  if ("refused" in prepared) return prepared.refused;
  const body = await renderPdfModel(prepared.model);
  return { ok: true, body, headers: fileHeaders(prepared.file, prepared.notice) };
}

/** Where the compare export's refusals lead (GET /api/snapshots/compare/export). */
export const COMPARE_PROBLEM_STATUS = { missing: 404, unreadable: 500, accounts: 400 } as const;

/** Runs one job here, in whichever thread calls it. */
export async function runRenderJob(job: RenderJob): Promise<RenderAnswer> {
  const now = new Date(job.now);
  switch (job.kind) {
    case "snapshot":
      if (job.query.format === "pdf") return snapshotPdfAnswer(job);
      return withJobStore(job.dataDir, async (store) => {
        const lookup = await resolveWithMutes(store, job.id, now);
        return lookup.found ? snapshotFileAnswer(store, lookup, job.query, now) : lookupRefusal(job.id, lookup);
      });
    case "findings":
      return withJobStore(job.dataDir, async (store) => {
        const answer = await exportFindingsView(store, new URLSearchParams(job.params), now);
        if (!answer.ok) return answer;
        // A PDF is one buffer; CSV and JSON stream and never come here (the route streams them itself).
        if (!(answer.body instanceof Uint8Array)) throw new Error("findings export: only the PDF runs as a job");
        return { ok: true, body: answer.body, headers: answer.headers };
      });
    case "compare":
      return withJobStore(job.dataDir, async (store) => {
        const result = await compareStored(store, job.from, job.to);
        if (!result.ok) return { ok: false, status: COMPARE_PROBLEM_STATUS[result.problem], message: result.message };
        const { exportComparison } = await import("@/lib/report/compare-export");
        return fileAnswer(await exportComparison(result.comparison, job.view, "pdf", now), result.notice);
      });
    case "organization":
      return withJobStore(job.dataDir, async (store) => {
        const { query } = job;
        const chosen = await organizationSnapshots(store, query.ou, now);
        if (!chosen.found) {
          return {
            ok: false,
            status: 404,
            message:
              chosen.reason === "ou"
                ? `No account with a stored snapshot sits in organizational unit ${query.ou}.`
                : "No account has a readable stored snapshot yet.",
          };
        }
        const { exportOrganization } = await import("@/lib/report/organization-export");
        const file = await exportOrganization(
          { snapshots: chosen.snapshots, ou: query.ou, notice: chosen.notice, generatedAt: now },
          query,
        );
        return fileAnswer(file, chosen.notice);
      });
    case "framework": {
      const framework = findFramework(job.framework);
      if (!framework) return { ok: false, status: 404, message: `No framework with id ${job.framework.slice(0, 64)}.` };
      return withJobStore(job.dataDir, async (store) => {
        const lookup = await resolveWithMutes(store, job.snapshot, now);
        if (!lookup.found && lookup.reason === "unreadable") {
          return {
            ok: false,
            status: 500,
            message: "The snapshot is stored but could not be read; the server log says why.",
          };
        }
        if (!lookup.found) return lookupRefusal(job.snapshot, lookup);
        const { exportFramework } = await import("@/lib/report/framework-export");
        return fileAnswer(await exportFramework(framework, lookup.snapshot, "pdf", now), skippedNotice(lookup.skipped));
      });
    }
  }
}
