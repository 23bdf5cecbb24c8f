import Link from "next/link";
import type { Snapshot } from "@/lib/snapshot/schema";
import { UtcTime } from "@/components/ui/utc-time";

/** What a page needs to say it shows an older snapshot (from `loadSnapshot`'s `older`). */
export interface OlderSnapshot {
  latestId: string;
  latestFinishedAt: string;
  latestHref: (path: string) => string;
}

/** "Older snapshot — view latest": a pinned `?snapshot=` that is not its account's newest never looks current. */
export function OlderSnapshotNote({ older, path }: { older?: OlderSnapshot; path: string }) {
  if (!older) return null;
  return (
    <p role="note" className="rounded-md border border-sky-300 bg-sky-50 px-4 py-2 text-sm text-sky-950">
      <span className="font-bold">Older snapshot</span> — this is not the account&apos;s newest scan (that one finished{" "}
      <UtcTime iso={older.latestFinishedAt} />
      ).{" "}
      <Link href={older.latestHref(path)} className="font-medium text-blue-800 underline">
        View latest
      </Link>
    </p>
  );
}

/** One line for pages about part of a snapshot (a control): the account and when it was scanned, for screenshots. */
export function SnapshotLine({ snapshot }: { snapshot: Snapshot }) {
  return (
    <p className="mb-4 flex flex-wrap gap-x-3 gap-y-1 text-sm text-slate-600">
      <span>
        Account <span className="font-mono text-slate-800">{snapshot.account.id}</span>
        {snapshot.account.name && <span> ({snapshot.account.name})</span>}
      </span>
      <span>
        Scanned <UtcTime iso={snapshot.finishedAt} className="text-slate-800" />
      </span>
      <span className="min-w-0 break-all">
        Snapshot <span className="font-mono text-slate-800">{snapshot.id}</span>
      </span>
    </p>
  );
}

/** Which account and scan the page is about; demo data is labelled as such, prominently. */
export function SnapshotHeader({
  snapshot,
  older,
  path,
}: {
  snapshot: Snapshot;
  older?: OlderSnapshot;
  path?: string;
}) {
  return (
    <div className="mb-6 space-y-3">
      <OlderSnapshotNote older={older} path={path ?? "/"} />
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
        <div className="min-w-0">
          <dt className="text-slate-500">Account</dt>
          <dd className="font-mono">{snapshot.account.id}</dd>
          {snapshot.account.name && <dd className="text-xs break-words text-slate-600">{snapshot.account.name}</dd>}
          {snapshot.account.ou && <dd className="font-mono text-xs text-slate-500">{snapshot.account.ou}</dd>}
        </div>
        <div>
          <dt className="text-slate-500">Regions</dt>
          <dd>
            {snapshot.regions.length === 0
              ? "none"
              : snapshot.regions.map((r, i) => (
                  <span key={r}>
                    {i > 0 && ", "}
                    <span className="whitespace-nowrap">{r}</span>
                  </span>
                ))}
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">Scanned</dt>
          <dd>
            <UtcTime iso={snapshot.finishedAt} />
          </dd>
        </div>
        <div className="min-w-0">
          <dt className="text-slate-500">Snapshot</dt>
          <dd className="font-mono break-all">{snapshot.id}</dd>
        </div>
      </dl>
    </div>
  );
}
