/** Download links for a snapshot export; each is a plain link, so it works without JavaScript. */
export function exportHref(snapshotId: string, params: Record<string, string | undefined>): string {
  const query = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1]));
  return `/api/snapshots/${encodeURIComponent(snapshotId)}/export?${query.toString()}`;
}

export function ExportLinks({
  snapshotId,
  service,
  label = "Export",
}: {
  snapshotId: string;
  service?: string;
  label?: string;
}) {
  const links = [
    // The plain link prints on the paper of the viewer's locale; the two after it pick one.
    { text: "PDF report", params: { format: "pdf", service } },
    { text: "PDF (A4)", params: { format: "pdf", service, paper: "a4" } },
    { text: "PDF (Letter)", params: { format: "pdf", service, paper: "letter" } },
    { text: "CSV", params: { format: "csv", scope: "controls", service } },
    { text: "JSON", params: service ? { format: "json", scope: "controls", service } : { format: "json" } },
    ...(service ? [] : [{ text: "OCSF", params: { format: "ocsf" } }]),
  ];
  return (
    <nav aria-label={label} className="flex flex-wrap items-center gap-2 text-sm">
      <span className="text-slate-600">{label}:</span>
      {links.map((l) => (
        <a
          key={l.text}
          href={exportHref(snapshotId, l.params)}
          download
          className="rounded border border-slate-300 bg-white px-2 py-1 font-medium text-slate-800 hover:bg-slate-100"
        >
          {l.text}
        </a>
      ))}
    </nav>
  );
}
