import { SEVERITIES, SEVERITY_LABELS, type Severity } from "@/lib/controls/types";
import type { SeverityFindingCounts } from "@/lib/posture/open-findings";

/**
 * Open findings (failing and warning resources, unmuted) per severity, as labelled horizontal bars with
 * their numbers. Muted findings and results that could not be judged are written beside each bar, never
 * drawn into it: they are not open, and not fixed either.
 */
export function SeverityBars({ data }: { data: Record<Severity, SeverityFindingCounts> }) {
  const max = Math.max(1, ...SEVERITIES.map((s) => data[s].fail + data[s].warn));
  return (
    <table className="w-full text-sm">
      <caption className="sr-only">Open findings (resources) by severity, with muted and unjudged results</caption>
      <thead className="sr-only">
        <tr>
          <th scope="col">Severity</th>
          <th scope="col">Findings</th>
        </tr>
      </thead>
      <tbody>
        {SEVERITIES.map((s) => {
          const { fail, warn, muted, error } = data[s];
          return (
            <tr key={s}>
              <th
                scope="row"
                className="py-1 pr-2 text-left align-top leading-4 font-normal whitespace-nowrap text-slate-600"
              >
                {SEVERITY_LABELS[s]}
              </th>
              <td className="py-1">
                {/* The numbers under the bar, not beside it: the same layout at any width, a phone's included. */}
                <div className="flex flex-col gap-0.5">
                  <div className="flex h-3 w-full overflow-hidden rounded bg-slate-100" aria-hidden="true">
                    <div className="bg-red-600" style={{ width: `${(fail / max) * 100}%` }} />
                    <div
                      className="bg-amber-400 bg-[repeating-linear-gradient(45deg,transparent,transparent_3px,rgba(255,255,255,.5)_3px,rgba(255,255,255,.5)_5px)]"
                      style={{ width: `${(warn / max) * 100}%` }}
                    />
                  </div>
                  <span className="text-xs text-slate-700 tabular-nums">
                    ✗ {fail} fail · ! {warn} warn
                    {muted > 0 && <span className="text-slate-500"> · {muted} muted</span>}
                    {error > 0 && <span className="text-violet-800"> · ? {error} not judged</span>}
                  </span>
                </div>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
