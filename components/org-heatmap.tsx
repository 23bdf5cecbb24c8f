import Link from "next/link";
import { SERVICE_NAMES, shortServiceName, type ServiceId } from "@/lib/inventory/common";
import { SCORE_LEVELS, scoreLabel, scoreLevel } from "@/lib/posture/score";
import type { AccountRow, HeatCell } from "@/lib/read/organization";
import { DemoTag } from "./posture/demo-tag";
import { UtcTime } from "./ui/utc-time";

/** The score ring's bands, as cell backgrounds; each also says its band in words. */
const BAND_CLASSES = {
  good: "bg-green-100 text-green-900 ring-green-700/30",
  fair: "bg-amber-100 text-amber-950 ring-amber-700/30",
  poor: "bg-red-100 text-red-900 ring-red-700/30",
} as const;

/** "? 12 % unverified", the mark the score ring uses, for a cell. */
function UnverifiedMark({ unverified }: { unverified: number }) {
  if (unverified <= 0) return null;
  return (
    <span className="block text-[11px] font-medium text-violet-800" title="Checks that could not run earn no credit">
      <span aria-hidden="true">? </span>
      <span className="sr-only">, </span>
      {unverified} % unverified
    </span>
  );
}

/** A score with its band and unverified share on one line, for lists. */
export function ScoreBadge({ score, unverified }: { score: number | null; unverified: number }) {
  const level = scoreLevel(score);
  return (
    <span
      className={`inline-flex items-baseline gap-1 rounded px-2 py-0.5 text-xs ring-1 ${level === "none" ? "bg-slate-100 text-slate-700 ring-slate-400/30" : BAND_CLASSES[level]}`}
    >
      <span className="text-sm font-bold tabular-nums">{score ?? "—"}</span>
      {scoreLabel(score)}
      {unverified > 0 && (
        <span className="font-medium text-violet-800">
          <span aria-hidden="true">· ? </span>
          <span className="sr-only">, </span>
          {unverified} % unverified
        </span>
      )}
    </span>
  );
}

/** A score cell: coloured by band only when there is a score; "Not evaluated" and "No score" stay grey. */
export function ScoreCell({ cell }: { cell: { score: number | null; unverified: number } | HeatCell }) {
  if ("state" in cell && cell.state === "not-evaluated") {
    return (
      <div className="rounded border border-dashed border-slate-300 px-2 py-1 text-center text-xs text-slate-500">
        Not evaluated
      </div>
    );
  }
  const score = "state" in cell ? (cell.state === "scored" ? cell.score : null) : cell.score;
  if (score === null) {
    return (
      <div className="rounded bg-slate-100 px-2 py-1 text-center text-xs text-slate-600 ring-1 ring-slate-400/30">
        <span className="block text-sm font-bold" aria-hidden="true">
          —
        </span>
        {scoreLabel(null)}
        <UnverifiedMark unverified={cell.unverified} />
      </div>
    );
  }
  const level = scoreLevel(score);
  return (
    <div className={`rounded px-2 py-1 text-center ring-1 ${BAND_CLASSES[level === "none" ? "poor" : level]}`}>
      <span className="block text-sm font-bold tabular-nums">{score}</span>
      <span className="block text-[11px]">{scoreLabel(score)}</span>
      <UnverifiedMark unverified={cell.unverified} />
    </div>
  );
}

function CriticalCell({ critical }: { critical: AccountRow["critical"] }) {
  return (
    <div className="text-center">
      <span
        className={`block text-sm tabular-nums ${critical.failing > 0 ? "font-bold text-red-800" : "text-slate-700"}`}
      >
        {critical.failing > 0 && <span aria-hidden="true">✗ </span>}
        {critical.failing}
        <span className="sr-only"> failing</span>
      </span>
      {critical.unchecked > 0 && (
        <span
          className="block text-[11px] font-medium text-violet-800"
          title="Results of critical controls that could not be judged: there may be more failures"
        >
          <span aria-hidden="true">? </span>
          {critical.unchecked} unchecked
        </span>
      )}
    </div>
  );
}

export function accountHref(accountId: string): string {
  return `/?account=${accountId}`;
}

/**
 * Accounts × services: each account's latest snapshot, one cell per service coloured by score band,
 * with the overall score, failing critical results and the scan time beside it. On a narrow screen
 * the table scrolls sideways (the account column stays put) and says so.
 */
export function OrgHeatmap({ rows, services }: { rows: readonly AccountRow[]; services: readonly ServiceId[] }) {
  return (
    <div>
      <ul className="mb-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700" aria-label="Legend">
        {SCORE_LEVELS.map((band, i) => (
          <li key={band.level} className="flex items-center gap-1">
            <span aria-hidden="true" className={`inline-block h-3 w-3 rounded-sm ring-1 ${BAND_CLASSES[band.level]}`} />
            {band.label}: {i === 0 ? `${band.min} or more` : `${band.min}–${SCORE_LEVELS[i - 1]!.min - 1}`}
          </li>
        ))}
        <li className="text-violet-800">
          <span aria-hidden="true">? </span>unverified: share of the score that could not be checked (it earns no
          credit)
        </li>
        <li>Not evaluated: not part of that scan, no score shown</li>
      </ul>
      <p className="mb-2 text-xs text-slate-600 lg:hidden" id="heatmap-scroll-hint">
        <span aria-hidden="true">↔ </span>Scroll sideways to see every service.
      </p>
      <div
        // relative: the screen-reader-only text in cells is positioned; without a positioned ancestor
        // inside the scroller it would widen the whole page instead of scrolling with the table.
        className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white"
        role="region"
        aria-labelledby="heatmap-caption"
        aria-describedby="heatmap-scroll-hint"
        tabIndex={0}
      >
        <table className="w-full min-w-[62rem] table-fixed text-left text-sm">
          <caption id="heatmap-caption" className="sr-only">
            Accounts by service: scores of each account&apos;s latest snapshot
          </caption>
          <thead className="bg-slate-50 text-xs uppercase text-slate-600">
            <tr>
              <th
                scope="col"
                className="sticky left-0 z-10 w-32 border-r border-slate-200 bg-slate-50 px-3 py-2 sm:w-44"
              >
                Account
              </th>
              <th scope="col" className="w-24 px-2 py-2 text-center">
                Overall
              </th>
              {services.map((id) => (
                <th key={id} scope="col" className="w-24 px-1 py-2 text-center" title={SERVICE_NAMES[id]}>
                  {shortServiceName(id)}
                </th>
              ))}
              <th
                scope="col"
                className="w-24 px-1 py-2 text-center"
                title="Failing results of critical-severity controls"
              >
                Critical
              </th>
              <th scope="col" className="w-36 px-3 py-2">
                Last scan
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row) => (
              <tr key={row.accountId}>
                <th
                  scope="row"
                  className="sticky left-0 z-10 border-r border-slate-200 bg-white px-3 py-2 font-normal break-words"
                >
                  <Link href={accountHref(row.accountId)} className="font-medium text-blue-700 hover:underline">
                    {row.name ?? <span className="font-mono">{row.accountId}</span>}
                  </Link>
                  {row.name && <span className="block font-mono text-xs text-slate-600">{row.accountId}</span>}
                  {row.ou && <span className="block font-mono text-[11px] text-slate-500">{row.ou}</span>}
                  <DemoTag source={row.source} />
                </th>
                <td className="px-1 py-1.5">
                  <ScoreCell cell={{ score: row.score, unverified: row.scoreUnverified }} />
                </td>
                {row.cells.map((cell) => (
                  <td key={cell.service} className="px-1 py-1.5">
                    <ScoreCell cell={cell} />
                  </td>
                ))}
                <td className="px-1 py-1.5">
                  <CriticalCell critical={row.critical} />
                </td>
                <td className="px-3 py-2 text-xs text-slate-700">
                  <UtcTime iso={row.scannedAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
