/**
 * The scales of the score trend: where a snapshot sits along time and along the score, and which
 * ticks to label. Pure and clock-free, so the chart is the same on the server, in a test and in print.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export interface ScoreDomain {
  min: number;
  max: number;
  ticks: number[];
}

/**
 * The score axis: the lowest and highest score padded by 5 points and rounded out to a multiple of 5
 * (of 10 when the spread is wide), within 0–100 and never narrower than 10 points. A 0–100 axis would
 * flatten a 79 → 74 drop into a wobble; a tight one shows it, and every point stays inside.
 */
export function scoreDomain(scores: readonly number[]): ScoreDomain {
  if (scores.length === 0) return { min: 0, max: 100, ticks: [0, 25, 50, 75, 100] };
  const low = Math.min(...scores) - 5;
  const high = Math.max(...scores) + 5;
  const round = high - low > 40 ? 10 : 5;
  let min = Math.max(0, Math.floor(low / round) * round);
  let max = Math.min(100, Math.ceil(high / round) * round);
  if (max - min < 10) {
    // Grow away from the bound that is already hit (a run of 100s widens downwards).
    if (max === 100) min = 90;
    else if (min === 0) max = 10;
    else max = min + 10;
  }
  const step = [5, 10, 20, 25, 50].find((s) => (max - min) / s <= 4) ?? 50;
  const ticks: number[] = [];
  for (let t = Math.ceil(min / step) * step; t <= max; t += step) ticks.push(t);
  return { min, max, ticks };
}

/** 0 at the bottom of the axis, 1 at the top. */
export function scoreFraction(score: number, domain: Pick<ScoreDomain, "min" | "max">): number {
  return (score - domain.min) / (domain.max - domain.min);
}

/**
 * Each moment's place along the axis, 0 (oldest) to 1 (newest), in proportion to time: two scans 30
 * minutes apart sit close together, two 12 days apart far apart. When every moment is the same, they
 * all sit in the middle rather than being spread as if time had passed.
 */
export function timeFractions(isoTimes: readonly string[]): number[] {
  const ms = isoTimes.map((t) => Date.parse(t));
  const first = Math.min(...ms);
  const span = Math.max(...ms) - first;
  return ms.map((t) => (span > 0 ? (t - first) / span : 0.5));
}

export interface TimeTick {
  /** 0–1 along the axis. */
  at: number;
  label: string;
  iso: string;
}

const STEPS: ReadonlyArray<{ ms: number } | { months: number }> = [
  { ms: 5 * MINUTE },
  { ms: 10 * MINUTE },
  { ms: 15 * MINUTE },
  { ms: 30 * MINUTE },
  { ms: HOUR },
  { ms: 3 * HOUR },
  { ms: 6 * HOUR },
  { ms: 12 * HOUR },
  { ms: DAY },
  { ms: 2 * DAY },
  { ms: 3 * DAY },
  { ms: 7 * DAY },
  { ms: 14 * DAY },
  { months: 1 },
  { months: 2 },
  { months: 3 },
  { months: 6 },
  { months: 12 },
];

function dayLabel(d: Date): string {
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
}

function clockLabel(d: Date): string {
  return d.toISOString().slice(11, 16);
}

/** Aligned UTC moments in [first, last] for one step: midnights, whole hours, month starts. */
function ticksFor(step: { ms: number } | { months: number }, first: number, last: number): number[] {
  const out: number[] = [];
  if ("months" in step) {
    const start = new Date(first);
    // The first month start at or after `first`, then every month start up to `last`.
    let index = start.getUTCFullYear() * 12 + start.getUTCMonth();
    if (Date.UTC(Math.floor(index / 12), index % 12, 1) < first) index += 1;
    for (let t = Date.UTC(Math.floor(index / 12), index % 12, 1); t <= last;) {
      if ((index % 12) % step.months === 0) out.push(t);
      index += 1;
      t = Date.UTC(Math.floor(index / 12), index % 12, 1);
    }
    return out;
  }
  if ((last - first) / step.ms > 100) return out; // far too many to label: a coarser step will do
  // Weeks start on Mondays; shorter steps align to whole multiples since the epoch (midnights, hours).
  const offset = step.ms === 7 * DAY || step.ms === 14 * DAY ? 4 * DAY : 0; // 1970-01-05 was a Monday
  for (let t = Math.ceil((first - offset) / step.ms) * step.ms + offset; t <= last; t += step.ms) out.push(t);
  return out;
}

/**
 * At most `max` labelled moments (four fit a phone-wide chart at 12 px) along the time axis, on round UTC times (whole hours, midnights,
 * Mondays, month starts). Labels are short: "20 Nov" for day steps, "Nov 2026" for months, "14:00"
 * for hours, with the day written on the first tick and wherever the day changes.
 */
export function timeTicks(isoTimes: readonly string[], max = 4): TimeTick[] {
  const ms = isoTimes.map((t) => Date.parse(t)).filter((t) => !Number.isNaN(t));
  if (ms.length === 0) return [];
  const first = Math.min(...ms);
  const last = Math.max(...ms);
  const span = last - first;
  if (span === 0) {
    const d = new Date(first);
    return [{ at: 0.5, label: `${dayLabel(d)} ${clockLabel(d)}`, iso: d.toISOString() }];
  }
  // The finest step that labels two to `max` moments; failing that, one that labels at least one.
  const candidates = STEPS.map((step) => ({ step, ticks: ticksFor(step, first, last) })).filter(
    (c) => c.ticks.length > 0 && c.ticks.length <= max,
  );
  const chosen = candidates.find((c) => c.ticks.length >= 2) ?? candidates[0];
  if (chosen) {
    const { step, ticks } = chosen;
    let previousDay = "";
    return ticks.map((t) => {
      const d = new Date(t);
      const day = d.toISOString().slice(0, 10);
      let label: string;
      if ("months" in step) label = `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
      else if (step.ms >= DAY) label = dayLabel(d);
      else label = day === previousDay ? clockLabel(d) : `${dayLabel(d)} ${clockLabel(d)}`;
      previousDay = day;
      return { at: (t - first) / span, label, iso: d.toISOString() };
    });
  }
  // Less than five minutes between the first and last scan: label the two ends.
  return [first, last].map((t, i) => {
    const d = new Date(t);
    return { at: i, label: `${i === 0 ? `${dayLabel(d)} ` : ""}${clockLabel(d)}`, iso: d.toISOString() };
  });
}
