import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { Breadcrumbs } from "@/components/posture/breadcrumbs";
import { SeverityBadge } from "@/components/posture/severity-badge";
import { StatusPill } from "@/components/posture/status-pill";
import { SERVICE_IDS, SERVICE_NAMES, type ServiceId } from "@/lib/inventory/common";
import { accountIdFrom } from "@/lib/read/accounts";
import { compareStored } from "@/lib/read/compare-stored";
import { snapshotStore } from "@/lib/read/snapshot-to-show";
import { CHANGE_LABELS, CHANGES, type Change, type ComparedFinding, type Comparison } from "@/lib/snapshot/compare";
import {
  DEFAULT_VIEW,
  OPEN_MAX,
  parseCompareView,
  SECTION_CAP,
  SNAPSHOT_REF,
  viewFindings,
  viewQuery,
  viewSections,
  type ChangeFilter,
  type CompareView,
} from "@/lib/snapshot/compare-view";
import { hrefFor, type SearchParams } from "@/lib/snapshot/params";
import type { SnapshotListing } from "@/lib/snapshot/store";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Compare snapshots" };

/** What each kind of change means, in the words the README uses. */
const CHANGE_HELP: Record<Change, string> = {
  new: "Failing now; passing or not applicable in the earlier snapshot, or absent where it listed everything.",
  notCheckedBefore:
    "Failing now, and the earlier snapshot could not judge it (a call failed, or it did not cover its Region or service). It may be older: not counted as new.",
  changed: "Failing in both, but the status (fail or warning) or the control's severity changed.",
  notRechecked:
    "Failing before, and not judged this time: the scan could not read it, or did not cover its Region or service. Not counted as fixed.",
  fixed: "Judged again and now passing, or verifiably gone: its Region and service were scanned completely.",
  stillFailing: "Failing in both with the same status and severity.",
};

const CHIP =
  "inline-block rounded border px-3 py-1 text-sm hover:underline focus-visible:outline focus-visible:outline-2 focus-visible:outline-blue-600";
const CHIP_ON = "border-slate-900 bg-slate-900 text-white";
const CHIP_OFF = "border-slate-300 bg-white text-slate-800";
const LINK = "text-blue-700 hover:underline";

function when(iso: string) {
  return iso.replace("T", " ").replace(/\.\d+Z$/, " UTC");
}

function one(value: string | string[] | undefined): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function asParams(searchParams: SearchParams): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(searchParams)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) params.append(key, v);
  }
  return params;
}

function Alert({ children }: { children: ReactNode }) {
  return (
    <div role="alert" className="mb-4 rounded-md border border-red-300 bg-red-50 p-4 text-sm">
      {children}
    </div>
  );
}

/** "2026-11-27 10:05 UTC · score 75 · <id>": what a person picks a scan by. */
function optionLabel(s: SnapshotListing): string {
  return `${when(s.finishedAt).replace(/:\d\d UTC$/, " UTC")} · score ${s.score ?? "—"} · ${s.id}`;
}

/** The two lists to pick "from" and "to" among one account's readable snapshots, newest first. */
function Picker({
  snapshots,
  from,
  to,
  account,
}: {
  snapshots: SnapshotListing[];
  from?: string;
  to?: string;
  account?: string;
}) {
  const select = (name: "from" | "to", value: string | undefined, label: string) => {
    // An id given that the list does not hold (latest, demo, another account's) stays pickable as given.
    const extra = value && !snapshots.some((s) => s.id === value) ? value : undefined;
    return (
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-medium text-slate-700">{label}</span>
        <select
          name={name}
          defaultValue={value ?? ""}
          className="max-w-full rounded border border-slate-300 bg-white px-2 py-1.5 font-mono text-xs"
        >
          {!value && <option value="">Pick a snapshot</option>}
          {extra && <option value={extra}>{extra}</option>}
          {snapshots.map((s) => (
            <option key={s.id} value={s.id}>
              {optionLabel(s)}
            </option>
          ))}
        </select>
      </label>
    );
  };
  return (
    <form
      action="/snapshots/compare"
      method="get"
      aria-label="Pick two snapshots"
      className="mb-6 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3"
    >
      {account && <input type="hidden" name="account" value={account} />}
      {select("from", from, "From (earlier)")}
      {select("to", to, "To (later)")}
      <button type="submit" className="rounded bg-slate-900 px-3 py-1.5 text-sm text-white">
        Compare
      </button>
      {from && to && (
        <Link
          href={`/snapshots/compare?${viewQuery({ from: to, to: from, account }, {})}`}
          className={`${LINK} py-1.5 text-sm`}
        >
          Swap from and to
        </Link>
      )}
    </form>
  );
}

/** The page without a comparison to show: why, and the way on (the picker, the default pair). */
function Helpful({
  snapshots,
  account,
  from,
  to,
  problem,
}: {
  snapshots: SnapshotListing[];
  account?: string;
  from?: string;
  to?: string;
  problem?: ReactNode;
}) {
  const [latest, before] = snapshots;
  const defaults = { from: from ?? before?.id, to: to ?? latest?.id };
  return (
    <>
      {problem && <Alert>{problem}</Alert>}
      <p className="mb-4 text-sm text-slate-700">
        Pick two snapshots of one account to see, finding by finding, what is new, fixed, still failing or could not be
        checked again.
        {account && (
          <>
            {" "}
            Snapshots of account <span className="font-mono">{account}</span> only.
          </>
        )}
      </p>
      {snapshots.length >= 2 && latest && before && (
        <p className="mb-4 text-sm">
          <Link
            href={`/snapshots/compare?${viewQuery({ from: before.id, to: latest.id, account }, {})}`}
            className={`${LINK} font-medium`}
          >
            Compare the latest snapshot ({latest.id}) with the one before it ({before.id})
          </Link>
        </p>
      )}
      {snapshots.length < 2 && (
        <p className="mb-4 rounded-md border border-dashed border-slate-300 bg-white p-4 text-sm text-slate-700">
          {snapshots.length === 0
            ? "No scans of this account are stored yet: scan it twice to compare."
            : `Only one snapshot of account ${snapshots[0]!.accountId} is stored (${snapshots[0]!.id}): scan again to compare.`}{" "}
          <Link href="/snapshots" className={LINK}>
            Snapshot history
          </Link>
        </p>
      )}
      {snapshots.length > 0 && <Picker snapshots={snapshots} from={defaults.from} to={defaults.to} account={account} />}
    </>
  );
}

function Chip({ href, on, children }: { href: string; on: boolean; children: ReactNode }) {
  return (
    <Link href={href} aria-current={on ? "true" : undefined} className={`${CHIP} ${on ? CHIP_ON : CHIP_OFF}`}>
      {children}
    </Link>
  );
}

function FindingRow({ f, c, showChange }: { f: ComparedFinding; c: Comparison; showChange: boolean }) {
  return (
    <li className="flex flex-wrap items-center gap-2 px-3 py-2">
      {showChange && (
        <span className="rounded bg-slate-100 px-1.5 text-xs font-semibold text-slate-800">
          {CHANGE_LABELS[f.change]}
        </span>
      )}
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
  );
}

function countsText(findings: readonly ComparedFinding[]): string {
  return CHANGES.map((k) => [k, findings.filter((f) => f.change === k).length] as const)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} ${CHANGE_LABELS[k].toLowerCase()}`)
    .join(", ");
}

function ComparisonView({
  c,
  view,
  account,
  notice,
  viewProblem,
  picker,
}: {
  c: Comparison;
  view: CompareView;
  account?: string;
  notice?: string;
  viewProblem?: string;
  picker: ReactNode;
}) {
  const refs = { from: c.from.id, to: c.to.id, account };
  const href = (v: Partial<CompareView>) => `/snapshots/compare?${viewQuery(refs, v)}`;
  const exportHref = (format: string) =>
    `/api/snapshots/compare/export?${viewQuery(refs, { change: view.change, service: view.service }, { format })}`;
  const listed = viewFindings(c, view);
  const sections = viewSections(listed, view.group);
  const equal = CHANGES.every((k) => k === "stillFailing" || c.counts[k] === 0);
  const byService = new Map<ServiceId, number>();
  for (const f of viewFindings(c, { change: view.change }))
    byService.set(f.service, (byService.get(f.service) ?? 0) + 1);
  const chip = (change: ChangeFilter, label: ReactNode) => (
    <li key={change}>
      <Chip href={href({ ...view, change, all: false })} on={view.change === change}>
        {label}
      </Chip>
    </li>
  );
  return (
    <>
      {notice && (
        <p role="note" className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950">
          {notice}
        </p>
      )}
      {viewProblem && (
        <Alert>
          <p>{viewProblem}: showing the default view instead.</p>
        </Alert>
      )}
      {picker}
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
      {equal && (
        <p role="status" className="mb-4 rounded-md border border-emerald-300 bg-emerald-50 px-4 py-3 text-sm">
          <strong>No changes between these two scans.</strong>{" "}
          {c.counts.stillFailing > 0 ? `${c.counts.stillFailing} findings are still failing.` : "Nothing is failing."}
        </p>
      )}
      <nav aria-label="Filter by change" className="mb-2">
        <ul className="flex flex-wrap gap-2">
          {chip(
            "changes",
            <>Every change: {CHANGES.reduce((n, k) => n + (k === "stillFailing" ? 0 : c.counts[k]), 0)}</>,
          )}
          {CHANGES.map((k) =>
            chip(
              k,
              <>
                {CHANGE_LABELS[k]}: <strong>{c.counts[k]}</strong>
              </>,
            ),
          )}
          {chip("all", <>All findings: {c.findings.length}</>)}
        </ul>
      </nav>
      {c.unjudged > 0 && (
        <p className="mb-2 text-sm text-slate-700">
          {c.unjudged} result{c.unjudged === 1 ? "" : "s"} of {c.to.id} could not be judged and{" "}
          {c.unjudged === 1 ? "was" : "were"} not failing before: listed under no change (neither new nor fixed).
        </p>
      )}
      <nav aria-label="Filter by service" className="mb-2 flex flex-wrap items-center gap-2 text-sm">
        <span className="text-slate-600">Service:</span>
        <Chip href={href({ ...view, service: undefined, all: false })} on={!view.service}>
          Every service
        </Chip>
        {SERVICE_IDS.filter((id) => byService.has(id) || view.service === id).map((id) => (
          <Chip key={id} href={href({ ...view, service: id, all: false })} on={view.service === id}>
            {SERVICE_NAMES[id]} ({byService.get(id) ?? 0})
          </Chip>
        ))}
      </nav>
      <div className="mb-6 flex flex-wrap items-center gap-x-6 gap-y-2 text-sm">
        <p>
          <span className="text-slate-600">Group by: </span>
          {(["service", "change"] as const).map((g, i) => (
            <span key={g}>
              {i > 0 && " · "}
              {view.group === g ? (
                <strong aria-current="true">{g}</strong>
              ) : (
                <Link href={href({ ...view, group: g })} className={LINK}>
                  {g}
                </Link>
              )}
            </span>
          ))}
        </p>
        <p aria-label="Export these findings">
          <span className="text-slate-600">Export the {listed.length} listed: </span>
          {(["csv", "json", "pdf"] as const).map((format, i) => (
            <span key={format}>
              {i > 0 && " · "}
              <a href={exportHref(format)} download className={LINK}>
                {format.toUpperCase()}
              </a>
            </span>
          ))}
        </p>
      </div>
      {listed.length === 0 && !equal && (
        <p className="mb-6 rounded-md border border-dashed border-slate-300 bg-white p-4 text-sm text-slate-700">
          No findings for this filter.{" "}
          <Link href={href({})} className={LINK}>
            Every change, every service
          </Link>
        </p>
      )}
      {sections.map(({ key, findings }) => {
        const title = view.group === "service" ? SERVICE_NAMES[key as ServiceId] : CHANGE_LABELS[key as Change];
        const shown = view.all ? findings : findings.slice(0, SECTION_CAP);
        const open = sections.length === 1 || findings.length <= OPEN_MAX || view.all;
        const showAll =
          view.group === "service"
            ? href({ ...view, service: key as ServiceId, all: true })
            : href({ ...view, change: key as Change, all: true });
        return (
          <details key={key} open={open} className="mb-4 rounded-lg border border-slate-200 bg-white">
            <summary className="cursor-pointer px-3 py-2">
              <h2 id={`section-${key}`} className="inline text-lg font-bold">
                {title} ({findings.length})
              </h2>
              <span className="ml-2 text-sm text-slate-600">
                {view.group === "service" ? countsText(findings) : CHANGE_HELP[key as Change]}
              </span>
            </summary>
            <ul
              aria-labelledby={`section-${key}`}
              className="divide-y divide-slate-100 border-t border-slate-100 text-sm"
            >
              {shown.map((f) => (
                <FindingRow key={f.id} f={f} c={c} showChange={view.group === "service"} />
              ))}
            </ul>
            {shown.length < findings.length && (
              <p className="border-t border-slate-100 px-3 py-2 text-sm">
                Showing {shown.length} of {findings.length}.{" "}
                <Link href={showAll} className={`${LINK} font-medium`}>
                  Show all {findings.length} {title}
                </Link>
              </p>
            )}
          </details>
        );
      })}
      <details className="mb-6 text-sm">
        <summary className="cursor-pointer font-medium">Scores by service, and what each change means</summary>
        <table className="my-2">
          <caption className="sr-only">Scores by service, from → to</caption>
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
        <dl>
          {CHANGES.map((k) => (
            <div key={k} className="mb-1">
              <dt className="inline font-semibold">{CHANGE_LABELS[k]}: </dt>
              <dd className="inline">{CHANGE_HELP[k]}</dd>
            </div>
          ))}
        </dl>
      </details>
    </>
  );
}

export default async function ComparePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const sp = await searchParams;
  const crumbs = (
    <Breadcrumbs
      items={[{ label: "Overview", href: "/" }, { label: "History", href: "/snapshots" }, { label: "Compare" }]}
    />
  );
  const heading = <h1 className="mb-2 text-2xl font-bold">What changed</h1>;
  const accountParam = accountIdFrom(sp);
  const account = accountParam ?? undefined;
  const store = snapshotStore();
  const readable = (await store.list()).filter((s) => !s.unreadable);
  // The account whose snapshots are offered: the one asked for, else the compared one, else the newest scan's.
  const offered = (id: string | undefined) => readable.filter((s) => s.accountId === (id ?? readable[0]?.accountId));
  const from = one(sp.from);
  const to = one(sp.to);
  const badAccount =
    accountParam === null
      ? "The account parameter is not an AWS account id (12 digits), so it was ignored."
      : undefined;

  if (!from || !to || !SNAPSHOT_REF.test(from) || !SNAPSHOT_REF.test(to)) {
    const malformed = [from, to].some((id) => id !== undefined && !SNAPSHOT_REF.test(id));
    const problem =
      badAccount ?? (malformed ? "A snapshot id is malformed (letters, digits and dashes only, up to 64)." : undefined);
    return (
      <>
        {crumbs}
        {heading}
        <Helpful
          snapshots={offered(account)}
          account={account}
          from={from && SNAPSHOT_REF.test(from) ? from : undefined}
          to={to && SNAPSHOT_REF.test(to) ? to : undefined}
          problem={problem}
        />
      </>
    );
  }

  const result = await compareStored(store, from, to);
  if (!result.ok) {
    return (
      <>
        {crumbs}
        {heading}
        <Helpful
          snapshots={offered(account)}
          account={account}
          problem={
            <p>
              {result.message} {result.problem === "missing" && "Pick two of the stored snapshots below."}
            </p>
          }
        />
      </>
    );
  }
  const c = result.comparison;
  if (account && c.account.id !== account) {
    return (
      <>
        {crumbs}
        {heading}
        <Helpful
          snapshots={offered(account)}
          account={account}
          problem={`These snapshots are of account ${c.account.id}, not of account ${account} that was asked for.`}
        />
      </>
    );
  }
  const parsed = parseCompareView(asParams(sp));
  return (
    <>
      {crumbs}
      {heading}
      <ComparisonView
        c={c}
        view={parsed.ok ? parsed.view : DEFAULT_VIEW}
        account={account}
        notice={[badAccount, result.notice].filter(Boolean).join(" ") || undefined}
        viewProblem={parsed.ok ? undefined : parsed.message}
        picker={<Picker snapshots={offered(c.account.id)} from={c.from.id} to={c.to.id} account={account} />}
      />
    </>
  );
}
