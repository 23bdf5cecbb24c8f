"use client";

import { useEffect, useRef, useState } from "react";
import {
  initialRegionChoice,
  RegionPicker,
  regionsOfChoice,
  requestScan,
  ServiceChoices,
  type RegionChoice,
  type RegionOffer,
} from "./scan-choices";

interface AccountStatus {
  accountId: string;
  name?: string;
  ou?: string;
  progress: "queued" | "running" | "done" | "failed" | "skipped";
  snapshotId?: string;
  score?: number | null;
  reason?: string;
}

interface OrgStatus {
  orgScanId: string;
  state: "queued" | "listing" | "running" | "finished" | "failed";
  organizationId?: string;
  cancelled: boolean;
  accounts: AccountStatus[];
  reason?: string;
  warnings: string[];
}

const POLL_MS = 1500;

const PROGRESS_LABEL: Record<AccountStatus["progress"], string> = {
  queued: "Queued",
  running: "Running",
  done: "Done",
  failed: "Failed",
  skipped: "Skipped",
};

const PROGRESS_STYLE: Record<AccountStatus["progress"], string> = {
  queued: "bg-slate-100 text-slate-700",
  running: "bg-sky-100 text-sky-900",
  done: "bg-green-100 text-green-900",
  failed: "bg-red-100 text-red-900",
  skipped: "bg-amber-100 text-amber-900",
};

/**
 * Starts a scan of every account of the Organization (or of the accounts named) and follows it
 * account by account until it ends; it can be cancelled meanwhile (accounts already stored stay).
 */
export function OrgScanForm({
  services,
  regions,
}: {
  services: { id: string; name: string }[];
  /** The Regions offered: the server's account's, or AWS's known ones; "all" is each account's own. */
  regions: RegionOffer;
}) {
  const [which, setWhich] = useState<"org" | "accounts">("org");
  const [accounts, setAccounts] = useState("");
  const [regionChoice, setRegionChoice] = useState<RegionChoice>(() => initialRegionChoice(regions));
  const [chosen, setChosen] = useState<Set<string>>(new Set(services.map((s) => s.id)));
  const [status, setStatus] = useState<OrgStatus | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => () => clearTimeout(timer.current), []);

  function follow(id: string) {
    clearTimeout(timer.current);
    const poll = async () => {
      const response = await fetch(`/api/org-scans/${encodeURIComponent(id)}`, { cache: "no-store" }).catch(
        () => undefined,
      );
      if (response?.ok) {
        const next = (await response.json()) as OrgStatus;
        setStatus(next);
        setProblem(undefined);
        if (next.state === "finished" || next.state === "failed") return;
      } else if (response?.status === 404) {
        setProblem("This scan is no longer known (the server restarted, or the queue lost it).");
        return;
      } else {
        setProblem("The scan's progress cannot be read right now; asking again…");
      }
      timer.current = setTimeout(poll, POLL_MS);
    };
    void poll();
  }

  async function start(event: React.FormEvent) {
    event.preventDefault();
    setProblem(undefined);
    const body = {
      ...(which === "org" ? { org: true } : { accounts: accounts.split(/[\s,]+/).filter(Boolean) }),
      services: [...chosen],
      ...regionsOfChoice(regionChoice, regions.offered, regions.defaultRegion),
    };
    const { follow: id, problem } = await requestScan("/api/org-scans", body);
    if (problem) setProblem(problem);
    if (id) follow(id);
  }

  async function cancel() {
    if (!status) return;
    const response = await fetch(`/api/org-scans/${encodeURIComponent(status.orgScanId)}/cancel`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    if (!response.ok) setProblem(((await response.json()) as { error?: string }).error ?? "Could not cancel.");
  }

  const active = status !== undefined && status.state !== "finished" && status.state !== "failed";
  const count = (p: AccountStatus["progress"]) => status?.accounts.filter((a) => a.progress === p).length ?? 0;
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <form
        onSubmit={start}
        className="space-y-4 rounded-lg border border-slate-200 bg-white p-5"
        aria-label="Organization scan settings"
      >
        <fieldset className="space-y-1 text-sm">
          <legend className="mb-1 font-bold">Accounts</legend>
          <label className="flex items-center gap-2">
            <input type="radio" name="which" checked={which === "org"} onChange={() => setWhich("org")} />
            Every active account of the Organization (suspended ones are listed, not scanned)
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="which" checked={which === "accounts"} onChange={() => setWhich("accounts")} />
            These accounts:
          </label>
          <input
            aria-label="Account ids"
            value={accounts}
            onChange={(e) => setAccounts(e.target.value)}
            disabled={which !== "accounts"}
            className="w-full rounded border border-slate-300 px-2 py-1 disabled:bg-slate-50"
            placeholder="111122223333, 444455556666"
          />
        </fieldset>
        <ServiceChoices services={services} chosen={chosen} onChange={setChosen} />
        <RegionPicker
          {...regions}
          value={regionChoice}
          onChange={setRegionChoice}
          name="org-region-mode"
          allLabel="All enabled Regions of each account (listed in each account when its scan starts)"
          groupLabel="Regions to scan in each account"
        />
        <div className="flex flex-wrap gap-2">
          <button
            type="submit"
            disabled={active || chosen.size === 0 || (regionChoice.mode === "chosen" && regionChoice.chosen.size === 0)}
            className="rounded bg-slate-900 px-4 py-2 text-sm font-medium text-white disabled:opacity-50"
          >
            {active ? "Scanning accounts…" : "Scan accounts"}
          </button>
          {active && !status?.cancelled && (
            <button type="button" onClick={cancel} className="rounded border border-slate-400 px-4 py-2 text-sm">
              Cancel
            </button>
          )}
        </div>
        {problem && (
          <p role="alert" className="text-sm text-red-800">
            {problem}
          </p>
        )}
      </form>
      <section
        aria-labelledby="org-progress-heading"
        className="min-w-0 rounded-lg border border-slate-200 bg-white p-5"
      >
        <h2 id="org-progress-heading" className="mb-2 font-bold">
          Accounts’ progress
        </h2>
        {!status ? (
          <p className="text-sm text-slate-600">No organization scan started from this page yet.</p>
        ) : (
          <>
            <p className="mb-2 text-sm" aria-live="polite">
              {status.state === "queued" && "Queued: waiting for a worker."}
              {status.state === "listing" && "Listing the Organization’s accounts…"}
              {(status.state === "running" || status.state === "finished") &&
                `${status.state === "finished" ? "Finished" : "Running"}${status.cancelled ? " (cancelled)" : ""}: ${count("done")} done, ${count("running")} running, ${count("queued")} queued, ${count("failed")} failed, ${count("skipped")} skipped.`}
              {status.state === "failed" && (status.reason ?? "The scan failed.")}
            </p>
            {status.warnings.map((w) => (
              <p key={w} className="mb-1 text-xs text-amber-900">
                Note: {w}
              </p>
            ))}
            <ul className="max-h-96 space-y-1 overflow-y-auto text-sm">
              {status.accounts.map((a) => (
                <li key={a.accountId} className="flex flex-wrap items-baseline gap-x-2">
                  <span className={`rounded px-1.5 text-xs font-medium ${PROGRESS_STYLE[a.progress]}`}>
                    {PROGRESS_LABEL[a.progress]}
                  </span>
                  <span className="font-mono text-xs">{a.accountId}</span>
                  {a.name && <span>{a.name}</span>}
                  {a.progress === "done" && a.snapshotId && (
                    <a
                      className="text-sky-800 underline"
                      href={`/?account=${a.accountId}&snapshot=${encodeURIComponent(a.snapshotId)}`}
                    >
                      {a.score === null || a.score === undefined ? "not scored" : `${a.score}/100`}
                    </a>
                  )}
                  {a.reason && <span className="basis-full text-xs text-slate-600 break-words">{a.reason}</span>}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </div>
  );
}
