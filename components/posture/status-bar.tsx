import { STATUS_LABELS, STATUSES } from "@/lib/controls/types";
import type { StatusCounts } from "@/lib/snapshot/schema";
import { STATUS_STYLES } from "./status-pill";

/**
 * Segment fills. Each is held to 3:1 against the card in both themes (theme-palette.test.ts): the
 * lighter amber and grey this bar used before (2.2:1 and 1.5:1 on white) left warnings and
 * not-applicable controls hard to see.
 */
export const BAR_COLOURS = {
  pass: "bg-green-600",
  fail: "bg-red-600",
  warn: "bg-amber-600",
  "not-applicable": "bg-slate-500",
  error: "bg-violet-500",
} as const;

/** Control counts by status: a proportional bar plus a legend with numbers and symbols. */
export function StatusBar({ counts }: { counts: StatusCounts }) {
  const total = STATUSES.reduce((sum, s) => sum + counts[s], 0);
  return (
    <div>
      <div className="flex h-2.5 w-full overflow-hidden rounded-full bg-slate-100" aria-hidden="true">
        {total > 0 &&
          STATUSES.filter((s) => counts[s] > 0).map((s) => (
            <div key={s} className={BAR_COLOURS[s]} style={{ width: `${(counts[s] / total) * 100}%` }} />
          ))}
      </div>
      <ul className="mt-2 flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-700" aria-label="Controls by status">
        {STATUSES.filter((s) => counts[s] > 0).map((s) => (
          <li key={s}>
            <span aria-hidden="true" className="font-bold">
              {STATUS_STYLES[s].symbol}
            </span>{" "}
            {counts[s]} {STATUS_LABELS[s].toLowerCase()}
          </li>
        ))}
      </ul>
    </div>
  );
}
