import { STATUS_LABELS, type Status } from "@/lib/controls/types";
import { Badge } from "@/components/ui/badge";

/** Each status has its own symbol as well as its colour, so it reads without colour. */
export const STATUS_STYLES: Record<Status, { symbol: string; className: string }> = {
  pass: { symbol: "✓", className: "bg-green-100 text-green-800 ring-1 ring-green-700/30" },
  fail: { symbol: "✗", className: "bg-red-100 text-red-800 ring-1 ring-red-700/30" },
  warn: { symbol: "!", className: "bg-amber-100 text-amber-900 ring-1 ring-amber-700/30" },
  "not-applicable": { symbol: "–", className: "bg-slate-100 text-slate-700 ring-1 ring-slate-500/30" },
  error: { symbol: "?", className: "bg-violet-100 text-violet-800 ring-1 ring-violet-700/30" },
};

/**
 * A status, and, when part of what it sums up could not be judged, the word "incomplete" under it:
 * "✗ Fail · incomplete" says the failure is real and that there may be more. The mark sits on its
 * own line so that narrow status columns never clip it.
 */
export function StatusPill({ status, incomplete }: { status: Status; incomplete?: { resources: number } }) {
  const style = STATUS_STYLES[status];
  const pill = (
    <Badge className={style.className}>
      <span aria-hidden="true">{style.symbol}</span>
      {STATUS_LABELS[status]}
    </Badge>
  );
  if (!incomplete) return pill;
  return (
    <span className="inline-flex flex-col items-start gap-0.5">
      {pill}
      <span
        className="text-xs font-medium text-violet-800"
        title={`${incomplete.resources} result(s) could not be judged`}
      >
        <span className="sr-only">, </span>
        <span aria-hidden="true">? </span>incomplete
      </span>
    </span>
  );
}
