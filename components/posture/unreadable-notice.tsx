/** Says that newer snapshots exist but could not be read, so the page shows an older one. */
export function UnreadableNotice({ notice }: { notice?: string }) {
  if (!notice) return null;
  return (
    <p role="note" className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950">
      <strong>Older snapshot shown.</strong> {notice}
    </p>
  );
}
