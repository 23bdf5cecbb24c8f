import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { Breadcrumbs } from "@/components/posture/breadcrumbs";
import { SeverityBadge } from "@/components/posture/severity-badge";
import { StatusPill } from "@/components/posture/status-pill";
import { SERVICE_NAMES } from "@/lib/inventory/common";
import { CHANGE_LABELS, CHANGES, type Change } from "@/lib/snapshot/compare";
import { compareStored } from "@/lib/read/compare-stored";
import { snapshotStore } from "@/lib/read/snapshot-to-show";
import { hrefFor, type SearchParams } from "@/lib/snapshot/params";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Compare snapshots" };

const ID = z.string().regex(/^[A-Za-z0-9-]{1,64}$/);
const paramsSchema = z.object({ from: ID, to: ID });

/** What each group means, in the words the README uses. */
const CHANGE_HELP: Record<Change, string> = {
  new: "Failing now, and not failing in the earlier snapshot (absent, passing, or not checkable then).",
  changed: "Failing in both, but the status (fail or warning) or the control's severity changed.",
  notRechecked:
    "Failing before, and not judged this time: the scan could not read it, or did not cover its Region or service. Not counted as fixed.",
  fixed: "Judged again and now passing, or verifiably gone: its Region and service were scanned completely.",
  stillFailing: "Failing in both with the same status and severity.",
};

function when(iso: string) {
  return iso.replace("T", " ").replace(/\.\d+Z$/, " UTC");
}

export default async function ComparePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const parsed = paramsSchema.safeParse(await searchParams);
  if (!parsed.success) notFound();
  const result = await compareStored(snapshotStore(), parsed.data.from, parsed.data.to);
  if (!result.ok && result.problem === "missing") notFound();
  const crumbs = (
    <Breadcrumbs
      items={[{ label: "Overview", href: "/" }, { label: "History", href: "/snapshots" }, { label: "Compare" }]}
    />
  );
  if (!result.ok) {
    return (
      <>
        {crumbs}
        <h1 className="mb-2 text-2xl font-bold">What changed</h1>
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-4 text-sm">
          {result.message}
        </p>
      </>
    );
  }
  const { comparison: c, notice } = result;

  return (
    <>
      {crumbs}
      <h1 className="mb-2 text-2xl font-bold">What changed</h1>
      {notice && (
        <p role="note" className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950">
          {notice}
        </p>
      )}
      <p className="mb-4 text-sm text-slate-700">
        Account <span className="font-mono">{c.account.id}</span>: from <span className="font-mono">{c.from.id}</span> (
        {when(c.from.finishedAt)}, {c.from.regions.length} Regions) to <span className="font-mono">{c.to.id}</span> (
        {when(c.to.finishedAt)}, {c.to.regions.length} Regions). Overall score {c.from.score ?? "—"} →{" "}
        {c.to.score ?? "—"}
        {c.comparable ? "." : " (not like for like, see below)."}
      </p>
      {!c.comparable && (
        <section
          aria-labelledby="scope-heading"
          className="mb-6 rounded-md border border-violet-300 bg-violet-50 px-4 py-3 text-sm text-violet-950"
        >
          <h2 id="scope-heading" className="font-bold">
            These snapshots did not cover the same ground
          </h2>
          <ul className="mt-1 list-disc pl-5">
            {c.scopeNotes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </section>
      )}
      <ul className="mb-6 flex flex-wrap gap-3 text-sm" aria-label="Findings by change">
        {CHANGES.map((k) => (
          <li key={k} className="rounded border border-slate-200 bg-white px-3 py-1">
            {CHANGE_LABELS[k]}: <strong>{c.counts[k]}</strong>
          </li>
        ))}
      </ul>
      <h2 className="mb-2 text-lg font-bold">Scores by service</h2>
      <table className="mb-8 text-sm">
        <tbody>
          {c.services.map((s) => (
            <tr key={s.id}>
              <th scope="row" className="pr-4 text-left font-normal">
                {SERVICE_NAMES[s.id]}
              </th>
              <td className="tabular-nums">
                {s.before ?? "—"} → {s.after ?? "—"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {CHANGES.filter((k) => c.counts[k] > 0).map((k) => (
        <section key={k} aria-labelledby={`change-${k}`} className="mb-6">
          <h2 id={`change-${k}`} className="text-lg font-bold">
            {CHANGE_LABELS[k]} ({c.counts[k]})
          </h2>
          <p className="mb-2 text-sm text-slate-600">{CHANGE_HELP[k]}</p>
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm">
            {c.findings
              .filter((f) => f.change === k)
              .map((f) => (
                <li key={f.id} className="flex flex-wrap items-center gap-2 px-3 py-2">
                  {f.before ? <StatusPill status={f.before} /> : <span className="text-slate-500">(none)</span>}
                  <span aria-hidden="true">→</span>
                  <span className="sr-only">became</span>
                  {f.after ? <StatusPill status={f.after} /> : <span className="text-slate-500">(absent)</span>}
                  <SeverityBadge severity={f.severity} />
                  <Link
                    href={hrefFor(`/services/${f.service}/controls/${f.control}`, f.after ? c.to.id : c.from.id)}
                    className="font-mono text-blue-700 hover:underline"
                  >
                    {f.control}
                  </Link>
                  <span className="break-all">{f.name ?? f.resourceArn}</span>
                  <span className="text-slate-600">({f.region})</span>
                  {f.firstSeen && <span className="text-xs text-slate-500">first seen {when(f.firstSeen)}</span>}
                  {f.muteEnded && (
                    <Link
                      href={`/mutes#${f.muteEnded.id}`}
                      className="rounded border border-amber-300 bg-amber-50 px-1.5 text-xs font-semibold text-amber-950"
                      title={`Muted by ${f.muteEnded.owner}: ${f.muteEnded.reason}`}
                    >
                      Mute {f.muteEnded.how} {when(f.muteEnded.at)}
                    </Link>
                  )}
                  {f.detail && <span className="basis-full text-xs text-slate-600">{f.detail}</span>}
                </li>
              ))}
          </ul>
        </section>
      ))}
    </>
  );
}
