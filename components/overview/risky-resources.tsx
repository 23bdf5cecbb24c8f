import Link from "next/link";
import { Card } from "@/components/ui/card";
import { SEVERITIES, SEVERITY_LABELS } from "@/lib/controls/types";
import type { RiskyResource, RiskyResources } from "@/lib/posture/open-findings";
import { count } from "./count";

/** The controls named under a resource at most; the findings view lists every one. */
const CONTROLS_SHOWN = 3;

const FAIL_STYLES = {
  critical: "bg-red-900 text-white",
  high: "bg-red-100 text-red-900",
  medium: "bg-amber-100 text-amber-900",
  low: "bg-sky-100 text-sky-900",
  info: "bg-slate-100 text-slate-700",
} as const;

function accountLabel(r: RiskyResource): string {
  return r.accountName ? `${r.accountName} (${r.accountId})` : r.accountId;
}

/** "2 high fails · 1 warning": what a resource's rank is made of, most severe first. */
function Tally({ resource }: { resource: RiskyResource }) {
  return (
    <ul aria-label="Open findings" className="flex flex-wrap gap-1">
      {SEVERITIES.filter((s) => resource.fails[s] > 0).map((s) => (
        <li key={s} className={`rounded-full px-2 py-0.5 text-xs font-medium ${FAIL_STYLES[s]}`}>
          {resource.fails[s]} {SEVERITY_LABELS[s].toLowerCase()} {resource.fails[s] === 1 ? "fail" : "fails"}
        </li>
      ))}
      {resource.warns > 0 && (
        <li className="rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-900 ring-1 ring-amber-300">
          {count(resource.warns, "warning")}
        </li>
      )}
    </ul>
  );
}

/**
 * The resources with the most severe open findings across every control: critical failures first,
 * then high, medium and low ones, then warnings. Muted findings and results that could not be judged
 * do not rank a resource; `unjudged` says how many results were left unjudged overall.
 */
export function RiskyResourcesList({
  risky,
  unjudged,
  allHref,
}: {
  risky: RiskyResources;
  /** Results of any control that could not be judged. */
  unjudged: number;
  /** The findings view of the snapshot shown. */
  allHref: string;
}) {
  const { top, total } = risky;
  return (
    <Card className="mb-8">
      <h2 className="mb-1 text-lg font-bold">Top risky resources</h2>
      <p className="mb-3 text-sm text-slate-600">
        Resources ranked by their open findings across all controls: critical failures first, then high, medium and low
        ones, then warnings. Muted findings are left out.
      </p>
      {top.length === 0 ? (
        <p className="text-sm text-slate-700">
          No resource has an open finding.
          {unjudged > 0 && ` ${count(unjudged, "result")} could not be judged, so this is not a clean bill of health.`}
        </p>
      ) : (
        <ol className="divide-y divide-slate-100">
          {top.map((r) => {
            const more = r.controls.length - CONTROLS_SHOWN;
            return (
              <li key={r.resourceArn} className="flex flex-col gap-1 py-2 first:pt-0">
                <Link
                  href={r.href}
                  className={`font-medium text-blue-800 hover:underline ${
                    // An ARN is an identifier: break it anywhere rather than overflow a phone's width.
                    r.name === r.resourceArn ? "font-mono text-sm break-all" : "break-words [overflow-wrap:anywhere]"
                  }`}
                >
                  {r.name}
                </Link>
                <span className="text-xs text-slate-600">
                  {r.region} · account {accountLabel(r)}
                </span>
                <Tally resource={r} />
                <ul aria-label="Controls" className="text-xs text-slate-700">
                  {r.controls.slice(0, CONTROLS_SHOWN).map((c) => (
                    <li key={c.id} className="break-words">
                      {c.status === "fail" ? "✗" : "!"} {c.title}
                    </li>
                  ))}
                  {more > 0 && <li className="text-slate-500">and {count(more, "more control")}</li>}
                </ul>
              </li>
            );
          })}
        </ol>
      )}
      {total > 0 && (
        <p className="mt-3 text-sm">
          <span className="text-slate-600">
            {top.length} of {count(total, "resource")} with open findings.{" "}
          </span>
          <Link href={allHref} className="font-medium text-blue-800 hover:underline">
            Every finding in the findings view <span aria-hidden="true">→</span>
          </Link>
        </p>
      )}
    </Card>
  );
}
