import type { Metadata } from "next";
import Link from "next/link";
import { accountHref, OrgHeatmap, ScoreBadge } from "@/components/org-heatmap";
import { Breadcrumbs } from "@/components/posture/breadcrumbs";
import { Card } from "@/components/ui/card";
import { organizationOverview, ouFilterFrom, type AccountRow } from "@/lib/read/organization";
import { snapshotStore } from "@/lib/read/snapshot-to-show";
import type { SearchParams } from "@/lib/snapshot/params";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Accounts" };

function AccountName({ row, inline = false }: { row: AccountRow; inline?: boolean }) {
  return (
    <Link href={accountHref(row.accountId)} className="font-medium text-blue-700 hover:underline">
      {row.name ?? <span className="font-mono">{row.accountId}</span>}
      {row.name && (
        <span className={`${inline ? "ml-1" : "block"} font-mono text-xs font-normal text-slate-600`}>
          {row.accountId}
        </span>
      )}
    </Link>
  );
}

export default async function AccountsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const filter = ouFilterFrom((await searchParams).ou);
  const overview = await organizationOverview(snapshotStore(), filter);
  const { rows, worst, notScored, ous } = overview;
  const selectedOu = filter.kind === "ou" ? filter.ou : "";
  const withCritical = rows
    .filter((r) => r.critical.failing > 0 || r.critical.unchecked > 0)
    .sort((a, b) => b.critical.failing - a.critical.failing || b.critical.unchecked - a.critical.unchecked);
  return (
    <>
      <Breadcrumbs items={[{ label: "Overview", href: "/" }, { label: "Accounts" }]} />
      <h1 className="mb-2 text-2xl font-bold">Accounts</h1>
      <p className="mb-4 max-w-3xl text-sm text-slate-700">
        Each account as its latest readable snapshot shows it. Scores are floors: what could not be checked earns no
        credit and is marked unverified.
      </p>
      {overview.notice && (
        <p role="note" className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950">
          <strong>Older snapshots shown for some accounts.</strong> {overview.notice}
        </p>
      )}
      {overview.totalAccounts === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 bg-white p-6 text-slate-700">
          No account has a stored snapshot yet. Scan accounts (for an Organization:{" "}
          <code className="rounded bg-slate-100 px-1">npm run scan -- --org</code>) and each appears here; the overview
          shows the demo account until then.
        </p>
      ) : (
        <>
          <form method="get" action="/accounts" className="mb-4 flex flex-wrap items-center gap-2 text-sm">
            <label htmlFor="ou-filter" className="text-slate-700">
              Organizational unit
            </label>
            <select
              id="ou-filter"
              name="ou"
              defaultValue={ous.includes(selectedOu) ? selectedOu : ""}
              className="rounded border border-slate-300 bg-white px-2 py-1"
            >
              <option value="">All ({overview.totalAccounts} accounts)</option>
              {ous.map((ou) => (
                <option key={ou} value={ou}>
                  {ou}
                </option>
              ))}
            </select>
            <button type="submit" className="rounded bg-slate-900 px-3 py-1 text-white">
              Filter
            </button>
            {filter.kind !== "all" && (
              <Link href="/accounts" className="text-blue-700 hover:underline">
                Clear the filter
              </Link>
            )}
            <span className="ml-auto flex flex-wrap items-center gap-2" aria-label="Export these accounts">
              <span className="text-slate-700">Export:</span>
              {(["pdf", "csv", "json"] as const).map((format) => (
                <a
                  key={format}
                  className="rounded border border-slate-300 bg-white px-2 py-1 text-blue-700 hover:underline"
                  href={`/api/organization/export?format=${format}${filter.kind === "ou" ? `&ou=${encodeURIComponent(filter.ou)}` : ""}`}
                  download
                >
                  {format.toUpperCase()}
                </a>
              ))}
            </span>
          </form>
          {overview.filterMessage && (
            <p
              role="status"
              className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950"
            >
              {overview.filterMessage}
            </p>
          )}
          {rows.length > 0 && (
            <>
              <div className="mb-6 grid gap-4 md:grid-cols-2">
                <Card>
                  <h2 className="mb-3 text-sm font-medium text-slate-600">Lowest scores</h2>
                  {worst.length === 0 ? (
                    <p className="text-sm text-slate-600">No account has a score.</p>
                  ) : (
                    <ol className="space-y-2">
                      {worst.map((row) => (
                        <li key={row.accountId} className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1">
                          <span className="min-w-0 break-words">
                            <AccountName row={row} />
                          </span>
                          <span className="shrink-0">
                            <ScoreBadge score={row.score} unverified={row.scoreUnverified} />
                          </span>
                        </li>
                      ))}
                    </ol>
                  )}
                  {notScored.length > 0 && (
                    <p className="mt-3 border-t border-slate-100 pt-2 text-sm text-slate-700">
                      <strong>Not scored</strong> (nothing in their latest scan could be judged or applied, so they are
                      not ranked):{" "}
                      {notScored.map((row, i) => (
                        <span key={row.accountId}>
                          {i > 0 && ", "}
                          <AccountName row={row} inline />
                        </span>
                      ))}
                    </p>
                  )}
                </Card>
                <Card>
                  <h2 className="mb-3 text-sm font-medium text-slate-600">Critical findings</h2>
                  {withCritical.length === 0 ? (
                    <p className="text-sm text-slate-600">
                      No failing result of a critical control in these accounts&apos; latest scans, and none left
                      unchecked.
                    </p>
                  ) : (
                    <ul className="space-y-2 text-sm">
                      {withCritical.slice(0, 8).map((row) => (
                        <li key={row.accountId} className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1">
                          <span className="min-w-0 break-words">
                            <AccountName row={row} />
                          </span>
                          <span className="shrink-0 text-right">
                            {row.critical.failing > 0 ? (
                              <span className="font-bold text-red-800">
                                <span aria-hidden="true">✗ </span>
                                {row.critical.failing} failing
                              </span>
                            ) : (
                              <span className="text-slate-700">0 failing</span>
                            )}
                            {row.critical.unchecked > 0 && (
                              <span className="block text-xs font-medium text-violet-800">
                                <span aria-hidden="true">? </span>
                                {row.critical.unchecked} unchecked
                              </span>
                            )}
                          </span>
                        </li>
                      ))}
                      {withCritical.length > 8 && (
                        <li className="text-xs text-slate-600">
                          and {withCritical.length - 8} more accounts (see the table below)
                        </li>
                      )}
                    </ul>
                  )}
                </Card>
              </div>
              <h2 className="mb-2 text-lg font-bold">
                {filter.kind === "ou" ? `Accounts in ${filter.ou}` : "All accounts"} ({rows.length})
              </h2>
              <OrgHeatmap rows={rows} services={overview.services} />
            </>
          )}
        </>
      )}
    </>
  );
}
