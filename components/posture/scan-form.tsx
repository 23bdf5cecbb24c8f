"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { RegionsField, regionsOf, requestScan, ServiceChoices } from "./scan-choices";

interface Step {
  step: string;
  region?: string;
  state: "started" | "finished";
}

interface Status {
  id: string;
  state: "running" | "finished" | "failed";
  steps: Step[];
  snapshotId?: string;
  error?: string;
}

/** Chooses services and regions, starts a scan, and follows its progress until the snapshot lands. */
export function ScanForm({ services }: { services: { id: string; name: string }[] }) {
  const router = useRouter();
  const [chosen, setChosen] = useState<Set<string>>(new Set(services.map((s) => s.id)));
  const [regions, setRegions] = useState("");
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
    const body = {
      services: [...chosen],
      ...regionsOf(regions),
    };
    const { follow: id, problem } = await requestScan("/api/scans", body);
    if (problem) setProblem(problem);
    if (id) follow(id);
  }

  const running = status?.state === "running";
  const finishedSteps = status?.steps.filter((s) => s.state === "finished").length ?? 0;
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <form
        onSubmit={start}
        className="space-y-4 rounded-lg border border-slate-200 bg-white p-5"
        aria-label="Scan settings"
      >
        <ServiceChoices services={services} chosen={chosen} onChange={setChosen} />
        <RegionsField value={regions} onChange={setRegions} />
        <button
          type="submit"
          disabled={running || chosen.size === 0}
          className="rounded bg-slate-900 px-4 py-2 text-sm font-medium text-white disabled:opacity-50"
        >
          {running ? "Scanning…" : "Scan now"}
        </button>
        {problem && (
          <p role="alert" className="text-sm text-red-800">
            {problem}
          </p>
        )}
      </form>
      <section aria-labelledby="progress-heading" className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="progress-heading" className="mb-2 font-bold">
          Progress
        </h2>
        {!status ? (
          <p className="text-sm text-slate-600">No scan started from this page yet.</p>
        ) : (
          <>
            <p className="mb-2 text-sm" aria-live="polite">
              {status.state === "running" && `Running: ${finishedSteps} of ${status.steps.length} steps done.`}
              {status.state === "finished" && "Finished. Opening the new snapshot…"}
              {status.state === "failed" && (status.error ?? "The scan failed.")}
            </p>
            <ul className="max-h-80 space-y-1 overflow-y-auto text-sm">
              {status.steps.map((s) => (
                <li key={`${s.step}-${s.region ?? "all"}`}>
                  <span aria-hidden="true">{s.state === "finished" ? "✓" : "…"}</span> {s.step}
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
