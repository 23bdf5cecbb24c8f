import { SEVERITIES, SEVERITY_LABELS } from "@/lib/controls/types";
import type { openFindingsBySeverity } from "@/lib/posture/summary";

/** Failing and warning controls per severity, as labelled horizontal bars with their numbers. */
export function SeverityBars({ data }: { data: ReturnType<typeof openFindingsBySeverity> }) {
  const max = Math.max(1, ...SEVERITIES.map((s) => data[s].fail + data[s].warn));
  return (
    <table className="w-full text-sm">
      <caption className="sr-only">Failing and warning controls by severity</caption>
      <thead className="sr-only">
        <tr>
          <th scope="col">Severity</th>
          <th scope="col">Failing</th>
          <th scope="col">Warnings</th>
        </tr>
      </thead>
      <tbody>
        {SEVERITIES.map((s) => {
          const { fail, warn } = data[s];
          return (
            <tr key={s}>
              <th scope="row" className="w-20 py-1 pr-2 text-left font-normal text-slate-600">
                {SEVERITY_LABELS[s]}
              </th>
              <td className="py-1" colSpan={2}>
                <div className="flex items-center gap-2">
                  <div className="flex h-3 flex-1 overflow-hidden rounded bg-slate-100" aria-hidden="true">
                    <div className="bg-red-600" style={{ width: `${(fail / max) * 100}%` }} />
                    <div
                      className="bg-amber-400 bg-[repeating-linear-gradient(45deg,transparent,transparent_3px,rgba(255,255,255,.5)_3px,rgba(255,255,255,.5)_5px)]"
                      style={{ width: `${(warn / max) * 100}%` }}
                    />
                  </div>
                  <span className="w-28 text-right text-xs tabular-nums text-slate-700">
                    ✗ {fail} fail · ! {warn} warn
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
