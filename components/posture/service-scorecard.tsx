import Link from "next/link";
import { SERVICE_NAMES } from "@/lib/inventory/common";
import type { SnapshotService } from "@/lib/snapshot/schema";
import { ScoreRing } from "./score-ring";
import { StatusBar } from "./status-bar";

/** One service on the overview: its score, its controls by status, and the way in. */
export function ServiceScorecard({ service, href }: { service: SnapshotService; href: string }) {
  const name = SERVICE_NAMES[service.id];
  const headingId = `card-${service.id}`;
  if (!service.evaluated) {
    return (
      <article
        aria-labelledby={headingId}
        className="flex flex-col rounded-lg border border-dashed border-slate-300 bg-white p-5"
      >
        <h3 id={headingId} className="font-bold">
          {name}
        </h3>
        <p className="mt-4 text-sm font-medium text-slate-700">Not evaluated yet</p>
        <p className="mt-1 text-sm text-slate-500">
          This snapshot has no results for {name}: its controls were not part of the scan. No score is shown rather than
          a guess.
        </p>
      </article>
    );
  }
  const errors = service.counts.error;
  return (
    <article
      aria-labelledby={headingId}
      className="flex flex-col rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
    >
      <div className="flex items-start justify-between gap-3">
        <h3 id={headingId} className="font-bold">
          <Link href={href} className="hover:underline">
            {name}
          </Link>
        </h3>
        <ScoreRing score={service.score} size={72} label={`${name} score`} unverified={service.unverified} />
      </div>
      <div className="mt-3">
        <StatusBar counts={service.counts} />
      </div>
      {errors > 0 && (
        <p className="mt-2 text-xs text-violet-800">
          {errors} control{errors === 1 ? "" : "s"} could not be evaluated at all: no credit in the score.
        </p>
      )}
      <Link href={href} className="mt-auto pt-4 text-sm font-medium text-blue-700 hover:underline">
        View {name} controls <span aria-hidden="true">→</span>
      </Link>
    </article>
  );
}
