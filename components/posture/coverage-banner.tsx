import type { ServiceId } from "@/lib/inventory/common";
import type { Snapshot } from "@/lib/snapshot/schema";
import { coverageLines, isEmpty, type CoverageGroup } from "./coverage-lines";

/** Region names never break inside ("ca-⏎central-1"); the list wraps between them. */
function Regions({ regions }: { regions: readonly string[] }) {
  return (
    <>
      {regions.map((r, i) => (
        <span key={r}>
          {i > 0 && ", "}
          <span className="whitespace-nowrap">{r}</span>
        </span>
      ))}
    </>
  );
}

function GroupLine({ label, group, withServices }: { label: string; group: CoverageGroup; withServices: boolean }) {
  return (
    <li>
      <span className="font-medium">{label}:</span>{" "}
      {group.regions.length > 0 ? <Regions regions={group.regions} /> : "all"} — {group.cause}
      {withServices && group.services.length > 0 && (
        <span className="text-violet-800"> ({group.services.join(", ")})</span>
      )}
    </li>
  );
}

/**
 * What the scan could not see: denied actions, failed calls and skipped Regions. On a service page
 * (`scope`) only what concerns that service; on the overview all of it. One line per cause.
 */
export function CoverageBanner({
  coverage,
  scope,
}: {
  coverage: Snapshot["coverage"];
  scope?: { service: ServiceId; requires: readonly string[] };
}) {
  const lines = coverageLines(coverage, scope);
  if (isEmpty(lines)) return null;
  const withServices = scope === undefined;
  return (
    <section
      aria-labelledby="coverage-heading"
      className="mb-6 rounded-md border border-violet-300 bg-violet-50 px-4 py-3 text-sm text-violet-950"
    >
      <h2 id="coverage-heading" className="font-bold">
        <span aria-hidden="true">? </span>Incomplete scan coverage
      </h2>
      <p>
        A result that needed the data below is marked Error; a control judged only in part is marked incomplete. Neither
        earns score credit, and the score says how much of it is unverified.
      </p>
      {lines.rejectingRegions.length > 0 && (
        <p className="mt-1">
          <span className="font-medium">Regions that rejected the credentials</span> (nothing there could be read, so
          everything there is an error, not a pass): <Regions regions={lines.rejectingRegions} />
        </p>
      )}
      {lines.deniedActions.length > 0 && (
        <div className="mt-1">
          <p className="font-medium">Denied IAM actions (add them to the scanner&apos;s policy):</p>
          <ul aria-label="Denied IAM actions" className="mt-1 flex flex-wrap gap-1.5">
            {lines.deniedActions.map((a) => (
              <li key={a}>
                <code className="rounded bg-violet-100 px-1 wrap-anywhere">{a}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
      {(lines.skipped.length > 0 || lines.errors.length > 0 || lines.notes.length > 0) && (
        <ul className="mt-1 list-disc space-y-0.5 pl-5 wrap-anywhere">
          {lines.skipped.map((g) => (
            <GroupLine key={`skip-${g.cause}`} label="Skipped Regions" group={g} withServices={withServices} />
          ))}
          {lines.errors.map((g) => (
            <GroupLine
              key={`err-${g.action}-${g.cause}`}
              label={`${g.action} failed in`}
              group={g}
              withServices={withServices}
            />
          ))}
          {lines.notes.map((g) => (
            <GroupLine key={`note-${g.cause}`} label="Not examined in" group={g} withServices={withServices} />
          ))}
        </ul>
      )}
    </section>
  );
}
