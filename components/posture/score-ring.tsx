import { scoreLabel, scoreLevel } from "@/lib/posture/score";

const RING_COLOURS = { good: "#15803d", fair: "#b45309", poor: "#b91c1c", none: "#94a3b8" } as const;

/**
 * The level's symbol beside its word, the same symbols the status pills use for pass, warn and fail:
 * amber and red rings look alike to many people with red–green colour blindness, the word and symbol do not.
 */
export const LEVEL_SYMBOLS = { good: "✓", fair: "!", poor: "✗", none: "—" } as const;

/**
 * A score out of 100 drawn as a ring, with the number and its label in words inside. `unverified`
 * (0–100) is the share of the score's weight that could not be checked: the score is a floor, and
 * the ring says how much of it is unverified rather than letting it read as complete.
 */
export function ScoreRing({
  score,
  size = 120,
  label,
  unverified = 0,
}: {
  score: number | null;
  size?: number;
  label: string;
  unverified?: number;
}) {
  const stroke = size / 10;
  const radius = (size - stroke) / 2;
  const circumference = 2 * Math.PI * radius;
  const filled = score === null ? 0 : (score / 100) * circumference;
  const level = scoreLevel(score);
  const text = score === null ? "—" : String(score);
  return (
    <figure
      className="flex flex-col items-center gap-1"
      aria-label={`${label}: ${score === null ? "no score" : `${score} out of 100`}, ${scoreLabel(score)}${unverified > 0 ? `, ${unverified} % could not be verified` : ""}`}
      role="img"
    >
      <svg width={size} height={size} viewBox={`0 0 ${size} ${size}`} aria-hidden="true">
        <circle cx={size / 2} cy={size / 2} r={radius} fill="none" stroke="#e2e8f0" strokeWidth={stroke} />
        <circle
          cx={size / 2}
          cy={size / 2}
          r={radius}
          fill="none"
          stroke={RING_COLOURS[level]}
          strokeWidth={stroke}
          strokeDasharray={`${filled} ${circumference}`}
          strokeLinecap="round"
          transform={`rotate(-90 ${size / 2} ${size / 2})`}
        />
        <text
          x="50%"
          y="50%"
          dominantBaseline="central"
          textAnchor="middle"
          fontSize={size / 3.6}
          fontWeight="700"
          fill="#0f172a"
        >
          {text}
        </text>
      </svg>
      <figcaption className="text-center text-xs text-slate-600">
        <span className="font-semibold text-slate-800" data-level={level}>
          <span aria-hidden="true">{LEVEL_SYMBOLS[level]}</span> {scoreLabel(score)}
        </span>
        {unverified > 0 && (
          <span className="block font-medium text-violet-800" title="Checks that could not run earn no credit">
            {unverified} % unverified
          </span>
        )}
      </figcaption>
    </figure>
  );
}
