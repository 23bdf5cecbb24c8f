import { FINDINGS_PDF_MAX_ROWS } from "@/lib/report/findings-export";

/** Parameters of the view that are not part of what an export holds: it is the whole view from its first row. */
const PAGE_ONLY = ["cursor", "limit"];

/** The export's address for the view's query string: the same filters, order and snapshot. */
export function exportViewHref(params: URLSearchParams, format: "csv" | "json" | "pdf"): string {
  const query = new URLSearchParams([["format", format]]);
  for (const [key, value] of params) if (!PAGE_ONLY.includes(key) && key !== "format") query.append(key, value);
  return `/api/findings/export?${query.toString()}`;
}

/**
 * "Export this view": CSV, JSON and PDF of exactly what the findings page shows, every page of it
 * (the PDF the first rows, and it says so). Plain links, so they work without JavaScript.
 */
export function ExportViewLinks({ params, total }: { params: URLSearchParams; total: number }) {
  const capped = total > FINDINGS_PDF_MAX_ROWS;
  const links = [
    { format: "csv", text: "CSV", title: "Every matching finding" },
    { format: "json", text: "JSON", title: "Every matching finding" },
    {
      format: "pdf",
      text: capped ? `PDF (first ${FINDINGS_PDF_MAX_ROWS})` : "PDF",
      title: `At most ${FINDINGS_PDF_MAX_ROWS} findings`,
    },
  ] as const;
  return (
    <nav aria-label="Export this view" className="mb-2 flex flex-wrap items-center gap-2 text-sm">
      <span className="text-slate-600">Export this view:</span>
      {links.map((l) => (
        <a
          key={l.format}
          href={exportViewHref(params, l.format)}
          title={l.title}
          download
          className="rounded border border-slate-300 bg-white px-2 py-1 font-medium text-slate-800 hover:bg-slate-100"
        >
          {l.text}
        </a>
      ))}
    </nav>
  );
}
