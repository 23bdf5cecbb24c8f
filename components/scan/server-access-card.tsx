import type { ServerAccess } from "@/lib/scan/preflight";
import type { StartProblem } from "@/lib/scan/start-problems";

function Problem({ problem, tone }: { problem: StartProblem; tone: "error" | "warning" }) {
  return (
    <div
      role={tone === "error" ? "alert" : "note"}
      className={
        tone === "error"
          ? "mt-3 rounded border border-red-300 bg-red-50 p-3 text-red-900"
          : "mt-3 rounded border border-amber-300 bg-amber-50 p-3 text-amber-900"
      }
    >
      <p className="font-medium">{problem.message}</p>
      <p className="mt-1">
        <span className="font-medium">How to fix: </span>
        {problem.fix}
      </p>
    </div>
  );
}

/**
 * What the server can scan with, checked when the page loads (lib/scan/preflight.ts): the AWS
 * account and caller it would scan as, its default Region, how many Regions are enabled, and what
 * stops a scan with its fix.
 */
export function ServerAccessCard({ access }: { access: ServerAccess }) {
  // Without a default Region the server can still scan the Regions chosen below.
  const blocking = access.problem && access.problem.code !== "no-region" ? access.problem : undefined;
  const warning = access.problem && !blocking ? access.problem : access.regionsProblem;
  const ready = access.credentials === "found" && access.account !== undefined && !blocking;
  return (
    <section
      aria-labelledby="server-access-heading"
      className={`mb-6 max-w-3xl rounded-lg border bg-white p-5 text-sm ${ready ? "border-emerald-300" : "border-red-300"}`}
    >
      <h2 id="server-access-heading" className="font-bold">
        {ready ? "Ready to scan" : "The server cannot scan yet"}
      </h2>
      <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-slate-700">
        <dt className="font-medium">Credentials</dt>
        <dd>
          {access.credentials === "found"
            ? "found"
            : access.credentials === "missing"
              ? "none found"
              : "could not be read"}
        </dd>
        {access.account && (
          <>
            <dt className="font-medium">AWS account</dt>
            <dd className="font-mono">{access.account.id}</dd>
            <dt className="font-medium">Scanning as</dt>
            <dd className="font-mono break-all">{access.account.arn}</dd>
          </>
        )}
        <dt className="font-medium">Default Region</dt>
        <dd className={access.defaultRegion ? "font-mono" : undefined}>{access.defaultRegion ?? "none set"}</dd>
        {access.enabledRegions && (
          <>
            <dt className="font-medium">Enabled Regions</dt>
            <dd>{access.enabledRegions.length}</dd>
          </>
        )}
      </dl>
      {blocking && <Problem problem={blocking} tone="error" />}
      {!blocking && warning && <Problem problem={warning} tone="warning" />}
      <p className="mt-3 text-xs text-slate-500">
        Checked at {access.checkedAt.slice(11, 19)} UTC; reload the page to check again.
      </p>
    </section>
  );
}
