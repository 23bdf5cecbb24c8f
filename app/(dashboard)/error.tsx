"use client";

/** Shown when a page fails to render: a plain message, no stack trace or internals. */
export default function DashboardError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-6">
      <h1 className="text-lg font-bold">This page could not be shown</h1>
      <p className="mt-1 text-sm">The snapshot could not be read. Try again, or go back to the overview.</p>
      <button type="button" onClick={reset} className="mt-3 rounded bg-slate-900 px-3 py-1.5 text-sm text-white">
        Try again
      </button>
    </div>
  );
}
