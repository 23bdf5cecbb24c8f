import { formatUtc } from "@/lib/format/utc";
import { scoreDomain, scoreFraction, timeFractions, timeTicks } from "@/lib/posture/trend-scale";
import { describeScope, markScopeChanges, type TrendPoint } from "@/lib/snapshot/scope";

/**
 * The drawing's colours, as whole Tailwind classes (the build only sees literal class names) so the
 * dark theme's palette applies; theme-palette.test.ts holds each to 3:1 against the card in both themes.
 */
export const TREND_CLASSES = {
  line: "stroke-blue-700",
  point: "bg-blue-700",
  changedLine: "stroke-slate-500",
  scopeMarker: "border-amber-700",
} as const;

const pct = (fraction: number) => `${(fraction * 100).toFixed(2)}%`;

/** What a point's tooltip says: when, the score, what the scan covered and how it compares. */
export function pointTooltip(
  point: TrendPoint & { score: number },
  differences: readonly string[],
  delta: number | null,
): string {
  const lines = [formatUtc(point.finishedAt), `Score ${point.score} / 100`];
  lines.push(point.scope ? `Scope: ${describeScope(point.scope)}` : "Scope not recorded");
  if (differences.length > 0) lines.push(`Not like for like with the previous point: ${differences.join("; ")}`);
  else if (delta !== null) lines.push(`${delta >= 0 ? "+" : ""}${delta} since the previous point`);
  return lines.join("\n");
}

/**
 * Overall score over snapshots, oldest to newest, placed along real time (two scans half an hour apart
 * sit close, two a fortnight apart far apart) on a score axis fitted to the scores. The text is HTML
 * over the drawing, not SVG text, so it keeps its CSS size (12 px) at any width instead of shrinking
 * with a scaled SVG. A point whose scan covered different ground than the previous one (other Regions,
 * services, account or coverage gaps) is a hollow diamond on a dashed amber rule, reached by a dashed
 * line: its change in score is not like for like, and the legend says so. Each point has a tooltip;
 * screen readers get the same facts from a table.
 */
export function ScoreTrend({ points }: { points: TrendPoint[] }) {
  const scored = points.filter((p): p is typeof p & { score: number } => p.score !== null);
  if (scored.length < 2) {
    return <p className="text-sm text-slate-500">The trend appears once there are two scored snapshots.</p>;
  }
  const marked = markScopeChanges(scored);
  const anyDifferent = marked.some((m) => m.differences.length > 0);
  const domain = scoreDomain(scored.map((p) => p.score));
  const xs = timeFractions(scored.map((p) => p.finishedAt));
  const ys = scored.map((p) => 1 - scoreFraction(p.score, domain));
  const ticks = timeTicks(scored.map((p) => p.finishedAt));
  return (
    <figure data-chart="score-trend">
      {/* The gutters hold the score labels (left) and half a date label (right). */}
      <div className="relative mt-2 mr-4 mb-7 ml-9 h-36" aria-hidden="true">
        {domain.ticks.map((v) => {
          const top = pct(1 - scoreFraction(v, domain));
          return (
            <div key={v} className="absolute inset-x-0 border-t border-slate-200" style={{ top }}>
              <span className="absolute right-full mr-1.5 -translate-y-1/2 text-xs text-slate-600 tabular-nums">
                {v}
              </span>
            </div>
          );
        })}
        {ticks.map((t) => (
          <span
            key={t.iso}
            data-tick={t.iso}
            className={`absolute top-full mt-1 text-xs whitespace-nowrap text-slate-600 ${
              t.at < 0.1 ? "" : t.at > 0.9 ? "-translate-x-full" : "-translate-x-1/2"
            }`}
            style={{ left: pct(t.at) }}
          >
            {t.label}
          </span>
        ))}
        {marked.map((m, i) =>
          i > 0 && m.differences.length > 0 ? (
            <div
              key={`scope-${m.point.id}`}
              data-scope-change={m.point.id}
              className={`absolute inset-y-0 border-l-2 border-dashed ${TREND_CLASSES.scopeMarker}`}
              style={{ left: pct(xs[i]!) }}
            />
          ) : null,
        )}
        {/* Lines only: stretched to the box, with strokes that keep their width (non-scaling-stroke). */}
        <svg
          className="absolute inset-0 h-full w-full overflow-visible"
          viewBox="0 0 1000 1000"
          preserveAspectRatio="none"
        >
          {marked.slice(1).map((m, i) => {
            const changed = m.differences.length > 0;
            return (
              <line
                key={`segment-${m.point.id}`}
                x1={xs[i]! * 1000}
                y1={ys[i]! * 1000}
                x2={xs[i + 1]! * 1000}
                y2={ys[i + 1]! * 1000}
                className={changed ? TREND_CLASSES.changedLine : TREND_CLASSES.line}
                strokeWidth="2"
                strokeDasharray={changed ? "4 3" : undefined}
                vectorEffect="non-scaling-stroke"
              />
            );
          })}
        </svg>
        {marked.map((m, i) => {
          const changed = i > 0 && m.differences.length > 0;
          return (
            <span
              key={m.point.id}
              data-point={m.point.id}
              title={pointTooltip(m.point, m.differences, m.delta)}
              className="absolute flex h-4 w-4 -translate-x-1/2 -translate-y-1/2 items-center justify-center"
              style={{ left: pct(xs[i]!), top: pct(ys[i]!) }}
            >
              {changed ? (
                <span className={`block h-2.5 w-2.5 rotate-45 border-2 bg-white ${TREND_CLASSES.scopeMarker}`} />
              ) : (
                <span className={`block h-2.5 w-2.5 rounded-full ${TREND_CLASSES.point}`} />
              )}
            </span>
          );
        })}
      </div>
      <figcaption className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">
        <span>Dates in UTC; hover a point for its score, scope and coverage.</span>
        {anyDifferent && (
          <>
            <span>
              <span aria-hidden="true" className="text-blue-700">
                ●
              </span>{" "}
              same scope as the previous point: the change is like for like
            </span>
            <span>
              <span aria-hidden="true" className="text-amber-700">
                ◇ ┆
              </span>{" "}
              scope changed here (Regions, services, account or coverage): the change is not like for like
            </span>
          </>
        )}
      </figcaption>
      {/* The wrapper hides the table: a table given sr-only itself still widens the page by its content. */}
      <div className="sr-only">
        <table>
          <caption>Overall score by snapshot</caption>
          <thead>
            <tr>
              <th scope="col">Finished</th>
              <th scope="col">Score</th>
              <th scope="col">Scope</th>
              <th scope="col">Compared with the previous point</th>
            </tr>
          </thead>
          <tbody>
            {marked.map((m, i) => (
              <tr key={m.point.id}>
                <th scope="row">{formatUtc(m.point.finishedAt)}</th>
                <td>{m.point.score}</td>
                <td>{m.point.scope ? describeScope(m.point.scope) : "not recorded"}</td>
                <td>
                  {i === 0
                    ? "first point"
                    : m.differences.length > 0
                      ? `not like for like: ${m.differences.join("; ")}`
                      : `${m.delta! >= 0 ? "+" : ""}${m.delta}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
