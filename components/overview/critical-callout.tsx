import Link from "next/link";
import { SeverityBadge } from "@/components/posture/severity-badge";
import { findingsHref, type CallOutItem, type CriticalHighCallOut } from "@/lib/posture/open-findings";
import { count } from "./count";

const TONES = {
  failing: "border-red-300 bg-red-50 text-red-950",
  unjudged: "border-violet-300 bg-violet-50 text-violet-950",
  clear: "border-green-300 bg-green-50 text-green-950",
} as const;

function headline(failing: number): string {
  if (failing === 1) return "1 critical or high failure";
  return `${failing} critical and high failures`;
}

/**
 * What the overview leads with: how many resources fail a critical- or high-severity control, and the
 * first few, each a link to its finding. "None" is said only when every result of those controls was
 * judged; otherwise the results that could not be judged are said in the same breath.
 */
export function CriticalCallout({
  callOut,
  snapshotId,
  controlHref,
}: {
  callOut: CriticalHighCallOut;
  snapshotId: string;
  /** The control page of an item, keeping the snapshot and account the page shows. */
  controlHref: (item: CallOutItem) => string;
}) {
  const { failing, unjudged, muted, top } = callOut;
  const tone = failing > 0 ? TONES.failing : unjudged > 0 ? TONES.unjudged : TONES.clear;
  const severities = ["critical", "high"] as const;
  return (
    <section aria-label="Critical and high failures" className={`mb-6 rounded-lg border px-4 py-4 ${tone}`}>
      <h2 className="text-lg font-bold">
        {failing === 0 && unjudged === 0 ? (
          // Muted failures are accepted, not gone: "no open" rather than "no".
          muted > 0 ? (
            "No open critical or high failures"
          ) : (
            "No critical or high failures"
          )
        ) : (
          <>
            {failing === 0 ? "0 critical and high failures found" : headline(failing)}
            {unjudged > 0 && (
              <span className="font-semibold text-violet-900">
                {" "}
                … and {count(unjudged, "result")} could not be judged
              </span>
            )}
          </>
        )}
      </h2>
      <p className="mt-1 text-sm">
        {failing > 0 &&
          `On ${count(callOut.resources, "resource")}: ${callOut.critical} critical, ${callOut.high} high.` +
            (top.length < failing ? ` The first ${top.length}, most severe first:` : "")}
        {failing === 0 && unjudged === 0 && "No resource fails a critical- or high-severity control in this snapshot."}
        {failing === 0 &&
          unjudged > 0 &&
          "No resource that could be judged fails a critical- or high-severity control, but the scan could not read what the others need: failures may be among them."}
      </p>
      {top.length > 0 && (
        <ol className="mt-3 space-y-2">
          {top.map((item) => (
            <li key={`${item.controlId}|${item.findingId}`} className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5">
              <span>
                <SeverityBadge severity={item.severity} />
              </span>
              <Link
                href={item.href}
                className={`font-medium text-blue-800 hover:underline ${
                  // An ARN is an identifier: break it anywhere rather than overflow a phone's width.
                  item.name === item.resourceArn
                    ? "font-mono text-sm break-all"
                    : "break-words [overflow-wrap:anywhere]"
                }`}
              >
                {item.name}
              </Link>
              <span className="basis-full text-sm text-slate-700 sm:basis-auto">
                <Link href={controlHref(item)} className="hover:underline">
                  {item.controlTitle}
                </Link>{" "}
                · {item.region}
              </span>
            </li>
          ))}
        </ol>
      )}
      {(failing > 0 || unjudged > 0 || muted > 0) && (
        <p className="mt-3 flex flex-col gap-1 text-sm sm:flex-row sm:flex-wrap sm:gap-x-4">
          {failing > 0 && (
            <Link
              className="font-medium text-blue-800 hover:underline"
              href={findingsHref(snapshotId, { severities, statuses: ["fail"], muted: false })}
            >
              {failing === 1 ? "See it" : `See all ${failing}`} in the findings view <span aria-hidden="true">→</span>
            </Link>
          )}
          {unjudged > 0 && (
            <Link
              className="font-medium text-blue-800 hover:underline"
              href={findingsHref(snapshotId, { severities, statuses: ["error"] })}
            >
              What could not be judged, and why <span aria-hidden="true">→</span>
            </Link>
          )}
          {muted > 0 && (
            <span>
              {count(
                muted,
                `${failing > 0 ? "more " : ""}critical or high failure is`,
                `${failing > 0 ? "more " : ""}critical or high failures are`,
              )}{" "}
              muted:{" "}
              <Link className="font-medium text-blue-800 hover:underline" href="/mutes">
                see the mutes
              </Link>
            </span>
          )}
        </p>
      )}
    </section>
  );
}
