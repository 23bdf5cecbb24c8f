import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Breadcrumbs } from "@/components/posture/breadcrumbs";
import { SnapshotHeader } from "@/components/posture/snapshot-header";
import { StatusPill } from "@/components/posture/status-pill";
import { UnreadableNotice } from "@/components/posture/unreadable-notice";
import { STATUSES } from "@/lib/controls/types";
import { findFramework, frameworkLabel } from "@/lib/frameworks/frameworks";
import { findingsHref, rollUpFramework } from "@/lib/frameworks/rollup";
import type { SearchParams } from "@/lib/snapshot/params";
import { AccountProblem } from "../../accounts/account-problem";
import { loadSnapshot } from "../../load";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ framework: string }>; searchParams: Promise<SearchParams> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const framework = findFramework((await params).framework);
  return { title: framework ? frameworkLabel(framework) : "Not found" };
}

export default async function FrameworkPage({ params, searchParams }: Props) {
  const framework = findFramework((await params).framework);
  if (!framework) notFound();
  const label = frameworkLabel(framework);
  const loaded = await loadSnapshot(searchParams);
  if (!loaded.ok) return <AccountProblem heading={label} problem={loaded.problem} />;
  const { snapshot, notice, href } = loaded;
  const keep = { snapshotId: loaded.linkId ? snapshot.id : undefined, account: loaded.account };
  const rollup = rollUpFramework(framework, snapshot);
  // The exports are of the snapshot shown here, pinned by id, whatever becomes the newest meanwhile.
  const exportHref = (format: "pdf" | "csv") =>
    `/api/frameworks/${framework.id}/export?format=${format}&snapshot=${encodeURIComponent(snapshot.id)}`;

  return (
    <>
      <Breadcrumbs
        items={[{ label: "Overview", href: href("/") }, { label: "Frameworks", href: href("/frameworks") }, { label }]}
      />
      <div className="mb-2 flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-2xl font-bold">{label}</h1>
        <div className="flex gap-3 text-sm">
          <a href={exportHref("pdf")} className="text-blue-700 hover:underline">
            Evidence PDF
          </a>
          <a href={exportHref("csv")} className="text-blue-700 hover:underline">
            Evidence CSV
          </a>
        </div>
      </div>
      <p className="mb-4 text-sm text-slate-700">
        <a href={framework.url} className="text-blue-700 hover:underline" rel="noreferrer">
          {framework.url}
        </a>
      </p>
      <UnreadableNotice notice={notice} />
      <SnapshotHeader snapshot={snapshot} older={loaded.older} path={`/frameworks/${framework.id}`} />
      {rollup.requirements.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 bg-white p-6 text-slate-700">
          <strong>No requirement listed.</strong> {framework.noMappings}
        </p>
      ) : (
        <>
          <p className="mb-4 text-sm text-slate-700">
            {rollup.requirements.length} requirements covered:{" "}
            {STATUSES.filter((status) => rollup.counts[status] > 0)
              .map((status) => `${rollup.counts[status]} ${status}`)
              .join(", ")}
            {rollup.counts.incomplete > 0 &&
              `; ${rollup.counts.incomplete} incomplete (part of their controls could not be judged)`}
            . &quot;Partial&quot; coverage means Safekeep&apos;s check is narrower than the one the source maps.
          </p>
          <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-left text-sm">
              <thead className="bg-slate-50 text-xs uppercase text-slate-600">
                <tr>
                  <th scope="col" className="w-28 px-3 py-2">
                    Requirement
                  </th>
                  <th scope="col" className="w-32 px-3 py-2">
                    Status
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Mapped controls and sources
                  </th>
                  <th scope="col" className="w-32 px-3 py-2">
                    Findings
                  </th>
                </tr>
              </thead>
              <tbody>
                {rollup.requirements.map((row) => (
                  <tr
                    key={row.requirement}
                    id={`req-${row.requirement}`}
                    className="border-t border-slate-100 align-top"
                  >
                    <th scope="row" className="px-3 py-2 font-mono font-medium">
                      {row.requirement}
                    </th>
                    <td className="px-3 py-2">
                      <StatusPill
                        status={row.status}
                        incomplete={row.incomplete ? { resources: row.unjudged } : undefined}
                      />
                    </td>
                    <td className="px-3 py-2">
                      <ul className="space-y-2">
                        {row.controls.map((c) => (
                          <li key={c.controlId}>
                            <div className="flex flex-wrap items-center gap-2">
                              {c.status ? (
                                <StatusPill
                                  status={c.status}
                                  incomplete={c.incomplete ? { resources: c.unjudged } : undefined}
                                />
                              ) : (
                                <span className="text-xs text-violet-800">not in this snapshot (not judged)</span>
                              )}
                              <Link
                                href={href(`/services/${c.service}/controls/${c.controlId}`)}
                                className="text-blue-700 hover:underline"
                              >
                                {c.title}
                              </Link>
                              <span className="font-mono text-xs text-slate-500">{c.controlId}</span>
                            </div>
                            <div className="text-xs text-slate-600">
                              Coverage {c.coverage}
                              {c.note ? `: ${c.note}` : ""} · source:{" "}
                              <a href={c.source.url} className="text-blue-700 underline" rel="noreferrer">
                                {c.source.maps}
                              </a>
                              {c.source.asOf ? ` (as published ${c.source.asOf})` : ""}
                            </div>
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td className="px-3 py-2">
                      <Link href={findingsHref(row, keep)} className="text-blue-700 hover:underline">
                        Open findings
                        <span className="block text-xs text-slate-600">
                          {row.failingResources} failing resource{row.failingResources === 1 ? "" : "s"}
                        </span>
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
