"use client";

import { useRouter } from "next/navigation";
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

interface Step {
  step: string;
  /** The step in people's words (lib/scan/step-names.ts); older servers sent only `step`. */
  name?: string;
  region?: string;
  state: "started" | "finished";
}

interface Status {
  id: string;
  state: "running" | "finished" | "failed" | "cancelled";
  cancelling?: boolean;
  steps: Step[];
  snapshotId?: string;
  error?: string;
  problem?: { message: string; fix: string };
}

function Failure({ status }: { status: Status }) {
  return (
    <div role="alert" className="mb-2 rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900">
      <p className="font-medium">
        {status.problem
          ? `The scan could not start: ${status.problem.message}`
          : (status.error ?? "The scan failed; earlier snapshots are unchanged.")}
      </p>
      {status.problem && (
        <p className="mt-1">
          <span className="font-medium">How to fix: </span>
          {status.problem.fix}
        </p>
      )}
    </div>
  );
}

/** Chooses services and Regions, starts a scan, follows its progress (or cancels it) until the snapshot lands. */
export function ScanForm({ services, regions }: { services: { id: string; name: string }[]; regions: RegionOffer }) {
  const router = useRouter();
  const [chosen, setChosen] = useState<Set<string>>(new Set(services.map((s) => s.id)));
  const [regionChoice, setRegionChoice] = useState<RegionChoice>(() => initialRegionChoice(regions));
  const [status, setStatus] = useState<Status | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const source = useRef<EventSource | undefined>(undefined);

  useEffect(() => () => source.current?.close(), []);

  function follow(id: string) {
    source.current?.close();
    const events = new EventSource(`/api/scans/${encodeURIComponent(id)}/events`);
    source.current = events;
    events.onmessage = (message) => {
      const next = JSON.parse(message.data as string) as Status;
      setStatus(next);
      if (next.state !== "running") {
        events.close();
        if (next.state === "finished" && next.snapshotId)
          router.push(`/?snapshot=${encodeURIComponent(next.snapshotId)}`);
      }
    };
    events.onerror = () => events.close();
  }

  async function start(event: React.FormEvent) {
    event.preventDefault();
    setProblem(undefined);
    const body = { services: [...chosen], ...regionsOfChoice(regionChoice, regions.offered, regions.defaultRegion) };
    const { follow: id, problem } = await requestScan("/api/scans", body);
    if (problem) setProblem(problem);
    if (id) follow(id);
  }

  async function cancel() {
    if (!status) return;
    setProblem(undefined);
    const response = await fetch(`/api/scans/${encodeURIComponent(status.id)}/cancel`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    // 202: the progress stream shows the scan winding down and ending as cancelled.
    if (response.status !== 202) {
      const answer = (await response.json().catch(() => ({}))) as { error?: string };
      setProblem(answer.error ?? `The scan could not be cancelled (HTTP ${response.status}).`);
    }
  }

  const running = status?.state === "running";
  const noRegion = regionChoice.mode === "chosen" && regionChoice.chosen.size === 0;
  const finishedSteps = status?.steps.filter((s) => s.state === "finished").length ?? 0;
  const inProgress = (status?.steps.length ?? 0) - finishedSteps;
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <form
        onSubmit={start}
        className="space-y-4 rounded-lg border border-slate-200 bg-white p-5"
        aria-label="Scan settings"
      >
        <ServiceChoices services={services} chosen={chosen} onChange={setChosen} />
        <RegionPicker {...regions} value={regionChoice} onChange={setRegionChoice} />
        <button
          type="submit"
          disabled={running || chosen.size === 0 || noRegion}
          className="rounded bg-slate-900 px-4 py-2 text-sm font-medium text-white disabled:opacity-50"
        >
          {running ? "Scanning…" : "Scan now"}
        </button>
        {noRegion && <p className="text-sm text-slate-600">Choose at least one Region.</p>}
        {problem && (
          <p role="alert" className="rounded border border-red-300 bg-red-50 p-2 text-sm text-red-900">
            {problem}
          </p>
        )}
      </form>
      <section aria-labelledby="progress-heading" className="rounded-lg border border-slate-200 bg-white p-5">
        <div className="mb-2 flex items-center justify-between gap-4">
          <h2 id="progress-heading" className="font-bold">
            Progress
          </h2>
          {running && (
            <button
              type="button"
              onClick={cancel}
              disabled={status.cancelling}
              className="rounded border border-slate-300 px-3 py-1 text-sm font-medium text-slate-800 hover:bg-slate-50 disabled:opacity-50"
            >
              {status.cancelling ? "Cancelling…" : "Cancel scan"}
            </button>
          )}
        </div>
        {!status ? (
          <p className="text-sm text-slate-600">No scan started from this page yet.</p>
        ) : (
          <>
            {status.state === "failed" ? (
              <Failure status={status} />
            ) : (
              <p className="mb-2 text-sm" aria-live="polite">
                {running && !status.cancelling && `Running: ${finishedSteps} of ${status.steps.length} steps done.`}
                {running &&
                  status.cancelling &&
                  `Cancelling: no further step starts; waiting for ${inProgress} ${inProgress === 1 ? "step" : "steps"} in progress to end. Nothing will be stored.`}
                {status.state === "finished" && "Finished. Opening the new snapshot…"}
                {status.state === "cancelled" &&
                  "Cancelled. Nothing was stored: the dashboard keeps showing the earlier snapshots."}
              </p>
            )}
            <ul className="max-h-80 space-y-1 overflow-y-auto text-sm" aria-label="Scan steps">
              {status.steps.map((s) => (
                <li key={`${s.step}-${s.region ?? "all"}`}>
                  <span aria-hidden="true">{s.state === "finished" ? "✓" : "…"}</span> {s.name ?? s.step}
                  {s.region ? ` · ${s.region}` : ""} <span className="sr-only">{s.state}</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </div>
  );
}
