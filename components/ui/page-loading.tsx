/**
 * What a dashboard page shows while it waits on the snapshot store (a route's loading.tsx): the
 * heading's and a few cards' outlines, and "Loading…" said once to assistive technology (role=status)
 * and shown to everyone else.
 */
export function PageLoading({ label = "Loading…" }: { label?: string }) {
  return (
    <div role="status" className="space-y-4">
      <p className="text-sm text-slate-600">{label}</p>
      <div aria-hidden="true" className="space-y-4 motion-safe:animate-pulse">
        <div className="h-7 w-64 max-w-full rounded bg-slate-200" />
        <div className="h-4 w-96 max-w-full rounded bg-slate-200" />
        {[0, 1, 2].map((i) => (
          <div key={i} className="h-28 rounded-lg border border-slate-200 bg-white" />
        ))}
      </div>
    </div>
  );
}
