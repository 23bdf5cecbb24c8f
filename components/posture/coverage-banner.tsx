import type { Snapshot } from "@/lib/snapshot/schema";

/** What the scan could not see: denied actions, failed calls and skipped regions. */
export function CoverageBanner({ coverage }: { coverage: Snapshot["coverage"] }) {
  const rejectingRegions = [
    ...new Set(coverage.errors.filter((e) => e.kind === "credentials-rejected").map((e) => e.region)),
  ].sort();
  const otherErrors = coverage.errors.filter((e) => e.kind !== "access-denied" && e.kind !== "credentials-rejected");
  if (
    coverage.deniedActions.length === 0 &&
    otherErrors.length === 0 &&
    rejectingRegions.length === 0 &&
    (coverage.notes ?? []).length === 0 &&
    coverage.skippedRegions.length === 0
  )
    return null;
  return (
    <section
      aria-labelledby="coverage-heading"
      className="mb-6 rounded-md border border-violet-300 bg-violet-50 px-4 py-3 text-sm text-violet-950"
    >
      <h2 id="coverage-heading" className="font-bold">
        <span aria-hidden="true">? </span>Incomplete scan coverage
      </h2>
      <p>
        Results that needed the data below are marked Error, controls with some of them are marked incomplete, and
        neither earns score credit.
      </p>
      {rejectingRegions.length > 0 && (
        <p className="mt-1">
          Regions that rejected the credentials (nothing there could be read, so everything there is an error, not a
          pass): {rejectingRegions.join(", ")}
        </p>
      )}
      {coverage.deniedActions.length > 0 && (
        <p className="mt-1">
          Denied IAM actions (add them to the scanner&apos;s policy):{" "}
          {coverage.deniedActions.map((a) => (
            <code key={a} className="mr-2 rounded bg-violet-100 px-1 wrap-anywhere">
              {a}
            </code>
          ))}
        </p>
      )}
      {otherErrors.length > 0 && (
        <ul className="mt-1 list-disc pl-5">
          {otherErrors.map((e) => (
            <li key={`${e.region}-${e.action}`}>
              {e.action} in {e.region}: {e.message}
            </li>
          ))}
        </ul>
      )}
      {(coverage.notes ?? []).length > 0 && (
        <ul className="mt-1 list-disc pl-5">
          {(coverage.notes ?? []).map((n) => (
            <li key={`${n.service}-${n.region}-${n.message}`}>
              Not examined in {n.region}: {n.message}
            </li>
          ))}
        </ul>
      )}
      {coverage.skippedRegions.length > 0 && (
        <p className="mt-1">
          Skipped regions:{" "}
          {coverage.skippedRegions
            .map((r) => `${r.region}${r.service ? ` (${r.service})` : ""}: ${r.reason}`)
            .join("; ")}
        </p>
      )}
    </section>
  );
}
