/**
 * Reading the findings view for an export (lib/report/findings-export.ts makes the file): every
 * page of the view, EXPORT_PAGE_SIZE rows at a time along the keyset cursor, the next page read only
 * when the previous one was taken.
 *
 * - One clock and one set of mutes for the whole export: the mutes in force at the start are read
 *   once and every page is marked and filtered by them, so a mute made, lifted or lapsing while the
 *   file streams cannot mark half of it one way and half the other.
 * - The snapshots in scope are checked on every page by the cursor; a newer scan that changes them
 *   mid-export makes the next page answer 409, which stops the export (ExportInterrupted).
 * - The first page is read before anything is sent, so an unknown snapshot is still a 404.
 */
import {
  EXPORT_PAGE_SIZE,
  ExportInterrupted,
  FINDINGS_PDF_MAX_ROWS,
  findingsExportFile,
  parseFindingsExportQuery,
  type FindingsExportFile,
  type FindingsExportStart,
} from "@/lib/report/findings-export";
import type { FindingsRequest } from "@/lib/snapshot/findings-query";
import type { Mute, MuteStore } from "@/lib/snapshot/mute";
import type { SnapshotStore } from "@/lib/snapshot/store";
import { readFindings } from "./findings";
import { mutesInForce } from "./mutes";

type ExportStore = SnapshotStore & Partial<MuteStore>;
type Refusal = { ok: false; status: 400 | 404 | 409 | 500; message: string };

/** The store as the export reads it: the mutes fixed to those given, everything else as it is. */
function withFixedMutes(store: ExportStore, mutes: readonly Mute[]): ExportStore {
  const listMutes = async () => [...mutes];
  return new Proxy(store, {
    get(target, key) {
      if (key === "listMutes") return listMutes;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * Reads the view's first page and returns how to read the rest. `now` is the export's one clock:
 * it decides which mutes are in force.
 */
export async function startFindingsExport(
  store: ExportStore,
  request: FindingsRequest,
  now: Date,
  pageSize: number = EXPORT_PAGE_SIZE,
): Promise<({ ok: true } & FindingsExportStart) | Refusal> {
  const fixed = withFixedMutes(store, await mutesInForce(store, now));
  const base: FindingsRequest = { ...request, limit: pageSize };
  delete base.cursor;
  const answer = await readFindings(fixed, base, now);
  if (!answer.ok) return answer;
  const firstPage = answer.page;
  async function* pages() {
    yield firstPage.items;
    let cursor = firstPage.nextCursor;
    while (cursor) {
      const next = await readFindings(fixed, { ...base, cursor }, now);
      if (!next.ok) throw new ExportInterrupted(next.status, next.message);
      yield next.page.items;
      cursor = next.page.nextCursor;
    }
  }
  return {
    ok: true,
    request,
    generatedAt: now,
    snapshots: answer.snapshots,
    total: firstPage.total,
    ...(answer.notice ? { notice: answer.notice } : {}),
    first: firstPage.items,
    pages,
  };
}

/**
 * GET /api/findings/export in full, given the store: the query checked (400 naming the parameter),
 * the first page read (404/500 as GET /api/findings), then the file.
 */
export async function exportFindingsView(
  store: ExportStore,
  params: URLSearchParams,
  now: Date = new Date(),
): Promise<({ ok: true } & FindingsExportFile) | Refusal> {
  const parsed = parseFindingsExportQuery(params);
  if (!parsed.ok) return { ok: false, status: 400, message: parsed.message };
  // A PDF prints no more than its rows: one page of that size is all it reads.
  const pageSize = parsed.format === "pdf" ? FINDINGS_PDF_MAX_ROWS : EXPORT_PAGE_SIZE;
  const start = await startFindingsExport(store, parsed.request, now, pageSize);
  if (!start.ok) return start;
  return { ok: true, ...(await findingsExportFile(parsed.format, start)) };
}
