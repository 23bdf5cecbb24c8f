import type { Metadata } from "next";
import Link from "next/link";
import { Breadcrumbs } from "@/components/posture/breadcrumbs";
import { SnapshotHeader } from "@/components/posture/snapshot-header";
import { StatusPill } from "@/components/posture/status-pill";
import { UnreadableNotice } from "@/components/posture/unreadable-notice";
import { FRAMEWORKS, frameworkLabel } from "@/lib/frameworks/frameworks";
import { rollUpFramework } from "@/lib/frameworks/rollup";
import { STATUSES } from "@/lib/controls/types";
import type { SearchParams } from "@/lib/snapshot/params";
import { AccountProblem } from "../accounts/account-problem";
import { loadSnapshot } from "../load";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Frameworks" };

export default async function FrameworksPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const loaded = await loadSnapshot(searchParams);
  if (!loaded.ok) return <AccountProblem heading="Frameworks" problem={loaded.problem} />;
  const { snapshot, notice, href } = loaded;
  return (
    <>
      <Breadcrumbs items={[{ label: "Overview", href: href("/") }, { label: "Frameworks" }]} />
      <h1 className="mb-2 text-2xl font-bold">Frameworks</h1>
      <p className="mb-4 max-w-3xl text-sm text-slate-700">
        The requirements of each framework that Safekeep&apos;s checks support, by a published mapping (AWS&apos;s own
        mapping of the equivalent Security Hub control, or the benchmark&apos;s text). A requirement&apos;s status is
        the worst status of its mapped controls in this snapshot; covering a requirement is evidence for it, not proof
        that it is met in full.
      </p>
      <UnreadableNotice notice={notice} />
      <SnapshotHeader snapshot={snapshot} older={loaded.older} path="/frameworks" />
      <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-xs uppercase text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2">
                Framework
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                Requirements covered
              </th>
              <th scope="col" className="px-3 py-2">
                Status of the covered requirements
              </th>
            </tr>
          </thead>
          <tbody>
            {FRAMEWORKS.map((framework) => {
              const rollup = rollUpFramework(framework, snapshot);
              return (
                <tr key={framework.id} className="border-t border-slate-100 align-top">
                  <td className="px-3 py-2">
                    <Link
                      href={href(`/frameworks/${framework.id}`)}
                      className="font-medium text-blue-700 hover:underline"
                    >
                      {frameworkLabel(framework)}
                    </Link>
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{rollup.requirements.length}</td>
                  <td className="px-3 py-2">
                    {rollup.requirements.length === 0 ? (
                      <span className="text-slate-600">None listed: {framework.noMappings}</span>
                    ) : (
                      <ul
                        className="flex flex-wrap gap-x-3 gap-y-1"
                        aria-label={`${frameworkLabel(framework)} requirements by status`}
                      >
                        {STATUSES.filter((status) => rollup.counts[status] > 0).map((status) => (
                          <li key={status} className="flex items-center gap-1">
                            <StatusPill status={status} /> <span className="tabular-nums">{rollup.counts[status]}</span>
                          </li>
                        ))}
                        {rollup.counts.incomplete > 0 && (
                          <li className="text-violet-800">
                            <span aria-hidden="true">? </span>
                            {rollup.counts.incomplete} incomplete
                          </li>
                        )}
                      </ul>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
