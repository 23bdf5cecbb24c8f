/**
 * How long a finding has been failing, counted to `asOf`: the scan shown, so that a view of older data
 * does not age by itself. Pure: the client table uses it too.
 */
export function age(firstSeen: string | null, asOf: number): string {
  if (!firstSeen) return "—";
  const days = Math.floor((asOf - Date.parse(firstSeen)) / 86_400_000);
  return days <= 0 ? "today" : days === 1 ? "1 day" : `${days} days`;
}
