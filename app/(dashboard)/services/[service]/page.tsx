import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Breadcrumbs } from "@/components/posture/breadcrumbs";
import { CoverageBanner } from "@/components/posture/coverage-banner";
import { ExportLinks } from "@/components/posture/export-links";
import { ScoreRing } from "@/components/posture/score-ring";
import { SeverityBadge } from "@/components/posture/severity-badge";
import { SnapshotHeader } from "@/components/posture/snapshot-header";
import { StatusBar } from "@/components/posture/status-bar";
import { StatusPill } from "@/components/posture/status-pill";
import { UnreadableNotice } from "@/components/posture/unreadable-notice";
import { findingsHref } from "@/lib/findings-url";
import { isServiceId, SERVICE_NAMES } from "@/lib/inventory/common";
import { controlCounts } from "@/lib/posture/control-counts";
import { controlsOf, groupByRecommendation } from "@/lib/posture/summary";
import type { SearchParams } from "@/lib/snapshot/params";
import { AccountProblem } from "../../accounts/account-problem";
import { loadSnapshot } from "../../load";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ service: string }>; searchParams: Promise<SearchParams> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { service } = await params;
  return { title: isServiceId(service) ? SERVICE_NAMES[service] : "Not found" };
}

export default async function ServicePage({ params, searchParams }: Props) {
  const { service } = await params;
  if (!isServiceId(service)) notFound();
  const loaded = await loadSnapshot(searchParams);
  if (!loaded.ok) return <AccountProblem heading={SERVICE_NAMES[service]} problem={loaded.problem} />;
  const { snapshot, notice, href } = loaded;
  // /findings and the control pages read the same address: the snapshot when one is pinned, the account picked.
  const keep = { snapshotId: loaded.linkId ? snapshot.id : undefined, account: loaded.account };
  const summary = snapshot.services.find((s) => s.id === service);
  const name = SERVICE_NAMES[service];
  const groups = groupByRecommendation(controlsOf(snapshot, service));

  return (
    <>
      <Breadcrumbs items={[{ label: "Overview", href: href("/") }, { label: name }]} />
      <div className="mb-4 flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-2xl font-bold">{name}</h1>
        {summary?.evaluated && (
          <ScoreRing score={summary.score} size={88} label={`${name} score`} unverified={summary.unverified} />
        )}
      </div>
      <UnreadableNotice notice={notice} />
      <SnapshotHeader snapshot={snapshot} older={loaded.older} path={`/services/${service}`} />
      {/* Only what this service could not see: another service's denied action is not this page's concern. */}
      <CoverageBanner
        coverage={snapshot.coverage}
        scope={{ service, requires: controlsOf(snapshot, service).flatMap((c) => c.requires) }}
      />
      {!summary?.evaluated ? (
        <p className="rounded-md border border-dashed border-slate-300 bg-white p-6 text-slate-700">
          <strong>Not evaluated yet.</strong> This snapshot holds no results for {name}.
        </p>
      ) : (
        <>
          <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
            <div className="w-full max-w-xl">
              <StatusBar counts={summary.counts} />
            </div>
            <div className="flex flex-col items-end gap-2">
              <ExportLinks snapshotId={snapshot.id} service={service} label={`Export ${name}`} />
              <Link href={findingsHref(keep, { service })} className="text-sm text-blue-700 hover:underline">
                Findings of this service
              </Link>
            </div>
          </div>
          {groups.map(({ recommendation, controls }, groupIndex) => (
            <section key={recommendation.id} aria-labelledby={`rec-${recommendation.id}`} className="mb-8">
              <h2 id={`rec-${recommendation.id}`} className="mb-2 text-lg font-bold">
                {recommendation.title}
              </h2>
              {/*
                Below `sm` each row is a card: the title on its own line, then status, severity and counts.
                The column headings show once, over the first group: the groups' tables share their column
                widths (the colgroup), so one heading row labels them all; the later ones keep theirs for
                screen readers only.
              */}
              <div className="relative rounded-lg border border-slate-200 bg-white">
                <table className="w-full text-left text-sm max-sm:block sm:table-fixed">
                  <colgroup className="max-sm:hidden">
                    <col className="w-36" />
                    <col />
                    <col className="w-28" />
                    <col className="w-56" />
                  </colgroup>
                  <thead
                    className={
                      groupIndex === 0 ? "bg-slate-50 text-xs uppercase text-slate-600 max-sm:hidden" : "sr-only"
                    }
                  >
                    <tr>
                      <th scope="col" className="w-36 px-3 py-2">
                        Status
                      </th>
                      <th scope="col" className="px-3 py-2">
                        Control
                      </th>
                      <th scope="col" className="w-28 px-3 py-2">
                        Severity
                      </th>
                      <th scope="col" className="w-56 px-3 py-2 text-right">
                        Open / results
                      </th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100 max-sm:block">
                    {controls.map((control) => (
                      <tr
                        key={control.id}
                        className="max-sm:flex max-sm:flex-wrap max-sm:items-center max-sm:gap-x-2 max-sm:gap-y-1 max-sm:px-3 max-sm:py-2"
                      >
                        <td className="px-3 py-2 max-sm:p-0">
                          <StatusPill status={control.status} incomplete={control.incomplete} />
                        </td>
                        <td className="px-3 py-2 break-words max-sm:order-first max-sm:basis-full max-sm:p-0">
                          <Link
                            href={href(`/services/${service}/controls/${control.id}`)}
                            className="font-medium text-blue-700 hover:underline"
                          >
                            {control.title}
                          </Link>
                          <div className="font-mono text-xs break-all text-slate-600">
                            {control.id}
                            {control.responsibility === "aws" && (
                              <span className="ml-2 font-sans">· Responsibility: AWS</span>
                            )}
                          </div>
                        </td>
                        <td className="px-3 py-2 max-sm:p-0">
                          <SeverityBadge severity={control.severity} />
                        </td>
                        <td className="px-3 py-2 text-right tabular-nums max-sm:ml-auto max-sm:p-0">
                          {controlCounts(control).text}
                          <span className="text-xs text-slate-600 sm:hidden"> results</span>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          ))}
        </>
      )}
    </>
  );
}
