"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

interface Sent {
  channel: string;
  target: string;
  outcome: "delivered" | "failed";
  attempts: number;
  error?: string;
}

/** Sends a test message to every configured channel and says, per channel, whether it arrived. */
export function SendTestButton({ disabled }: { disabled: boolean }) {
  const router = useRouter();
  const [state, setState] = useState<{ busy: boolean; error?: string; sent?: Sent[] }>({ busy: false });
  async function send() {
    setState({ busy: true });
    try {
      const response = await fetch("/api/notifications/test", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      });
      const answer = (await response.json().catch(() => ({}))) as { error?: string; deliveries?: Sent[] };
      if (!response.ok)
        setState({ busy: false, error: answer.error ?? `The server answered HTTP ${response.status}.` });
      else setState({ busy: false, sent: answer.deliveries ?? [] });
      router.refresh();
    } catch {
      setState({ busy: false, error: "The server could not be reached." });
    }
  }
  return (
    <div className="mt-3">
      <button
        type="button"
        onClick={send}
        disabled={disabled || state.busy}
        className="rounded bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700 disabled:cursor-not-allowed disabled:opacity-50"
      >
        {state.busy ? "Sending…" : "Send a test message"}
      </button>
      <div role="status" aria-live="polite" className="mt-2 text-sm">
        {state.error && <p className="text-red-800">{state.error}</p>}
        {state.sent && (
          <ul className="space-y-1">
            {state.sent.map((d) => (
              <li key={`${d.channel}-${d.target}`}>
                {d.outcome === "delivered" ? "✓ Delivered" : "✗ Failed"} · {d.channel} · {d.target} · {d.attempts}{" "}
                {d.attempts === 1 ? "attempt" : "attempts"}
                {d.error ? ` · ${d.error}` : ""}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
