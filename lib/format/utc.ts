/**
 * The one way the dashboard writes a moment: "2026-12-02 10:05 UTC" (minutes, always UTC), so two
 * screenshots from different time zones say the same thing. Anything unparseable is returned as given
 * rather than as "Invalid Date", so a damaged record still shows what it holds.
 */
export function formatUtc(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const d = new Date(ms).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 16)} UTC`;
}

/** The same moment in the reader's own zone, for the hover title (computed in the browser only). */
export function formatLocal(iso: string, locale?: string, timeZone?: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Intl.DateTimeFormat(locale, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
    ...(timeZone ? { timeZone } : {}),
  }).format(ms);
}
