import { authorize } from "@/lib/http/authorize";
import { guarded, problem } from "@/lib/http/route";
import { compareStored } from "@/lib/read/compare-stored";
import { snapshotStore } from "@/lib/read/snapshot-to-show";
import { COMPARE_EXPORT_FORMATS, exportComparison, type CompareExportFormat } from "@/lib/report/compare-export";
import { COMPARE_PROBLEM_STATUS } from "@/lib/read/render-jobs";
import { answerResponse, renderExport } from "@/lib/read/render-exports";
import { parseCompareView, SNAPSHOT_REF } from "@/lib/snapshot/compare-view";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const KEYS = new Set(["from", "to", "format", "change", "service", "account", "group", "all"]);

/**
 * GET /api/snapshots/compare/export?from=ID&to=ID&format=csv|json|pdf[&change=&service=]: the
 * findings the compare page lists for the same `change` and `service` (absent `change`: every kind
 * but still failing, as the page; `all` for every finding), every one of them, as a file
 * `safekeep-compare-<from>-<to>.<format>`. The page's own parameters (`account`, `group`, `all`) are
 * accepted and change nothing in the file. 400 names the parameter at fault (and two accounts),
 * 404 an unknown snapshot, 500 one stored but unreadable.
 */
export const GET = guarded("GET /api/snapshots/compare/export", async (request: Request) => {
  const auth = await authorize(request, "viewer");
  if ("refused" in auth) return auth.refused;
  const params = new URL(request.url).searchParams;
  const unknown = [...new Set(params.keys())].filter((k) => !KEYS.has(k));
  if (unknown.length > 0) return problem(400, `query: unknown parameter ${unknown.join(", ")}`);
  const refs: Record<"from" | "to", string> = { from: "", to: "" };
  for (const key of ["from", "to"] as const) {
    const values = params.getAll(key);
    if (values.length !== 1 || !SNAPSHOT_REF.test(values[0]!))
      return problem(400, `${key}: required once, a snapshot id, latest or demo`);
    refs[key] = values[0]!;
  }
  const formats = params.getAll("format");
  if (formats.length !== 1 || !(COMPARE_EXPORT_FORMATS as readonly string[]).includes(formats[0]!))
    return problem(400, `format: must be one of ${COMPARE_EXPORT_FORMATS.join(", ")}`);
  const view = parseCompareView(params);
  if (!view.ok) return problem(400, view.message);
  if (formats[0] === "pdf") {
    // Compared and laid out in the export worker pool (503 when it is full).
    const { change, service } = view.view;
    return answerResponse(
      await renderExport({ kind: "compare", ...refs, view: { change, service }, now: new Date().toISOString() }),
    );
  }
  const result = await compareStored(snapshotStore(), refs.from, refs.to);
  if (!result.ok) return problem(COMPARE_PROBLEM_STATUS[result.problem], result.message);
  const file = await exportComparison(result.comparison, view.view, formats[0] as CompareExportFormat, new Date());
  return new Response(typeof file.body === "string" ? file.body : new Uint8Array(file.body), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      ...(result.notice ? { "X-Safekeep-Notice": result.notice } : {}),
    },
  });
});
