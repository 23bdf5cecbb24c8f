import type { Metadata } from "next";
import Link from "next/link";
import { Breadcrumbs } from "@/components/posture/breadcrumbs";
import { exportHref } from "@/components/posture/export-links";
import { ScoreTrend } from "@/components/posture/score-trend";
import { NoScansYet } from "@/components/scan/no-scans-yet";
import { Card } from "@/components/ui/card";
import { UtcTime } from "@/components/ui/utc-time";
import { pageIdentity } from "@/lib/http/page-identity";
import { accountIdFrom, listAccounts } from "@/lib/read/accounts";
import { listSnapshots, snapshotStore } from "@/lib/read/snapshot-to-show";
import type { SearchParams } from "@/lib/snapshot/params";
import { markScopeChanges, type MarkedPoint } from "@/lib/snapshot/scope";
import type { SnapshotListing } from "@/lib/snapshot/store";
import { scoreLabel } from "@/lib/posture/score";
import { AccountProblem } from "../accounts/account-problem";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "History" };

/** Each snapshot against the previous one of the same account: a score change only when like for like. */
function changesByAccount(chronological: SnapshotListing[]): Map<string, MarkedPoint<SnapshotListing>> {
  const byAccount = new Map<string, SnapshotListing[]>();
  for (const s of chronological) byAccount.set(s.accountId, [...(byAccount.get(s.accountId) ?? []), s]);
  return new Map(
    [...byAccount.values()].flatMap((series) =>
      markScopeChanges(series.filter((s) => !s.unreadable)).map((m) => [m.point.id, m] as const),
    ),
  );
}

function ChangeCell({ mark }: { mark?: MarkedPoint<SnapshotListing> }) {
  if (!mark || (mark.differences.length === 0 && mark.delta === null)) return <span className="text-slate-500">—</span>;
  if (mark.differences.length > 0) {
    return (
      <span className="text-xs text-amber-800">
        <span aria-hidden="true">◇ </span>not like for like: {mark.differences.join("; ")}
      </span>
    );
  }
  return (
    <span className="tabular-nums">
      {mark.delta! > 0 ? "+" : ""}
      {mark.delta}
    </span>
  );
}

/** Per readable snapshot, the readable snapshot of the same account just before it: what "compare" pairs it with. */
function previousByAccount(chronological: SnapshotListing[]): Map<string, string> {
  const previous = new Map<string, string>();
  const last = new Map<string, string>();
  for (const s of chronological) {
    if (s.unreadable) continue;
    const before = last.get(s.accountId);
    if (before) previous.set(s.id, before);
    last.set(s.accountId, s.id);
  }
  return previous;
}

export default async function HistoryPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const account = accountIdFrom(await searchParams);
  const crumbs = <Breadcrumbs items={[{ label: "Overview", href: "/" }, { label: "History" }]} />;
  if (account === null) {
    return (
      <>
        {crumbs}
        <AccountProblem
          heading="Snapshot history"
          problem="The account parameter is not an AWS account id (12 digits), so the history is not shown rather than shown unfiltered."
        />
      </>
    );
  }
  const [stored, { accounts }] = await Promise.all([listSnapshots(), listAccounts(snapshotStore())]);
  const snapshots = account ? stored.filter((s) => s.accountId === account) : stored;
  if (account && snapshots.length === 0) {
    return (
      <>
        {crumbs}
        <AccountProblem heading="Snapshot history" problem={`No snapshots for account ${account}.`} />
      </>
    );
  }
  const names = new Map(accounts.flatMap((a) => (a.name ? [[a.accountId, a.name] as const] : [])));
  const chronological = [...snapshots].reverse();
  const changes = changesByAccount(chronological);
  const previous = previousByAccount(chronological);
  // Two snapshots can only be compared within one account: the free choice is offered only then.
  const oneAccount = new Set(snapshots.map((s) => s.accountId)).size <= 1;
  return (
    <>
      {crumbs}
      <h1 className="mb-4 text-2xl font-bold">Snapshot history</h1>
      {account && (
        <p className="mb-4 text-sm text-slate-700">
          Account <span className="font-mono">{account}</span>
          {names.get(account) && <> ({names.get(account)})</>} only.{" "}
          <Link href="/snapshots" className="text-blue-700 underline">
            Every account&apos;s snapshots
          </Link>
        </p>
      )}
      {!oneAccount && (
        <p className="mb-4 text-sm text-slate-700">
          Snapshots of several accounts are listed. Each can be compared with the previous snapshot of its own account;
          pick an account (its link below, or the account menu above) to compare any two of its snapshots.
        </p>
      )}
      {snapshots.every((s) => s.source === "demo") && (
        <NoScansYet identity={await pageIdentity()} demoOnly={snapshots.length > 0} />
      )}
      {snapshots.length > 0 && (
        <>
          <Card className="mb-6">
            <h2 className="mb-2 text-sm font-medium text-slate-600">Overall score over time</h2>
            <ScoreTrend points={chronological.filter((s) => !s.unreadable)} />
          </Card>
          {/* Below `sm` each snapshot is a card (when, id, then score, change, compare and report): nothing off-screen. */}
          <form action="/snapshots/compare" className="rounded-lg border border-slate-200 bg-white sm:overflow-x-auto">
            <table className="w-full text-left text-sm max-sm:block">
              <caption className="sr-only">Stored snapshots, newest first</caption>
              <thead className="bg-slate-50 text-xs uppercase text-slate-600 max-sm:hidden">
                <tr>
                  <th scope="col" className="px-3 py-2">
                    Finished
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Snapshot
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Account
                  </th>
                  <th scope="col" className="px-3 py-2 text-right">
                    Score
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Change
                  </th>
                  {oneAccount ? (
                    <>
                      <th scope="col" className="px-3 py-2">
                        Compare from
                      </th>
                      <th scope="col" className="px-3 py-2">
                        to
                      </th>
                    </>
                  ) : (
                    <th scope="col" className="px-3 py-2">
                      Compare
                    </th>
                  )}
                  <th scope="col" className="px-3 py-2">
                    Report
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 max-sm:block">
                {snapshots.map((s, i) => (
                  <tr
                    key={s.id}
                    className="max-sm:flex max-sm:flex-wrap max-sm:items-center max-sm:gap-x-3 max-sm:gap-y-1 max-sm:px-3 max-sm:py-2"
                  >
                    <td className="px-3 py-2 whitespace-nowrap max-sm:basis-full max-sm:p-0 max-sm:font-medium">
                      <UtcTime iso={s.finishedAt} />
                    </td>
                    <td className="px-3 py-2 break-all max-sm:basis-full max-sm:p-0">
                      <Link
                        href={`/?snapshot=${encodeURIComponent(s.id)}`}
                        className="font-mono text-blue-700 hover:underline"
                      >
                        {s.id}
                      </Link>
                      {s.source === "demo" && <span className="ml-2 text-xs text-amber-800">(demo data)</span>}
                      {s.unreadable && <span className="ml-2 text-xs text-red-800">(cannot be read)</span>}
                    </td>
                    <td className="px-3 py-2 max-sm:p-0">
                      {account ? (
                        <span className="font-mono">{s.accountId}</span>
                      ) : (
                        <Link
                          href={`/snapshots?account=${s.accountId}`}
                          className="font-mono text-blue-700 hover:underline"
                          aria-label={`Snapshots of account ${s.accountId}`}
                        >
                          {s.accountId}
                        </Link>
                      )}
                      {names.get(s.accountId) && (
                        <span className="block text-xs text-slate-600">{names.get(s.accountId)}</span>
                      )}
                    </td>
                    <td className="px-3 py-2 text-right tabular-nums max-sm:p-0">
                      {s.score ?? "—"} <span className="text-xs text-slate-600">{scoreLabel(s.score)}</span>
                    </td>
                    <td className="px-3 py-2 max-sm:p-0">
                      <ChangeCell mark={changes.get(s.id)} />
                    </td>
                    {oneAccount ? (
                      <>
                        <td className="px-3 py-2 max-sm:p-0">
                          <span aria-hidden="true" className="mr-1 text-xs text-slate-600 sm:hidden">
                            from
                          </span>
                          <input
                            type="radio"
                            name="from"
                            value={s.id}
                            defaultChecked={i === 1}
                            aria-label={`Compare from ${s.id}`}
                          />
                        </td>
                        <td className="px-3 py-2 max-sm:p-0">
                          <span aria-hidden="true" className="mr-1 text-xs text-slate-600 sm:hidden">
                            to
                          </span>
                          <input
                            type="radio"
                            name="to"
                            value={s.id}
                            defaultChecked={i === 0}
                            aria-label={`Compare to ${s.id}`}
                          />
                        </td>
                      </>
                    ) : (
                      <td className="px-3 py-2 whitespace-nowrap max-sm:p-0">
                        {previous.has(s.id) ? (
                          <Link
                            href={`/snapshots/compare?from=${encodeURIComponent(previous.get(s.id)!)}&to=${encodeURIComponent(s.id)}`}
                            className="text-blue-700 hover:underline"
                            aria-label={`Compare ${s.id} with the previous snapshot of account ${s.accountId}`}
                          >
                            vs previous
                          </Link>
                        ) : (
                          <span className="text-slate-500">—</span>
                        )}
                      </td>
                    )}
                    <td className="px-3 py-2 max-sm:p-0">
                      <a
                        href={exportHref(s.id, { format: "pdf" })}
                        download
                        className="text-blue-700 hover:underline"
                        aria-label={`PDF report of ${s.id}`}
                      >
                        PDF
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {oneAccount && snapshots.length > 1 && (
              <div className="border-t border-slate-100 p-3">
                <button type="submit" className="rounded bg-slate-900 px-3 py-1.5 text-sm text-white">
                  Compare selected snapshots
                </button>
              </div>
            )}
          </form>
        </>
      )}
    </>
  );
}
