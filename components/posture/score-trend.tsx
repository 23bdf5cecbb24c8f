import { markScopeChanges, type TrendPoint } from "@/lib/snapshot/scope";

/**
 * Overall score over snapshots, oldest to newest: an SVG line with a table for screen readers. A
 * point whose scan covered different ground than the previous one (other Regions, services, account
 * or coverage gaps) is drawn as a hollow diamond reached by a dashed line: its change in score is
 * not like for like, and the legend says so.
 */
export function ScoreTrend({ points }: { points: TrendPoint[] }) {
  const scored = points.filter((p): p is typeof p & { score: number } => p.score !== null);
  if (scored.length < 2) {
    return <p className="text-sm text-slate-500">The trend appears once there are two scored snapshots.</p>;
  }
  const marked = markScopeChanges(scored);
  const anyDifferent = marked.some((m) => m.differences.length > 0);
  const width = 560;
  const height = 140;
  const pad = { left: 32, right: 12, top: 10, bottom: 22 };
  const x = (i: number) => pad.left + (i / (scored.length - 1)) * (width - pad.left - pad.right);
  const y = (score: number) => pad.top + (1 - score / 100) * (height - pad.top - pad.bottom);
  const day = (iso: string) => iso.slice(0, 10);
  return (
    <figure>
      <svg viewBox={`0 0 ${width} ${height}`} className="h-auto w-full max-w-xl" aria-hidden="true">
        {[0, 50, 100].map((v) => (
          <g key={v}>
            <line x1={pad.left} x2={width - pad.right} y1={y(v)} y2={y(v)} stroke="#e2e8f0" />
            <text x={pad.left - 6} y={y(v)} textAnchor="end" dominantBaseline="central" fontSize="10" fill="#64748b">
              {v}
            </text>
          </g>
        ))}
        {marked.slice(1).map((m, i) => (
          <line
            key={`segment-${m.point.id}`}
            x1={x(i)}
            y1={y(scored[i]!.score)}
            x2={x(i + 1)}
            y2={y(m.point.score)}
            stroke={m.differences.length > 0 ? "#94a3b8" : "#1d4ed8"}
            strokeWidth="2"
            strokeDasharray={m.differences.length > 0 ? "4 3" : undefined}
          />
        ))}
        {marked.map((m, i) =>
          m.differences.length > 0 ? (
            <rect
              key={m.point.id}
              x={x(i) - 4}
              y={y(m.point.score) - 4}
              width="8"
              height="8"
              transform={`rotate(45 ${x(i)} ${y(m.point.score)})`}
              fill="white"
              stroke="#b45309"
              strokeWidth="2"
            >
              <title>{`Not like for like: ${m.differences.join("; ")}`}</title>
            </rect>
          ) : (
            <circle key={m.point.id} cx={x(i)} cy={y(m.point.score)} r="3.5" fill="#1d4ed8" />
          ),
        )}
        <text x={pad.left} y={height - 6} fontSize="10" fill="#64748b">
          {day(scored[0]!.finishedAt)}
        </text>
        <text x={width - pad.right} y={height - 6} fontSize="10" fill="#64748b" textAnchor="end">
          {day(scored[scored.length - 1]!.finishedAt)}
        </text>
      </svg>
      {anyDifferent && (
        <figcaption className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">
          <span>
            <span aria-hidden="true" className="text-blue-700">
              ●
            </span>{" "}
            same scope as the previous point: the change is like for like
          </span>
          <span>
            <span aria-hidden="true" className="text-amber-700">
              ◇
            </span>{" "}
            scope differs from the previous point (Regions, services, account or coverage): the change is not like for
            like
          </span>
        </figcaption>
      )}
      {/* The wrapper hides the table: a table given sr-only itself still widens the page by its content. */}
      <div className="sr-only">
        <table>
          <caption>Overall score by snapshot</caption>
          <thead>
            <tr>
              <th scope="col">Finished</th>
              <th scope="col">Score</th>
              <th scope="col">Compared with the previous point</th>
            </tr>
          </thead>
          <tbody>
            {marked.map((m, i) => (
              <tr key={m.point.id}>
                <th scope="row">{m.point.finishedAt}</th>
                <td>{m.point.score}</td>
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
