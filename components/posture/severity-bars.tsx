import { SEVERITIES, SEVERITY_LABELS, type Severity } from "@/lib/controls/types";
import type { SeverityFindingCounts } from "@/lib/posture/open-findings";

/**
 * The bar fills, as whole Tailwind classes (the build only sees literal class names). Both sit on the
 * card and are held to 3:1 against it in both themes by theme-palette.test.ts; warnings also carry a
 * darker stripe, so fail and warn differ by more than hue.
 */
export const SEVERITY_BAR_CLASSES = {
  fail: "bg-red-600",
  warn: "bg-amber-600",
} as const;

/** Room kept beside the longest bar for its number, so the number always sits right after its bar. */
const LABEL_ROOM = "2.75rem";
/** The narrowest a non-zero bar is drawn: a count of 1 beside a count of 300 is still a visible mark. */
const MIN_SEGMENT = "4px";

function segmentWidth(count: number, max: number): string | undefined {
  return count > 0 ? `max(${MIN_SEGMENT}, calc((100% - ${LABEL_ROOM}) * ${count / max}))` : undefined;
}

/**
 * Open findings (failing and warning resources, unmuted) per severity, as labelled horizontal bars with
 * their numbers written at the end of each bar, on one scale (the largest count fills the row). Muted
 * findings and results that could not be judged are written beside each bar, never drawn into it: they
 * are not open, and not fixed either.
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
                  <div className="flex h-3 w-full items-center" data-bar={s}>
                    {fail > 0 && (
                      <div
                        aria-hidden="true"
                        className={`h-full shrink-0 rounded-l-sm ${SEVERITY_BAR_CLASSES.fail} ${warn > 0 ? "" : "rounded-r-sm"}`}
                        style={{ width: segmentWidth(fail, max) }}
                      />
                    )}
                    {warn > 0 && (
                      <div
                        aria-hidden="true"
                        className={`h-full shrink-0 rounded-r-sm bg-[repeating-linear-gradient(45deg,transparent,transparent_3px,rgba(0,0,0,.3)_3px,rgba(0,0,0,.3)_5px)] ${SEVERITY_BAR_CLASSES.warn} ${fail > 0 ? "" : "rounded-l-sm"}`}
                        style={{ width: segmentWidth(warn, max) }}
                      />
                    )}
                    <span className="ml-1.5 text-xs leading-none font-semibold text-slate-800 tabular-nums">
                      {fail + warn}
                    </span>
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
