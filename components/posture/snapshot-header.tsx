import type { Snapshot } from "@/lib/snapshot/schema";

function formatTime(iso: string): string {
  return new Date(iso)
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d+Z$/, " UTC");
}

/** Which account and scan the page is about; demo data is labelled as such, prominently. */
export function SnapshotHeader({ snapshot }: { snapshot: Snapshot }) {
  return (
    <div className="mb-6 space-y-3">
      {snapshot.source === "demo" && (
        <div role="note" className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950">
          <p className="font-bold">Demo data</p>
          <p>
            This is a fictional account shipped with Safekeep, evaluated by the same controls as a real scan. To see
            your own account, configure AWS credentials (a profile, SSO or environment variables) with the read-only
            policy in
            <code className="mx-1 rounded bg-amber-100 px-1">policy/safekeep-scanner-policy.json</code>and run
            <code className="mx-1 rounded bg-amber-100 px-1">npm run scan</code>.
          </p>
        </div>
      )}
      <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-4">
        <div>
          <dt className="text-slate-500">Account</dt>
          <dd className="font-mono">{snapshot.account.id}</dd>
          {snapshot.account.name && <dd className="text-xs text-slate-600">{snapshot.account.name}</dd>}
          {snapshot.account.ou && <dd className="font-mono text-xs text-slate-500">{snapshot.account.ou}</dd>}
        </div>
        <div>
          <dt className="text-slate-500">Regions</dt>
          <dd>{snapshot.regions.join(", ") || "none"}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Scanned</dt>
          <dd>
            <time dateTime={snapshot.finishedAt}>{formatTime(snapshot.finishedAt)}</time>
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">Snapshot</dt>
          <dd className="font-mono">{snapshot.id}</dd>
        </div>
      </dl>
    </div>
  );
}
