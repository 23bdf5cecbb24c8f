/** Overall score over snapshots, oldest to newest: an SVG line with a table for screen readers. */
export function ScoreTrend({ points }: { points: { id: string; finishedAt: string; score: number | null }[] }) {
  const scored = points.filter((p): p is typeof p & { score: number } => p.score !== null);
  if (scored.length < 2) {
    return <p className="text-sm text-slate-500">The trend appears once there are two scored snapshots.</p>;
  }
  const width = 560;
  const height = 140;
  const pad = { left: 32, right: 12, top: 10, bottom: 22 };
  const x = (i: number) => pad.left + (i / (scored.length - 1)) * (width - pad.left - pad.right);
  const y = (score: number) => pad.top + (1 - score / 100) * (height - pad.top - pad.bottom);
  const path = scored.map((p, i) => `${i === 0 ? "M" : "L"}${x(i).toFixed(1)},${y(p.score).toFixed(1)}`).join(" ");
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
        <path d={path} fill="none" stroke="#1d4ed8" strokeWidth="2" />
        {scored.map((p, i) => (
          <circle key={p.id} cx={x(i)} cy={y(p.score)} r="3.5" fill="#1d4ed8" />
        ))}
        <text x={pad.left} y={height - 6} fontSize="10" fill="#64748b">
          {day(scored[0]!.finishedAt)}
        </text>
        <text x={width - pad.right} y={height - 6} fontSize="10" fill="#64748b" textAnchor="end">
          {day(scored[scored.length - 1]!.finishedAt)}
        </text>
      </svg>
      <table className="sr-only">
        <caption>Overall score by snapshot</caption>
        <tbody>
          {scored.map((p) => (
            <tr key={p.id}>
              <th scope="row">{p.finishedAt}</th>
              <td>{p.score}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
